/*
 * kwic: see kwic.h. Per text: split into words (byte offsets), fold each
 * word into one buffer, then test the query at every word. ASCII words
 * are folded by lower-casing, which is what full case folding and NFC do
 * to them, to spare ICU calls on the common case.
 */
#include "kwic.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>

#include "buf.h"
#include "fold.h"
#include "utf8.h"

typedef struct word {
	size_t start, end;		/* bytes of the text */
	size_t fold_off, fold_len;	/* bytes of k->folded */
} word;

struct ctk_kwic {
	size_t n_terms;
	char **terms;			/* folded literal words */
	URegularExpression **regexes;	/* or one regex per word */
	int width, tokens;
	word *words;
	size_t n_words, cap_words;
	ctk_buf folded, scratch, left, right;
	UChar *u16;
	int32_t cap_u16;
};

static int
is_word_char(uint32_t cp)
{
	int8_t t;

	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9') || cp == '_';
	if (u_isalnum((UChar32)cp))
		return 1;
	t = u_charType((UChar32)cp);
	return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK ||
	    t == U_ENCLOSING_MARK || t == U_CONNECTOR_PUNCTUATION;
}

static int
push_word(ctk_kwic *k, size_t start, size_t end)
{
	if (k->n_words == k->cap_words) {
		size_t cap = k->cap_words ? k->cap_words * 2 : 64;
		word *w = realloc(k->words, cap * sizeof *w);

		if (w == NULL)
			return -1;
		k->words = w;
		k->cap_words = cap;
	}
	k->words[k->n_words].start = start;
	k->words[k->n_words].end = end;
	k->n_words++;
	return 0;
}

/* Cuts text into words; CTK_EFORMAT on invalid UTF-8. */
static int
split_words(ctk_kwic *k, const char *text, size_t len, ctk_error *err)
{
	size_t i = 0, n, start = 0;
	int in_word = 0;
	uint32_t cp;

	k->n_words = 0;
	while (i < len) {
		n = ctk_utf8_decode(text + i, len - i, &cp);
		if (n == 0)
			return ctk_error_set(err, CTK_EFORMAT, 0, (long)i + 1,
			    "invalid UTF-8");
		if (is_word_char(cp) && !in_word) {
			start = i;
			in_word = 1;
		} else if (!is_word_char(cp) && in_word) {
			if (push_word(k, start, i) != 0)
				return CTK_ENOMEM;
			in_word = 0;
		}
		i += n;
	}
	if (in_word && push_word(k, start, len) != 0)
		return CTK_ENOMEM;
	return 0;
}

static int
fold_words(ctk_kwic *k, const char *text, ctk_error *err)
{
	size_t i, j, len;
	const char *s;
	int ascii, rc;

	ctk_buf_reset(&k->folded);
	for (i = 0; i < k->n_words; i++) {
		s = text + k->words[i].start;
		len = k->words[i].end - k->words[i].start;
		ascii = 1;
		for (j = 0; j < len && ascii; j++)
			ascii = (unsigned char)s[j] < 0x80;
		k->words[i].fold_off = k->folded.len;
		if (ascii) {
			if (ctk_buf_grow(&k->folded, len + 1) != 0)
				return CTK_ENOMEM;
			for (j = 0; j < len; j++)
				k->folded.data[k->folded.len + j] =
				    s[j] >= 'A' && s[j] <= 'Z' ? s[j] + 32 : s[j];
			k->folded.len += len;
		} else {
			if ((rc = ctk_fold(s, len, &k->scratch, err)) != 0)
				return rc;
			if (ctk_buf_append(&k->folded, k->scratch.data,
			    k->scratch.len) != 0)
				return CTK_ENOMEM;
		}
		k->words[i].fold_len = k->folded.len - k->words[i].fold_off;
		if (ctk_buf_append_char(&k->folded, '\0') != 0)
			return CTK_ENOMEM;
	}
	return 0;
}

static const char *
folded_word(const ctk_kwic *k, size_t i)
{
	return k->folded.data + k->words[i].fold_off;
}

static int
regex_matches(ctk_kwic *k, URegularExpression *re, const char *s,
    size_t len)
{
	UErrorCode status = U_ZERO_ERROR;
	int32_t n;
	UBool ok;

	u_strFromUTF8(NULL, 0, &n, s, (int32_t)len, &status);
	if (n + 1 > k->cap_u16) {
		UChar *u = realloc(k->u16, (size_t)(n + 1) * sizeof *u);

		if (u == NULL)
			return -1;
		k->u16 = u;
		k->cap_u16 = n + 1;
	}
	status = U_ZERO_ERROR;
	u_strFromUTF8(k->u16, k->cap_u16, &n, s, (int32_t)len, &status);
	if (U_FAILURE(status))
		return 0;
	uregex_setText(re, k->u16, n, &status);
	ok = uregex_matches(re, 0, &status);
	return U_SUCCESS(status) && ok;
}

/* 1 when the query matches the words from i on, 0 when not, -1 when out
 * of memory. */
static int
match_at(ctk_kwic *k, size_t i)
{
	size_t t;
	int m;

	if (i + k->n_terms > k->n_words)
		return 0;
	for (t = 0; t < k->n_terms; t++) {
		const word *w = &k->words[i + t];

		if (k->regexes != NULL) {
			m = regex_matches(k, k->regexes[t], folded_word(k, i + t),
			    w->fold_len);
			if (m <= 0)
				return m;
		} else if (strlen(k->terms[t]) != w->fold_len ||
		    memcmp(k->terms[t], folded_word(k, i + t),
		    w->fold_len) != 0) {
			return 0;
		}
	}
	return 1;
}

/* Copies text[from..to) into b with tabs and line breaks as spaces. */
static int
context(ctk_buf *b, const char *text, size_t from, size_t to)
{
	size_t i;

	ctk_buf_reset(b);
	if (ctk_buf_grow(b, to - from + 1) != 0)
		return -1;
	for (i = from; i < to; i++) {
		char c = text[i];

		b->data[b->len++] = c == '\t' || c == '\n' || c == '\r' ?
		    ' ' : c;
	}
	b->data[b->len] = '\0';
	return 0;
}

/* Byte offset `chars` code points before pos (not before 0). */
static size_t
back_chars(const char *text, size_t pos, int chars)
{
	while (pos > 0 && chars > 0) {
		pos--;
		while (pos > 0 && ((unsigned char)text[pos] & 0xc0) == 0x80)
			pos--;
		chars--;
	}
	return pos;
}

static size_t
forward_chars(const char *text, size_t len, size_t pos, int chars)
{
	while (pos < len && chars > 0) {
		pos++;
		while (pos < len && ((unsigned char)text[pos] & 0xc0) == 0x80)
			pos++;
		chars--;
	}
	return pos;
}

static void
sort_words(const ctk_kwic *k, ctk_kwic_hit *h, size_t first, size_t last)
{
	size_t i;

	memset(h->left_words, 0, sizeof h->left_words);
	memset(h->right_words, 0, sizeof h->right_words);
	for (i = 0; i < CTK_KWIC_SORT_WORDS; i++) {
		if (first > i) {
			h->left_words[i].s = folded_word(k, first - 1 - i);
			h->left_words[i].len = k->words[first - 1 - i].fold_len;
		}
		if (last + 1 + i < k->n_words) {
			h->right_words[i].s = folded_word(k, last + 1 + i);
			h->right_words[i].len = k->words[last + 1 + i].fold_len;
		}
	}
	h->match_folded.s = folded_word(k, first);
	h->match_folded.len = k->words[last].fold_off +
	    k->words[last].fold_len - k->words[first].fold_off;
}

static int
make_hit(ctk_kwic *k, const char *text, size_t len, size_t first,
    ctk_kwic_hit *h)
{
	size_t last = first + k->n_terms - 1;
	size_t ms = k->words[first].start, me = k->words[last].end, from, to;

	if (k->tokens > 0) {
		from = first > (size_t)k->tokens ?
		    k->words[first - (size_t)k->tokens].start : 0;
		to = last + (size_t)k->tokens < k->n_words ?
		    k->words[last + (size_t)k->tokens].end : len;
	} else {
		from = back_chars(text, ms, k->width);
		to = forward_chars(text, len, me, k->width);
	}
	if (context(&k->left, text, from, ms) != 0 ||
	    context(&k->right, text, me, to) != 0)
		return CTK_ENOMEM;
	h->left.s = k->left.data;
	h->left.len = k->left.len;
	h->right.s = k->right.data;
	h->right.len = k->right.len;
	h->match.s = text + ms;
	h->match.len = me - ms;
	sort_words(k, h, first, last);
	return 0;
}

int
ctk_kwic_scan(ctk_kwic *k, const char *text, size_t len, ctk_kwic_hit_fn fn,
    void *ctx, ctk_error *err)
{
	ctk_kwic_hit hit;
	size_t i;
	int rc;

	if ((rc = split_words(k, text, len, err)) != 0 ||
	    (rc = fold_words(k, text, err)) != 0)
		return rc;
	for (i = 0; i < k->n_words; i++) {
		rc = match_at(k, i);
		if (rc < 0)
			return ctk_error_set(err, CTK_ENOMEM, 0, 0,
			    "out of memory");
		if (rc == 0)
			continue;
		if (make_hit(k, text, len, i, &hit) != 0)
			return ctk_error_set(err, CTK_ENOMEM, 0, 0,
			    "out of memory");
		if ((rc = fn(ctx, &hit)) != 0)
			return rc;
	}
	return 0;
}

/* ---- queries ---- */

static int
compile_regexes(ctk_kwic *k, const char *query, ctk_error *err)
{
	const char *p = query, *e;
	UErrorCode status;
	UParseError pe;
	UChar *u;
	int32_t n;

	while (*p != '\0') {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		for (e = p; *e != '\0' && *e != ' '; e++)
			;
		status = U_ZERO_ERROR;
		u_strFromUTF8(NULL, 0, &n, p, (int32_t)(e - p), &status);
		u = malloc((size_t)(n + 1) * sizeof *u);
		if (u == NULL)
			return ctk_error_set(err, CTK_ENOMEM, 0, 0,
			    "out of memory");
		status = U_ZERO_ERROR;
		u_strFromUTF8(u, n + 1, NULL, p, (int32_t)(e - p), &status);
		/* regexes is allocated in regex mode (clang-analyzer
		 * assumes otherwise) */
		/* NOLINTNEXTLINE(clang-analyzer-core.NullDereference) */
		k->regexes[k->n_terms] = U_SUCCESS(status) ? uregex_open(u, n,
		    UREGEX_CASE_INSENSITIVE, &pe, &status) : NULL;
		free(u);
		if (U_FAILURE(status) || k->regexes[k->n_terms] == NULL)
			return ctk_error_set(err, CTK_EUSAGE, 0, 0,
			    "bad regular expression '%.*s': %s", (int)(e - p),
			    p, u_errorName(status));
		k->n_terms++;
		p = e;
	}
	return 0;
}

static int
literal_terms(ctk_kwic *k, const char *query, ctk_error *err)
{
	size_t i;
	int rc;

	if ((rc = split_words(k, query, strlen(query), err)) != 0 ||
	    (rc = fold_words(k, query, err)) != 0)
		return rc;
	for (i = 0; i < k->n_words; i++) {
		k->terms[i] = strdup(folded_word(k, i));
		if (k->terms[i] == NULL)
			return ctk_error_set(err, CTK_ENOMEM, 0, 0,
			    "out of memory");
		k->n_terms++;
	}
	return 0;
}

ctk_kwic *
ctk_kwic_new(const char *query, int regex, int width, int tokens,
    ctk_error *err)
{
	ctk_kwic *k = calloc(1, sizeof *k);
	size_t n = strlen(query) + 1;
	int rc;

	if (k == NULL) {
		ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
		return NULL;
	}
	k->width = width;
	k->tokens = tokens;
	ctk_buf_init(&k->folded);
	ctk_buf_init(&k->scratch);
	ctk_buf_init(&k->left);
	ctk_buf_init(&k->right);
	/* a query of n bytes has fewer than n words */
	if (regex)
		k->regexes = calloc(n, sizeof *k->regexes);
	else
		k->terms = calloc(n, sizeof *k->terms);
	if (k->regexes == NULL && k->terms == NULL)
		rc = ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
	else
		rc = regex ? compile_regexes(k, query, err) :
		    literal_terms(k, query, err);
	if (rc == 0 && k->n_terms == 0)
		rc = ctk_error_set(err, CTK_EUSAGE, 0, 0,
		    "the query has no words");
	if (rc != 0) {
		if (rc == CTK_EFORMAT)
			err->code = CTK_EUSAGE;
		ctk_kwic_free(k);
		return NULL;
	}
	return k;
}

void
ctk_kwic_free(ctk_kwic *k)
{
	size_t i;

	if (k == NULL)
		return;
	for (i = 0; i < k->n_terms; i++) {
		if (k->regexes != NULL)
			uregex_close(k->regexes[i]);
		else	/* terms is allocated when regexes is not */
			free(k->terms[i]);	/* NOLINT(clang-analyzer-core.NullDereference) */
	}
	free(k->regexes);
	free(k->terms);
	free(k->words);
	free(k->u16);
	ctk_buf_release(&k->folded);
	ctk_buf_release(&k->scratch);
	ctk_buf_release(&k->left);
	ctk_buf_release(&k->right);
	free(k);
}

/*
 * tokenize: the ctk tokenizer (see tokenize.h and ctk-tokenize(1) for the
 * rules). The text is walked once, left to right, by ICU's word break
 * iterator over a UTF-8 UText; at each segment start our own scanners get
 * the first say (URL, e-mail, mention, hashtag), then the segment is
 * typed from ICU's rule status and refined (numbers with grouped digits,
 * hyphen compounds, elisions, inversions, possessives). A second
 * iterator, for sentences, runs only when sentence numbers are wanted.
 *
 * Most segments do not need ICU at all: lib/wordseg.c finds the same
 * segments in ASCII and Latin text by itself, and the word iterator is
 * only attached to a text, and asked, where wordseg cannot tell.
 *
 * Normalization works on a reusable UTF-16 scratch buffer, and only for
 * tokens that are not plain ASCII: ASCII tokens are folded byte by byte.
 */
#include "tokenize.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libstemmer.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include "buf.h"
#include "data.h"
#include "input.h"
#include "utf8.h"
#include "wordseg.h"

#define MAX_NGRAM	8
/* Classes of bytes in ctk_tok.byte (all 0 from 0x80 up) */
#define ASCII_SPACE	1	/* is_space_cp() */
#define ASCII_PICT	2	/* Extended_Pictographic */
#define ASCII_ENDS_WORD	4	/* see shortcut() */
#define ASCII_LETTER	8
#define ASCII_DIGIT	16
#define MAX_PARTS	16
#define MAX_STEMMERS	16

struct stemmer {
	char lang[8];
	struct sb_stemmer *sb;		/* NULL: no stemmer for lang */
};

struct stopword {
	uint32_t hash;
	uint32_t off;			/* into sw_pool; 0 = empty slot */
	uint32_t len;
};

struct gram {				/* one token kept for n-grams */
	ctk_buf text;
	size_t start;
	size_t end;
	size_t pos;
};

/* How a two-byte character (U+0080..U+07FF) normalizes on its own, when
 * it does so whatever its neighbours: NFC_Quick_Check=Yes and combining
 * class 0, before and after case folding. fold_len 0: ask ICU. */
struct latin {
	unsigned char keep_ok;		/* NFC as it is */
	unsigned char fold_len;		/* bytes of its folded form */
	char fold[4];
};

#define LATIN_FIRST	0x80
#define LATIN_END	0x800

struct ctk_tok {
	ctk_tok_options opt;
	UText *ut;
	UBreakIterator *words;
	UBreakIterator *sents;
	const UNormalizer2 *nfc;
	const UNormalizer2 *nfd;
	const UNormalizer2 *nfkc;
	const UNormalizer2 *nfkc_cf;
	UChar *ua, *ub;			/* UTF-16 scratch */
	int32_t ua_cap, ub_cap;
	ctk_buf norm;			/* the normalized token */
	ctk_buf key;			/* stopword lookup key */
	ctk_buf joined;			/* an n-gram */
	ctk_wordseg ws;			/* the fast path's tables */
	unsigned char byte[256];	/* ASCII_ classes */
	struct latin latin[LATIN_END - LATIN_FIRST];

	struct stopword *sw;
	size_t sw_cap, sw_n;
	ctk_buf sw_pool;

	struct stemmer stemmers[MAX_STEMMERS];
	size_t n_stemmers;

	/* state of the current run */
	const char *text;
	size_t len;
	int french;			/* French inversion rules apply */
	struct sb_stemmer *stemmer;	/* for this text, or NULL */
	ctk_tok_fn fn;
	void *arg;
	ctk_error *err;
	int rc;
	int text_ready;			/* ut holds this text */
	int words_ready;		/* the word iterator is on ut */
	size_t wpos;			/* where the word iterator stands */
	size_t boundary;		/* the last segment end found */
	size_t sent_pos;		/* where the sentence iterator stands */
	size_t sent_end;		/* end of the current sentence */
	size_t sent;
	size_t pos;
	struct gram ring[MAX_NGRAM];
	size_t ring_n;			/* tokens in ring (ring[0] is oldest) */
};

static const char *const type_names[CTK_TOK_NTYPES] = {
	"word", "number", "url", "email", "mention", "hashtag", "emoji",
	"punct", "ngram"
};

/* ---- small helpers ---- */

/* ASCII classes by arithmetic: ctk never calls setlocale(), so these are
 * the <ctype.h> classes of the "C" locale, without a table lookup through
 * a function call per byte. */
static inline int
a_digit(unsigned char c)
{
	return (unsigned)(c - '0') < 10u;
}

static inline int
a_alpha(unsigned char c)
{
	return (unsigned)((c | 0x20) - 'a') < 26u;
}

static inline int
a_alnum(unsigned char c)
{
	return a_digit(c) || a_alpha(c);
}

static inline int
a_upper(unsigned char c)
{
	return (unsigned)(c - 'A') < 26u;
}

static inline int
a_lower(unsigned char c)
{
	return a_upper(c) ? c + 32 : c;
}

static int
set_err(ctk_error *err, int code, const char *what)
{
	return ctk_error_set(err, code, 0, 0, "%s", what);
}

static int
ureserve(UChar **p, int32_t *cap, int32_t need)
{
	UChar *n;
	int32_t c;

	if (need <= *cap)
		return 0;
	c = *cap ? *cap : 64;
	while (c < need)
		c = c > INT32_MAX / 2 ? INT32_MAX : c * 2;
	n = realloc(*p, (size_t)c * sizeof(UChar));
	if (n == NULL)
		return -1;
	*p = n;
	*cap = c;
	return 0;
}

static UChar32
decode_at(const char *s, size_t len, size_t i, size_t *next)
{
	int32_t k = (int32_t)i;
	UChar32 c;

	/* a hyphen ending the text is followed by nothing */
	if (i >= len) {
		*next = len;
		return -1;
	}
	U8_NEXT(s, k, (int32_t)len, c);
	*next = (size_t)k;
	return c;
}

static UChar32
decode_before(const char *s, size_t i, size_t *prev)
{
	int32_t k = (int32_t)i;
	UChar32 c;

	U8_PREV(s, 0, k, c);
	*prev = (size_t)k;
	return c;
}

static int
is_ascii(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

static int
ascii_ieq(const char *s, size_t n, const char *lit)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (lit[i] == '\0' || a_lower((unsigned char)s[i]) != lit[i])
			return 0;
	}
	return lit[n] == '\0';
}

static int
in_list(const char *s, size_t n, const char *const *list)
{
	for (; *list != NULL; list++)
		if (ascii_ieq(s, n, *list))
			return 1;
	return 0;
}

/* Length of the apostrophe (' or U+2019) at s[i], or 0. */
static size_t
apostrophe_len(const char *s, size_t len, size_t i)
{
	if (i < len && s[i] == '\'')
		return 1;
	if (i + 3 <= len && memcmp(s + i, "\xe2\x80\x99", 3) == 0)
		return 3;
	return 0;
}

/* Length of a hyphen (-, U+2010, U+2011) at s[i], or 0. */
static size_t
hyphen_len(const char *s, size_t len, size_t i)
{
	if (i < len && s[i] == '-')
		return 1;
	if (i + 3 <= len && (memcmp(s + i, "\xe2\x80\x90", 3) == 0 ||
	    memcmp(s + i, "\xe2\x80\x91", 3) == 0))
		return 3;
	return 0;
}

/* Length of a space allowed inside a number (space, U+00A0, U+202F,
 * U+2009) at s[i], or 0. */
static size_t
numsep_len(const char *s, size_t len, size_t i)
{
	if (i < len && s[i] == ' ')
		return 1;
	if (i + 2 <= len && memcmp(s + i, "\xc2\xa0", 2) == 0)
		return 2;
	if (i + 3 <= len && (memcmp(s + i, "\xe2\x80\xaf", 3) == 0 ||
	    memcmp(s + i, "\xe2\x80\x89", 3) == 0))
		return 3;
	return 0;
}

static int
is_digit_at(const char *s, size_t len, size_t i)
{
	return i < len && s[i] >= '0' && s[i] <= '9';
}

/* ---- normalization ---- */

/* Characters that change or vanish before anything else: typographic
 * apostrophes and hyphens become ASCII, invisible format characters
 * (bidi marks, soft hyphen, zero width space, BOM) and the Arabic
 * tatweel are dropped. */
static int32_t
map_chars(UChar *u, int32_t n)
{
	int32_t i, j;

	for (i = j = 0; i < n; i++) {
		UChar c = u[i];

		if (c == 0x2019 || c == 0x02BC)
			c = '\'';
		else if (c == 0x2010 || c == 0x2011)
			c = '-';
		else if (c == 0x00AD || c == 0x200B || c == 0x200E ||
		    c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
		    (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF ||
		    c == 0x0640)	/* Arabic tatweel only stretches */
			continue;
		u[j++] = c;
	}
	return j;
}

/* Applies one UTF-16 → UTF-16 step from t->ua to t->ub and swaps them.
 * kind: 0 fold, else a normalizer. */
static int
ustep(ctk_tok *t, int32_t *n, const UNormalizer2 *norm)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t out;
	UChar *tmp;
	int32_t tcap;

	if (norm != NULL && unorm2_isNormalized(norm, t->ua, *n, &st) &&
	    U_SUCCESS(st))
		return 0;
	for (;;) {
		st = U_ZERO_ERROR;
		if (norm == NULL)
			out = u_strFoldCase(t->ub, t->ub_cap, t->ua, *n,
			    U_FOLD_CASE_DEFAULT, &st);
		else
			out = unorm2_normalize(norm, t->ua, *n, t->ub,
			    t->ub_cap, &st);
		if (st != U_BUFFER_OVERFLOW_ERROR)
			break;
		if (ureserve(&t->ub, &t->ub_cap, out + 1) < 0)
			return CTK_ENOMEM;
	}
	if (U_FAILURE(st))
		return CTK_ENOMEM;
	tmp = t->ua;
	t->ua = t->ub;
	t->ub = tmp;
	tcap = t->ua_cap;
	t->ua_cap = t->ub_cap;
	t->ub_cap = tcap;
	*n = out;
	return 0;
}

static int
strip_marks(ctk_tok *t, int32_t *n)
{
	int32_t i, j;
	int rc;

	if ((rc = ustep(t, n, t->nfd)) != 0)
		return rc;
	for (i = j = 0; i < *n; i++)
		if (t->ua[i] < 0x300 || t->ua[i] > 0x36F)
			t->ua[j++] = t->ua[i];
	*n = j;
	return ustep(t, n, t->nfc);
}

/* Whether c is NFC in any context: NFC_Quick_Check=Yes, combining class
 * 0 (so that nothing composes with it or reorders around it). */
static int
nfc_stable(UChar32 c)
{
	return u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES &&
	    u_getCombiningClass(c) == 0;
}

static void
latin_entry(UChar32 c, struct latin *l)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar one[1], folded[8];
	int32_t n, i, bytes;
	UChar32 f;

	memset(l, 0, sizeof *l);
	one[0] = (UChar)c;
	/* what map_chars() changes is left to the slow path */
	if (map_chars(one, 1) != 1 || one[0] != c || !nfc_stable(c))
		return;
	l->keep_ok = 1;
	n = u_strFoldCase(folded, 8, one, 1, U_FOLD_CASE_DEFAULT, &st);
	if (U_FAILURE(st) || n > 8)
		return;
	for (i = 0; i < n; ) {
		U16_NEXT(folded, i, n, f);
		if (!nfc_stable(f))
			return;
	}
	/* longer forms overflow (an error): they are left to ICU */
	u_strToUTF8(l->fold, sizeof l->fold, &bytes, folded, n, &st);
	if (U_SUCCESS(st) && bytes > 0)
		l->fold_len = (unsigned char)bytes;
}

/* The fast path of normalize_word() for the default forms (NFC, folded
 * or not): ASCII, the two-byte characters of the latin table, and the
 * typographic apostrophe and hyphens map_chars() makes ASCII. Returns 1
 * when done, 0 when ICU must do it. out has room for 2 n bytes. */
static int
normalize_latin(const ctk_tok *t, const unsigned char *s, size_t n,
    int fold, ctk_buf *out)
{
	char *d = out->data;
	const struct latin *l;
	size_t i = 0;

	while (i < n) {
		if (s[i] < 0x80) {
			*d++ = (char)(fold ? a_lower(s[i]) : s[i]);
			i++;
		} else if (s[i] >= 0xC2 && s[i] <= 0xDF && i + 1 < n &&
		    (s[i + 1] & 0xC0) == 0x80) {
			l = &t->latin[((s[i] & 0x1F) << 6 | (s[i + 1] & 0x3F)) -
			    LATIN_FIRST];
			if (fold && l->fold_len > 0) {
				memcpy(d, l->fold, l->fold_len);
				d += l->fold_len;
			} else if (!fold && l->keep_ok) {
				*d++ = (char)s[i];
				*d++ = (char)s[i + 1];
			} else {
				return 0;
			}
			i += 2;
		} else if (s[i] == 0xE2 && i + 2 < n && s[i + 1] == 0x80 &&
		    (s[i + 2] == 0x99 || s[i + 2] == 0x90 ||
		    s[i + 2] == 0x91)) {
			*d++ = s[i + 2] == 0x99 ? '\'' : '-';
			i += 3;
		} else {
			return 0;
		}
	}
	*d = '\0';
	out->len = (size_t)(d - out->data);
	return 1;
}

/* NFKC makes a plain space of the no-break spaces inside a number ("12
 * 000" with U+202F) and of a few compatibility characters (spacing
 * accents, U+FDFA): a token never holds a space, so they go. */
static void
drop_spaces(ctk_buf *b)
{
	size_t i, k = 0;

	for (i = 0; i < b->len; i++)
		if (b->data[i] != ' ')
			b->data[k++] = b->data[i];
	b->len = k;
	b->data[k] = '\0';
}

/* Normalizes a word-like string s[0..n) into out: NFC (or NFKC), case
 * folding when fold, accents stripped when asked. */
static int
normalize_word(ctk_tok *t, const char *s, size_t n, int fold, ctk_buf *out)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t un, bytes;
	int rc;
	size_t i;

	ctk_buf_reset(out);
	if (n >= out->cap / 2 && ctk_buf_grow(out, 2 * n) < 0)
		return CTK_ENOMEM;
	/* ASCII is folded byte by byte, the rest goes through ICU */
	for (i = 0; i < n && (unsigned char)s[i] < 0x80; i++)
		out->data[i] = fold ? (char)a_lower((unsigned char)s[i]) : s[i];
	if (i == n) {
		out->len = n;
		out->data[n] = '\0';
		return 0;
	}
	if (!t->opt.nfkc && !t->opt.strip_accents && !t->opt.icu_only &&
	    normalize_latin(t, (const unsigned char *)s, n, fold, out))
		return 0;
	ctk_buf_reset(out);
	if (n > INT32_MAX / 2 || ureserve(&t->ua, &t->ua_cap,
	    (int32_t)n + 1) < 0)
		return CTK_ENOMEM;
	u_strFromUTF8WithSub(t->ua, t->ua_cap, &un, s, (int32_t)n, 0xFFFD,
	    NULL, &st);
	if (U_FAILURE(st))
		return CTK_ENOMEM;
	un = map_chars(t->ua, un);
	if (fold && t->opt.nfkc)
		rc = ustep(t, &un, t->nfkc_cf);
	else {
		rc = fold ? ustep(t, &un, NULL) : 0;
		if (rc == 0)
			rc = ustep(t, &un, t->opt.nfkc ? t->nfkc : t->nfc);
	}
	if (rc == 0 && t->opt.strip_accents)
		rc = strip_marks(t, &un);
	if (rc != 0)
		return rc;
	st = U_ZERO_ERROR;
	u_strToUTF8(NULL, 0, &bytes, t->ua, un, &st);
	if (ctk_buf_grow(out, (size_t)bytes) < 0)
		return CTK_ENOMEM;
	st = U_ZERO_ERROR;
	u_strToUTF8WithSub(out->data, bytes + 1, &bytes, t->ua, un, 0xFFFD,
	    NULL, &st);
	if (U_FAILURE(st))
		return CTK_ENOMEM;
	out->len = (size_t)bytes;
	out->data[bytes] = '\0';
	if (t->opt.nfkc)
		drop_spaces(out);
	return 0;
}

/* A number loses its inner spaces: "12 000" → "12000", "5 %" → "5%". */
static int
normalize_number(const char *s, size_t n, ctk_buf *out)
{
	size_t i = 0, k;

	ctk_buf_reset(out);
	while (i < n) {
		if ((k = numsep_len(s, n, i)) > 0) {
			i += k;
			continue;
		}
		if (ctk_buf_append_char(out, s[i]) < 0)
			return CTK_ENOMEM;
		i++;
	}
	return 0;
}

static int
normalize(ctk_tok *t, const char *s, size_t n, ctk_tok_type type)
{
	switch (type) {
	case CTK_TOK_NUMBER:
		if (t->opt.nfkc && !is_ascii(s, n))
			return normalize_word(t, s, n, 0, &t->norm);
		return normalize_number(s, n, &t->norm);
	case CTK_TOK_WORD:
	case CTK_TOK_MENTION:
	case CTK_TOK_HASHTAG:
		return normalize_word(t, s, n, t->opt.fold_case, &t->norm);
	default:
		ctk_buf_reset(&t->norm);
		return ctk_buf_append(&t->norm, s, n) < 0 ? CTK_ENOMEM : 0;
	}
}

int
ctk_tok_normalize(ctk_tok *t, const char *s, size_t len, const char **out,
    size_t *out_len)
{
	int rc = normalize_word(t, s, len, t->opt.fold_case, &t->norm);

	*out = ctk_buf_str(&t->norm);
	if (out_len != NULL)
		*out_len = t->norm.len;
	return rc;
}

/* ---- stopwords: an open-addressing hash set over a string pool ---- */

static uint32_t
hash_bytes(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static struct stopword *
sw_slot(struct stopword *tab, size_t cap, const char *pool, uint32_t h,
    const char *s, size_t n)
{
	size_t i = h & (cap - 1);

	while (tab[i].off != 0) {
		if (tab[i].hash == h && tab[i].len == n &&
		    memcmp(pool + tab[i].off, s, n) == 0)
			break;
		i = (i + 1) & (cap - 1);
	}
	return &tab[i];
}

static int
sw_grow(ctk_tok *t)
{
	size_t cap = t->sw_cap ? t->sw_cap * 2 : 1024, i;
	struct stopword *tab = calloc(cap, sizeof *tab), *slot;

	if (tab == NULL)
		return CTK_ENOMEM;
	for (i = 0; i < t->sw_cap; i++) {
		if (t->sw[i].off == 0)
			continue;
		slot = sw_slot(tab, cap, t->sw_pool.data, t->sw[i].hash,
		    "", 0);
		*slot = t->sw[i];
	}
	free(t->sw);
	t->sw = tab;
	t->sw_cap = cap;
	return 0;
}

static int
sw_add_key(ctk_tok *t, const char *s, size_t n)
{
	uint32_t h = hash_bytes(s, n);
	struct stopword *slot;

	if (n == 0)
		return 0;
	if ((t->sw_n + 1) * 2 > t->sw_cap && sw_grow(t) < 0)
		return CTK_ENOMEM;
	if (t->sw_pool.len == 0 && ctk_buf_append_char(&t->sw_pool, 0) < 0)
		return CTK_ENOMEM;
	slot = sw_slot(t->sw, t->sw_cap, t->sw_pool.data, h, s, n);
	if (slot->off != 0)
		return 0;
	slot->hash = h;
	slot->off = (uint32_t)t->sw_pool.len;
	slot->len = (uint32_t)n;
	if (ctk_buf_append(&t->sw_pool, s, n) < 0 ||
	    ctk_buf_append_char(&t->sw_pool, 0) < 0)
		return CTK_ENOMEM;
	t->sw_n++;
	return 0;
}

static int
sw_has(const ctk_tok *t, const char *s, size_t n)
{
	if (t->sw_n == 0 || n == 0)
		return 0;
	return sw_slot(t->sw, t->sw_cap, t->sw_pool.data, hash_bytes(s, n),
	    s, n)->off != 0;
}

int
ctk_tok_add_stopword(ctk_tok *t, const char *word, size_t len)
{
	int rc = normalize_word(t, word, len, 1, &t->key);

	if (rc != 0)
		return rc;
	return sw_add_key(t, t->key.data, t->key.len);
}

static int
sw_load_file(ctk_tok *t, const char *path, ctk_error *err)
{
	ctk_input *in = ctk_input_open(path, err);
	char *line;
	size_t len;
	int rc;

	if (in == NULL)
		return CTK_EIO;
	while ((rc = ctk_input_getline(in, &line, &len, err)) == 1) {
		while (len > 0 && (line[len - 1] == '\r' ||
		    line[len - 1] == ' ' || line[len - 1] == '\t'))
			len--;
		if (len == 0 || line[0] == '#')
			continue;
		if (ctk_tok_add_stopword(t, line, len) != 0) {
			ctk_input_close(in);
			return set_err(err, CTK_ENOMEM, "out of memory");
		}
	}
	ctk_input_close(in);
	return rc < 0 ? rc : 0;
}

int
ctk_tok_add_stopwords(ctk_tok *t, const char *spec, ctk_error *err)
{
	struct stat sb;
	char name[64], path[4096];
	const char *p, *comma;
	size_t n;
	int rc;

	if (stat(spec, &sb) == 0 && S_ISREG(sb.st_mode))
		return sw_load_file(t, spec, err);
	for (p = spec; *p != '\0'; p = *comma ? comma + 1 : comma) {
		comma = strchr(p, ',');
		if (comma == NULL)
			comma = p + strlen(p);
		n = (size_t)(comma - p);
		if (n == 0 || n > 8 || strspn(p, "abcdefghijklmnopqrstuvwxyz")
		    < n) {
			ctk_error_set(err, CTK_EUSAGE, 0, 0,
			    "'%s': no such file, and not a list of language "
			    "codes such as fr,en", spec);
			return CTK_EUSAGE;
		}
		snprintf(name, sizeof name, "stopwords/%.*s.txt", (int)n, p);
		if (ctk_data_path(name, path, sizeof path) < 0) {
			ctk_error_set(err, CTK_EUSAGE, 0, 0,
			    "no stopword list for '%.*s' (looked for %s)",
			    (int)n, p, path);
			return CTK_EUSAGE;
		}
		if ((rc = sw_load_file(t, path, err)) != 0)
			return rc;
	}
	return 0;
}

/* Stopwords are stored case-folded; an elided form "l'" also matches the
 * list's "l". */
static int
is_stopword(ctk_tok *t, const char *s, size_t n)
{
	if (t->sw_n == 0)
		return 0;
	if (!t->opt.fold_case) {
		if (normalize_word(t, s, n, 1, &t->key) != 0)
			return 0;
		s = t->key.data;
		n = t->key.len;
	}
	if (sw_has(t, s, n))
		return 1;
	return n > 1 && s[n - 1] == '\'' && sw_has(t, s, n - 1);
}

/* ---- stemming ---- */

static struct sb_stemmer *
stemmer_for(ctk_tok *t, const char *lang)
{
	char code[8];
	size_t n = 0, i;
	struct stemmer *s;

	if (lang == NULL)
		return NULL;
	while (n < sizeof code - 1 && a_alpha((unsigned char)lang[n])) {
		code[n] = (char)a_lower((unsigned char)lang[n]);
		n++;
	}
	code[n] = '\0';
	if (n == 0)
		return NULL;
	for (i = 0; i < t->n_stemmers; i++)
		if (strcmp(t->stemmers[i].lang, code) == 0)
			return t->stemmers[i].sb;
	if (t->n_stemmers == MAX_STEMMERS)
		return NULL;
	s = &t->stemmers[t->n_stemmers++];
	memcpy(s->lang, code, n + 1);
	s->sb = sb_stemmer_new(code, "UTF_8");
	return s->sb;
}

static int
stem(ctk_tok *t)
{
	const sb_symbol *out;
	int n;

	if (t->norm.len == 0 || t->norm.data[t->norm.len - 1] == '\'')
		return 0;
	out = sb_stemmer_stem(t->stemmer, (const sb_symbol *)t->norm.data,
	    (int)t->norm.len);
	if (out == NULL)
		return CTK_ENOMEM;
	n = sb_stemmer_length(t->stemmer);
	ctk_buf_reset(&t->norm);
	return ctk_buf_append(&t->norm, out, (size_t)n) < 0 ? CTK_ENOMEM : 0;
}

/* ---- sentences ---- */

/* Abbreviations after which a period does not end a sentence. */
static const char *const abbreviations[] = {
	"M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Mgr", "Me", "Dr", "Drs",
	"Pr", "Prof", "St", "Ste", "Mr", "Mrs", "Ms", "Jr", "Sr", "Gen",
	"Col", "Lt", "Sgt", "Capt", "Gov", "Sen", "Rep", "Rev", "Inc", "Ltd",
	"Co", "Corp", "Bros", "etc", "cf", "vs", "p", "pp", "vol", "art",
	"av", "bd", "fig", "env", "ex", "approx", "Jan", "Feb", "Mar", "Apr",
	"Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "janv",
	"juil", "sept", "oct", "nov", "e.g", "i.e", "U.S", "U.K", "U.N",
	"a.m", "p.m", "Ph.D", NULL
};

static int
is_abbreviation(const char *s, size_t n)
{
	const char *const *a;

	if (n == 1 && a_upper((unsigned char)s[0]))
		return 1;	/* an initial: "J. K. Rowling", "M. Dupont" */
	for (a = abbreviations; *a != NULL; a++)
		if (strlen(*a) == n && memcmp(*a, s, n) == 0)
			return 1;
	return 0;
}

static int
is_newline_byte(char c)
{
	return c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* ICU proposes a sentence break at b; we veto it after an abbreviation
 * ("M. Dupont", "U.S. officials") and before a lower-case letter ("« Quoi
 * ! » dit-il"), but never across a line break. */
static int
suppressed(const ctk_tok *t, size_t b)
{
	const char *s = t->text;
	size_t p = b, q, w, nx;
	UChar32 c;

	while (p > 0 && (s[p - 1] == ' ' || s[p - 1] == '\t' ||
	    is_newline_byte(s[p - 1]) || (p >= 2 &&
	    memcmp(s + p - 2, "\xc2\xa0", 2) == 0))) {
		if (is_newline_byte(s[p - 1]))
			return 0;
		p -= s[p - 1] == '\xa0' ? 2 : 1;
	}
	for (q = b; q < t->len; q = nx) {
		c = decode_at(s, t->len, q, &nx);
		if (c < 0 || !(u_ispunct(c) || u_isspace(c)))
			break;
		if (c == 0x2029 || c == 0x2028 || c == 0x85)
			return 0;
	}
	if (q < t->len && u_islower(c))
		return 1;
	if (p == 0 || s[p - 1] != '.')
		return 0;
	w = p - 1;
	while (w > 0 && (a_alpha((unsigned char)s[w - 1]) || s[w - 1] == '.'))
		w--;
	if (w > 0 && (unsigned char)s[w - 1] >= 0x80)
		return 0;
	return is_abbreviation(s + w, p - 1 - w);
}

/* French typography puts a space before a closing quote ("Viens. »"),
 * where UAX #29 has already broken: the quote and the spaces after it
 * still belong to the sentence that ends. */
static size_t
after_closing(const ctk_tok *t, size_t b)
{
	size_t nx, k;
	UChar32 c;
	int8_t type;

	while (b < t->len) {
		c = decode_at(t->text, t->len, b, &nx);
		type = c < 0 ? 0 : (int8_t)u_charType(c);
		if (type != U_FINAL_PUNCTUATION && type != U_END_PUNCTUATION)
			break;
		b = nx;
		while ((k = numsep_len(t->text, t->len, b)) > 0 ||
		    (b < t->len && t->text[b] == '\t'))
			b += k ? k : 1;
	}
	return b;
}

static size_t
next_sentence_break(ctk_tok *t)
{
	int32_t b;

	for (;;) {
		b = ubrk_next(t->sents);
		if (b == UBRK_DONE || (size_t)b >= t->len)
			return t->len;
		if ((size_t)b <= t->sent_pos || suppressed(t, (size_t)b))
			continue;
		return after_closing(t, (size_t)b);
	}
}

static int
is_space_cp(UChar32 c)
{
	return u_isUWhiteSpace(c) || u_charType(c) == U_FORMAT_CHAR;
}

/* The next non-blank sentence [*start, *end), trimmed; 0 at the end. */
static int
next_sentence(ctk_tok *t, size_t *start, size_t *end)
{
	size_t s, e, nx;

	while (t->sent_pos < t->len) {
		s = t->sent_pos;
		e = next_sentence_break(t);
		t->sent_pos = e;
		while (s < e && is_space_cp(decode_at(t->text, e, s, &nx)))
			s = nx;
		while (e > s && is_space_cp(decode_before(t->text, e, &nx)))
			e = nx;
		if (s < e) {
			*start = s;
			*end = e;
			return 1;
		}
	}
	return 0;
}

/* Moves the sentence counter to the sentence holding offset off. */
static void
sentence_at(ctk_tok *t, size_t off)
{
	size_t s, e;

	while (off >= t->sent_end) {
		if (!next_sentence(t, &s, &e)) {
			t->sent_end = t->len + 1;
			t->sent++;
			t->pos = 0;
			t->ring_n = 0;
			return;
		}
		/* the sentence runs up to the next one's start */
		t->sent_end = t->sent_pos;
		t->sent++;
		t->pos = 0;
		t->ring_n = 0;
	}
}

/* ---- emitting tokens ---- */

static int
call(ctk_tok *t, const char *text, size_t len, size_t start, size_t end,
    ctk_tok_type type, size_t pos)
{
	ctk_tok_token tok;

	tok.text = text;
	tok.len = len;
	tok.start = start;
	tok.end = end;
	tok.type = type;
	tok.sent = t->opt.sentences ? t->sent : 1;
	tok.pos = pos;
	return t->fn(&tok, t->arg);
}

/* Adds the token in t->norm to the n-gram window and emits every n-gram
 * that ends with it, shortest first. */
static int
push_gram(ctk_tok *t, size_t start, size_t end, ctk_tok_type type)
{
	struct gram tmp;
	size_t n, k, first;
	int rc;

	if (t->ring_n == (size_t)t->opt.ngram_max) {
		tmp = t->ring[0];
		memmove(&t->ring[0], &t->ring[1],
		    (t->ring_n - 1) * sizeof t->ring[0]);
		t->ring[t->ring_n - 1] = tmp;
		t->ring_n--;
	}
	tmp.text = t->ring[t->ring_n].text;
	ctk_buf_reset(&tmp.text);
	if (ctk_buf_append(&tmp.text, t->norm.data, t->norm.len) < 0)
		return CTK_ENOMEM;
	t->ring[t->ring_n] = (struct gram){ tmp.text, start, end, t->pos };
	t->ring_n++;
	for (n = (size_t)t->opt.ngram_min; n <= t->ring_n; n++) {
		first = t->ring_n - n;
		if (n == 1) {
			rc = call(t, t->norm.data, t->norm.len, start, end,
			    type, t->pos);
		} else {
			ctk_buf_reset(&t->joined);
			for (k = first; k < t->ring_n; k++) {
				if ((k > first && ctk_buf_append_char(
				    &t->joined, '_') < 0) || ctk_buf_append(
				    &t->joined, t->ring[k].text.data,
				    t->ring[k].text.len) < 0)
					return CTK_ENOMEM;
			}
			rc = call(t, t->joined.data, t->joined.len,
			    t->ring[first].start, end, CTK_TOK_NGRAM,
			    t->ring[first].pos);
		}
		if (rc != 0)
			return rc;
	}
	return 0;
}

static int
emit(ctk_tok *t, size_t s, size_t e, ctk_tok_type type)
{
	int rc;

	if (t->rc != 0 || s >= e)
		return t->rc;
	if (!(t->opt.types & CTK_TOK_BIT(type)))
		return 0;
	if (t->opt.sentences)
		sentence_at(t, s);
	if ((rc = normalize(t, t->text + s, e - s, type)) != 0)
		goto fail;
	if (t->norm.len == 0)
		return 0;
	if (t->opt.min_length > 1 &&
	    ctk_utf8_count(t->norm.data, t->norm.len) < t->opt.min_length)
		return 0;
	if (type == CTK_TOK_WORD && is_stopword(t, t->norm.data, t->norm.len))
		return 0;
	if (type == CTK_TOK_WORD && t->stemmer != NULL &&
	    (rc = stem(t)) != 0)
		goto fail;
	t->pos++;
	if (t->opt.ngram_max > 1)
		rc = push_gram(t, s, e, type);
	else
		rc = call(t, t->norm.data, t->norm.len, s, e, type, t->pos);
	if (rc != 0)
		t->rc = rc;
	return rc;
fail:
	t->rc = set_err(t->err, rc, "out of memory");
	return t->rc;
}

/* ---- scanners for the tokens UAX #29 does not know ---- */

static int
url_char(unsigned char c)
{
	return c > ' ' && c != '<' && c != '>' && c != '"' && c != 0x7f;
}

/* End of the URL whose body starts at body (after "https://" or the
 * host): up to a space, an angle bracket, a double quote or a guillemet.
 * Trailing punctuation is left out, and a closing parenthesis unless the
 * URL opened one. */
static size_t
url_tail(const char *s, size_t len, size_t i, size_t body)
{
	size_t e, k;
	int depth = 0;

	for (e = body; e < len; e++) {
		unsigned char c = (unsigned char)s[e];

		if (c >= 0x80) {
			/* stop at non-ASCII spaces and guillemets */
			if (numsep_len(s, len, e) > 0 ||
			    (e + 2 <= len && (c == 0xc2 && ((unsigned char)
			    s[e + 1] == 0xab || (unsigned char)s[e + 1] ==
			    0xbb))))
				break;
			continue;
		}
		if (!url_char(c))
			break;
	}
	for (k = i; k < e; k++)
		depth += s[k] == '(' ? 1 : s[k] == ')' ? -1 : 0;
	while (e > body) {
		char c = s[e - 1];

		if (c == ')' && depth < 0) {
			depth++;
			e--;
		} else if (strchr(".,;:!?'\"]}*", c) != NULL)
			e--;
		else
			break;
	}
	return e;
}

/* End of a URL starting at i (http://, https://, ftp://, www., t.me/),
 * or i. */
static size_t
scan_url(const char *s, size_t len, size_t i)
{
	static const char *const starts[] = {
		"http://", "https://", "ftp://", "www.", "t.me/", NULL
	};
	const char *const *p;
	size_t n = 0;

	for (p = starts; *p != NULL; p++) {
		n = strlen(*p);
		if (a_lower((unsigned char)s[i]) != (*p)[0] ||
		    (i + 1 < len && a_lower((unsigned char)s[i + 1]) != (*p)[1]))
			continue;
		if (i + n < len && ascii_ieq(s + i, n, *p) &&
		    a_alnum((unsigned char)s[i + n]))
			break;
	}
	if (*p == NULL)
		return i;
	return url_tail(s, len, i, i + n);
}

/* End of a URL without scheme starting at i: an ASCII host name whose
 * last label has two letters or more, then a slash and a path
 * ("bit.ly/3xYz", "lemonde.fr/politique"), or i. */
static size_t
scan_bare_url(const char *s, size_t len, size_t i)
{
	size_t p = i, dot = 0, k;

	while (p < len && (a_alnum((unsigned char)s[p]) || s[p] == '-' ||
	    s[p] == '.')) {
		if (s[p] == '.')
			dot = p;
		p++;
	}
	if (dot == 0 || dot == i || p >= len || s[p] != '/' || p + 1 >= len ||
	    !url_char((unsigned char)s[p + 1]) || p - dot - 1 < 2)
		return i;
	for (k = dot + 1; k < p; k++)
		if (!a_alpha((unsigned char)s[k]))
			return i;
	return url_tail(s, len, i, p + 1);
}

static int
email_local_char(unsigned char c)
{
	return a_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' ||
	    c == '-';
}

/* End of an e-mail address starting at i (ASCII: local@domain.tld), or i. */
static size_t
scan_email(const char *s, size_t len, size_t i)
{
	size_t p = i, label, last_dot = 0, e;

	while (p < len && email_local_char((unsigned char)s[p]))
		p++;
	if (p == i || p >= len || s[p] != '@' || s[i] == '.')
		return i;
	e = ++p;
	for (;;) {
		label = p;
		while (p < len && (a_alnum((unsigned char)s[p]) || s[p] == '-'))
			p++;
		if (p == label)
			break;
		e = p;
		if (p + 1 < len && s[p] == '.' && a_alnum((unsigned char)s[p + 1])) {
			last_dot = p;
			p++;
		} else
			break;
	}
	if (last_dot == 0 || e - last_dot - 1 < 2)
		return i;
	for (p = last_dot + 1; p < e; p++)
		if (!a_alpha((unsigned char)s[p]))
			return i;
	return e;
}

static int
name_char(UChar32 c)
{
	int8_t k;

	if (c == '_' || c == 0x200C || c == 0x200D)
		return 1;
	if (c < 0)
		return 0;
	if (c < 0x80)
		return a_alnum((unsigned char)c);
	k = (int8_t)u_charType(c);
	return u_isalnum(c) || k == U_NON_SPACING_MARK ||
	    k == U_COMBINING_SPACING_MARK;
}

/* End of "#name" or "@name" at i, or i. A hashtag needs one character
 * that is not a digit ("#1" is not a hashtag). */
static size_t
scan_tag(const char *s, size_t len, size_t i, int hashtag)
{
	size_t p = i + 1, nx;
	int non_digit = !hashtag;
	UChar32 c;

	c = decode_at(s, len, p, &nx);
	if (c != '_' && (c < 0 || !u_isalnum(c)))
		return i;
	while (p < len) {
		c = decode_at(s, len, p, &nx);
		if (!name_char(c))
			break;
		if (!u_isdigit(c))
			non_digit = 1;
		p = nx;
	}
	if (p == i + 1 || !non_digit)
		return i;
	return p;
}

/* End of a number starting at the ASCII digit at i: digits, groups of
 * three after a space ("12 000", "2 253" with U+00A0 or U+202F, when the
 * first group has at most three digits), decimals ("1,5", "3.14"), and a
 * percent sign ("5%", "5 %"). */
static size_t
scan_number(const char *s, size_t len, size_t i)
{
	size_t p = i, k;

	while (is_digit_at(s, len, p))
		p++;
	if (p - i <= 3) {
		while ((k = numsep_len(s, len, p)) > 0 &&
		    is_digit_at(s, len, p + k) &&
		    is_digit_at(s, len, p + k + 1) &&
		    is_digit_at(s, len, p + k + 2) &&
		    !is_digit_at(s, len, p + k + 3))
			p += k + 3;
	}
	while (p + 1 < len && (s[p] == '.' || s[p] == ',') &&
	    is_digit_at(s, len, p + 1)) {
		p++;
		while (is_digit_at(s, len, p))
			p++;
	}
	k = numsep_len(s, len, p);
	if (p + k < len && s[p + k] == '%')
		p += k + 1;
	return p;
}

/* ---- segments ---- */

/* Puts the text of the run under the iterator bi. */
static int
attach(ctk_tok *t, UBreakIterator *bi)
{
	UErrorCode st = U_ZERO_ERROR;

	if (!t->text_ready) {
		t->ut = utext_openUTF8(t->ut, t->text, (int64_t)t->len, &st);
		t->text_ready = U_SUCCESS(st);
	}
	if (U_SUCCESS(st))
		ubrk_setUText(bi, t->ut, &st);
	if (U_FAILURE(st))
		return set_err(t->err, CTK_ENOMEM, u_errorName(st));
	return 0;
}

/* The ICU rule status that stands for a wordseg kind. For a segment
 * that mixes digits with letters or ExtendNumLet characters ICU may say
 * number where wordseg says word, or the reverse: number_segment() then
 * hands the segment to word_segment() all the same. */
static const int32_t kind_status[] = {
	UBRK_WORD_NONE, UBRK_WORD_NUMBER, UBRK_WORD_LETTER
};

/* End of the word segment starting at i (the next boundary after i, as
 * ICU's word break iterator finds it), and its rule status. */
static size_t
segment_end(ctk_tok *t, size_t i, int32_t *status)
{
	ctk_wordseg_kind kind;
	size_t e;
	int32_t b;

	if (!t->opt.icu_only && (i == t->boundary ||
	    ctk_wordseg_boundary(&t->ws, t->text, t->len, i) == 1) &&
	    (e = ctk_wordseg_next(&t->ws, t->text, t->len, i, &kind)) > 0) {
		*status = kind_status[kind];
		t->boundary = e;
		return e;
	}
	if (!t->words_ready) {
		if ((t->rc = attach(t, t->words)) != 0) {
			*status = UBRK_WORD_NONE;
			return t->len;
		}
		t->words_ready = 1;
		t->wpos = 0;
	}
	if (t->wpos == i)
		b = ubrk_next(t->words);
	else
		b = ubrk_following(t->words, (int32_t)i);
	if (b == UBRK_DONE || (size_t)b > t->len)
		b = (int32_t)t->len;
	t->wpos = t->boundary = (size_t)b;
	*status = ubrk_getRuleStatus(t->words);
	return (size_t)b;
}

static int
contains_cp(const char *s, size_t from, size_t to, UChar32 want)
{
	size_t nx;

	while (from < to) {
		if (decode_at(s, to, from, &nx) == want)
			return 1;
		from = nx;
	}
	return 0;
}

/* Emoji: pictographs (with their ZWJ sequences, skin tones and variation
 * selectors, which UAX #29 keeps in one segment), flags, keycaps. The ©
 * ® ™ signs count only in emoji presentation (followed by U+FE0F). */
static int
is_emoji(const char *s, size_t from, size_t to, UChar32 c)
{
	if (c >= 0x1F1E6 && c <= 0x1F1FF)
		return 1;
	if (contains_cp(s, from, to, 0x20E3))
		return 1;
	if (c == 0xA9 || c == 0xAE || c == 0x2122)
		return contains_cp(s, from, to, 0xFE0F);
	return u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC);
}

static size_t
other_segment(ctk_tok *t, size_t s, size_t e)
{
	unsigned char b = (unsigned char)t->text[s];
	size_t nx;
	UChar32 c;
	int emoji;

	if (b < 0x80) {
		/* one ASCII character is an emoji only as a keycap base */
		c = b;
		if (t->byte[b] & ASCII_SPACE)
			return e;
		emoji = (e > s + 1 || (t->byte[b] & ASCII_PICT)) &&
		    is_emoji(t->text, s, e, c);
	} else {
		c = decode_at(t->text, t->len, s, &nx);
		if (c < 0 || is_space_cp(c))
			return e;
		emoji = is_emoji(t->text, s, e, c);
	}
	if (emoji) {
		emit(t, s, e, CTK_TOK_EMOJI);
		return e;
	}
	/* "...", "!!!", "?!" and "--" are one punctuation token */
	if (c == '.' || c == '!' || c == '?')
		while (e < t->len && (t->text[e] == '.' ||
		    t->text[e] == '!' || t->text[e] == '?'))
			e++;
	else if (c == '-')
		while (e < t->len && t->text[e] == '-')
			e++;
	emit(t, s, e, CTK_TOK_PUNCT);
	return e;
}

/* French elided words split off the front: l' d' j' qu' jusqu' ... */
static const char *const elisions[] = {
	"l", "d", "j", "m", "t", "s", "c", "n", "qu", "jusqu", "lorsqu",
	"puisqu", "quoiqu", "quelqu", NULL
};

/* Pronouns split off a verb by French inversion ("a-t-il", "dis-moi"). */
static const char *const clitics[] = {
	"je", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "ce",
	"moi", "toi", "le", "la", "les", "lui", "leur", "y", "en", NULL
};

/* Compounds that end like an inversion but are one word. */
static const char *const inversion_exceptions[] = {
	"rendez-vous", "garde-à-vous", "entre-nous", "chez-moi", "chez-toi",
	"chez-nous", "chez-vous", "chez-lui", "chez-elle", "chez-eux",
	"qu'en-dira-t-on", NULL
};

/* English contractions in 's that are not possessives. */
static const char *const s_contractions[] = {
	"it's", "he's", "she's", "that's", "what's", "there's", "here's",
	"who's", "where's", "how's", "let's", "when's", "why's", NULL
};

struct part {
	size_t s, e;
};

/* Length of an elision ("qu'") at the start of [s, e), or 0. */
static size_t
elision_len(const char *text, size_t s, size_t e)
{
	size_t p = s, a;

	while (p < e && p - s < 7 && a_alpha((unsigned char)text[p]))
		p++;
	a = apostrophe_len(text, e, p);
	if (a == 0 || p + a >= e || !in_list(text + s, p - s, elisions))
		return 0;
	return p + a - s;
}

/* True when the compound [s, e) is in list, compared after mapping
 * ’ to ' (case-insensitively for ASCII letters). */
static int
compound_in(ctk_tok *t, size_t s, size_t e, const char *const *list)
{
	if (normalize_word(t, t->text + s, e - s, 1, &t->key) != 0)
		return 0;
	for (; *list != NULL; list++)
		if (strcmp(t->key.data, *list) == 0)
			return 1;
	return 0;
}

/* Collects "peut-être", "Saint-Denis", "a-t-il" into parts; returns the
 * number of parts. The iterator moves past the parts it takes. */
static size_t
collect_parts(ctk_tok *t, size_t s, size_t e, struct part *parts)
{
	size_t n = 1, h, nx, e2;
	int32_t status;
	UChar32 c;

	parts[0].s = s;
	parts[0].e = e;
	while (n < MAX_PARTS && (h = hyphen_len(t->text, t->len, e)) > 0) {
		c = decode_at(t->text, t->len, e + h, &nx);
		if (c < 0 || !u_isalnum(c))
			break;
		if (segment_end(t, e, &status) != e + h)
			break;
		e2 = segment_end(t, e + h, &status);
		if (status < UBRK_WORD_NUMBER)
			break;
		parts[n].s = e + h;
		parts[n].e = e2;
		e = e2;
		n++;
	}
	return n;
}

/* Splits French inversion pronouns off the end: returns how many parts
 * stay in the host word; *skip_t is set when a euphonic "t" follows it. */
static size_t
split_inversion(ctk_tok *t, struct part *parts, size_t n, int *skip_t)
{
	size_t k = n;

	*skip_t = 0;
	if (!t->french || n < 2 || compound_in(t, parts[0].s,
	    parts[n - 1].e, inversion_exceptions))
		return n;
	while (k > 1 && in_list(t->text + parts[k - 1].s,
	    parts[k - 1].e - parts[k - 1].s, clitics))
		k--;
	if (k < n && k > 1 && ascii_ieq(t->text + parts[k - 1].s,
	    parts[k - 1].e - parts[k - 1].s, "t")) {
		k--;
		*skip_t = 1;
	}
	return k;
}

/* Start of a possessive "'s" at the end of [s, e), or e. */
static size_t
possessive_at(ctk_tok *t, size_t s, size_t e)
{
	size_t a, p;

	if (e - s < 3 || (t->text[e - 1] != 's' && t->text[e - 1] != 'S'))
		return e;
	p = e - 1;
	if (t->text[p - 1] == '\'')
		a = 1;
	else if (p - s >= 4 && memcmp(t->text + p - 3, "\xe2\x80\x99", 3) == 0)
		a = 3;
	else
		return e;
	p -= a;
	if (p == s || !a_alpha((unsigned char)t->text[p - 1]) ||
	    compound_in(t, s, e, s_contractions))
		return e;
	return p;
}

/* A dotted abbreviation "U.S" takes its final period: "U.S.". */
static size_t
dotted_end(const ctk_tok *t, size_t s, size_t e)
{
	size_t p, piece = 0;
	int dots = 0;

	if (e >= t->len || t->text[e] != '.')
		return e;
	for (p = s; p < e; p++) {
		if (t->text[p] == '.') {
			dots++;
			piece = 0;
		} else if (!a_alpha((unsigned char)t->text[p]) || ++piece > 3)
			return e;
	}
	return dots > 0 ? e + 1 : e;
}

static size_t
word_segment(ctk_tok *t, size_t s, size_t e)
{
	struct part parts[MAX_PARTS];
	size_t n, k, i, el, poss;
	int skip_t;

	/* ICU keeps "user@host" together; what is not an e-mail address
	 * (those were taken before) is a word and a mention */
	for (k = s + 1; k < e; k++)
		if (t->text[k] == '@') {
			emit(t, s, k, CTK_TOK_WORD);
			return k;
		}
	n = collect_parts(t, s, e, parts);
	while ((el = elision_len(t->text, parts[0].s, parts[0].e)) > 0) {
		emit(t, parts[0].s, parts[0].s + el, CTK_TOK_WORD);
		parts[0].s += el;
	}
	k = split_inversion(t, parts, n, &skip_t);
	if (n == 1) {
		e = dotted_end(t, parts[0].s, parts[0].e);
		if (e != parts[0].e) {
			emit(t, parts[0].s, e, CTK_TOK_WORD);
			return e;
		}
	}
	poss = k == n ? possessive_at(t, parts[0].s, parts[n - 1].e)
	    : parts[k - 1].e;
	emit(t, parts[0].s, poss, CTK_TOK_WORD);
	if (k == n) {
		emit(t, poss, parts[n - 1].e, CTK_TOK_WORD);
		return parts[n - 1].e;
	}
	for (i = k + (size_t)skip_t; i < n; i++)
		emit(t, parts[i].s, parts[i].e, CTK_TOK_WORD);
	return parts[n - 1].e;
}

/* A number joined by hyphens to more parts: a date or a range
 * ("2024-09-06", "2020-2021") is a number, "19-year-old" a word. */
static size_t
number_compound(ctk_tok *t, size_t s, size_t e)
{
	struct part parts[MAX_PARTS];
	size_t n = collect_parts(t, s, e, parts), i, k;
	ctk_tok_type type = CTK_TOK_NUMBER;

	for (i = 1; i < n; i++)
		for (k = parts[i].s; k < parts[i].e; k++)
			if (!is_digit_at(t->text, t->len, k) &&
			    t->text[k] != '.' && t->text[k] != ',')
				type = CTK_TOK_WORD;
	emit(t, s, parts[n - 1].e, type);
	return parts[n - 1].e;
}

static size_t
number_segment(ctk_tok *t, size_t s, size_t e)
{
	size_t p;

	if (contains_cp(t->text, s, e, 0x20E3) ||
	    contains_cp(t->text, s, e, 0xFE0F)) {
		emit(t, s, e, CTK_TOK_EMOJI);
		return e;
	}
	if (!is_digit_at(t->text, t->len, s)) {
		/* "G7" is a word; "٣" or "２０２４" a number */
		if (!u_isdigit(decode_at(t->text, t->len, s, &p)))
			return word_segment(t, s, e);
		emit(t, s, e, CTK_TOK_NUMBER);
		return e;
	}
	p = scan_number(t->text, t->len, s);
	if (p < e)		/* "3rd", "19h30", "covid19" */
		return word_segment(t, s, e);
	if (p == e && hyphen_len(t->text, t->len, e) > 0)
		return number_compound(t, s, e);
	emit(t, s, p, CTK_TOK_NUMBER);
	return p;
}

/* Our own tokens at i, before ICU sees them; returns their end or i. */
static size_t
special_token(ctk_tok *t, size_t i)
{
	unsigned char c = (unsigned char)t->text[i];
	size_t e, host, local;

	if (c == '#' || c == '@') {
		e = scan_tag(t->text, t->len, i, c == '#');
		if (e > i)
			emit(t, i, e, c == '#' ? CTK_TOK_HASHTAG
			    : CTK_TOK_MENTION);
		return e;
	}
	if (!a_alnum(c))
		return i;
	switch (a_lower(c)) {
	case 'h': case 'w': case 'f': case 't':
		if ((e = scan_url(t->text, t->len, i)) > i) {
			emit(t, i, e, CTK_TOK_URL);
			return e;
		}
		break;
	}
	/* an e-mail address needs "@" after its local part, a bare URL "/"
	 * after its host name: most words have neither */
	host = i;
	while (host < t->len && (a_alnum((unsigned char)t->text[host]) ||
	    t->text[host] == '-' || t->text[host] == '.'))
		host++;
	local = host;
	while (local < t->len &&
	    email_local_char((unsigned char)t->text[local]))
		local++;
	if (local < t->len && t->text[local] == '@' &&
	    (e = scan_email(t->text, t->len, i)) > i) {
		emit(t, i, e, CTK_TOK_EMAIL);
		return e;
	}
	if (host < t->len && t->text[host] == '/' &&
	    (e = scan_bare_url(t->text, t->len, i)) > i) {
		emit(t, i, e, CTK_TOK_URL);
		return e;
	}
	return i;
}

/* The common cases, taken before the general path, which would come to
 * the same: a run of white space followed by ASCII (nothing to emit), and
 * a run of ASCII letters and digits, starting with a letter, that ends
 * at a space or at punctuation that neither glues it to more (as "-",
 * "." or "'" may) nor makes an e-mail address or a URL of it (as "@",
 * "%", "+" or ":" may): one word. Returns the end of what it took, or i. */
static size_t
shortcut(ctk_tok *t, size_t i)
{
	const unsigned char *s = (const unsigned char *)t->text;
	size_t r = i + 1;

	if (!(t->byte[s[i]] & (ASCII_SPACE | ASCII_LETTER)) ||
	    (i != t->boundary &&
	    ctk_wordseg_boundary(&t->ws, t->text, t->len, i) != 1))
		return i;
	if (t->byte[s[i]] & ASCII_SPACE) {
		/* a mark after the spaces would belong to them */
		while (r < t->len && (t->byte[s[r]] & ASCII_SPACE))
			r++;
		if (r < t->len && s[r] >= 0x80)
			return i;
	} else {
		while (r < t->len &&
		    (t->byte[s[r]] & (ASCII_LETTER | ASCII_DIGIT)))
			r++;
		if (r < t->len && !(t->byte[s[r]] & ASCII_ENDS_WORD))
			return i;
		emit(t, i, r, CTK_TOK_WORD);
	}
	t->boundary = r;
	return r;
}

static void
scan(ctk_tok *t)
{
	size_t i = 0, e;
	int32_t status;

	while (i < t->len && t->rc == 0) {
		if (!t->opt.icu_only && (e = shortcut(t, i)) > i) {
			i = e;
			continue;
		}
		if ((e = special_token(t, i)) > i) {
			i = e;
			continue;
		}
		e = segment_end(t, i, &status);
		if (e <= i)	/* defensive: never loop in place */
			e = i + 1;
		if (status < UBRK_WORD_NONE_LIMIT)
			i = other_segment(t, i, e);
		else if (status < UBRK_WORD_NUMBER_LIMIT)
			i = number_segment(t, i, e);
		else
			i = word_segment(t, i, e);
	}
}

/* ---- the public face ---- */

/* Whether ASCII c after a run of letters and digits ends a plain word
 * (see shortcut()): a segment boundary whatever comes next, and none of
 * the characters that continue a hyphen compound, an e-mail address or
 * a URL. */
static int
ends_word(const ctk_wordseg *ws, unsigned char c)
{
	static const char sides[] = "a1";
	char probe[3];
	size_t k, m;

	if (c != '\0' && strchr("-%+:", c) != NULL)
		return 0;
	probe[1] = (char)c;
	for (k = 0; k < 2; k++) {
		for (m = 0; m < 2; m++) {
			probe[0] = sides[k];
			probe[2] = sides[m];
			if (ctk_wordseg_boundary(ws, probe, 3, 1) != 1)
				return 0;
		}
	}
	return 1;
}

void
ctk_tok_options_init(ctk_tok_options *o)
{
	memset(o, 0, sizeof *o);
	o->types = CTK_TOK_DEFAULT_TYPES;
	o->fold_case = 1;
	o->ngram_min = 1;
	o->ngram_max = 1;
}

ctk_tok *
ctk_tok_new(const ctk_tok_options *opt, ctk_error *err)
{
	ctk_tok *t = calloc(1, sizeof *t);
	UErrorCode st = U_ZERO_ERROR;
	size_t i;

	if (t == NULL) {
		set_err(err, CTK_ENOMEM, "out of memory");
		return NULL;
	}
	if (opt != NULL)
		t->opt = *opt;
	else
		ctk_tok_options_init(&t->opt);
	if (t->opt.ngram_min < 1)
		t->opt.ngram_min = 1;
	if (t->opt.ngram_max > MAX_NGRAM)
		t->opt.ngram_max = MAX_NGRAM;
	if (t->opt.ngram_max < t->opt.ngram_min)
		t->opt.ngram_max = t->opt.ngram_min;
	if (t->opt.ngram_max > 1)
		t->opt.sentences = 1;
	for (i = 0; i < MAX_NGRAM; i++)
		ctk_buf_init(&t->ring[i].text);
	ctk_wordseg_init(&t->ws);
	for (i = LATIN_FIRST; i < LATIN_END; i++)
		latin_entry((UChar32)i, &t->latin[i - LATIN_FIRST]);
	for (i = 0; i < 128; i++)
		t->byte[i] = (unsigned char)(
		    (is_space_cp((UChar32)i) ? ASCII_SPACE : 0) |
		    (u_hasBinaryProperty((UChar32)i,
		    UCHAR_EXTENDED_PICTOGRAPHIC) ? ASCII_PICT : 0) |
		    (ends_word(&t->ws, (unsigned char)i) ?
		    ASCII_ENDS_WORD : 0) |
		    (a_alpha((unsigned char)i) ? ASCII_LETTER : 0) |
		    (a_digit((unsigned char)i) ? ASCII_DIGIT : 0));
	t->words = ubrk_open(UBRK_WORD, "", NULL, 0, &st);
	t->sents = ubrk_open(UBRK_SENTENCE, "", NULL, 0, &st);
	t->nfc = unorm2_getNFCInstance(&st);
	t->nfd = unorm2_getNFDInstance(&st);
	t->nfkc = unorm2_getNFKCInstance(&st);
	t->nfkc_cf = unorm2_getNFKCCasefoldInstance(&st);
	if (U_FAILURE(st)) {
		if (err != NULL)
			ctk_error_set(err, CTK_EIO, 0, 0,
			    "ICU break iterators: %s", u_errorName(st));
		ctk_tok_free(t);
		return NULL;
	}
	return t;
}

void
ctk_tok_free(ctk_tok *t)
{
	size_t i;

	if (t == NULL)
		return;
	if (t->words != NULL)
		ubrk_close(t->words);
	if (t->sents != NULL)
		ubrk_close(t->sents);
	if (t->ut != NULL)
		utext_close(t->ut);
	for (i = 0; i < t->n_stemmers; i++)
		if (t->stemmers[i].sb != NULL)
			sb_stemmer_delete(t->stemmers[i].sb);
	for (i = 0; i < MAX_NGRAM; i++)
		ctk_buf_release(&t->ring[i].text);
	free(t->ua);
	free(t->ub);
	free(t->sw);
	ctk_buf_release(&t->sw_pool);
	ctk_buf_release(&t->norm);
	ctk_buf_release(&t->key);
	ctk_buf_release(&t->joined);
	free(t);
}

/* The French inversion rules are on unless the text is said to be in
 * another language. */
static int
is_french(const char *lang)
{
	if (lang == NULL || lang[0] == '\0' || strcmp(lang, "und") == 0)
		return 1;
	return a_lower((unsigned char)lang[0]) == 'f' &&
	    a_lower((unsigned char)lang[1]) == 'r' &&
	    !a_alpha((unsigned char)lang[2]);
}

static int
start(ctk_tok *t, const char *text, size_t len, int sentences,
    ctk_error *err)
{
	if (len > INT32_MAX) {
		if (err != NULL)
			ctk_error_set(err, CTK_ELIMIT, 0, 0,
			    "text of %zu bytes is over the 2 GB limit", len);
		return CTK_ELIMIT;
	}
	t->text = text;
	t->len = len;
	t->err = err;
	t->rc = 0;
	t->wpos = t->boundary = 0;
	t->text_ready = t->words_ready = 0;
	t->sent_pos = t->sent_end = t->sent = t->pos = 0;
	t->ring_n = 0;
	return sentences ? attach(t, t->sents) : 0;
}

int
ctk_tok_run(ctk_tok *t, const char *text, size_t len, const char *lang,
    ctk_tok_fn fn, void *arg, ctk_error *err)
{
	int rc;

	if ((rc = start(t, text, len, t->opt.sentences, err)) != 0)
		return rc;
	if (lang == NULL || lang[0] == '\0')
		lang = t->opt.lang;
	t->french = is_french(lang);
	t->stemmer = t->opt.stem ? stemmer_for(t, lang) : NULL;
	t->fn = fn;
	t->arg = arg;
	scan(t);
	return t->rc;
}

int
ctk_tok_sentences(ctk_tok *t, const char *text, size_t len,
    ctk_tok_sentence_fn fn, void *arg, ctk_error *err)
{
	size_t s, e, n = 0;
	int rc;

	if ((rc = start(t, text, len, 1, err)) != 0)
		return rc;
	while (next_sentence(t, &s, &e))
		if ((rc = fn(++n, s, e, arg)) != 0)
			return rc;
	return 0;
}

const char *
ctk_tok_type_name(ctk_tok_type type)
{
	return (unsigned)type < CTK_TOK_NTYPES ? type_names[type] : "?";
}

int
ctk_tok_types_parse(const char *list, unsigned *types, const char **bad)
{
	const char *p = list, *end;
	size_t n, k;

	*types = 0;
	while (*p != '\0') {
		end = strchr(p, ',');
		n = end ? (size_t)(end - p) : strlen(p);
		for (k = 0; k < CTK_TOK_NTYPES; k++)
			if (strlen(type_names[k]) == n &&
			    memcmp(type_names[k], p, n) == 0)
				break;
		if (k == CTK_TOK_NTYPES) {
			if (bad != NULL)
				*bad = p;
			return -1;
		}
		*types |= CTK_TOK_BIT(k);
		p += n + (end != NULL);
	}
	return 0;
}

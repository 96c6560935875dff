/*
 * features: tokens of a document and their hashed n-gram counts (see
 * ctk_features.h). ASCII tokens take a fast path (byte lower-casing is
 * their full case folding, and they are already NFC), tokens of Latin
 * letters a second one (a table made by ICU, see struct latin); the
 * others go through ICU.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "ctk_features.h"
#include "fnv.h"
#include "utf8.h"

void
ctk_tokens_init(ctk_tokens *t)
{
	memset(t, 0, sizeof *t);
	ctk_buf_init(&t->text);
}

void
ctk_tokens_release(ctk_tokens *t)
{
	ctk_buf_release(&t->text);
	free(t->start);
	free(t->len);
	free(t->scratch);
	free(t->latin);
	memset(t, 0, sizeof *t);
}

static int
nomem(ctk_error *err)
{
	return ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
}

static int
is_ascii(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

static int
scratch_reserve(ctk_tokens *t, size_t units)
{
	void *p;

	if (units <= t->scratch_cap)
		return 0;
	if ((p = realloc(t->scratch, 2 * units * sizeof(UChar))) == NULL)
		return -1;
	t->scratch = p;
	t->scratch_cap = units;
	return 0;
}

/* Drops the nonspacing marks (general category Mn) of u[0..n) in place. */
static int32_t
drop_marks(UChar *u, int32_t n)
{
	int32_t i = 0, j = 0, start;
	UChar32 c;

	while (i < n) {
		start = i;
		U16_NEXT(u, i, n, c);
		if (u_charType(c) == U_NON_SPACING_MARK)
			continue;
		while (start < i)
			u[j++] = u[start++];
	}
	return j;
}

/* Case fold, (strip marks,) NFC through ICU; -1 on a buffer overflow so
 * that the caller retries with more room, -2 on another ICU error. */
static int
icu_normalize(UChar *a, UChar *b, int32_t cap, const char *s, size_t len,
    unsigned flags, UChar **res, int32_t *res_len)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
	int32_t n, m;

	if (U_FAILURE(st))
		return -2;
	u_strFromUTF8WithSub(a, cap, &n, s, (int32_t)len, 0xfffd, NULL, &st);
	m = u_strFoldCase(b, cap, a, n, U_FOLD_CASE_DEFAULT, &st);
	if (flags & CTK_TOKENS_STRIP_ACCENTS) {
		n = unorm2_normalize(nfd, b, m, a, cap, &st);
		if (U_SUCCESS(st))
			n = drop_marks(a, n);
		m = unorm2_normalize(nfc, a, n, b, cap, &st);
		*res = b;
		*res_len = m;
	} else {
		n = unorm2_normalize(nfc, b, m, a, cap, &st);
		*res = a;
		*res_len = n;
	}
	if (st == U_BUFFER_OVERFLOW_ERROR || st == U_STRING_NOT_TERMINATED_WARNING)
		return -1;
	return U_FAILURE(st) ? -2 : 0;
}

static int
normalize_unicode(ctk_tokens *t, ctk_buf *out, const char *s, size_t len,
    unsigned flags, ctk_error *err)
{
	size_t cap = 4 * len + 16;
	UChar *res;
	int32_t res_len, n8;
	UErrorCode st = U_ZERO_ERROR;
	int rc;

	for (;;) {
		if (cap > INT32_MAX / 4 || scratch_reserve(t, cap) < 0)
			return nomem(err);
		rc = icu_normalize(t->scratch, (UChar *)t->scratch + t->scratch_cap,
		    (int32_t)t->scratch_cap, s, len, flags, &res, &res_len);
		if (rc == 0)
			break;
		if (rc == -2) {	/* should not happen: keep the bytes */
			return ctk_buf_append(out, s, len) < 0 ? nomem(err) : 0;
		}
		cap *= 2;
	}
	if (ctk_buf_grow(out, (size_t)res_len * 3 + 1) < 0)
		return nomem(err);
	u_strToUTF8WithSub(out->data + out->len, (int32_t)(out->cap - out->len),
	    &n8, res, res_len, 0xfffd, NULL, &st);
	if (U_FAILURE(st))
		return ctk_buf_append(out, s, len) < 0 ? nomem(err) : 0;
	out->len += (size_t)n8;
	out->data[out->len] = '\0';
	return 0;
}

/*
 * Fast path for Latin letters: for each code point below LATIN_END, its
 * case folding, with accents stripped or not, computed once by ICU itself
 * and kept in the ctk_tokens. It applies to a token made only of such code
 * points that are NFC quick-check "yes" with combining class 0, before and
 * after folding: then folding character by character and concatenating is
 * what the ICU path gives, and the result is already NFC.
 */
#define LATIN_END 0x250

struct latin {
	unsigned char ok[LATIN_END];
	unsigned char len[2][LATIN_END];	/* [stripped][cp] */
	char bytes[2][LATIN_END][8];
};

static int
nfc_starter(const UNormalizer2 *nfc, const UChar *u, int32_t n)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t i = 0;
	UChar32 c;

	while (i < n) {
		U16_NEXT(u, i, n, c);
		if (unorm2_getCombiningClass(nfc, c) != 0)
			return 0;
	}
	return unorm2_quickCheck(nfc, u, n, &st) == UNORM_YES &&
	    U_SUCCESS(st);
}

static void
latin_entry(ctk_tokens *t, struct latin *l, UChar32 cp,
    const UNormalizer2 *nfc)
{
	UChar u[2] = { (UChar)cp, 0 }, f[8];
	UErrorCode st = U_ZERO_ERROR;
	char utf8[4];
	ctk_buf out = CTK_BUF_INIT;
	int32_t n;
	int k;

	n = u_strFoldCase(f, 8, u, 1, U_FOLD_CASE_DEFAULT, &st);
	if (U_FAILURE(st) || !nfc_starter(nfc, u, 1) || !nfc_starter(nfc, f, n))
		return;
	for (k = 0; k < 2; k++) {
		ctk_buf_reset(&out);
		if (normalize_unicode(t, &out, utf8, ctk_utf8_encode(
		    (uint32_t)cp, utf8), k ? CTK_TOKENS_STRIP_ACCENTS : 0,
		    NULL) < 0 || out.len > 8) {
			ctk_buf_release(&out);
			return;
		}
		memcpy(l->bytes[k][cp], out.data, out.len);
		l->len[k][cp] = (unsigned char)out.len;
	}
	l->ok[cp] = 1;
	ctk_buf_release(&out);
}

static struct latin *
latin_table(ctk_tokens *t)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
	struct latin *l;
	UChar32 cp;

	if (t->latin != NULL || U_FAILURE(st))
		return t->latin;
	if ((l = calloc(1, sizeof *l)) == NULL)
		return NULL;
	for (cp = 0x80; cp < LATIN_END; cp++)
		latin_entry(t, l, cp, nfc);
	t->latin = l;
	return l;
}

/* Appends the folded s[0..len) by the table; -1 when the token is not
 * for the fast path (nothing appended then). */
static int
normalize_latin(ctk_tokens *t, ctk_buf *out, const char *s, size_t len,
    unsigned flags)
{
	struct latin *l = latin_table(t);
	int k = (flags & CTK_TOKENS_STRIP_ACCENTS) != 0;
	size_t i = 0, n, at = out->len;
	uint32_t cp;
	char c;

	if (l == NULL || ctk_buf_grow(out, 8 * len) < 0)
		return -1;
	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			c = s[i++];
			out->data[out->len++] = (c >= 'A' && c <= 'Z') ?
			    (char)(c + 32) : c;
			continue;
		}
		n = ctk_utf8_decode(s + i, len - i, &cp);
		if (n == 0 || cp >= LATIN_END || !l->ok[cp]) {
			out->len = at;
			out->data[at] = '\0';
			return -1;
		}
		memcpy(out->data + out->len, l->bytes[k][cp], l->len[k][cp]);
		out->len += l->len[k][cp];
		i += n;
	}
	out->data[out->len] = '\0';
	return 0;
}

int
ctk_tokens_normalize(ctk_tokens *t, ctk_buf *out, const char *s, size_t len,
    unsigned flags, ctk_error *err)
{
	size_t i;
	char *p;

	if (!is_ascii(s, len)) {
		if (normalize_latin(t, out, s, len, flags) == 0)
			return 0;
		return normalize_unicode(t, out, s, len, flags, err);
	}
	if (ctk_buf_grow(out, len + 1) < 0)
		return nomem(err);
	p = out->data + out->len;
	for (i = 0; i < len; i++)
		p[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
	out->len += len;
	out->data[out->len] = '\0';
	return 0;
}

static int
push_token(ctk_tokens *t, const char *s, size_t len, unsigned flags,
    ctk_error *err)
{
	size_t at = t->text.len, ncap;
	void *a, *b;
	int rc;

	if (t->n == t->cap) {
		ncap = t->cap ? 2 * t->cap : 64;
		a = realloc(t->start, ncap * sizeof *t->start);
		if (a != NULL)
			t->start = a;
		b = realloc(t->len, ncap * sizeof *t->len);
		if (b != NULL)
			t->len = b;
		if (a == NULL || b == NULL)
			return nomem(err);
		t->cap = ncap;
	}
	if ((flags & CTK_TOKENS_PRETOKENIZED) &&
	    !(flags & CTK_TOKENS_STRIP_ACCENTS))
		rc = ctk_buf_append(&t->text, s, len) < 0 ? nomem(err) : 0;
	else
		rc = ctk_tokens_normalize(t, &t->text, s, len, flags, err);
	if (rc < 0)
		return rc;
	if (t->text.len == at)	/* normalized to nothing (marks only) */
		return 0;
	t->start[t->n] = at;
	t->len[t->n] = t->text.len - at;
	t->n++;
	return ctk_buf_append_char(&t->text, '\0') < 0 ? nomem(err) : 0;
}

/* Length of the White_Space character at s, or 0 when s starts another. */
static size_t
space_len(const char *s, size_t n, unsigned flags)
{
	unsigned char c = (unsigned char)*s;
	uint32_t cp;
	size_t k;

	if (flags & CTK_TOKENS_PRETOKENIZED)
		return c == ' ';
	if (c < 0x80)
		return (c == ' ' || (c >= '\t' && c <= '\r'));
	k = ctk_utf8_decode(s, n, &cp);
	if (k == 0)
		return 0;
	return u_isUWhiteSpace((UChar32)cp) ? k : 0;
}

/* Punctuation code point starting at s[at], its length in *n, or 0. */
static int
punct_at(const char *s, size_t at, size_t end, size_t *n)
{
	uint32_t cp;

	if ((unsigned char)s[at] < 0x80) {
		/* the ASCII characters of general category P */
		*n = 1;
		switch (s[at]) {
		case '!': case '"': case '#': case '%': case '&': case '\'':
		case '(': case ')': case '*': case ',': case '-': case '.':
		case '/': case ':': case ';': case '?': case '@': case '[':
		case '\\': case ']': case '_': case '{': case '}':
			return 1;
		}
		return 0;
	}
	*n = ctk_utf8_decode(s + at, end - at, &cp);
	if (*n == 0) {
		*n = 1;
		return 0;
	}
	return u_ispunct((UChar32)cp);
}

static void
trim_punct(const char *s, size_t *start, size_t *end)
{
	size_t n, at;

	while (*start < *end && punct_at(s, *start, *end, &n))
		*start += n;
	while (*start < *end) {
		at = *end - 1;	/* back to the lead byte of the last char */
		while (at > *start && ((unsigned char)s[at] & 0xc0) == 0x80)
			at--;
		if (!punct_at(s, at, *end, &n) || at + n != *end)
			break;
		*end = at;
	}
}

int
ctk_tokens_split(ctk_tokens *t, const char *s, size_t len, unsigned flags,
    ctk_error *err)
{
	size_t i = 0, start, end, k;
	int rc;

	ctk_buf_reset(&t->text);
	t->n = 0;
	while (i < len) {
		while (i < len && (k = space_len(s + i, len - i, flags)) > 0)
			i += k;
		start = i;
		for (; i < len; i++) {	/* ASCII inline, the rest by call */
			unsigned char c = (unsigned char)s[i];

			if (c == ' ' || (c < 0x80 && c >= '\t' && c <= '\r' &&
			    !(flags & CTK_TOKENS_PRETOKENIZED)))
				break;
			if (c >= 0x80 && space_len(s + i, len - i, flags) > 0)
				break;
		}
		end = i;
		if (flags & CTK_TOKENS_TRIM_PUNCT &&
		    !(flags & CTK_TOKENS_PRETOKENIZED))
			trim_punct(s, &start, &end);
		if (end > start &&
		    (rc = push_token(t, s + start, end - start, flags, err)) < 0)
			return rc;
	}
	return 0;
}

void
ctk_fvec_init(ctk_fvec *v)
{
	memset(v, 0, sizeof *v);
}

void
ctk_fvec_release(ctk_fvec *v)
{
	free(v->bucket);
	free(v->value);
	memset(v, 0, sizeof *v);
}

static uint64_t
fmix64(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53ULL;
	k ^= k >> 33;
	return k;
}

static uint32_t
to_bucket(uint64_t h, unsigned bits)
{
	return (uint32_t)(fmix64(h) & ((UINT64_C(1) << bits) - 1));
}

uint32_t
ctk_features_bucket(const char *key, size_t len, unsigned bits)
{
	return to_bucket(ctk_fnv1a(key, len), bits);
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

static int
fvec_reserve(ctk_fvec *v, size_t n)
{
	void *a, *b;

	if (n <= v->cap)
		return 0;
	a = realloc(v->bucket, n * sizeof *v->bucket);
	if (a != NULL)
		v->bucket = a;
	b = realloc(v->value, n * sizeof *v->value);
	if (b != NULL)
		v->value = b;
	if (a == NULL || b == NULL)
		return -1;
	v->cap = n;
	return 0;
}

int
ctk_features_hash(ctk_fvec *v, const ctk_tokens *t, unsigned bits,
    unsigned ngrams, ctk_error *err)
{
	size_t i, n = 0, out;
	uint64_t h;

	if (fvec_reserve(v, 2 * t->n + 1) < 0)
		return nomem(err);
	for (i = 0; i < t->n; i++) {
		h = ctk_fnv1a(t->text.data + t->start[i], t->len[i]);
		v->bucket[n++] = to_bucket(h, bits);
		if (ngrams < 2 || i + 1 == t->n)
			continue;
		h = ctk_fnv1a_more(h, " ", 1);
		h = ctk_fnv1a_more(h, t->text.data + t->start[i + 1],
		    t->len[i + 1]);
		v->bucket[n++] = to_bucket(h, bits);
	}
	qsort(v->bucket, n, sizeof *v->bucket, cmp_u32);
	for (i = 0, out = 0; i < n; i++) {
		if (out > 0 && v->bucket[out - 1] == v->bucket[i]) {
			v->value[out - 1] += 1.0f;
			continue;
		}
		v->bucket[out] = v->bucket[i];
		v->value[out++] = 1.0f;
	}
	v->n = out;
	return 0;
}

/*
 * texthash: normalized-text fingerprint (see texthash.h). Pure ASCII text,
 * the common case, is folded byte by byte; anything else goes through
 * ICU (UTF-16) for NFC and full case folding.
 */
#include "texthash.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "error.h"
#include "fnv.h"
#include "utf8.h"

uint64_t
ctk_texthash_fnv1a(const char *s, size_t len)
{
	return ctk_fnv1a(s, len);
}

/* ASCII white space: the C0 separators and the usual blanks */
static const unsigned char space_table[128] = {
	['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1,
	[0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1, [' '] = 1,
};

#define ascii_space(c) (space_table[(unsigned char)(c) & 0x7f])

/* NFC, fold, NFC again (folding may leave a non-NFC sequence). Returns a
 * malloc'ed UTF-16 string and its length in *n, or NULL. */
static UChar *
fold_utf16(const char *s, size_t len, int32_t *n)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
	UChar *a = NULL, *b = NULL;
	int32_t cap = (int32_t)len * 3 + 16, na, nb;

	if (U_FAILURE(st) || len > 200000000)
		return NULL;
	a = malloc(sizeof *a * (size_t)cap);
	b = malloc(sizeof *b * (size_t)cap);
	if (a == NULL || b == NULL)
		goto fail;
	u_strFromUTF8Lenient(a, cap, &na, s, (int32_t)len, &st);
	nb = unorm2_normalize(nfc, a, na, b, cap, &st);
	na = u_strFoldCase(a, cap, b, nb, U_FOLD_CASE_DEFAULT, &st);
	nb = unorm2_normalize(nfc, a, na, b, cap, &st);
	if (U_FAILURE(st))
		goto fail;
	free(a);
	*n = nb;
	return b;
fail:
	free(a);
	free(b);
	return NULL;
}

/* A code point that cannot change the NFC form of its neighbours and is
 * NFC itself: a starter with NFC_Quick_Check=Yes, which is what ICU calls
 * a normalization boundary before it. */
static int
nfc_inert(UChar32 c)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);

	return U_SUCCESS(st) && unorm2_hasBoundaryBefore(nfc, c);
}

/* Where the fast path puts the normal form: into a buffer, or straight
 * into the hash (out == NULL) so that no byte is written twice. */
struct sink {
	ctk_buf *out;
	uint64_t hash;
	size_t n;		/* bytes of normal form so far */
};

static inline void
sink_byte(struct sink *k, char c)
{
	if (k->out != NULL)
		k->out->data[k->out->len++] = c;
	else
		k->hash = (k->hash ^ (unsigned char)c) * CTK_FNV1A_PRIME;
	k->n++;
}

static void
sink_bytes(struct sink *k, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		sink_byte(k, s[i]);
}

/* Full case folding of one inert code point into k; -1 when the result
 * is not inert (the slow path must be taken). */
static int
fold_one(struct sink *k, uint32_t cp)
{
	UChar in[2], folded[8];
	int32_t nf, nin = 0, m = 0;
	UErrorCode st = U_ZERO_ERROR;
	char enc[4];
	size_t j;

	U16_APPEND_UNSAFE(in, nin, cp);
	nf = u_strFoldCase(folded, 8, in, nin, U_FOLD_CASE_DEFAULT, &st);
	if (U_FAILURE(st) || nf > 8)
		return -1;
	while (m < nf) {
		UChar32 f;

		U16_NEXT(folded, m, nf, f);
		if (!nfc_inert(f) ||
		    (j = ctk_utf8_encode((uint32_t)f, enc)) == 0)
			return -1;
		sink_bytes(k, enc, j);
	}
	return 0;
}

/*
 * The fast path for text that is already NFC without combining marks (most
 * French and English text): code points are folded one by one, which
 * gives the same result as NFC-fold-NFC as long as every code point, before
 * and after folding, is inert. Returns 1 when done, 0 to take the slow
 * path (then k holds garbage). A buffer sink must have room for 6 bytes
 * per input byte (full folding makes at most 3 code points of one, each
 * at most 4 bytes from at least 2).
 */
static int
normalize_inert(const char *s, size_t len, struct sink *k)
{
	size_t i = 0, n;
	int pending = 0;
	uint32_t cp;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			char c = s[i++];

			if (ascii_space(c)) {
				pending = k->n > 0;
				continue;
			}
			if (pending)
				sink_byte(k, ' ');
			pending = 0;
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			sink_byte(k, c);
			continue;
		}
		if ((n = ctk_utf8_decode(s + i, len - i, &cp)) == 0)
			return 0;
		i += n;
		/* U+00E0..U+00FF (à..ÿ and ÷), most of French: precomposed
		 * NFC starters, not space, unchanged by case folding */
		if (cp >= 0xe0 && cp <= 0xff) {
			if (pending)
				sink_byte(k, ' ');
			pending = 0;
			sink_bytes(k, s + i - n, n);
			continue;
		}
		if (!nfc_inert((UChar32)cp))
			return 0;
		if (u_isUWhiteSpace((UChar32)cp)) {
			pending = k->n > 0;
			continue;
		}
		if (pending)
			sink_byte(k, ' ');
		pending = 0;
		if (!u_hasBinaryProperty((UChar32)cp,
		    UCHAR_CHANGES_WHEN_CASEFOLDED))
			sink_bytes(k, s + i - n, n);
		else if (fold_one(k, cp) != 0)
			return 0;
	}
	return 1;
}

int
ctk_texthash_normalize(const char *s, size_t len, ctk_buf *out)
{
	UChar *u;
	int32_t n, i = 0;
	int pending = 0;
	size_t start = out->len;

	struct sink k = { out, 0, 0 };

	if (ctk_buf_grow(out, len * 6 + 8) != 0)
		return CTK_ENOMEM;
	if (normalize_inert(s, len, &k)) {
		out->data[out->len] = '\0';
		return 0;
	}
	out->len = start;
	out->data[start] = '\0';
	if ((u = fold_utf16(s, len, &n)) == NULL)
		return CTK_ENOMEM;
	while (i < n) {
		UChar32 c;
		char enc[4];
		size_t k;

		U16_NEXT(u, i, n, c);
		if (u_isUWhiteSpace(c)) {
			pending = out->len > start;
			continue;
		}
		if (pending && ctk_buf_append_char(out, ' ') != 0)
			goto nomem;
		pending = 0;
		k = ctk_utf8_encode((uint32_t)c, enc);
		if (k == 0)
			k = ctk_utf8_encode(0xFFFD, enc);
		if (ctk_buf_append(out, enc, k) != 0)
			goto nomem;
	}
	free(u);
	return 0;
nomem:
	free(u);
	return CTK_ENOMEM;
}

int
ctk_texthash(const char *s, size_t len, ctk_buf *scratch, uint64_t *hash)
{
	struct sink k = { NULL, CTK_FNV1A_OFFSET, 0 };
	int rc;

	*hash = 0;
	if (normalize_inert(s, len, &k)) {
		if (k.n == 0)
			return 0;
		*hash = k.hash;
		return 1;
	}
	ctk_buf_reset(scratch);
	if ((rc = ctk_texthash_normalize(s, len, scratch)) != 0)
		return rc;
	if (scratch->len == 0)
		return 0;
	*hash = ctk_texthash_fnv1a(scratch->data, scratch->len);
	return 1;
}

void
ctk_texthash_hex(uint64_t hash, char *out)
{
	static const char hex[] = "0123456789abcdef";
	int i;

	for (i = 15; i >= 0; i--) {
		out[i] = hex[hash & 0xf];
		hash >>= 4;
	}
	out[16] = '\0';
}

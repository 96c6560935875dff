/*
 * charset: bytes in any charset to UTF-8 NFC with ICU (see charset.h).
 */
#include "charset.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "utf8.h"

#define SNIFF_BYTES 4096

/* Case-insensitive search of an ASCII needle in s[0..n). */
static const char *
find_ci(const char *s, size_t n, const char *needle)
{
	size_t m = strlen(needle), i, j;

	for (i = 0; m <= n && i <= n - m; i++) {
		for (j = 0; j < m; j++)
			if (tolower((unsigned char)s[i + j]) != needle[j])
				break;
		if (j == m)
			return s + i;
	}
	return NULL;
}

/* Copies a charset name starting at p (optionally quoted) into name. */
static int
copy_name(const char *p, const char *end, char *name, size_t size)
{
	size_t k = 0;

	while (p < end && (*p == ' ' || *p == '=' || *p == '"' || *p == '\''))
		p++;
	while (p < end && k + 1 < size && (isalnum((unsigned char)*p) ||
	    *p == '-' || *p == '_' || *p == '.' || *p == ':'))
		name[k++] = *p++;
	name[k] = '\0';
	return k > 0;
}

int
ctk_charset_from_content_type(const char *ct, char *name, size_t size)
{
	const char *p;

	if (ct == NULL || (p = find_ci(ct, strlen(ct), "charset")) == NULL)
		return 0;
	return copy_name(p + 7, ct + strlen(ct), name, size);
}

int
ctk_charset_sniff_html(const char *bytes, size_t n, char *name, size_t size)
{
	const char *p = bytes, *end = bytes + (n < SNIFF_BYTES ? n : SNIFF_BYTES);
	const char *tag_end, *cs;

	/* Every <meta ...> tag: charset=... as attribute or inside content. */
	while ((p = find_ci(p, (size_t)(end - p), "<meta")) != NULL) {
		tag_end = memchr(p, '>', (size_t)(end - p));
		if (tag_end == NULL)
			tag_end = end;
		cs = find_ci(p, (size_t)(tag_end - p), "charset");
		if (cs != NULL && copy_name(cs + 7, tag_end, name, size))
			return 1;
		p = tag_end;
	}
	return ctk_charset_sniff_xml(bytes, n, name, size);
}

int
ctk_charset_sniff_xml(const char *bytes, size_t n, char *name, size_t size)
{
	const char *end = bytes + (n < 512 ? n : 512);
	const char *p = find_ci(bytes, (size_t)(end - bytes), "<?xml");
	const char *decl_end, *enc;

	if (p == NULL)
		return 0;
	decl_end = find_ci(p, (size_t)(end - p), "?>");
	if (decl_end == NULL)
		return 0;
	enc = find_ci(p, (size_t)(decl_end - p), "encoding");
	return enc != NULL && copy_name(enc + 8, decl_end, name, size);
}

/* The WHATWG encoding standard reads these labels as windows-1252. */
static const char *
whatwg_alias(const char *name)
{
	static const char *const latin1[] = { "iso-8859-1", "iso8859-1",
	    "iso_8859-1", "latin1", "l1", "us-ascii", "ascii", "cp819",
	    "ibm819", "iso-ir-100", "x-cp1252", "cp1252", "iso88591",
	    "iso_8859-1:1987", "csisolatin1", "ansi_x3.4-1968" };
	size_t i;

	for (i = 0; i < sizeof latin1 / sizeof latin1[0]; i++)
		if (ucnv_compareNames(name, latin1[i]) == 0)
			return "windows-1252";
	return name;
}

static int
bom(const char *b, size_t n, const char **name)
{
	const unsigned char *u = (const unsigned char *)b;

	if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		*name = "UTF-8";
		return 3;
	}
	if (n >= 2 && ((u[0] == 0xFE && u[1] == 0xFF) ||
	    (u[0] == 0xFF && u[1] == 0xFE))) {
		*name = "UTF-16";	/* ICU reads the BOM itself */
		return 0;
	}
	return -1;
}

static const char *
detect(const char *bytes, size_t n, int is_html)
{
	UErrorCode status = U_ZERO_ERROR;
	UCharsetDetector *det;
	const UCharsetMatch *match;
	const char *name = "windows-1252";

	/* Valid UTF-8 of any length is UTF-8: ICU guesses badly on short
	 * texts with few non-ASCII letters. */
	if (ctk_utf8_valid(bytes, n, NULL))
		return "UTF-8";
	det = ucsdet_open(&status);
	if (U_FAILURE(status))
		return name;
	ucsdet_enableInputFilter(det, is_html ? 1 : 0);
	ucsdet_setText(det, bytes, n > INT32_MAX ? INT32_MAX : (int32_t)n,
	    &status);
	match = ucsdet_detect(det, &status);
	if (U_SUCCESS(status) && match != NULL) {
		const char *m = ucsdet_getName(match, &status);

		if (U_SUCCESS(status) && m != NULL)
			name = whatwg_alias(m);
	}
	/* name points to static ICU data or a literal, valid after close */
	ucsdet_close(det);
	return name;
}

/* Opens the converter for the declared charset, or for the one found by
 * BOM or detection; fills info. */
static UConverter *
open_converter(const char **bytes, size_t *n, const char *declared,
    int is_html, ctk_charset_info *info, int *valid_utf8)
{
	UErrorCode status = U_ZERO_ERROR;
	UConverter *cv = NULL;
	const char *name = NULL;
	int skip = bom(*bytes, *n, &name);

	*valid_utf8 = 0;

	if (skip >= 0) {
		info->from_bom = 1;
		*bytes += skip;
		*n -= (size_t)skip;
	} else if (declared != NULL && *declared != '\0') {
		name = whatwg_alias(declared);
		cv = ucnv_open(name, &status);
		if (U_FAILURE(status) || cv == NULL) {
			info->declared_unknown = 1;
			name = NULL;
			cv = NULL;
		}
		/* A page declaring UTF-8 that is not is usually windows-1252. */
		if (cv != NULL && ucnv_compareNames(name, "UTF-8") == 0) {
			*valid_utf8 = ctk_utf8_valid(*bytes, *n, NULL);
			if (!*valid_utf8) {
				ucnv_close(cv);
				cv = NULL;
				name = NULL;
			}
		}
	}
	if (name == NULL) {
		/* valid UTF-8 is UTF-8 (and ASCII reads the same in any of
		 * the candidates): the statistical detector is slow */
		*valid_utf8 = ctk_utf8_valid(*bytes, *n, NULL);
		name = *valid_utf8 ? "UTF-8" : detect(*bytes, *n, is_html);
		info->detected = 1;
	}
	if (cv == NULL) {
		status = U_ZERO_ERROR;
		cv = ucnv_open(name, &status);
		if (U_FAILURE(status))
			return NULL;
	}
	snprintf(info->used, sizeof info->used, "%s", name);
	return cv;
}

/* 1 when valid UTF-8 s[0..n) passes the NFC quick check (UAX #15) with
 * the answer yes: it is then in NFC already. Maybe counts as no. */
static int
quick_check_nfc(const char *s, size_t n)
{
	size_t i = 0, len;
	uint32_t cp;
	uint8_t ccc, last_ccc = 0;

	while (i < n) {
		/* eight ASCII bytes at a time: most of a page */
		if (i + 8 <= n) {
			uint64_t w;

			memcpy(&w, s + i, 8);
			if ((w & 0x8080808080808080ULL) == 0) {
				last_ccc = 0;
				i += 8;
				continue;
			}
		}
		if ((unsigned char)s[i] < 0xCC) {
			/* below U+0300 (ASCII, Latin-1, Latin Extended):
			 * quick check yes, combining class 0 */
			if ((unsigned char)s[i] < 0x80 ||
			    (unsigned char)s[i] >= 0xC0)
				last_ccc = 0;
			i++;
			continue;
		}
		if ((len = ctk_utf8_decode(s + i, n - i, &cp)) == 0)
			return 0;
		ccc = u_getCombiningClass((UChar32)cp);
		if (ccc != 0 && last_ccc > ccc)
			return 0;
		if (u_getIntPropertyValue((UChar32)cp, UCHAR_NFC_QUICK_CHECK) !=
		    UNORM_YES)
			return 0;
		last_ccc = ccc;
		i += len;
	}
	return 1;
}

/* Valid UTF-8 that is already NFC is appended as it is: no round trip
 * through UTF-16 and the normalizer, which cost a fifth of the reading of
 * a news page. Returns 1 (nothing done) when the text holds what the
 * conversion would change: a NUL, or text outside the quick check. */
static int
append_if_nfc(const char *bytes, size_t n, ctk_buf *out, ctk_error *err)
{
	if (n == 0 || memchr(bytes, '\0', n) != NULL ||
	    !quick_check_nfc(bytes, n))
		return 1;
	if (ctk_buf_append(out, bytes, n) < 0)
		return ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
	return 0;
}

/* UTF-16 to NFC to UTF-8, appended to out. */
static int
normalize_append(UChar *u, int32_t ulen, ctk_buf *out, ctk_error *err)
{
	UErrorCode status = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
	UChar *norm = NULL;
	int32_t cap, nlen, blen;

	if (U_FAILURE(status))
		return ctk_error_set(err, CTK_EFORMAT, 0, 0,
		    "cannot load NFC data: %s", u_errorName(status));
	if (unorm2_isNormalized(nfc, u, ulen, &status) && U_SUCCESS(status)) {
		norm = u;
		nlen = ulen;
	} else {
		status = U_ZERO_ERROR;
		cap = ulen + ulen / 2 + 16;
		if ((norm = malloc((size_t)cap * sizeof *norm)) == NULL)
			return ctk_error_set(err, CTK_ENOMEM, 0, 0,
			    "out of memory");
		nlen = unorm2_normalize(nfc, u, ulen, norm, cap, &status);
		if (U_FAILURE(status)) {
			free(norm);
			return ctk_error_set(err, CTK_EFORMAT, 0, 0,
			    "cannot normalize text: %s", u_errorName(status));
		}
	}
	status = U_ZERO_ERROR;
	if (ctk_buf_grow(out, (size_t)nlen * 3) < 0) {
		if (norm != u)
			free(norm);
		return ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
	}
	u_strToUTF8(out->data + out->len, (int32_t)(out->cap - out->len),
	    &blen, norm, nlen, &status);
	if (norm != u)
		free(norm);
	if (U_FAILURE(status))
		return ctk_error_set(err, CTK_EFORMAT, 0, 0,
		    "cannot encode UTF-8: %s", u_errorName(status));
	out->len += (size_t)blen;
	out->data[out->len] = '\0';
	return 0;
}

int
ctk_charset_to_utf8(const char *bytes, size_t n, const char *declared,
    int is_html, ctk_buf *out, ctk_charset_info *info, ctk_error *err)
{
	UErrorCode status = U_ZERO_ERROR;
	ctk_charset_info local;
	UConverter *cv;
	UChar *u;
	int32_t ulen, i, k;
	int rc, valid_utf8;

	if (info == NULL)
		info = &local;
	memset(info, 0, sizeof *info);
	if (n > INT32_MAX / 2 - 16)
		return ctk_error_set(err, CTK_ELIMIT, 0, 0,
		    "text of %zu bytes is too large to convert", n);
	cv = open_converter(&bytes, &n, declared, is_html, info, &valid_utf8);
	if (cv == NULL)
		return ctk_error_set(err, CTK_EFORMAT, 0, 0,
		    "no converter for charset \"%s\"", info->used);
	/* without a byte order mark, valid UTF-8 cannot start with U+FEFF */
	if (valid_utf8 && (rc = append_if_nfc(bytes, n, out, err)) != 1) {
		ucnv_close(cv);
		return rc;
	}
	/* One byte never gives more than two UTF-16 units. */
	if ((u = malloc((2 * n + 2) * sizeof *u)) == NULL) {
		ucnv_close(cv);
		return ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
	}
	ulen = ucnv_toUChars(cv, u, (int32_t)(2 * n + 2), bytes, (int32_t)n,
	    &status);
	ucnv_close(cv);
	if (U_FAILURE(status)) {
		free(u);
		return ctk_error_set(err, CTK_EFORMAT, 0, 0,
		    "cannot convert from %s: %s", info->used,
		    u_errorName(status));
	}
	for (i = k = 0; i < ulen; i++)
		if (u[i] != 0 && !(k == 0 && u[i] == 0xFEFF))
			u[k++] = u[i];
	rc = normalize_append(u, k, out, err);
	free(u);
	return rc;
}

/* fold: case folding + NFC through ICU (see fold.h). */
#include "fold.h"

#include <stdlib.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

/* UTF-16 scratch space that grows as needed; one per call keeps the
 * function reentrant. */
typedef struct u16 {
	UChar *s;
	int32_t len, cap;
} u16;

static int
reserve(u16 *u, int32_t cap)
{
	UChar *s;

	if (cap <= u->cap)
		return 0;
	s = realloc(u->s, (size_t)cap * sizeof *s);
	if (s == NULL)
		return -1;
	u->s = s;
	u->cap = cap;
	return 0;
}

static int
fold_u16(const u16 *in, u16 *out)
{
	UErrorCode status = U_ZERO_ERROR;
	int32_t n = u_strFoldCase(out->s, out->cap, in->s, in->len,
	    U_FOLD_CASE_DEFAULT, &status);

	if (status == U_BUFFER_OVERFLOW_ERROR) {
		if (reserve(out, n + 1) != 0)
			return -1;
		status = U_ZERO_ERROR;
		n = u_strFoldCase(out->s, out->cap, in->s, in->len,
		    U_FOLD_CASE_DEFAULT, &status);
	}
	out->len = n;
	return U_FAILURE(status) ? -1 : 0;
}

static int
nfc_u16(const u16 *in, u16 *out)
{
	UErrorCode status = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
	int32_t n;

	if (U_FAILURE(status))
		return -1;
	n = unorm2_normalize(nfc, in->s, in->len, out->s, out->cap, &status);
	if (status == U_BUFFER_OVERFLOW_ERROR) {
		if (reserve(out, n + 1) != 0)
			return -1;
		status = U_ZERO_ERROR;
		n = unorm2_normalize(nfc, in->s, in->len, out->s, out->cap,
		    &status);
	}
	out->len = n;
	return U_FAILURE(status) ? -1 : 0;
}

static int
to_utf8(const u16 *in, ctk_buf *out)
{
	UErrorCode status = U_ZERO_ERROR;
	int32_t n;

	ctk_buf_reset(out);
	u_strToUTF8(NULL, 0, &n, in->s, in->len, &status);
	if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
		return -1;
	if (ctk_buf_grow(out, (size_t)n + 1) != 0)
		return -1;
	status = U_ZERO_ERROR;
	u_strToUTF8(out->data, (int32_t)out->cap, NULL, in->s, in->len,
	    &status);
	if (U_FAILURE(status))
		return -1;
	out->len = (size_t)n;
	out->data[n] = '\0';
	return 0;
}

int
ctk_fold(const char *s, size_t len, ctk_buf *out, ctk_error *err)
{
	UErrorCode status = U_ZERO_ERROR;
	u16 a = { NULL, 0, 0 }, b = { NULL, 0, 0 };
	int32_t n;
	int rc = 0;

	u_strFromUTF8(NULL, 0, &n, s, (int32_t)len, &status);
	if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) {
		return ctk_error_set(err, CTK_EFORMAT, 0, 0,
		    "invalid UTF-8");
	}
	if (reserve(&a, n + 1) != 0 || reserve(&b, n * 3 + 16) != 0) {
		rc = ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
		goto done;
	}
	status = U_ZERO_ERROR;
	u_strFromUTF8(a.s, a.cap, &a.len, s, (int32_t)len, &status);
	if (U_FAILURE(status)) {
		rc = ctk_error_set(err, CTK_EFORMAT, 0, 0, "invalid UTF-8");
		goto done;
	}
	/* a.s and b.s are freed at done (clang-analyzer loses track) */
	/* NOLINTNEXTLINE(clang-analyzer-unix.Malloc) */
	if (fold_u16(&a, &b) != 0 || reserve(&a, b.len * 2 + 16) != 0 ||
	    nfc_u16(&b, &a) != 0 || to_utf8(&a, out) != 0)
		rc = ctk_error_set(err, CTK_ENOMEM, 0, 0,
		    "cannot fold text (out of memory or ICU error)");
done:
	free(a.s);
	free(b.s);
	return rc;
}

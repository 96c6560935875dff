/*
 * fmt: see fmt.h. A finite double is m * 2^e with an integer m < 2^53.
 * With e >= 0 it is the integer m << e. With e < 0, the integer part is
 * m >> -e and the fraction f / 2^k (k = -e); its first prec decimals are
 * floor(f * 10^prec / 2^k) and the remainder, compared with 2^(k-1), says
 * how to round. f * 10^prec < 2^53 * 2^30 fits in 128 bits, which is why
 * the fast path needs a compiler with a 128-bit integer type.
 */
#include "fmt.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#ifdef __SIZEOF_INT128__
__extension__ typedef unsigned __int128 fmt_u128;
#define FMT_HAVE_U128 1
#else
#define FMT_HAVE_U128 0
#endif

/* sign, 19 integer digits (< 2^63), '.', CTK_FMT_FIXED_MAX_PREC, NUL */
#define FAST_MAX (1 + 19 + 1 + CTK_FMT_FIXED_MAX_PREC + 1)

static const uint64_t pow10_table[] = { 1ULL, 10ULL, 100ULL, 1000ULL,
    10000ULL, 100000ULL, 1000000ULL, 10000000ULL, 100000000ULL,
    1000000000ULL };

/* Writes the decimal digits of u at the end of the buffer ending at end;
 * returns where they start. */
static char *
digits_backwards(char *end, uint64_t u)
{
	do {
		*--end = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	return end;
}

static size_t
fallback(char *out, size_t size, double v, int prec)
{
	snprintf(out, size, "%.*f", prec, v);
	return size > 0 ? strlen(out) : 0;
}

size_t
ctk_fmt_fixed(char *out, size_t size, double v, int prec)
{
#if FMT_HAVE_U128
	uint64_t bits, m, ip, dec = 0, scale;
	int biased, k, neg;
	char tmp[FAST_MAX], *end = tmp + sizeof tmp, *p;
	size_t len;

	if (prec < 0 || prec > CTK_FMT_FIXED_MAX_PREC || size < FAST_MAX)
		return fallback(out, size, v, prec);
	memcpy(&bits, &v, sizeof bits);
	neg = (int)(bits >> 63);
	biased = (int)((bits >> 52) & 0x7ff);
	m = bits & ((1ULL << 52) - 1);
	if (biased == 0x7ff)
		return fallback(out, size, v, prec);	/* inf, nan */
	if (biased == 0)
		biased = 1;			/* subnormal or zero */
	else
		m |= 1ULL << 52;
	k = 1075 - biased;			/* v = m / 2^k */
	scale = pow10_table[prec];
	if (k <= 0) {
		if (k < -10)
			return fallback(out, size, v, prec);	/* >= 2^63 */
		ip = m << -k;
	} else if (k >= 120) {
		/* f * 10^prec < 2^83 <= 2^(k-1): below half a unit */
		ip = 0;
	} else {
		uint64_t f, odd;
		fmt_u128 prod, rem, half;

		ip = k < 64 ? m >> k : 0;
		f = k < 64 ? m & ((1ULL << k) - 1) : m;
		prod = (fmt_u128)f * scale;
		dec = (uint64_t)(prod >> k);
		rem = prod & ((((fmt_u128)1) << k) - 1);
		half = ((fmt_u128)1) << (k - 1);
		/* the last digit kept: of dec, or of ip when prec is 0 */
		odd = (prec > 0 ? dec : ip) & 1;
		if (rem > half || (rem == half && odd)) {
			if (++dec == scale) {
				dec = 0;
				ip++;
			}
		}
	}
	p = end;
	*--p = '\0';
	if (prec > 0) {
		int i;

		for (i = 0; i < prec; i++) {
			*--p = (char)('0' + dec % 10);
			dec /= 10;
		}
		*--p = '.';
	}
	p = digits_backwards(p, ip);
	if (neg)
		*--p = '-';
	len = (size_t)(end - p) - 1;
	memcpy(out, p, len + 1);
	return len;
#else
	return fallback(out, size, v, prec);
#endif
}

size_t
ctk_fmt_int64(char *out, long long v)
{
	char tmp[24], *end = tmp + sizeof tmp, *p;
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	size_t len;

	p = end;
	*--p = '\0';
	p = digits_backwards(p, u);
	if (v < 0)
		*--p = '-';
	len = (size_t)(end - p) - 1;
	memcpy(out, p, len + 1);
	return len;
}

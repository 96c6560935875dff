/*
 * fmt: see fmt.h. A finite double is m * 2^e with an integer m < 2^53.
 * With e >= 0 it is the integer m << e. With e < 0, the integer part is
 * m >> -e and the fraction f / 2^k (k = -e); its first prec decimals are
 * floor(f * 10^prec / 2^k) and the remainder, compared with 2^(k-1), says
 * how to round. f * 10^prec < 2^53 * 2^30 fits in 128 bits, which is why
 * the fast path needs a compiler with a 128-bit integer type.
 */
#include "fmt.h"

#include <math.h>
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
fallback(char *out, size_t size, const char *format, double v, int prec)
{
	snprintf(out, size, format, prec, v);
	return size > 0 ? strlen(out) : 0;
}

#if FMT_HAVE_U128
/* |v| rounded to prec decimals, exactly: *ip the integer part, *dec the
 * decimals (< 10^prec). 0, or -1 when v is not finite or |v| >= 2^63. */
static int
fixed_parts(double v, int prec, uint64_t *ip, uint64_t *dec)
{
	uint64_t bits, m, scale = pow10_table[prec];
	int biased, k;

	memcpy(&bits, &v, sizeof bits);
	biased = (int)((bits >> 52) & 0x7ff);
	m = bits & ((1ULL << 52) - 1);
	if (biased == 0x7ff)
		return -1;			/* inf, nan */
	if (biased == 0)
		biased = 1;			/* subnormal or zero */
	else
		m |= 1ULL << 52;
	k = 1075 - biased;			/* |v| = m / 2^k */
	*dec = 0;
	if (k <= 0) {
		if (k < -10)
			return -1;		/* >= 2^63 */
		*ip = m << -k;
	} else if (k >= 120) {
		/* f * 10^prec < 2^83 <= 2^(k-1): below half a unit */
		*ip = 0;
	} else {
		uint64_t f, odd;
		fmt_u128 prod, rem, half;

		*ip = k < 64 ? m >> k : 0;
		f = k < 64 ? m & ((1ULL << k) - 1) : m;
		prod = (fmt_u128)f * scale;
		*dec = (uint64_t)(prod >> k);
		rem = prod & ((((fmt_u128)1) << k) - 1);
		half = ((fmt_u128)1) << (k - 1);
		/* the last digit kept: of dec, or of ip when prec is 0 */
		odd = (prec > 0 ? *dec : *ip) & 1;
		if (rem > half || (rem == half && odd)) {
			if (++*dec == scale) {
				*dec = 0;
				++*ip;
			}
		}
	}
	return 0;
}

/* Writes the last n digits of u (zero padded) before p; returns the new
 * start. */
static char *
digits_padded(char *p, uint64_t u, int n)
{
	while (n-- > 0) {
		*--p = (char)('0' + u % 10);
		u /= 10;
	}
	return p;
}
#endif

size_t
ctk_fmt_fixed(char *out, size_t size, double v, int prec)
{
#if FMT_HAVE_U128
	uint64_t ip, dec;
	char tmp[FAST_MAX], *end = tmp + sizeof tmp, *p;
	size_t len;

	if (prec < 0 || prec > CTK_FMT_FIXED_MAX_PREC || size < FAST_MAX ||
	    fixed_parts(v, prec, &ip, &dec) != 0)
		return fallback(out, size, "%.*f", v, prec);
	p = end;
	*--p = '\0';
	if (prec > 0) {
		p = digits_padded(p, dec, prec);
		*--p = '.';
	}
	p = digits_backwards(p, ip);
	if (signbit(v))
		*--p = '-';
	len = (size_t)(end - p) - 1;
	memcpy(out, p, len + 1);
	return len;
#else
	return fallback(out, size, "%.*f", v, prec);
#endif
}

#if FMT_HAVE_U128
/* *r = |v| rounded at the digit of 10^(e - prec), as an integer: 0, or -1
 * when that is outside what fixed_parts() does. */
static int
exp_digits(double v, int prec, int e, uint64_t *r)
{
	uint64_t ip, dec;
	int q = prec - e;

	if (q < 0 || q > CTK_FMT_FIXED_MAX_PREC ||
	    fixed_parts(v, q, &ip, &dec) != 0 ||
	    ip > (UINT64_MAX - dec) / pow10_table[q])
		return -1;
	*r = ip * pow10_table[q] + dec;
	return 0;
}
#endif

size_t
ctk_fmt_exp(char *out, size_t size, double v, int prec)
{
#if FMT_HAVE_U128
	uint64_t r = 0, r2, low, high;
	char tmp[FAST_MAX + 8], *end = tmp + sizeof tmp, *p;
	size_t len;
	int e = 0, tries;
	double a = fabs(v);

	if (prec < 0 || prec > CTK_FMT_FIXED_MAX_PREC || size < sizeof tmp ||
	    !isfinite(v))
		return fallback(out, size, "%.*e", v, prec);
	low = pow10_table[prec];		/* r has prec + 1 digits */
	high = low * 10;
	if (a != 0) {
		/* a first guess of the decimal exponent, then exact checks:
		 * r = |v| rounded at 10^(e - prec) must have prec + 1 digits */
		while (e > prec - CTK_FMT_FIXED_MAX_PREC && a < 1) {
			a *= 10;
			e--;
		}
		while (e < prec && a >= 10) {
			a /= 10;
			e++;
		}
		for (tries = 0; ; tries++) {
			if (tries > 3 || exp_digits(v, prec, e, &r) != 0)
				return fallback(out, size, "%.*e", v, prec);
			if (r >= high) {
				e++;
			} else if (r < low) {
				e--;
			} else if (r == low) {
				/* |v| may be just under 10^e, rounded up to it:
				 * then one exponent down gives its digits, unless
				 * they round up to 10^e too */
				if (exp_digits(v, prec, e - 1, &r2) != 0)
					return fallback(out, size, "%.*e", v,
					    prec);
				if (r2 < high) {
					e--;
					r = r2;
				}
				break;
			} else {
				break;
			}
		}
	}
	p = end;
	*--p = '\0';
	/* at least two exponent digits, as printf writes them */
	p = digits_padded(p, (uint64_t)(e < 0 ? -e : e),
	    e <= -100 || e >= 100 ? 3 : 2);
	*--p = e < 0 ? '-' : '+';
	*--p = 'e';
	if (prec > 0) {
		p = digits_padded(p, r % low, prec);
		*--p = '.';
	}
	*--p = (char)('0' + r / low);
	if (signbit(v))
		*--p = '-';
	len = (size_t)(end - p) - 1;
	memcpy(out, p, len + 1);
	return len;
#else
	return fallback(out, size, "%.*e", v, prec);
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

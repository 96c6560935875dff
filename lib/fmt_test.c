/* Unit tests of fmt: ctk_fmt_fixed() and ctk_fmt_exp() must give the
 * bytes of snprintf "%.*f" and "%.*e" for every double; compared on edge values and millions of random
 * ones (random bit patterns, log-uniform magnitudes, exact rounding ties,
 * integers), at every precision it handles itself and a few it leaves to
 * snprintf. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "rng.h"

static void
check_fixed(double v, int prec)
{
	char want[400], got[400];
	size_t len;

	snprintf(want, sizeof want, "%.*f", prec, v);
	len = ctk_fmt_fixed(got, sizeof got, v, prec);
	if (strcmp(want, got) != 0 || len != strlen(want))
		fail_msg("%%.%df of %a: snprintf '%s', ctk_fmt_fixed '%s' "
		    "(length %zu)", prec, v, want, got, len);
}

static void
check_exp(double v, int prec)
{
	char want[400], got[400];
	size_t len;

	snprintf(want, sizeof want, "%.*e", prec, v);
	len = ctk_fmt_exp(got, sizeof got, v, prec);
	if (strcmp(want, got) != 0 || len != strlen(want))
		fail_msg("%%.%de of %a: snprintf '%s', ctk_fmt_exp '%s' "
		    "(length %zu)", prec, v, want, got, len);
}

/* Both formats: every test checks %f and %e on the same values. */
static void
check(double v, int prec)
{
	check_fixed(v, prec);
	check_exp(v, prec);
}

static double
from_bits(uint64_t b)
{
	double v;

	memcpy(&v, &b, sizeof v);
	return v;
}

static void
edge_values(void **state)
{
	static const double vals[] = { 0.0, 1.0, 0.5, 1.5, 2.5, 0.125,
	    0.0078125, 0.0234375, 999999.9999995, 0.9999995, 0.0000005,
	    0.00000049999999999999999, 0.0000015, 1e-300, 5e-324, 1e-7,
	    4503599627370496.5, 9007199254740991.0, 9007199254740992.0,
	    9223372036854775807.0, 9223372036854774784.0,
	    18446744073709551615.0, 1e19, 1e20, 1e300, DBL_MAX, DBL_MIN,
	    DBL_EPSILON, 123456.654321, 0.1, 0.2, 0.3, 2.675, 1.005,
	    1e6, 13816.539992, 64168.113074 };
	size_t i;
	int prec, sign;

	(void)state;
	for (i = 0; i < sizeof vals / sizeof vals[0]; i++)
		for (sign = 0; sign < 2; sign++)
			for (prec = 0; prec <= 12; prec++)
				check(sign ? -vals[i] : vals[i], prec);
	for (prec = 0; prec <= 12; prec++) {
		check(-0.0, prec);
		check(INFINITY, prec);
		check(-INFINITY, prec);
		check(NAN, prec);
		check(-NAN, prec);
		check(from_bits(1), prec);		/* smallest subnormal */
		check(from_bits(0x000fffffffffffffULL), prec);
		check(from_bits(0x8000000000000001ULL), prec);
	}
}

/* Every bit pattern is a double: this covers all exponents evenly. */
static void
random_bit_patterns(void **state)
{
	ctk_rng r;
	long i;

	(void)state;
	ctk_rng_seed(&r, 1);
	for (i = 0; i < 500000; i++)
		check(from_bits(ctk_rng_next(&r)), 6);
}

/* The values the tools print: magnitudes from 1e-12 to 1e20, log-uniform. */
static void
random_magnitudes(void **state)
{
	ctk_rng r;
	long i;
	double v;

	(void)state;
	ctk_rng_seed(&r, 2);
	for (i = 0; i < 1000000; i++) {
		v = pow(10, -12 + 32 * ctk_rng_double(&r));
		if (ctk_rng_next(&r) & 1)
			v = -v;
		check(v, i < 700000 ? 6 : (int)(i % 10));
	}
}

/* Exact ties at 6 decimals are q / 2^7 with q odd (10^6 = 2^6 5^6), and
 * at prec p in general q / 2^(p+1); plus values one ulp either side. */
static void
rounding_ties(void **state)
{
	ctk_rng r;
	long i;
	int prec;
	double v;

	(void)state;
	ctk_rng_seed(&r, 3);
	for (i = 0; i < 500000; i++) {
		prec = i < 300000 ? 6 : (int)(i % 10);
		v = (double)(2 * ctk_rng_below(&r, 1ULL << 40) + 1) /
		    (double)(1ULL << (prec + 1));
		check(v, prec);
		check(-v, prec);
		check(nextafter(v, 0), prec);
		check(nextafter(v, INFINITY), prec);
	}
}

/* Counts, per-million values made from counts, and integers near 2^53. */
static void
integers_and_ratios(void **state)
{
	ctk_rng r;
	long i;
	double c, t;

	(void)state;
	ctk_rng_seed(&r, 4);
	for (i = 0; i < 500000; i++) {
		c = (double)ctk_rng_below(&r, 1000000000);
		t = (double)(1 + ctk_rng_below(&r, 100000000000ULL));
		check(c, 0);
		check(c * 1e6 / t, 6);
		check((double)((1ULL << 53) - ctk_rng_below(&r, 100000)), 6);
	}
}

static void
small_buffers_truncate_like_snprintf(void **state)
{
	char want[64], got[64];
	size_t size, len;

	(void)state;
	for (size = 1; size < 40; size++) {
		snprintf(want, size, "%.6f", -123456789.123456789);
		len = ctk_fmt_fixed(got, size, -123456789.123456789, 6);
		assert_string_equal(want, got);
		assert_int_equal(len, strlen(want));
		snprintf(want, size, "%.6e", -0.0123456789);
		len = ctk_fmt_exp(got, size, -0.0123456789, 6);
		assert_string_equal(want, got);
		assert_int_equal(len, strlen(want));
	}
}

/* p-values: uniform in [0, 1], and what %.6e rounds up to a power of ten
 * (9.9999995e-k and its neighbours). */
static void
exp_p_values_and_carries(void **state)
{
	ctk_rng r;
	long i;
	int k;
	double v;

	(void)state;
	ctk_rng_seed(&r, 5);
	for (i = 0; i < 500000; i++)
		check_exp(ctk_rng_double(&r), 6);
	for (k = -12; k <= 12; k++) {
		v = 9.9999995 * pow(10, k);
		check_exp(v, 6);
		check_exp(nextafter(v, 0), 6);
		check_exp(nextafter(v, INFINITY), 6);
		check_exp(pow(10, k), 6);
		check_exp(nextafter(pow(10, k), 0), 6);
	}
}

static void
int64_values(void **state)
{
	static const long long vals[] = { 0, 1, -1, 9, 10, -10, 123456789,
	    LLONG_MAX, LLONG_MIN, LLONG_MIN + 1 };
	char want[32], got[32];
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof vals / sizeof vals[0]; i++) {
		snprintf(want, sizeof want, "%lld", vals[i]);
		len = ctk_fmt_int64(got, vals[i]);
		assert_string_equal(want, got);
		assert_int_equal(len, strlen(want));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(edge_values),
		cmocka_unit_test(random_bit_patterns),
		cmocka_unit_test(random_magnitudes),
		cmocka_unit_test(rounding_ties),
		cmocka_unit_test(integers_and_ratios),
		cmocka_unit_test(small_buffers_truncate_like_snprintf),
		cmocka_unit_test(exp_p_values_and_carries),
		cmocka_unit_test(int64_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

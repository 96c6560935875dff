/*
 * Unit tests of the keyness and collocation measures against values
 * worked by hand or taken from the literature; each case names its source.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "assoc.h"

static void
close_to(double got, double want, double tol)
{
	if (fabs(got - want) > tol) {
		print_error("got %.9f, want %.9f\n", got, want);
		fail();
	}
}

/*
 * Rayson & Garside (2000), "Comparing corpora using frequency profiling":
 * a term seen 100 times in 1,000,000 target tokens and 50 times in
 * 2,000,000 reference tokens. E1 = 50, E2 = 100, so the 2-term G2 is
 * 2 (100 ln 2 + 50 ln 0.5) = 100 ln 2 = 69.314718; the two remaining cells
 * of the full table (Dunning 1993; AntConc) add 0.003750.
 */
static void
g2_large_corpora(void **state)
{
	(void)state;
	close_to(ctk_keyness_g2_2term(100, 50, 1e6, 2e6), 69.314718, 1e-6);
	close_to(ctk_keyness_g2_4term(100, 50, 1e6, 2e6), 69.318468, 1e-6);
	/* Hardie (2014): log2((100/1e6) / (50/2e6)) = log2 4 = 2 */
	close_to(ctk_keyness_log_ratio(100, 50, 1e6, 2e6), 2.0, 1e-12);
	close_to(ctk_keyness_relative_risk(100, 50, 1e6, 2e6), 4.0, 1e-12);
	/* Gabrielatos & Marchi (2012): NF 100 vs 25 per million: +300 % */
	close_to(ctk_keyness_pct_diff(100, 50, 1e6, 2e6), 300.0, 1e-9);
}

/* Small corpora, where the two G2 forms differ most: 7 of 10 vs 2 of 9. */
static void
g2_small_corpora(void **state)
{
	(void)state;
	close_to(ctk_keyness_g2_2term(7, 2, 10, 9), 2.440100, 1e-6);
	close_to(ctk_keyness_g2_4term(7, 2, 10, 9), 4.534939, 1e-6);
}

/*
 * Pearson chi-square of the table [[7 2] [3 7]] by the shortcut formula
 * N (ad - bc)^2 / (r1 r2 c1 c2) = 19 * 43^2 / 8100, and with Yates'
 * correction 19 * (43 - 9.5)^2 / 8100 (worked by hand).
 */
static void
chi2_hand(void **state)
{
	(void)state;
	close_to(ctk_keyness_chi2(7, 2, 10, 9, 0), 4.337160494, 1e-9);
	close_to(ctk_keyness_chi2(7, 2, 10, 9, 1), 2.632438272, 1e-9);
}

/* A zero reference count: Hardie's 0.5 substitution, %DIFF's 1e-18. */
static void
zero_reference(void **state)
{
	(void)state;
	/* log2((10/1000) / (0.5/1000)) = log2 20 */
	close_to(ctk_keyness_log_ratio(10, 0, 1000, 1000), log2(20), 1e-12);
	close_to(ctk_keyness_pct_diff(10, 0, 1000, 1000),
	    (10000.0 - 1e-18) * 100 / 1e-18, 1e-9 * 1e24);
	/* the G2 of a term absent from the reference is still finite */
	close_to(ctk_keyness_g2_2term(10, 0, 1000, 1000), 20 * log(2), 1e-9);
}

/* 3.841459 is the 5 % critical value of chi-square with 1 df. */
static void
p_values(void **state)
{
	(void)state;
	close_to(ctk_assoc_p_chi2_1df(3.841458820694124), 0.05, 1e-12);
	close_to(ctk_assoc_p_chi2_1df(0), 1.0, 0);
	close_to(ctk_assoc_bonferroni(0.05, 10), 0.005, 1e-15);
	/* Sidak: 1 - 0.95^(1/10) */
	close_to(ctk_assoc_sidak(0.05, 10), 0.005116196891823743, 1e-15);
}

/*
 * A window cell worked by hand: O = 2, f1 = f2 = 3, N = 9, so E = 1:
 * MI = log2 2 = 1; MI3 = log2(8 / 1) = 3; Dice = 4/6; logDice =
 * 14 + log2(2/3) = 13.415037 (Rychly 2008); t = (2-1)/sqrt 2;
 * z = (2-1)/1.
 */
static void
colloc_window_cell(void **state)
{
	(void)state;
	close_to(ctk_colloc_expected(3, 3, 9), 1.0, 1e-12);
	close_to(ctk_colloc_mi(2, 3, 3, 9), 1.0, 1e-12);
	close_to(ctk_colloc_mi3(2, 3, 3, 9), 3.0, 1e-12);
	close_to(ctk_colloc_dice(2, 3, 3), 0.666667, 1e-6);
	close_to(ctk_colloc_log_dice(2, 3, 3), 13.415037, 1e-6);
	close_to(ctk_colloc_t(2, 3, 3, 9), 1 / sqrt(2), 1e-12);
	close_to(ctk_colloc_z(2, 3, 3, 9), 1.0, 1e-12);
}

/*
 * A large 2x2 table (O11 = 150, R1 = 12593, C1 = 932, N = 14,307,668),
 * the value of the project's issue 13, recomputed independently from the
 * four-cell formula of Evert (2008, "Corpora and collocations", eq. 4.8).
 */
static void
colloc_g2_table(void **state)
{
	(void)state;
	close_to(ctk_colloc_g2(150, 12593, 932, 14307668), 1291.319057, 1e-6);
}

/*
 * Juilland's D (Juilland & Chang-Rodriguez 1964; Gries 2008, "Dispersions
 * and adjusted frequencies"): even spread gives 1; everything in one of
 * four equal parts gives V = sqrt(12)/2 = sqrt(3), so D = 1 - sqrt(3) /
 * sqrt(3) = 0. Frequencies 1 2 3 4 in equal parts: mean 2.5, population
 * sd sqrt(1.25), D = 1 - (sqrt(1.25) / 2.5) / sqrt(3) (worked by hand).
 * Unequal parts use relative frequencies: 2 of 10 and 4 of 20 is even.
 */
static void
juilland(void **state)
{
	double even[] = { 2, 2, 2, 2 }, one[] = { 8, 0, 0, 0 };
	double rising[] = { 1, 2, 3, 4 }, sizes[] = { 10, 10, 10, 10 };
	double f2[] = { 2, 4 }, s2[] = { 10, 20 };

	(void)state;
	close_to(ctk_dispersion_juilland(even, sizes, 4), 1.0, 1e-12);
	close_to(ctk_dispersion_juilland(one, sizes, 4), 0.0, 1e-12);
	close_to(ctk_dispersion_juilland(rising, sizes, 4),
	    1 - (sqrt(1.25) / 2.5) / sqrt(3), 1e-12);
	close_to(ctk_dispersion_juilland(f2, s2, 2), 1.0, 1e-12);
	assert_true(isnan(ctk_dispersion_juilland(even, sizes, 1)));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(g2_large_corpora),
		cmocka_unit_test(g2_small_corpora),
		cmocka_unit_test(chi2_hand),
		cmocka_unit_test(zero_reference),
		cmocka_unit_test(p_values),
		cmocka_unit_test(colloc_window_cell),
		cmocka_unit_test(colloc_g2_table),
		cmocka_unit_test(juilland),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

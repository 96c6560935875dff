/*
 * assoc: keyness and collocation measures (see assoc.h and ctk-stats(1)).
 * Every function is pure; counts come in as doubles because the formulas
 * mix them with logarithms and because totals can exceed 2^31.
 */
#include "assoc.h"

#include <math.h>

/* One cell's share of a log-likelihood sum: o ln(o/e), with 0 ln 0 = 0. */
static double
cell(double o, double e)
{
	if (o <= 0 || e <= 0)
		return 0;
	return o * log(o / e);
}

double
ctk_keyness_g2_2term(double a, double b, double n1, double n2)
{
	double e1 = n1 * (a + b) / (n1 + n2);
	double e2 = n2 * (a + b) / (n1 + n2);

	return 2 * (cell(a, e1) + cell(b, e2));
}

double
ctk_keyness_g2_4term(double a, double b, double n1, double n2)
{
	double n = n1 + n2, k = a + b;

	return 2 * (cell(a, n1 * k / n) + cell(b, n2 * k / n) +
	    cell(n1 - a, n1 * (n - k) / n) + cell(n2 - b, n2 * (n - k) / n));
}

double
ctk_keyness_chi2(double a, double b, double n1, double n2, int yates)
{
	double n = n1 + n2, k = a + b;
	double det = fabs(a * (n2 - b) - b * (n1 - a));
	double denom = k * (n - k) * n1 * n2;

	if (denom <= 0)
		return 0;
	if (yates) {
		det -= n / 2;
		if (det < 0)
			det = 0;
	}
	return n * det * det / denom;
}

/* Hardie (2014) replaces a zero frequency by 0.5 before taking ratios. */
static double
nonzero(double x)
{
	return x > 0 ? x : 0.5;
}

double
ctk_keyness_relative_risk(double a, double b, double n1, double n2)
{
	return (nonzero(a) / n1) / (nonzero(b) / n2);
}

double
ctk_keyness_log_ratio(double a, double b, double n1, double n2)
{
	return log2(ctk_keyness_relative_risk(a, b, n1, n2));
}

double
ctk_keyness_pct_diff(double a, double b, double n1, double n2)
{
	double nf1 = a / n1 * 1e6, nf2 = b / n2 * 1e6;

	if (nf2 == 0)
		nf2 = 1e-18;
	return (nf1 - nf2) * 100 / nf2;
}

double
ctk_assoc_p_chi2_1df(double x)
{
	if (x <= 0)
		return 1;
	return erfc(sqrt(x / 2));
}

double
ctk_assoc_bonferroni(double alpha, double m)
{
	return m > 0 ? alpha / m : alpha;
}

double
ctk_assoc_sidak(double alpha, double m)
{
	/* 1 - (1 - alpha)^(1/m), written to keep precision for large m */
	return m > 0 ? -expm1(log1p(-alpha) / m) : alpha;
}

double
ctk_colloc_expected(double f1, double f2, double n)
{
	return n > 0 ? f1 * f2 / n : 0;
}

double
ctk_colloc_mi(double o, double f1, double f2, double n)
{
	return log2(o / ctk_colloc_expected(f1, f2, n));
}

double
ctk_colloc_mi3(double o, double f1, double f2, double n)
{
	return log2(o * o * o / ctk_colloc_expected(f1, f2, n));
}

double
ctk_colloc_t(double o, double f1, double f2, double n)
{
	return (o - ctk_colloc_expected(f1, f2, n)) / sqrt(o);
}

double
ctk_colloc_z(double o, double f1, double f2, double n)
{
	double e = ctk_colloc_expected(f1, f2, n);

	return (o - e) / sqrt(e);
}

double
ctk_colloc_g2(double o, double f1, double f2, double n)
{
	double o12 = f1 - o, o21 = f2 - o, o22 = n - f1 - f2 + o;

	return 2 * (cell(o, f1 * f2 / n) + cell(o12, f1 * (n - f2) / n) +
	    cell(o21, (n - f1) * f2 / n) + cell(o22, (n - f1) * (n - f2) / n));
}

double
ctk_colloc_dice(double o, double f1, double f2)
{
	return 2 * o / (f1 + f2);
}

double
ctk_colloc_log_dice(double o, double f1, double f2)
{
	return 14 + log2(ctk_colloc_dice(o, f1, f2));
}

double
ctk_dispersion_juilland(const double *freqs, const double *sizes, size_t n)
{
	double mean = 0, var = 0, v;
	size_t i;

	if (n < 2)
		return NAN;
	for (i = 0; i < n; i++)
		mean += sizes[i] > 0 ? freqs[i] / sizes[i] : 0;
	mean /= (double)n;
	if (mean <= 0)
		return NAN;
	for (i = 0; i < n; i++) {
		v = (sizes[i] > 0 ? freqs[i] / sizes[i] : 0) - mean;
		var += v * v;
	}
	var /= (double)n;
	return 1 - sqrt(var) / mean / sqrt((double)(n - 1));
}

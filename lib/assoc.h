/*
 * assoc: keyness and collocation measures as pure functions of counts, so
 * that each formula can be read, cited and unit-tested on its own. The
 * formulas and their references are listed in ctk-stats(1).
 *
 * Keyness compares a term's count a in a target corpus of n1 tokens with
 * its count b in a reference corpus of n2 tokens. Collocation looks at the
 * 2x2 table of a pair: o = joint frequency, f1 = frequency of the node (or
 * first word), f2 = frequency of the collocate, n = corpus size.
 */
#ifndef CTK_ASSOC_H
#define CTK_ASSOC_H

#include <stddef.h>

/* ---- keyness (target a of n1 vs reference b of n2) ---- */

/* Log-likelihood, 2-term form of Rayson & Garside (2000), the UCREL
 * calculator: 2 (a ln(a/E1) + b ln(b/E2)), 0 ln 0 = 0. */
double ctk_keyness_g2_2term(double a, double b, double n1, double n2);
/* Log-likelihood over the four cells of the contingency table (Dunning
 * 1993; AntConc's default). */
double ctk_keyness_g2_4term(double a, double b, double n1, double n2);
/* Pearson's chi-square of the 2x2 table; yates != 0 applies Yates'
 * continuity correction (|O - E| - 0.5, floored at 0). */
double ctk_keyness_chi2(double a, double b, double n1, double n2, int yates);
/* Hardie's (2014) log ratio: log2 of the ratio of relative frequencies; a
 * zero count is replaced by 0.5 (his recommendation). */
double ctk_keyness_log_ratio(double a, double b, double n1, double n2);
/* Relative risk (ratio of relative frequencies), same 0.5 substitution. */
double ctk_keyness_relative_risk(double a, double b, double n1, double n2);
/* %DIFF of Gabrielatos & Marchi (2012): 100 (NF1 - NF2) / NF2 with
 * frequencies normalised per million; a zero reference frequency is
 * replaced by 1e-18 as they suggest. */
double ctk_keyness_pct_diff(double a, double b, double n1, double n2);

/* Upper tail probability of chi-square with one degree of freedom. */
double ctk_assoc_p_chi2_1df(double x);
/* Per-test significance level for m tests at family level alpha. */
double ctk_assoc_bonferroni(double alpha, double m);
double ctk_assoc_sidak(double alpha, double m);

/* ---- collocation (Evert 2008, "Corpora and collocations") ---- */

/* Expected joint frequency E11 = f1 f2 / n. */
double ctk_colloc_expected(double f1, double f2, double n);
/* Pointwise mutual information, log2(o / E11) (Church & Hanks 1990). */
double ctk_colloc_mi(double o, double f1, double f2, double n);
/* MI3, log2(o^3 / E11) (Daille 1994). */
double ctk_colloc_mi3(double o, double f1, double f2, double n);
/* t-score (o - E11) / sqrt(o) (Church et al. 1991). */
double ctk_colloc_t(double o, double f1, double f2, double n);
/* z-score (o - E11) / sqrt(E11) (Berry-Rogghe 1973). */
double ctk_colloc_z(double o, double f1, double f2, double n);
/* Log-likelihood over the four cells of the table (Dunning 1993). */
double ctk_colloc_g2(double o, double f1, double f2, double n);
/* Dice coefficient 2 o / (f1 + f2). */
double ctk_colloc_dice(double o, double f1, double f2);
/* logDice = 14 + log2(Dice) (Rychly 2008). */
double ctk_colloc_log_dice(double o, double f1, double f2);

/* ---- dispersion ---- */

/* Juilland's D over n parts: with v_i = freqs[i] / sizes[i] (relative
 * frequencies, so that unequal parts compare; with equal parts this is
 * Juilland's original), V = sd(v) / mean(v) with the population standard
 * deviation, D = 1 - V / sqrt(n - 1). 1 = perfectly even, 0 = all in one
 * part. Returns NaN when n < 2 or the term never occurs. */
double ctk_dispersion_juilland(const double *freqs, const double *sizes,
    size_t n);

#endif

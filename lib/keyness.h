/*
 * keyness: compares a target frequency table with a reference table and
 * writes one row per term with every keyness measure of assoc.h. Both
 * tables are ctk_freqtab made with grouped == 0, so their totals are the
 * corpus sizes n1 and n2 (per n for n-gram tables).
 *
 * Output columns: term count_target count_ref per_million_target
 * per_million_ref direction G2 chi2 log_ratio pct_diff relative_risk p,
 * where G2 is named g2_2term or g2_4term after the form used (and gives p)
 * and chi2 is named chi2_yates with the correction. direction is "+" when
 * the term is relatively more frequent in the target, "-" otherwise. Rows:
 * "+" first, then "-"; within each, by the sort measure's strength
 * descending (G2, chi2; |log ratio|, |%DIFF|, max(RR, 1/RR)), then term.
 */
#ifndef CTK_KEYNESS_H
#define CTK_KEYNESS_H

#include <stdint.h>

#include "freqtab.h"
#include "tsv.h"

enum ctk_keyness_measure {
	CTK_KEY_G2,
	CTK_KEY_CHI2,
	CTK_KEY_LOG_RATIO,
	CTK_KEY_PCT_DIFF,
	CTK_KEY_RELATIVE_RISK
};

enum ctk_keyness_correction {
	CTK_CORRECT_NONE,
	CTK_CORRECT_BONFERRONI,
	CTK_CORRECT_SIDAK
};

typedef struct ctk_keyness_opts {
	int g2_4term;		/* 1: four-cell G2 (default), 0: two-term */
	int yates;
	enum ctk_keyness_measure sort;
	int64_t min_count;	/* target + reference count */
	int64_t top;		/* per direction; 0 = all */
	double alpha;		/* keep p < threshold; 0 = keep all */
	enum ctk_keyness_correction correction;
	int exact;		/* print %.17g instead of %.6f */
} ctk_keyness_opts;

/* "g2", "chi2", "log_ratio", "pct_diff", "relative_risk" -> *m; 0 or -1. */
int ctk_keyness_measure_parse(const char *name, enum ctk_keyness_measure *m);

/* Writes the keyness table of target against reference. 0, CTK_ENOMEM or
 * CTK_EIO. */
int ctk_keyness_write(ctk_freqtab *target, ctk_freqtab *reference,
    const ctk_keyness_opts *opts, ctk_tsv_writer *w);

/* Formats v with %.6f, or %.17g when exact (round-trip precision). */
void ctk_keyness_format(char *out, size_t size, double v, int exact);

#endif

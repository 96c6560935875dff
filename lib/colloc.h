/*
 * colloc: collocates of a node word within a window, or all word pairs,
 * scored with the measures of assoc.h.
 *
 * Node mode: a token is in the span of the node when it lies from L
 * before to R after some occurrence of the node (same document, same
 * sentence in vertical input; that occurrence itself excluded); O of a
 * collocate is the number of its tokens in the span, each token counted
 * once even when windows overlap, so O <= f2. Pairs mode: every ordered
 * pair of positions (i, j), i < j <= i + R, counts once for (w_i, w_j).
 * O may exceed f1 (a collocate twice in one window), and then Dice can
 * exceed 1: the usual bounds assume one co-occurrence per node token.
 * f1 and f2 are the corpus frequencies of the two words, N the number of
 * tokens, and E = f1 f2 / N (the window size is not factored in).
 *
 * Output: node collocate (or w1 w2) observed expected f1 f2 mi mi3
 * t_score z_score g2 dice log_dice, sorted by the chosen measure
 * descending, then by the words bytewise.
 */
#ifndef CTK_COLLOC_H
#define CTK_COLLOC_H

#include <stdint.h>

#include "docstream.h"
#include "tsv.h"

enum ctk_colloc_measure {
	CTK_COLLOC_G2,
	CTK_COLLOC_MI,
	CTK_COLLOC_MI3,
	CTK_COLLOC_T,
	CTK_COLLOC_Z,
	CTK_COLLOC_DICE,
	CTK_COLLOC_LOG_DICE,
	CTK_COLLOC_OBSERVED
};

/* "g2", "mi", "mi3", "t_score", "z_score", "dice", "log_dice",
 * "observed" -> *m; 0 or -1. */
int ctk_colloc_measure_parse(const char *name, enum ctk_colloc_measure *m);

typedef struct ctk_colloc ctk_colloc;

/* node: the (folded) node word, copied; NULL for pairs mode. */
ctk_colloc *ctk_colloc_new(const char *node, int left, int right);
void ctk_colloc_free(ctk_colloc *c);

/* Counts one document. 0 or CTK_ENOMEM. */
int ctk_colloc_add(ctk_colloc *c, const ctk_doc *doc);

/* Writes the table: rows with O >= min_freq, at most top rows (0 = all).
 * 0, CTK_ENOMEM or CTK_EIO. */
int ctk_colloc_write(ctk_colloc *c, ctk_tsv_writer *w, int64_t min_freq,
    int64_t top, enum ctk_colloc_measure sort, int exact);

#endif

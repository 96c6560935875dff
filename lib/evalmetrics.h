/*
 * evalmetrics: how well predicted classes match the true ones, from a
 * confusion matrix: accuracy, per-class precision, recall and F1, their
 * macro average (the mean over classes, each class counting the same) and
 * micro average (pooled over documents: for single-label classification
 * micro precision = micro recall = micro F1 = accuracy). A ratio whose
 * denominator is 0 is taken as 0, as scikit-learn does.
 *
 * Also the stratified assignment of documents to cross-validation folds.
 */
#ifndef CTK_EVALMETRICS_H
#define CTK_EVALMETRICS_H

#include <stddef.h>

#include "error.h"
#include "rng.h"

typedef struct ctk_confusion {
	size_t n;		/* classes */
	size_t *count;		/* n x n: count[true * n + predicted] */
} ctk_confusion;

int ctk_confusion_init(ctk_confusion *m, size_t n_classes, ctk_error *err);
void ctk_confusion_release(ctk_confusion *m);
void ctk_confusion_add(ctk_confusion *m, size_t truth, size_t predicted);

typedef struct ctk_class_metrics {
	double precision, recall, f1;
	size_t support;		/* documents whose true class it is */
	size_t predicted;	/* documents predicted as it */
} ctk_class_metrics;

typedef struct ctk_metrics {
	size_t n_docs;
	double accuracy;
	double macro_precision, macro_recall, macro_f1;
	double micro_precision, micro_recall, micro_f1;
} ctk_metrics;

/* Fills per[0..n) (may be NULL) and *all from the matrix. */
void ctk_metrics_compute(const ctk_confusion *m, ctk_class_metrics *per,
    ctk_metrics *all);

/* Assigns each of the n documents (class label[i] < n_classes) a fold in
 * 0..k-1 such that each class is spread as evenly as possible over the
 * folds (stratified), in a random order fixed by rng. */
int ctk_folds_stratified(const size_t *label, size_t n, size_t n_classes,
    size_t k, ctk_rng *rng, size_t *fold, ctk_error *err);

#endif

/*
 * evalmetrics: confusion matrix, precision/recall/F1 and stratified folds
 * (see evalmetrics.h for the definitions).
 */
#include <stdlib.h>
#include <string.h>

#include "evalmetrics.h"

int
ctk_confusion_init(ctk_confusion *m, size_t n, ctk_error *err)
{
	m->n = n;
	m->count = calloc(n > 0 ? n * n : 1, sizeof *m->count);
	if (m->count == NULL)
		return ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
	return 0;
}

void
ctk_confusion_release(ctk_confusion *m)
{
	free(m->count);
	m->count = NULL;
	m->n = 0;
}

void
ctk_confusion_add(ctk_confusion *m, size_t truth, size_t predicted)
{
	m->count[truth * m->n + predicted]++;
}

static double
ratio(double a, double b)
{
	return b > 0 ? a / b : 0;
}

static double
f1(double p, double r)
{
	return ratio(2 * p * r, p + r);
}

void
ctk_metrics_compute(const ctk_confusion *m, ctk_class_metrics *per,
    ctk_metrics *all)
{
	size_t n = m->n, i, j, correct = 0, total = 0, support, predicted;
	double p, r;

	memset(all, 0, sizeof *all);
	for (i = 0; i < n; i++) {
		support = predicted = 0;
		for (j = 0; j < n; j++) {
			support += m->count[i * n + j];
			predicted += m->count[j * n + i];
		}
		correct += m->count[i * n + i];
		total += support;
		p = ratio((double)m->count[i * n + i], (double)predicted);
		r = ratio((double)m->count[i * n + i], (double)support);
		all->macro_precision += p;
		all->macro_recall += r;
		all->macro_f1 += f1(p, r);
		if (per != NULL) {
			per[i].precision = p;
			per[i].recall = r;
			per[i].f1 = f1(p, r);
			per[i].support = support;
			per[i].predicted = predicted;
		}
	}
	if (n > 0) {
		all->macro_precision /= (double)n;
		all->macro_recall /= (double)n;
		all->macro_f1 /= (double)n;
	}
	all->n_docs = total;
	all->accuracy = ratio((double)correct, (double)total);
	all->micro_precision = all->micro_recall = all->micro_f1 =
	    all->accuracy;
}

int
ctk_folds_stratified(const size_t *label, size_t n, size_t n_classes,
    size_t k, ctk_rng *rng, size_t *fold, ctk_error *err)
{
	size_t *order = malloc((n ? n : 1) * sizeof *order);
	size_t c, i, m, next = 0;

	if (order == NULL)
		return ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
	/* deal each class's shuffled documents round-robin, carrying on
	 * from where the previous class stopped so fold sizes stay even */
	for (c = 0; c < n_classes; c++) {
		for (i = 0, m = 0; i < n; i++)
			if (label[i] == c)
				order[m++] = i;
		ctk_rng_shuffle(rng, order, m);
		for (i = 0; i < m; i++) {
			fold[order[i]] = next;
			next = (next + 1) % k;
		}
	}
	free(order);
	return 0;
}

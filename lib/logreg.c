/*
 * logreg: multinomial logistic regression (softmax) trained by stochastic
 * gradient descent with L2 regularization, on document vectors scaled to
 * unit length. The objective per example is the log loss plus l2/2 |w|^2
 * (the bias is not regularized); the learning rate decays linearly from
 * `rate` to 0 over all epochs; the documents are shuffled at each epoch
 * with ctk_rng, so a seed fixes the model. The L2 shrinking of every
 * weight at each step is done lazily through one common scale factor
 * (w = scale * v), which keeps a step proportional to the document's
 * length instead of the model's.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "rng.h"

struct sgd {
	ctk_model *m;
	const ctk_dataset *ds;
	double *score;		/* per class */
	double scale;
};

/* Folds the scale into the weights when it gets small, against
 * underflow. */
static void
rescale(struct sgd *s)
{
	size_t i, n = s->m->n_rows * s->m->n_classes;

	for (i = 0; i < n; i++)
		s->m->row_value[i] *= s->scale;
	s->scale = 1;
}

static void
step(struct sgd *s, size_t d, double rate, double l2, const int32_t *row)
{
	const ctk_dataset *ds = s->ds;
	ctk_model *m = s->m;
	size_t C = m->n_classes, c, j, lo = ds->offset[d], hi = ds->offset[d + 1];
	double norm = 0, x, max = -HUGE_VAL, sum = 0, g, *v;

	for (j = lo; j < hi; j++)
		norm += (double)ds->value[j] * ds->value[j];
	norm = norm > 0 ? 1 / sqrt(norm) : 1;
	memcpy(s->score, m->class_a, C * sizeof *s->score);
	for (j = lo; j < hi; j++) {
		x = ds->value[j] * norm * s->scale;
		v = m->row_value + (size_t)row[j] * C;
		for (c = 0; c < C; c++)
			s->score[c] += x * v[c];
	}
	for (c = 0; c < C; c++)
		if (s->score[c] > max)
			max = s->score[c];
	for (c = 0; c < C; c++)
		sum += s->score[c] = exp(s->score[c] - max);
	for (c = 0; c < C; c++) {
		/* gradient of the log loss for class c: p(c) - [c is true] */
		g = s->score[c] / sum - (c == ds->label[d]);
		m->class_a[c] -= rate * g;
		s->score[c] = rate * g / s->scale;
	}
	for (j = lo; j < hi; j++) {
		x = ds->value[j] * norm;
		v = m->row_value + (size_t)row[j] * C;
		for (c = 0; c < C; c++)
			v[c] -= s->score[c] * x;
	}
	s->scale *= 1 - rate * l2;
	if (s->scale < 1e-9)
		rescale(s);
}

/* Creates every row up front and maps each feature to its row. */
static int32_t *
map_rows(ctk_model *m, const ctk_dataset *ds, const size_t *docs, size_t n)
{
	int32_t *row = malloc((ds->n_feats ? ds->n_feats : 1) * sizeof *row);
	size_t i, j;
	long r;

	if (row == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		for (j = ds->offset[docs[i]]; j < ds->offset[docs[i] + 1]; j++) {
			if ((r = ctk_model_row(m, ds->bucket[j])) < 0) {
				free(row);
				return NULL;
			}
			row[j] = (int32_t)r;
		}
	return row;
}

ctk_model *
ctk_logreg_train(const ctk_dataset *ds, const size_t *docs, size_t n,
    const ctk_train_options *o, ctk_error *err)
{
	ctk_model *m = ctk_model_new(CTK_MODEL_LOGREG, o->bits, o->ngrams,
	    ds->classes, ds->n_classes, err);
	struct sgd s = { m, ds, NULL, 1 };
	size_t *order = NULL, i, t = 0, total = (size_t)o->epochs * n;
	int32_t *row = NULL;
	unsigned e;
	ctk_rng rng;

	if (m == NULL)
		return NULL;
	m->param = o->l2;
	s.score = malloc(ds->n_classes * sizeof *s.score);
	order = malloc(n * sizeof *order);
	if (s.score == NULL || order == NULL ||
	    (row = map_rows(m, ds, docs, n)) == NULL) {
		ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
		goto fail;
	}
	memcpy(order, docs, n * sizeof *order);
	ctk_rng_seed(&rng, o->seed);
	for (e = 0; e < o->epochs; e++) {
		ctk_rng_shuffle(&rng, order, n);
		for (i = 0; i < n; i++, t++)
			step(&s, order[i], o->rate * (1 - (double)t / total),
			    o->l2, row);
	}
	rescale(&s);
	if (ctk_model_finish(m, err) < 0)
		goto fail;
	free(s.score);
	free(order);
	free(row);
	return m;
fail:
	free(s.score);
	free(order);
	free(row);
	ctk_model_free(m);
	return NULL;
}

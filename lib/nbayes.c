/*
 * nbayes: multinomial naive Bayes over hashed feature counts (McCallum and
 * Nigam, 1998) with additive (Lidstone) smoothing alpha. Training only
 * counts; model.c turns the counts into log-probabilities (see model.h).
 */
#include "model.h"

ctk_model *
ctk_nb_train(const ctk_dataset *ds, const size_t *docs, size_t n,
    const ctk_train_options *o, ctk_error *err)
{
	ctk_model *m = ctk_model_new(CTK_MODEL_NB, o->bits, o->ngrams,
	    ds->classes, ds->n_classes, err);
	size_t C = ds->n_classes, i, j, d, c;
	long r;

	if (m == NULL)
		return NULL;
	m->param = o->alpha;
	for (i = 0; i < n; i++) {
		d = docs[i];
		c = ds->label[d];
		m->class_a[c] += 1;
		for (j = ds->offset[d]; j < ds->offset[d + 1]; j++) {
			if ((r = ctk_model_row(m, ds->bucket[j])) < 0)
				goto nomem;
			m->row_value[(size_t)r * C + c] += ds->value[j];
			m->class_t[c] += ds->value[j];
		}
	}
	if (ctk_model_finish(m, err) < 0)
		goto fail;
	return m;
nomem:
	ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
fail:
	ctk_model_free(m);
	return NULL;
}

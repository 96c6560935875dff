/* Unit tests of multinomial naive Bayes on a toy set computed by hand (and
 * by scripts/classify-ref.py):
 *   class a: "x x y"    class b: "y z"    alpha = 1, vocabulary R = 3
 *   P(x|a) = (2+1)/(3+3) = 1/2   P(y|a) = 2/6   P(z|a) = 1/6
 *   P(x|b) = (0+1)/(2+3) = 1/5   P(y|b) = 2/5   P(z|b) = 2/5
 *   priors 1/2 each; for "x z":  a: 1/2 * 1/2 * 1/6 = 1/24,
 *   b: 1/2 * 1/5 * 2/5 = 1/25, so P(a | "x z") = 25/49. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <string.h>
#include <cmocka.h>

#include "model.h"

#define BITS 10

static void
add_doc(ctk_dataset *ds, ctk_tokens *t, ctk_fvec *v, const char *text,
    const char *label)
{
	ctk_error err;

	assert_int_equal(ctk_tokens_split(t, text, strlen(text), 0, &err), 0);
	assert_int_equal(ctk_features_hash(v, t, BITS, 1, &err), 0);
	assert_int_equal(ctk_dataset_add(ds, v, label, strlen(label), &err), 0);
}

static double
weight(const ctk_model *m, const char *tok, size_t c)
{
	uint32_t b = ctk_features_bucket(tok, strlen(tok), BITS);

	assert_true(m->index[b] >= 0);
	return m->weight[(size_t)m->index[b] * m->n_classes + c];
}

static void
toy_log_probabilities_match_hand_values(void **state)
{
	ctk_dataset ds;
	ctk_tokens t;
	ctk_fvec v;
	ctk_train_options o;
	ctk_error err;
	ctk_model *m;
	size_t docs[2] = { 0, 1 };
	double prob[2];

	(void)state;
	/* the three words must not share a bucket for the hand values */
	assert_true(ctk_features_bucket("x", 1, BITS) !=
	    ctk_features_bucket("y", 1, BITS));
	assert_true(ctk_features_bucket("y", 1, BITS) !=
	    ctk_features_bucket("z", 1, BITS));
	assert_true(ctk_features_bucket("x", 1, BITS) !=
	    ctk_features_bucket("z", 1, BITS));
	ctk_dataset_init(&ds);
	ctk_tokens_init(&t);
	ctk_fvec_init(&v);
	add_doc(&ds, &t, &v, "y z", "b");	/* b first: sorted later */
	add_doc(&ds, &t, &v, "X x y", "a");
	ctk_dataset_sort_classes(&ds);
	assert_string_equal(ds.classes[0], "a");
	assert_int_equal(ds.label[0], 1);
	ctk_train_options_default(&o);
	o.bits = BITS;
	o.ngrams = 1;
	o.alpha = 1;
	m = ctk_model_train(&ds, docs, 2, &o, &err);
	assert_non_null(m);
	assert_int_equal(m->n_rows, 3);
	assert_true(fabs(m->bias[0] - log(0.5)) < 1e-12);
	assert_true(fabs(weight(m, "x", 0) - log(1.0 / 2)) < 1e-12);
	assert_true(fabs(weight(m, "y", 0) - log(2.0 / 6)) < 1e-12);
	assert_true(fabs(weight(m, "z", 0) - log(1.0 / 6)) < 1e-12);
	assert_true(fabs(weight(m, "x", 1) - log(1.0 / 5)) < 1e-12);
	assert_true(fabs(weight(m, "y", 1) - log(2.0 / 5)) < 1e-12);
	assert_true(fabs(weight(m, "z", 1) - log(2.0 / 5)) < 1e-12);
	ctk_tokens_split(&t, "x z unseen", 10, 0, &err);
	ctk_features_hash(&v, &t, BITS, 1, &err);
	ctk_model_predict(m, &v, prob);
	assert_true(fabs(prob[0] - 25.0 / 49) < 1e-12);
	assert_true(fabs(prob[1] - 24.0 / 49) < 1e-12);
	ctk_model_free(m);
	ctk_fvec_release(&v);
	ctk_tokens_release(&t);
	ctk_dataset_release(&ds);
}

static void
empty_training_set_is_refused(void **state)
{
	ctk_dataset ds;
	ctk_train_options o;
	ctk_error err;

	(void)state;
	ctk_dataset_init(&ds);
	ctk_train_options_default(&o);
	assert_null(ctk_model_train(&ds, NULL, 0, &o, &err));
	assert_int_equal(err.code, CTK_EUSAGE);
	assert_non_null(strstr(err.msg, "no labelled documents"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(toy_log_probabilities_match_hand_values),
		cmocka_unit_test(empty_training_set_is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests of logistic regression: it separates a separable toy set with
 * confident probabilities, and the same seed gives the same model. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "model.h"

static const char *const texts[][2] = {
	{ "the striker scored a goal", "sport" },
	{ "goal in the last minute", "sport" },
	{ "the match ended with a goal", "sport" },
	{ "a penalty and a goal for the team", "sport" },
	{ "the minister signed the budget", "politics" },
	{ "parliament voted the budget", "politics" },
	{ "the minister and parliament", "politics" },
	{ "a vote on the budget law", "politics" },
	{ "rain and wind this weekend", "weather" },
	{ "the wind and storm warning", "weather" },
	{ "sunny weekend after the rain", "weather" },
	{ "storm and rain in the north", "weather" },
};

static ctk_model *
train(ctk_dataset *ds, uint64_t seed)
{
	ctk_tokens t;
	ctk_fvec v;
	ctk_train_options o;
	ctk_error err;
	size_t i, docs[12];
	ctk_model *m;

	ctk_tokens_init(&t);
	ctk_fvec_init(&v);
	for (i = 0; i < 12; i++) {
		ctk_tokens_split(&t, texts[i][0], strlen(texts[i][0]), 0, &err);
		ctk_features_hash(&v, &t, 16, 2, &err);
		ctk_dataset_add(ds, &v, texts[i][1], strlen(texts[i][1]), &err);
		docs[i] = i;
	}
	ctk_dataset_sort_classes(ds);
	ctk_train_options_default(&o);
	o.kind = CTK_MODEL_LOGREG;
	o.bits = 16;
	o.seed = seed;
	m = ctk_model_train(ds, docs, 12, &o, &err);
	assert_non_null(m);
	ctk_tokens_release(&t);
	ctk_fvec_release(&v);
	return m;
}

static size_t
classify(const ctk_model *m, const char *text, double *p_best)
{
	ctk_tokens t;
	ctk_fvec v;
	ctk_error err;
	double prob[3];
	size_t best;

	ctk_tokens_init(&t);
	ctk_fvec_init(&v);
	ctk_tokens_split(&t, text, strlen(text), 0, &err);
	ctk_features_hash(&v, &t, m->bits, m->ngrams, &err);
	ctk_model_predict(m, &v, prob);
	ctk_model_top(m, prob, &best, 1);
	*p_best = prob[best];
	ctk_tokens_release(&t);
	ctk_fvec_release(&v);
	return best;
}

static void
separates_a_separable_set(void **state)
{
	ctk_dataset ds;
	ctk_model *m;
	double p;
	size_t i;

	(void)state;
	ctk_dataset_init(&ds);
	m = train(&ds, 1);
	assert_int_equal(m->n_classes, 3);	/* politics sport weather */
	for (i = 0; i < 12; i++) {
		size_t c = classify(m, texts[i][0], &p);

		assert_string_equal(m->classes[c], texts[i][1]);
		assert_true(p > 0.8);
	}
	assert_string_equal(m->classes[classify(m, "goal goal", &p)], "sport");
	assert_string_equal(m->classes[classify(m, "budget vote", &p)],
	    "politics");
	ctk_model_free(m);
	ctk_dataset_release(&ds);
}

static void
same_seed_same_model(void **state)
{
	ctk_dataset a, b;
	ctk_model *m1, *m2;
	ctk_buf s1 = CTK_BUF_INIT, s2 = CTK_BUF_INIT;
	ctk_error err;

	(void)state;
	ctk_dataset_init(&a);
	ctk_dataset_init(&b);
	m1 = train(&a, 5);
	m2 = train(&b, 5);
	assert_int_equal(ctk_model_serialize(m1, &s1, &err), 0);
	assert_int_equal(ctk_model_serialize(m2, &s2, &err), 0);
	assert_int_equal(s1.len, s2.len);
	assert_memory_equal(s1.data, s2.data, s1.len);
	ctk_buf_release(&s1);
	ctk_buf_release(&s2);
	ctk_model_free(m1);
	ctk_model_free(m2);
	ctk_dataset_release(&a);
	ctk_dataset_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(separates_a_separable_set),
		cmocka_unit_test(same_seed_same_model),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

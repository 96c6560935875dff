/* Unit tests of evalmetrics on a confusion matrix computed by hand:
 *              predicted a  b  c
 *   true a               3  1  0     support 4
 *   true b               1  2  1     support 4
 *   true c               0  0  2     support 2
 * accuracy 7/10; a: P 3/4 R 3/4 F1 3/4; b: P 2/3 R 1/2 F1 4/7;
 * c: P 2/3 R 1 F1 4/5; macro P 25/36, R 3/4, F1 (3/4 + 4/7 + 4/5) / 3. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <cmocka.h>

#include "evalmetrics.h"

#define NEAR(x, y) assert_true(fabs((x) - (y)) < 1e-12)

static void
hand_computed_example(void **state)
{
	static const size_t pairs[][3] = {	/* true, predicted, times */
		{ 0, 0, 3 }, { 0, 1, 1 }, { 1, 0, 1 }, { 1, 1, 2 },
		{ 1, 2, 1 }, { 2, 2, 2 },
	};
	ctk_confusion cm;
	ctk_class_metrics per[3];
	ctk_metrics all;
	ctk_error err;
	size_t i, k;

	(void)state;
	assert_int_equal(ctk_confusion_init(&cm, 3, &err), 0);
	for (i = 0; i < 6; i++)
		for (k = 0; k < pairs[i][2]; k++)
			ctk_confusion_add(&cm, pairs[i][0], pairs[i][1]);
	ctk_metrics_compute(&cm, per, &all);
	assert_int_equal(all.n_docs, 10);
	NEAR(all.accuracy, 0.7);
	NEAR(per[0].precision, 0.75);
	NEAR(per[0].recall, 0.75);
	NEAR(per[0].f1, 0.75);
	NEAR(per[1].precision, 2.0 / 3);
	NEAR(per[1].recall, 0.5);
	NEAR(per[1].f1, 4.0 / 7);
	NEAR(per[2].precision, 2.0 / 3);
	NEAR(per[2].recall, 1);
	NEAR(per[2].f1, 0.8);
	assert_int_equal(per[1].support, 4);
	assert_int_equal(per[2].predicted, 3);
	NEAR(all.macro_precision, 25.0 / 36);
	NEAR(all.macro_recall, 0.75);
	NEAR(all.macro_f1, (0.75 + 4.0 / 7 + 0.8) / 3);
	NEAR(all.micro_precision, 0.7);
	NEAR(all.micro_f1, 0.7);
	ctk_confusion_release(&cm);
}

static void
empty_class_counts_zero(void **state)
{
	ctk_confusion cm;
	ctk_class_metrics per[2];
	ctk_metrics all;
	ctk_error err;

	(void)state;
	ctk_confusion_init(&cm, 2, &err);
	ctk_confusion_add(&cm, 0, 0);
	ctk_metrics_compute(&cm, per, &all);
	NEAR(per[1].precision, 0);
	NEAR(per[1].recall, 0);
	NEAR(per[1].f1, 0);
	NEAR(all.macro_f1, 0.5);
	NEAR(all.accuracy, 1);
	ctk_confusion_release(&cm);
}

static void
folds_are_stratified_and_even(void **state)
{
	size_t label[20], fold[20], per[3][5] = { { 0 } }, size[5] = { 0 };
	size_t i, c, f, again[20];
	ctk_rng rng;
	ctk_error err;

	(void)state;
	for (i = 0; i < 20; i++)	/* 10 of class 0, 7 of 1, 3 of 2 */
		label[i] = i < 10 ? 0 : i < 17 ? 1 : 2;
	ctk_rng_seed(&rng, 9);
	assert_int_equal(ctk_folds_stratified(label, 20, 3, 5, &rng, fold,
	    &err), 0);
	for (i = 0; i < 20; i++) {
		assert_true(fold[i] < 5);
		per[label[i]][fold[i]]++;
		size[fold[i]]++;
	}
	for (f = 0; f < 5; f++) {
		assert_int_equal(size[f], 4);
		assert_int_equal(per[0][f], 2);
		assert_true(per[1][f] == 1 || per[1][f] == 2);
		assert_true(per[2][f] <= 1);
	}
	ctk_rng_seed(&rng, 9);
	ctk_folds_stratified(label, 20, 3, 5, &rng, again, &err);
	for (c = 0; c < 20; c++)
		assert_int_equal(again[c], fold[c]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hand_computed_example),
		cmocka_unit_test(empty_class_counts_zero),
		cmocka_unit_test(folds_are_stratified_and_even),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

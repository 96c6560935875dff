/* Unit tests of suggest: distances, nearest names, option messages. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "suggest.h"

static const struct option opts[] = {
	{ "since", required_argument, NULL, 1 },
	{ "until", required_argument, NULL, 2 },
	{ "column", required_argument, NULL, 'c' },
	{ "count", no_argument, NULL, 3 },
	{ "count-by", required_argument, NULL, 4 },
	{ "dedup", no_argument, NULL, 5 },
	{ "output", required_argument, NULL, 'o' },
	{ NULL, 0, NULL, 0 }
};

static void
distance_counts_edits_and_swaps(void **state)
{
	(void)state;
	assert_int_equal(ctk_suggest_distance("", ""), 0);
	assert_int_equal(ctk_suggest_distance("freq", "freq"), 0);
	assert_int_equal(ctk_suggest_distance("", "abc"), 3);
	assert_int_equal(ctk_suggest_distance("frq", "freq"), 1);
	assert_int_equal(ctk_suggest_distance("fred", "freq"), 1);
	assert_int_equal(ctk_suggest_distance("freqs", "freq"), 1);
	/* a swap of neighbours is one slip, not two */
	assert_int_equal(ctk_suggest_distance("snice", "since"), 1);
	assert_int_equal(ctk_suggest_distance("kitten", "sitting"), 3);
	assert_int_equal(ctk_suggest_distance("ca", "abc"), 3);
}

static void
distance_refuses_long_words(void **state)
{
	char longword[CTK_SUGGEST_MAX_LEN + 2];

	(void)state;
	memset(longword, 'a', sizeof longword - 1);
	longword[sizeof longword - 1] = '\0';
	assert_int_equal(ctk_suggest_distance(longword, "a"), (size_t)-1);
	assert_null(ctk_suggest(longword, (const char *const[]){ "a" }, 1));
}

static void
nearest_name_within_reach(void **state)
{
	static const char *const subs[] = { "freq", "ngrams", "keyness",
	    "colloc", "timeline", "network", "dispersion", "summary", "merge" };
	size_t n = sizeof subs / sizeof subs[0];

	(void)state;
	assert_string_equal(ctk_suggest("frq", subs, n), "freq");
	assert_string_equal(ctk_suggest("keynes", subs, n), "keyness");
	assert_string_equal(ctk_suggest("timline", subs, n), "timeline");
	assert_string_equal(ctk_suggest("colocs", subs, n), "colloc");
	assert_string_equal(ctk_suggest("merge", subs, n), "merge");
	/* too far from everything: no suggestion rather than a wild one */
	assert_null(ctk_suggest("plot", subs, n));
	assert_null(ctk_suggest("xyz", subs, n));
	assert_null(ctk_suggest("freq", subs, 0));
}

static void
tie_goes_to_the_first_candidate(void **state)
{
	static const char *const names[] = { "bat", "cat" };

	(void)state;
	assert_string_equal(ctk_suggest("at", names, 2), "bat");
}

static void
long_option_names(void **state)
{
	(void)state;
	assert_string_equal(ctk_suggest_long_option("snice", opts), "since");
	assert_string_equal(ctk_suggest_long_option("utnil", opts), "until");
	assert_string_equal(ctk_suggest_long_option("colunm", opts),
	    "column");
	assert_null(ctk_suggest_long_option("verbose", opts));
}

static void
check_message(const char *arg, int optopt, const char *want)
{
	ctk_buf msg = CTK_BUF_INIT;

	assert_int_equal(ctk_suggest_option_message(&msg, arg, optopt,
	    ":c:o:q", opts), 0);
	assert_string_equal(ctk_buf_str(&msg), want);
	ctk_buf_release(&msg);
}

static void
option_messages(void **state)
{
	(void)state;
	check_message("--snice", 0,
	    "unknown option '--snice'; did you mean '--since'?");
	check_message("--snice=2024-08-01", 0,
	    "unknown option '--snice'; did you mean '--since'?");
	check_message("--verbose", 0, "unknown option '--verbose'");
	check_message("--co", 0,
	    "option '--co' is ambiguous: --column, --count, --count-by");
	check_message("--since", 1, "option '--since' needs a value");
	check_message("--sin", 1, "option '--since' needs a value");
	check_message("--dedup=yes", 5, "option '--dedup' takes no value");
	check_message(NULL, 'x', "unknown option '-x'");
	check_message(NULL, 'o', "option '-o' needs a value");
	check_message(NULL, 0, "unknown option");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(distance_counts_edits_and_swaps),
		cmocka_unit_test(distance_refuses_long_words),
		cmocka_unit_test(nearest_name_within_reach),
		cmocka_unit_test(tie_goes_to_the_first_candidate),
		cmocka_unit_test(long_option_names),
		cmocka_unit_test(option_messages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

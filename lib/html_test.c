/* Unit tests of html: escaping of untrusted text. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "html.h"

static void
five_special_characters_become_references(void **state)
{
	ctk_buf b = CTK_BUF_INIT;
	const char *s = "<a href=\"x\" title='y'>&</a>";

	(void)state;
	assert_int_equal(ctk_html_escape(&b, s, strlen(s)), 0);
	assert_string_equal(b.data, "&lt;a href=&quot;x&quot; title=&#39;y&#39;"
	    "&gt;&amp;&lt;/a&gt;");
	ctk_buf_release(&b);
}

static void
utf8_is_kept_and_invalid_bytes_replaced(void **state)
{
	ctk_buf b = CTK_BUF_INIT;
	const char s[] = "\xc3\xa9t\xc3\xa9 \xff\xc3 \xf0\x9f\x87\xab\xf0\x9f\x87\xb7";

	(void)state;
	assert_int_equal(ctk_html_escape(&b, s, sizeof s - 1), 0);
	assert_string_equal(b.data, "\xc3\xa9t\xc3\xa9 \xef\xbf\xbd\xef\xbf\xbd "
	    "\xf0\x9f\x87\xab\xf0\x9f\x87\xb7");
	ctk_buf_release(&b);
}

static void
control_characters_become_spaces_but_lines_stay(void **state)
{
	ctk_buf b = CTK_BUF_INIT;
	const char s[] = "a\x01" "b\x7f" "c\nd\te\xef\xbf\xbf" "f";

	(void)state;
	assert_int_equal(ctk_html_escape(&b, s, sizeof s - 1), 0);
	assert_string_equal(b.data, "a b c\nd\te f");
	ctk_buf_release(&b);
}

static void
nul_byte_in_the_middle_is_not_an_end(void **state)
{
	ctk_buf b = CTK_BUF_INIT;

	(void)state;
	assert_int_equal(ctk_html_escape(&b, "a\0<", 3), 0);
	assert_string_equal(b.data, "a &lt;");
	ctk_buf_release(&b);
}

static void
short_excerpt_is_the_whole_text_on_one_line(void **state)
{
	ctk_buf b = CTK_BUF_INIT;
	const char *s = "one\ntwo & <three>";

	(void)state;
	assert_int_equal(ctk_html_escape_excerpt(&b, s, strlen(s), 100), 0);
	assert_string_equal(b.data, "one two &amp; &lt;three&gt;");
	ctk_buf_release(&b);
}

static void
long_excerpt_is_cut_at_a_space_with_an_ellipsis(void **state)
{
	ctk_buf b = CTK_BUF_INIT;
	const char *s = "\xc3\xa9t\xc3\xa9 was hot and long";

	(void)state;
	/* ten code points reach "été was ho": cut after "was" */
	assert_int_equal(ctk_html_escape_excerpt(&b, s, strlen(s), 10), 0);
	assert_string_equal(b.data, "\xc3\xa9t\xc3\xa9 was\xe2\x80\xa6");
	ctk_buf_reset(&b);
	/* no space in the second half: cut at the limit */
	assert_int_equal(ctk_html_escape_excerpt(&b, "abcdefghij", 10, 4), 0);
	assert_string_equal(b.data, "abcd\xe2\x80\xa6");
	ctk_buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(five_special_characters_become_references),
		cmocka_unit_test(utf8_is_kept_and_invalid_bytes_replaced),
		cmocka_unit_test(control_characters_become_spaces_but_lines_stay),
		cmocka_unit_test(nul_byte_in_the_middle_is_not_an_end),
		cmocka_unit_test(short_excerpt_is_the_whole_text_on_one_line),
		cmocka_unit_test(long_excerpt_is_cut_at_a_space_with_an_ellipsis),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

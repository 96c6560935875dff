/* Unit tests of xml: escaping of markup and forbidden characters. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "xml.h"

static void
markup_is_escaped_and_controls_replaced(void **state)
{
	const char *in = "<script>alert('x')</script> & \"q\"\x01\tÉ\n";
	char *out = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&out, &size);

	(void)state;
	ctk_xml_text(f, in, strlen(in));
	fclose(f);
	assert_string_equal(out, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script"
	    "&gt; &amp; &quot;q&quot; \tÉ\n");
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(markup_is_escaped_and_controls_replaced),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

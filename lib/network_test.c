/* Unit tests of network edges: hosts of links, mentions, hashtag pairs. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "network.h"

/* Writes the edge list into a string (the caller frees it). */
static char *
edges(ctk_network *net)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	ctk_tsv_writer *w = ctk_tsv_writer_new(f, CTK_FORMAT_TSV);

	assert_int_equal(ctk_network_write_edges(net, w, 0), 0);
	ctk_tsv_writer_free(w);
	fclose(f);
	return buf;
}

static void
add(ctk_network *net, const char *a, const char *b, const char *c)
{
	const char *v[3] = { a, b, c };
	size_t lens[3] = { strlen(a), b ? strlen(b) : 0, c ? strlen(c) : 0 };

	assert_int_equal(ctk_network_add(net, v, lens), 0);
}

/* Hosts are lower-cased, without scheme, user, port, path or "www.". */
static void
domains(void **state)
{
	ctk_network *net = ctk_network_new(CTK_NET_DOMAIN);
	char *out;

	(void)state;
	add(net, "chan", "https://WWW.Example.org/a?b http://u@t.me:443/x "
	    "example.org", NULL);
	out = edges(net);
	assert_string_equal(out, "source\ttarget\tweight\n"
	    "chan\texample.org\t2\nchan\tt.me\t1\n");
	free(out);
	ctk_network_free(net);
}

/* The author is the source when known; a leading @ is dropped. */
static void
mentions(void **state)
{
	ctk_network *net = ctk_network_new(CTK_NET_MENTION);
	char *out;

	(void)state;
	add(net, "", "chan", "@bob @ann");
	add(net, "eve", "chan", "@bob");
	out = edges(net);
	assert_string_equal(out, "source\ttarget\tweight\n"
	    "chan\tann\t1\nchan\tbob\t1\neve\tbob\t1\n");
	free(out);
	ctk_network_free(net);
}

/* Distinct hashtags of a document pair up once, smaller first. */
static void
hashtags(void **state)
{
	ctk_network *net = ctk_network_new(CTK_NET_HASHTAG);
	char *out;

	(void)state;
	add(net, "#z #a #z", NULL, NULL);
	add(net, "#a #z", NULL, NULL);
	add(net, "#a", NULL, NULL);
	out = edges(net);
	assert_string_equal(out, "source\ttarget\tweight\n#a\t#z\t2\n");
	free(out);
	ctk_network_free(net);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(domains),
		cmocka_unit_test(mentions),
		cmocka_unit_test(hashtags),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* libFuzzer harness: ctk report on whatever document stream the input
 * holds. Whatever the text, the page must be well-formed XML (so no
 * corpus text escaped its escaping) and hold no script element. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "data.h"
#include "input.h"
#include "report.h"
#include "tsv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The language model of the source tree: build/<dir>/NAME -> data/. */
static void
find_data(void)
{
	static int done;
	char dir[4096], path[4200];

	if (done++ || getenv("CTK_DATADIR") != NULL ||
	    ctk_exe_dir(dir, sizeof dir) != 0)
		return;
	snprintf(path, sizeof path, "%s/../../data", dir);
	setenv("CTK_DATADIR", path, 1);
}

static void
feed(ctk_report *rep, ctk_tsv_reader *r)
{
	int map[CTK_REPORT_NCOLUMNS];
	ctk_report_doc d;
	ctk_str *slots[CTK_REPORT_NCOLUMNS] = { &d.id, &d.kind, &d.channel,
	    &d.date, &d.url, &d.fwd_from, &d.lang, &d.text, &d.views,
	    &d.links, &d.text_hash };
	ctk_error err;
	size_t i;
	int rc;

	for (i = 0; i < CTK_REPORT_NCOLUMNS; i++)
		map[i] = ctk_tsv_col(r, ctk_report_columns[i]);
	while ((rc = ctk_tsv_read(r, &err)) != 0 && rc != CTK_EIO) {
		if (rc < 0)
			continue;
		for (i = 0; i < CTK_REPORT_NCOLUMNS; i++) {
			slots[i]->s = "";
			slots[i]->len = 0;
			if (map[i] >= 0)
				*slots[i] = ctk_tsv_field_str(r, (size_t)map[i]);
		}
		if (ctk_report_add(rep, &d, &err) < 0)
			break;
	}
}

static void
check_page(ctk_report *rep)
{
	char *page = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&page, &len);
	ctk_error err;
	xmlDocPtr doc;

	if (f == NULL)
		return;
	if (ctk_report_write(rep, f, &err) != 0) {
		fclose(f);
		free(page);
		return;
	}
	fclose(f);
	doc = xmlReadMemory(page, (int)len, "report.html", "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL || strstr(page, "<script") != NULL)
		abort();
	xmlFreeDoc(doc);
	free(page);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ctk_input *in = ctk_input_from_memory(data, size, "fuzz", NULL);
	ctk_report_opts o;
	ctk_report *rep = NULL;
	ctk_tsv_reader *r = NULL;
	ctk_error err;

	find_data();
	memset(&o, 0, sizeof o);
	o.title = "fuzz";
	if (in == NULL || (r = ctk_tsv_reader_new(in, &err)) == NULL ||
	    (rep = ctk_report_new(&o, &err)) == NULL)
		goto out;
	feed(rep, r);
	check_page(rep);
out:
	ctk_report_free(rep);
	ctk_tsv_reader_free(r);
	ctk_input_close(in);
	return 0;
}

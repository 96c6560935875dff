/*
 * ctk-report: a one-file HTML report of a corpus (a store made by ctk
 * ingest --db, or a document stream). Argument parsing and input wiring
 * only; the counting and the page are lib/report.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "store.h"
#include "tool.h"

static const char synopsis[] =
    "usage: ctk report [-o FILE] [--title TEXT] [--ui-lang fr|en]\n"
    "                  [--channel NAME ...] [--since DATE] [--until DATE]\n"
    "                  [--lang LANG] [--reference DB|FILE] [-q] [--strict]\n"
    "                  [CORPUS]\n";

static void
usage(void)
{
	fputs(synopsis, stdout);
	fputs("\n"
	    "One self-contained HTML page on a corpus (a store made by ctk ingest,\n"
	    "or a stream; stdin when no CORPUS): overview, activity, top terms,\n"
	    "keywords, hashtags, domains, forwards, notable messages; every number\n"
	    "by the code of ctk stats (see ctk-report(1)).\n"
	    "\n"
	    "  -o, --output FILE    write to FILE instead of standard output\n"
	    "  --title TEXT         title of the report\n"
	    "  --ui-lang fr|en      labels (default: the corpus's main language)\n"
	    "  --channel NAME       only this channel (repeatable: any of them)\n"
	    "  --since, --until DATE  YYYY[-MM[-DD...]]; a period is whole\n"
	    "  --lang LANG          only documents in this language\n"
	    "  --reference DB|FILE  keywords against it, not channel vs the rest\n"
	    "  -q, --quiet; --strict; -h, --help; --version\n"
	    "\n"
	    "examples:\n"
	    "  ctk report corpus.db -o report.html\n"
	    "  ctk ingest export/result.json | ctk report --ui-lang en > r.html\n",
	    stdout);
}

enum {
	OPT_TITLE = 256, OPT_UI_LANG, OPT_CHANNEL, OPT_SINCE, OPT_UNTIL,
	OPT_LANG, OPT_REFERENCE, OPT_STRICT, OPT_VERSION
};

static const struct option longopts[] = {
	{ "title", required_argument, NULL, OPT_TITLE },
	{ "ui-lang", required_argument, NULL, OPT_UI_LANG },
	{ "channel", required_argument, NULL, OPT_CHANNEL },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "until", required_argument, NULL, OPT_UNTIL },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "reference", required_argument, NULL, OPT_REFERENCE },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "output", required_argument, NULL, 'o' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

struct run {
	ctk_diag diag;
	ctk_report *report;
	int reference;		/* feeding the reference corpus */
	const char *name;	/* of the input, for diagnostics */
	int map[CTK_REPORT_NCOLUMNS];	/* input column of each doc field */
	int stopped;
};

/* ---- one document ---- */

/* The field of d named ctk_report_columns[i]. */
static ctk_str *
slot(ctk_report_doc *d, size_t i)
{
	ctk_str *const slots[CTK_REPORT_NCOLUMNS] = { &d->id, &d->kind,
	    &d->channel, &d->date, &d->url, &d->fwd_from, &d->lang, &d->text,
	    &d->views, &d->links, &d->text_hash };

	return slots[i];
}

static void
add_doc(struct run *run, const ctk_str *fields, size_t n, long line)
{
	ctk_report_doc d;
	ctk_error err;
	size_t i;
	int rc;

	for (i = 0; i < CTK_REPORT_NCOLUMNS; i++) {
		slot(&d, i)->s = "";
		slot(&d, i)->len = 0;
		if (run->map[i] >= 0 && (size_t)run->map[i] < n)
			*slot(&d, i) = fields[run->map[i]];
	}
	rc = run->reference ? ctk_report_add_reference(run->report, &d, &err) :
	    ctk_report_add(run->report, &d, &err);
	if (rc < 0) {
		err.line = line;
		ctk_diag_report(&run->diag, CTK_DIAG_FATAL, run->name, &err);
		run->stopped = 1;
	}
}

/* ---- a document stream ---- */

static int
map_columns(struct run *run, const char *const *names, size_t n)
{
	size_t i, k;

	for (i = 0; i < CTK_REPORT_NCOLUMNS; i++) {
		run->map[i] = -1;
		for (k = 0; k < n; k++)
			if (strcmp(names[k], ctk_report_columns[i]) == 0)
				run->map[i] = (int)k;
	}
	if (run->map[7] < 0) {	/* text */
		ctk_diag_msg(&run->diag, CTK_DIAG_FATAL, run->name, 1, 0,
		    "no column 'text': not a document stream");
		return -1;
	}
	return 0;
}

static void
read_stream(struct run *run, ctk_input *in)
{
	ctk_tsv_reader *r;
	ctk_error err;
	const char *names[256];
	ctk_str fields[256];
	size_t n, i;
	int rc;

	if ((r = ctk_tsv_reader_new(in, &err)) == NULL) {
		ctk_diag_report(&run->diag, CTK_DIAG_FATAL, run->name, &err);
		return;
	}
	n = ctk_tsv_ncols(r);
	if (n > 256)
		n = 256;
	for (i = 0; i < n; i++)
		names[i] = ctk_tsv_colname(r, i);
	if (map_columns(run, names, n) != 0) {
		ctk_tsv_reader_free(r);
		return;
	}
	while (!run->stopped && (rc = ctk_tsv_read(r, &err)) != 0) {
		if (rc == CTK_EFORMAT) {
			ctk_diag_report(&run->diag, CTK_DIAG_ERROR, run->name,
			    &err);
			if (ctk_diag_should_stop(&run->diag))
				break;
			continue;
		}
		if (rc < 0) {
			ctk_diag_report(&run->diag, CTK_DIAG_FATAL, run->name,
			    &err);
			break;
		}
		for (i = 0; i < n; i++)
			fields[i] = ctk_tsv_field_str(r, i);
		add_doc(run, fields, n, ctk_tsv_line(r));
	}
	ctk_tsv_reader_free(r);
}

/* ---- a store ---- */

struct store_ctx {
	struct run *run;
	int header_done;
	long row;
};

static int
store_row(void *vctx, const ctk_str *fields, size_t n)
{
	struct store_ctx *ctx = vctx;
	const char *names[256] = { NULL };
	char *copies[256] = { NULL };
	size_t i;
	int rc;

	if (ctx->header_done) {
		add_doc(ctx->run, fields, n, ++ctx->row);
		return ctx->run->stopped;
	}
	ctx->header_done = 1;
	if (n > 256)
		n = 256;
	for (i = 0; i < n; i++) {
		copies[i] = strndup(fields[i].s, fields[i].len);
		names[i] = copies[i] ? copies[i] : "";
	}
	rc = map_columns(ctx->run, names, n);
	for (i = 0; i < n; i++)
		free(copies[i]);
	return rc != 0;
}

static void
read_store(struct run *run, const char *path, const ctk_store_filter *f)
{
	ctk_store *st;
	ctk_error err;
	struct store_ctx ctx = { run, 0, 0 };

	if ((st = ctk_store_open(path, CTK_STORE_READ, &err)) == NULL) {
		ctk_diag_report(&run->diag, CTK_DIAG_FATAL, path, &err);
		return;
	}
	if (ctk_store_select(st, f, store_row, &ctx, &err) < 0)
		ctk_diag_report(&run->diag, CTK_DIAG_FATAL, path, &err);
	ctk_store_close(st);
}

/* A store or a stream, told apart by SQLite's magic header. */
static void
read_corpus(struct run *run, const char *path, const ctk_store_filter *f)
{
	static const char magic[] = "SQLite format 3";
	ctk_input *in;
	ctk_error err;
	const char *head;
	int is_store;

	run->name = path ? path : "<stdin>";
	if ((in = ctk_input_open(path, &err)) == NULL) {
		ctk_diag_report(&run->diag, CTK_DIAG_FATAL, run->name, &err);
		return;
	}
	is_store = ctk_input_peek(in, &head, sizeof magic, &err) ==
	    (long)sizeof magic && memcmp(head, magic, sizeof magic) == 0;
	if (is_store && path == NULL) {
		ctk_diag_msg(&run->diag, CTK_DIAG_FATAL, run->name, 0, 0,
		    "a corpus store must be named as a file, not piped");
	} else if (is_store) {
		ctk_input_close(in);
		read_store(run, path, f);
		return;
	} else {
		read_stream(run, in);
	}
	ctk_input_close(in);
}

/* ---- options and main ---- */

struct options {
	ctk_report_opts ro;
	ctk_store_filter filter;
	const char *channels[32];
	const char *out_path, *reference;
};

static int
parse_option(ctk_diag *d, struct options *o, int c)
{
	switch (c) {
	case OPT_TITLE: o->ro.title = optarg; return 0;
	case OPT_UI_LANG: o->ro.ui_lang = optarg; return 0;
	case OPT_CHANNEL:
		if (o->filter.n_channels == 32) {
			ctk_diag_usage(d, "at most 32 --channel options");
			return -1;
		}
		o->channels[o->filter.n_channels++] = optarg;
		return 0;
	case OPT_SINCE: o->filter.since = optarg; return 0;
	case OPT_UNTIL: o->filter.until = optarg; return 0;
	case OPT_LANG: o->ro.lang = optarg; return 0;
	case OPT_REFERENCE: o->reference = optarg; return 0;
	case OPT_STRICT: d->strict = 1; return 0;
	case 'o': o->out_path = optarg; return 0;
	case 'q': d->quiet = 1; return 0;
	case 'h': usage(); exit(0);
	case OPT_VERSION: ctk_tool_version("ctk-report"); exit(0);
	default:
		ctk_diag_usage(d, "bad option");
		return -1;
	}
}

int
main(int argc, char **argv)
{
	static struct run run;
	static struct options o;
	ctk_error err;
	FILE *out;
	int c;

	ctk_tool_init();
	ctk_diag_init(&run.diag, "ctk-report");
	while ((c = getopt_long(argc, argv, "ho:q", longopts, NULL)) != -1)
		if (parse_option(&run.diag, &o, c) != 0)
			return 2;
	if (argc - optind > 1) {
		ctk_diag_usage(&run.diag, "one corpus at a time");
		return 2;
	}
	o.filter.channels = o.channels;
	o.filter.order_by_id = 0;
	o.ro.channels = o.channels;
	o.ro.n_channels = o.filter.n_channels;
	o.ro.since = o.filter.since;
	o.ro.until = o.filter.until;
	o.ro.reference = o.reference;
	o.ro.source = optind < argc ? argv[optind] : "<stdin>";
	if ((run.report = ctk_report_new(&o.ro, &err)) == NULL) {
		if (err.code == CTK_EUSAGE) {
			ctk_diag_usage(&run.diag, "%s", err.msg);
			return 2;
		}
		ctk_diag_report(&run.diag, CTK_DIAG_FATAL, NULL, &err);
		return ctk_tool_finish(&run.diag);
	}
	read_corpus(&run, optind < argc && strcmp(argv[optind], "-") ?
	    argv[optind] : NULL, &o.filter);
	if (o.reference && !run.stopped && !ctk_diag_should_stop(&run.diag)) {
		run.reference = 1;
		read_corpus(&run, strcmp(o.reference, "-") ? o.reference :
		    NULL, NULL);
	}
	if (!run.stopped && !ctk_diag_should_stop(&run.diag)) {
		out = ctk_tool_open_output(&run.diag, o.out_path);
		if (ctk_report_write(run.report, out, &err) != 0)
			ctk_diag_report(&run.diag, CTK_DIAG_FATAL, o.out_path,
			    &err);
		if (out != stdout && fclose(out) != 0)
			ctk_diag_msg(&run.diag, CTK_DIAG_FATAL, o.out_path, 0,
			    0, "cannot write the report");
	}
	ctk_report_free(run.report);
	return ctk_tool_finish(&run.diag);
}

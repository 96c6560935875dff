/*
 * ctk-classify: classifiers over the document stream. Each subcommand
 * reads ctk TSV, keeps every column and appends (or replaces) its own.
 *   lang   language identification (lib/langid.c): columns lang, lang_p
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "langid.h"
#include "classify_sup.h"
#include "tool.h"
#include "tsvbatch.h"
#include "workers.h"

static const char lang_usage[] =
    "usage: ctk classify lang [-q] [--strict] [--progress] [-c NAME]"
    " [-l LIST]\n"
    "                         [-p P] [-m FILE] [-f tsv|csv|jsonl] [-j N]"
    " [-o FILE]\n"
    "                         [FILE ...]\n"
    "       ctk classify lang --list [-m FILE]\n";

static const char lang_help[] =
    "\n"
    "Append lang (ISO 639-1, 'und' when unsure) and lang_p (confidence)\n"
    "\n"
    "  -c, --column NAME     text column to read (default: text)\n"
    "  -l, --langs LIST      candidate languages, comma-separated (fr,en)\n"
    "  -p, --min-p P         answer 'und' below this confidence"
    " (default 0.5)\n"
    "  -m, --model FILE      language model (default: langid/model.bin)\n"
    "  -f, --format FMT      output format: tsv (default), csv, jsonl\n"
    "  -j, --jobs N          threads (default: processors); same output\n"
    "  -o, --output FILE     write to FILE instead of standard output\n"
    "  -q, --quiet           no warnings, no progress\n"
    "      --strict          stop at the first bad record\n"
    "      --progress        show progress even when stderr is not a"
    " terminal\n"
    "      --list            print the languages of the model and exit\n"
    "  -h, --help            this help\n"
    "      --version         print the version\n"
    "\n"
    "examples:\n"
    "  ctk ingest export.json | ctk classify lang > docs.tsv\n"
    "  ctk classify lang --langs fr,en -c title articles.tsv\n";

static const char main_usage[] =
    "usage: ctk classify SUBCOMMAND [OPTIONS] [FILE ...]\n";

static const char main_help[] =
    "\n"
    "subcommands:\n"
    "  lang      identify the language of each document (lang, lang_p)\n"
    "  train     train a classifier on a labelled stream (model file)\n"
    "  predict   label documents with a trained model (label, label_p)\n"
    "  eval      cross-validate or test a classifier: P, R, F1, confusion\n"
    "  lexicon   count dictionary categories per document (lex_*)\n"
    "\n"
    "'ctk classify SUBCOMMAND --help' describes a subcommand.\n"
    "\n"
    "examples:\n"
    "  ctk ingest export.json | ctk classify lang > docs.tsv\n"
    "  ctk classify train --label topic -o topics.ctkm labelled.tsv\n";

typedef struct lang_opts {
	const char *column;
	const char *langs;
	const char *model;
	const char *output;
	double min_p;
	ctk_format format;
	int jobs;
	int progress;
	int list;
} lang_opts;

/* Text held by a batch: big enough that the threads rarely meet. */
#define BATCH_BYTES (256 * 1024)

/* What one worker thread owns: a writer into its in-memory sink, so that
 * the output code is the same for any -j. The model is shared: reading
 * it changes nothing. */
typedef struct lang_worker {
	ctk_tsvbatch_sink *sink;
	ctk_tsv_writer *w;
} lang_worker;

/* State shared by the inputs of one run: the first header fixes the
 * output's columns. */
typedef struct lang_run {
	ctk_diag *diag;
	ctk_langid *li;
	const lang_opts *opts;
	ctk_tsv_writer *w;
	char **header;		/* column names of the first input */
	size_t n_header;
	ctk_progress progress;
	uint64_t bytes_done;
	uint64_t records;
	lang_worker *workers;
	int n_workers;
	void **batches;
	size_t n_batches;
	unsigned char *keep;	/* input columns kept (not lang, lang_p) */
	size_t n_cols;
	/* the input being read */
	ctk_input *in;
	ctk_tsv_reader *r;
	const char *name;
	FILE *out;
	int col;
	int at_end;
} lang_run;

static int
parse_min_p(const char *s, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || !(v >= 0 && v <= 1))
		return -1;
	*out = v;
	return 0;
}

static int
parse_lang_opts(ctk_diag *d, int argc, char **argv, lang_opts *o)
{
	enum { OPT_STRICT = 256, OPT_VERSION, OPT_PROGRESS, OPT_LIST };
	static const struct option longopts[] = {
		{ "column", required_argument, NULL, 'c' },
		{ "langs", required_argument, NULL, 'l' },
		{ "min-p", required_argument, NULL, 'p' },
		{ "model", required_argument, NULL, 'm' },
		{ "format", required_argument, NULL, 'f' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "output", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "progress", no_argument, NULL, OPT_PROGRESS },
		{ "list", no_argument, NULL, OPT_LIST },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	memset(o, 0, sizeof *o);
	o->column = "text";
	o->min_p = CTK_LANGID_DEFAULT_MIN_P;
	o->progress = -1;
	o->jobs = ctk_workers_default();
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":c:l:p:m:f:j:o:qh", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'c': o->column = optarg; break;
		case 'l': o->langs = optarg; break;
		case 'm': o->model = optarg; break;
		case 'o': o->output = optarg; break;
		case 'q': d->quiet = 1; o->progress = 0; break;
		case OPT_STRICT: d->strict = 1; break;
		case OPT_PROGRESS: o->progress = 1; break;
		case OPT_LIST: o->list = 1; break;
		case 'p':
			if (parse_min_p(optarg, &o->min_p) < 0) {
				ctk_diag_usage(d, "--min-p wants a number "
				    "from 0 to 1, not '%s'", optarg);
				return 2;
			}
			break;
		case 'j':
			if (ctk_workers_parse(optarg, &o->jobs) < 0) {
				ctk_diag_usage(d, "--jobs wants a number "
				    "from 0 to 256, not '%s'", optarg);
				return 2;
			}
			break;
		case 'f':
			if (ctk_format_parse(optarg, &o->format) < 0) {
				ctk_diag_usage(d, "unknown format '%s' (tsv, "
				    "csv or jsonl)", optarg);
				return 2;
			}
			break;
		case 'h':
			fputs(lang_usage, stdout);
			fputs(lang_help, stdout);
			return 0;
		case OPT_VERSION:
			ctk_tool_version("ctk-classify");
			return 0;
		default:
			return ctk_tool_bad_option(d, argv,
			    ":c:l:p:m:f:o:qh", longopts);
		}
	}
	return -1;
}

static int
same_header(const lang_run *run, const ctk_tsv_reader *r)
{
	size_t i;

	if (ctk_tsv_ncols(r) != run->n_header)
		return 0;
	for (i = 0; i < run->n_header; i++)
		if (strcmp(ctk_tsv_colname(r, i), run->header[i]) != 0)
			return 0;
	return 1;
}

static int
remember_header(lang_run *run, const ctk_tsv_reader *r)
{
	static const char *const added[] = { "lang", "lang_p" };
	size_t i, n = ctk_tsv_ncols(r);

	run->header = calloc(n ? n : 1, sizeof run->header[0]);
	if (run->header == NULL)
		return -1;
	for (i = 0; i < n; i++)
		if ((run->header[i] = strdup(ctk_tsv_colname(r, i))) == NULL)
			return -1;
	run->n_header = n;
	if ((run->keep = calloc(n ? n : 1, 1)) == NULL)
		return -1;
	run->n_cols = n;
	for (i = 0; i < n; i++)
		run->keep[i] = strcmp(run->header[i], "lang") != 0 &&
		    strcmp(run->header[i], "lang_p") != 0;
	/* each worker's writer needs the columns too; what it writes of
	 * the header is thrown away */
	for (i = 0; i < (size_t)run->n_workers; i++) {
		lang_worker *w = &run->workers[i];

		if ((w->w = ctk_tsv_writer_new(ctk_tsvbatch_sink_file(
		    w->sink), run->opts->format)) == NULL ||
		    ctk_tsv_writer_header_extend(w->w, r, added, 2) < 0 ||
		    ctk_tsvbatch_sink_drain(w->sink, NULL) < 0)
			return -1;
	}
	return ctk_tsv_writer_header_extend(run->w, r, added, 2);
}

/* Record i of the batch with its columns but lang and lang_p, then the
 * two: what ctk_tsv_writer_extend() writes, from a batch. */
static int
classify_record(const lang_run *run, lang_worker *w, const ctk_tsvbatch *b,
    size_t i)
{
	ctk_langid_result res;
	char p[16];
	size_t len, col;
	const char *text = ctk_tsvbatch_field(b, i, (size_t)run->col, &len);
	const char *s;

	ctk_langid_classify(run->li, text, len, &res);
	snprintf(p, sizeof p, "%.3f", res.p);
	for (col = 0; col < run->n_cols; col++) {
		if (!run->keep[col])
			continue;
		s = ctk_tsvbatch_field(b, i, col, &len);
		ctk_tsv_writer_field(w->w, s, len);
	}
	ctk_tsv_writer_field(w->w, res.lang, strlen(res.lang));
	ctk_tsv_writer_field(w->w, p, strlen(p));
	return ctk_tsv_writer_end_record(w->w);
}

/* ---- the three stages of ctk_workers_run() ---- */

static int
read_batch(void *ctx, void *batch)
{
	lang_run *run = ctx;

	return ctk_tsvbatch_fill(batch, run->r, run->in, BATCH_BYTES,
	    &run->at_end);
}

static int
process_batch(void *ctx, int index, void *batch)
{
	const lang_run *run = ctx;
	lang_worker *w = &run->workers[index];
	ctk_tsvbatch *b = batch;
	size_t i, n = ctk_tsvbatch_count(b);

	for (i = 0; i < n; i++) {
		if (!ctk_tsvbatch_is_record(b, i)) {
			if (ctk_tsvbatch_note_item(b, w->sink, i) < 0)
				return CTK_ENOMEM;
		} else if (classify_record(run, w, b, i) < 0) {
			return CTK_ENOMEM;
		}
	}
	return ctk_tsvbatch_sink_drain(w->sink, b) < 0 ? CTK_ENOMEM : 0;
}

static int
write_batch(void *ctx, void *batch)
{
	lang_run *run = ctx;
	int rc;

	rc = ctk_tsvbatch_replay(batch, run->out, run->diag, run->name);
	run->records += ctk_tsvbatch_records(batch);
	ctk_progress_update(&run->progress, run->bytes_done +
	    ctk_tsvbatch_offset(batch), run->records);
	return rc;
}

static const ctk_workers_ops pipeline = {
	read_batch, process_batch, write_batch
};

static void
read_records(lang_run *run, ctk_input *in, ctk_tsv_reader *r, int col)
{
	run->in = in;
	run->r = r;
	run->name = ctk_input_name(in);
	run->col = col;
	run->at_end = 0;
	if (ctk_workers_run(run->n_workers, run->batches, run->n_batches,
	    &pipeline, run) == CTK_ENOMEM)
		ctk_diag_msg(run->diag, CTK_DIAG_FATAL, run->name, 0, 0,
		    "out of memory");
}

static void
classify_input(lang_run *run, const char *path)
{
	ctk_error err;
	ctk_input *in;
	ctk_tsv_reader *r;
	const char *name;
	int col;

	in = ctk_input_open(path, &err);
	if (in == NULL) {
		ctk_diag_report(run->diag, CTK_DIAG_ERROR, path, &err);
		return;
	}
	name = ctk_input_name(in);
	r = ctk_tsv_reader_new(in, &err);
	if (r == NULL) {
		ctk_diag_report(run->diag, CTK_DIAG_ERROR, name, &err);
		ctk_input_close(in);
		return;
	}
	col = ctk_tsv_col(r, run->opts->column);
	if (col < 0)
		ctk_diag_msg(run->diag, CTK_DIAG_ERROR, name, 1, 0,
		    "no column '%s' in the header", run->opts->column);
	else if (run->header == NULL && remember_header(run, r) < 0)
		ctk_diag_msg(run->diag, CTK_DIAG_FATAL, NULL, 0, 0,
		    "out of memory");
	else if (!same_header(run, r))
		ctk_diag_msg(run->diag, CTK_DIAG_ERROR, name, 1, 0,
		    "columns differ from those of the first input; "
		    "file skipped");
	else
		read_records(run, in, r, col);
	run->bytes_done += ctk_input_raw_offset(in);
	ctk_tsv_reader_free(r);
	ctk_input_close(in);
}

static void
list_langs(const ctk_langid *li)
{
	size_t i;

	for (i = 0; i < ctk_langid_nlangs(li); i++)
		printf("%s\n", ctk_langid_lang(li, i));
}

/* One sink per worker thread, two batches per worker and two more (one
 * being read, one written). */
static int
start_workers(lang_run *run, int n)
{
	size_t i;

	run->n_workers = n;
	if ((run->workers = calloc((size_t)n, sizeof *run->workers)) == NULL)
		return -1;
	for (i = 0; i < (size_t)n; i++)
		if ((run->workers[i].sink = ctk_tsvbatch_sink_new()) == NULL)
			return -1;
	run->n_batches = 2 * (size_t)n + 2;
	if ((run->batches = calloc(run->n_batches, sizeof *run->batches))
	    == NULL)
		return -1;
	for (i = 0; i < run->n_batches; i++)
		if ((run->batches[i] = ctk_tsvbatch_new()) == NULL)
			return -1;
	return 0;
}

static void
free_run(lang_run *run)
{
	size_t i;

	for (i = 0; run->workers != NULL && i < (size_t)run->n_workers; i++) {
		ctk_tsv_writer_free(run->workers[i].w);
		ctk_tsvbatch_sink_free(run->workers[i].sink);
	}
	free(run->workers);
	for (i = 0; run->batches != NULL && i < run->n_batches; i++)
		ctk_tsvbatch_free(run->batches[i]);
	free(run->batches);
	free(run->keep);
	for (i = 0; i < run->n_header; i++)
		free(run->header[i]);
	free(run->header);
	ctk_tsv_writer_free(run->w);
	ctk_langid_free(run->li);
}

static int
cmd_lang(ctk_diag *d, int argc, char **argv)
{
	lang_opts o;
	lang_run run;
	ctk_error err;
	FILE *out;
	int rc, i;

	if ((rc = parse_lang_opts(d, argc, argv, &o)) >= 0)
		return rc;
	memset(&run, 0, sizeof run);
	run.diag = d;
	run.opts = &o;
	if ((run.li = ctk_langid_open(o.model, &err)) == NULL) {
		ctk_diag_report(d, CTK_DIAG_FATAL, NULL, &err);
		return ctk_tool_finish(d);
	}
	if (ctk_langid_restrict(run.li, o.langs, &err) < 0) {
		ctk_diag_usage(d, "%s", err.msg);
		ctk_langid_free(run.li);
		return 2;
	}
	ctk_langid_set_min_p(run.li, o.min_p);
	if (o.list) {
		list_langs(run.li);
		ctk_langid_free(run.li);
		return ctk_tool_finish(d);
	}
	out = ctk_tool_open_output(d, o.output);
	run.w = ctk_tsv_writer_new(out, o.format);
	if (run.w == NULL) {
		ctk_diag_msg(d, CTK_DIAG_FATAL, NULL, 0, 0, "out of memory");
		ctk_langid_free(run.li);
		return ctk_tool_finish(d);
	}
	run.out = out;
	ctk_progress_init(&run.progress, stderr, o.progress, 0);
	if (start_workers(&run, o.jobs) < 0) {
		ctk_diag_msg(d, CTK_DIAG_FATAL, NULL, 0, 0, "out of memory");
	} else {
		if (optind == argc)
			classify_input(&run, "-");
		for (i = optind; i < argc && !ctk_diag_should_stop(d); i++)
			classify_input(&run, argv[i]);
	}
	ctk_progress_finish(&run.progress);
	free_run(&run);
	if (out != stdout)
		ctk_diag_check_output(d, out, o.output);
	if (out != stdout && fclose(out) != 0)
		ctk_diag_msg(d, CTK_DIAG_FATAL, o.output, 0, 0,
		    "cannot write: %s", strerror(errno));
	return ctk_tool_finish(d);
}

static const char *const subcommands[] = { "lang", "train", "predict",
    "eval", "lexicon" };

int
main(int argc, char **argv)
{
	ctk_diag d;

	ctk_tool_init();
	ctk_diag_init(&d, "ctk-classify");
	if (argc < 2) {
		ctk_diag_usage(&d, "a subcommand is needed: lang, train, "
		    "predict, eval or lexicon");
		return 2;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		fputs(main_usage, stdout);
		fputs(main_help, stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		ctk_tool_version("ctk-classify");
		return 0;
	}
	if (strcmp(argv[1], "lang") == 0)
		return cmd_lang(&d, argc - 1, argv + 1);
	if (strcmp(argv[1], "train") == 0)
		return ctk_classify_train_main(argc - 1, argv + 1);
	if (strcmp(argv[1], "predict") == 0)
		return ctk_classify_predict_main(argc - 1, argv + 1);
	if (strcmp(argv[1], "eval") == 0)
		return ctk_classify_eval_main(argc - 1, argv + 1);
	if (strcmp(argv[1], "lexicon") == 0)
		return ctk_classify_lexicon_main(argc - 1, argv + 1);
	return ctk_tool_bad_subcommand(&d, "subcommand", argv[1],
	    subcommands, sizeof subcommands / sizeof subcommands[0]);
}

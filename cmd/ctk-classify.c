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
#include "tsvmap.h"
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

/* State shared by the inputs of one run. The model is shared by the
 * worker threads: reading it changes nothing. */
typedef struct lang_run {
	ctk_diag *diag;
	ctk_langid *li;
	const lang_opts *opts;
	ctk_tsvmap *map;
	ctk_langid_result *res;	/* each worker's last result */
	char (*p)[16];		/* each worker's lang_p digits */
	int col;		/* the text column of the input being read */
} lang_run;

static const char *const lang_added[] = { "lang", "lang_p" };

/* The two new columns of record i (ctk_tsvmap_fn). */
static int
classify_record(void *ctx, int worker, const ctk_tsvbatch *b, size_t i,
    ctk_str *values, ctk_error *err)
{
	const lang_run *run = ctx;
	ctk_langid_result *res = &run->res[worker];
	size_t len;
	const char *text = ctk_tsvbatch_field(b, i, (size_t)run->col, &len);
	char *p = run->p[worker];

	(void)err;
	ctk_langid_classify(run->li, text, len, res);
	snprintf(p, sizeof run->p[worker], "%.3f", res->p);
	values[0].s = res->lang;
	values[0].len = strlen(res->lang);
	values[1].s = p;
	values[1].len = strlen(p);
	return 0;
}

static void
classify_input(lang_run *run, const char *path)
{
	ctk_error err;
	ctk_input *in;
	ctk_tsv_reader *r;
	const char *name;

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
	run->col = ctk_tsv_col(r, run->opts->column);
	if (run->col < 0)
		ctk_diag_msg(run->diag, CTK_DIAG_ERROR, name, 1, 0,
		    "no column '%s' in the header", run->opts->column);
	else
		ctk_tsvmap_input(run->map, in, r);
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

/* The pipeline of -j threads writing to out. */
static int
start_map(lang_run *run, FILE *out, ctk_progress *progress)
{
	ctk_tsvmap_spec spec;
	size_t n;

	memset(&spec, 0, sizeof spec);
	spec.nthreads = run->opts->jobs;
	spec.format = run->opts->format;
	spec.add = lang_added;
	spec.n_add = 2;
	spec.compute = classify_record;
	spec.ctx = run;
	n = (size_t)(spec.nthreads < 1 ? 1 : spec.nthreads);
	run->p = calloc(n, sizeof *run->p);
	run->res = calloc(n, sizeof *run->res);
	if (run->p == NULL || run->res == NULL)
		return -1;
	run->map = ctk_tsvmap_new(&spec, out, run->diag, progress);
	return run->map == NULL ? -1 : 0;
}

static int
cmd_lang(ctk_diag *d, int argc, char **argv)
{
	lang_opts o;
	lang_run run;
	ctk_progress progress;
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
	ctk_progress_init(&progress, stderr, o.progress, 0);
	if (start_map(&run, out, &progress) < 0) {
		ctk_diag_msg(d, CTK_DIAG_FATAL, NULL, 0, 0, "out of memory");
	} else {
		if (optind == argc)
			classify_input(&run, "-");
		for (i = optind; i < argc && !ctk_diag_should_stop(d); i++)
			classify_input(&run, argv[i]);
	}
	ctk_progress_finish(&progress);
	ctk_tsvmap_free(run.map);
	free(run.p);
	free(run.res);
	ctk_langid_free(run.li);
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

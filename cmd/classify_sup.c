/*
 * classify_sup: argument parsing and stream wiring of `ctk classify train,
 * predict, eval and lexicon`. The work is in lib/: ctk_features.h (tokens
 * and hashed features), model.h (naive Bayes, logistic regression, the
 * model file), evalmetrics.h and lexicon.h.
 */
#include <errno.h>
#include <limits.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "classify_sup.h"
#include "ctk_features.h"
#include "evalmetrics.h"
#include "fmt.h"
#include "lexicon.h"
#include "model.h"
#include "tsvmap.h"
#include "workers.h"
#include "rng.h"
#include "tool.h"

#define TOOL "ctk-classify"

/* ---- options shared by the subcommands ---- */

enum {
	OPT_LABEL = 256, OPT_MODEL, OPT_BITS, OPT_NGRAMS, OPT_ALPHA,
	OPT_EPOCHS, OPT_RATE, OPT_L2, OPT_SEED, OPT_TEXT, OPT_TOP, OPT_FOLDS,
	OPT_TEST, OPT_STRIP, OPT_MATCHES, OPT_FORMAT, OPT_STRICT, OPT_PROGRESS,
	OPT_VERSION
};

static const struct option longopts[] = {
	{ "label", required_argument, NULL, OPT_LABEL },
	{ "model", required_argument, NULL, OPT_MODEL },
	{ "bits", required_argument, NULL, OPT_BITS },
	{ "ngrams", required_argument, NULL, OPT_NGRAMS },
	{ "alpha", required_argument, NULL, OPT_ALPHA },
	{ "epochs", required_argument, NULL, OPT_EPOCHS },
	{ "rate", required_argument, NULL, OPT_RATE },
	{ "l2", required_argument, NULL, OPT_L2 },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "text", required_argument, NULL, OPT_TEXT },
	{ "top", required_argument, NULL, OPT_TOP },
	{ "folds", required_argument, NULL, OPT_FOLDS },
	{ "test", required_argument, NULL, OPT_TEST },
	{ "lexicon", required_argument, NULL, 'l' },
	{ "strip-accents", no_argument, NULL, OPT_STRIP },
	{ "matches", no_argument, NULL, OPT_MATCHES },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "output", required_argument, NULL, 'o' },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "progress", no_argument, NULL, OPT_PROGRESS },
	{ "quiet", no_argument, NULL, 'q' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

struct opts {
	const char *sub;	/* "train", ... */
	const char *label;
	const char *text;
	const char *output;
	const char *model_path;	/* predict -m */
	const char *test;
	const char *lexicon;
	ctk_train_options train;
	ctk_format format;
	long top;
	long folds;
	int strip;
	int matches;
	int jobs;		/* predict, lexicon: -j */
	int progress;		/* -1 auto, 0 off, 1 on */
	char bad_arg[64];	/* the option being parsed, for messages */
	ctk_diag d;
	ctk_progress progress_line;
	uint64_t records;
};

static int
parse_long(struct opts *o, const char *opt, const char *arg, long lo,
    long hi, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || errno != 0 || v < lo || v > hi) {
		ctk_diag_usage(&o->d, "%s needs a whole number from %ld to %ld, "
		    "not '%s'", opt, lo, hi, arg);
		return -1;
	}
	*out = v;
	return 0;
}

/* A finite number above 0, or from 0 when zero_ok. */
static int
parse_double(struct opts *o, const char *opt, const char *arg, int zero_ok,
    double *out)
{
	char *end;
	double v = strtod(arg, &end);

	if (*arg == '\0' || *end != '\0' || !isfinite(v) || v < 0 ||
	    (v == 0 && !zero_ok)) {
		ctk_diag_usage(&o->d, "%s needs a number %s 0, not '%s'", opt,
		    zero_ok ? ">=" : ">", arg);
		return -1;
	}
	*out = v;
	return 0;
}

/* The options each subcommand takes, as getopt codes. */
static int
allowed(const char *sub, int c)
{
	static const int common[] = { 'h', 'q', OPT_VERSION, OPT_STRICT,
	    OPT_PROGRESS, OPT_TEXT, 0 };
	static const int model_opts[] = { OPT_LABEL, OPT_MODEL, OPT_BITS,
	    OPT_NGRAMS, OPT_ALPHA, OPT_EPOCHS, OPT_RATE, OPT_L2, OPT_SEED, 0 };
	const int *extra;
	int i;

	for (i = 0; common[i]; i++)
		if (common[i] == c)
			return 1;
	if (strcmp(sub, "predict") == 0)
		return c == 'm' || c == OPT_TOP || c == 'o' || c == OPT_FORMAT ||
		    c == 'j';
	if (strcmp(sub, "lexicon") == 0)
		return c == 'l' || c == OPT_STRIP || c == OPT_MATCHES ||
		    c == 'o' || c == OPT_FORMAT || c == 'j';
	for (extra = model_opts, i = 0; extra[i]; i++)
		if (extra[i] == c)
			return 1;
	if (strcmp(sub, "eval") == 0)
		return c == OPT_FOLDS || c == OPT_TEST || c == 'o';
	return c == 'o';	/* train */
}

static int
set_model_kind(struct opts *o, const char *arg)
{
	if (strcmp(arg, "nb") == 0)
		o->train.kind = CTK_MODEL_NB;
	else if (strcmp(arg, "logreg") == 0)
		o->train.kind = CTK_MODEL_LOGREG;
	else {
		ctk_diag_usage(&o->d, "--model is nb or logreg, not '%s'", arg);
		return -1;
	}
	return 0;
}

/* One option; 1 when the caller should return 0 (help, version), -1 on a
 * usage error. */
static int
parse_opt(struct opts *o, int c, const char *arg, void (*help)(void))
{
	long v;

	if (!allowed(o->sub, c)) {
		ctk_diag_usage(&o->d, "option '%s' does not apply to "
		    "'classify %s'", o->bad_arg, o->sub);
		return -1;
	}
	switch (c) {
	case 'h': help(); return 1;
	case OPT_VERSION: ctk_tool_version(TOOL); return 1;
	case 'q': o->d.quiet = 1; o->progress = 0; return 0;
	case OPT_STRICT: o->d.strict = 1; return 0;
	case OPT_PROGRESS: o->progress = 1; return 0;
	case OPT_TEXT: o->text = arg; return 0;
	case OPT_LABEL: o->label = arg; return 0;
	case OPT_MODEL: return set_model_kind(o, arg);
	case 'm': o->model_path = arg; return 0;
	case 'o': o->output = arg; return 0;
	case 'l': o->lexicon = arg; return 0;
	case OPT_TEST: o->test = arg; return 0;
	case OPT_STRIP: o->strip = 1; return 0;
	case OPT_MATCHES: o->matches = 1; return 0;
	case OPT_ALPHA: return parse_double(o, "--alpha", arg, 0, &o->train.alpha);
	case OPT_RATE: return parse_double(o, "--rate", arg, 0, &o->train.rate);
	case OPT_L2: return parse_double(o, "--l2", arg, 1, &o->train.l2);
	case OPT_TOP: return parse_long(o, "--top", arg, 1, 1000, &o->top);
	case OPT_FOLDS: return parse_long(o, "--folds", arg, 2, 1000, &o->folds);
	case 'j':
		if (ctk_workers_parse(arg, &o->jobs) == 0)
			return 0;
		ctk_diag_usage(&o->d, "--jobs wants a number from 0 to 256, "
		    "not '%s'", arg);
		return -1;
	case OPT_FORMAT:
		if (ctk_format_parse(arg, &o->format) == 0)
			return 0;
		ctk_diag_usage(&o->d, "--format is tsv, csv or jsonl, not '%s'",
		    arg);
		return -1;
	}
	/* the options with a numeric argument into unsigned fields */
	if (c == OPT_BITS && parse_long(o, "--bits", arg, CTK_FEATURES_MIN_BITS,
	    CTK_FEATURES_MAX_BITS, &v) == 0)
		o->train.bits = (unsigned)v;
	else if (c == OPT_NGRAMS && parse_long(o, "--ngrams", arg, 1, 2, &v) == 0)
		o->train.ngrams = (unsigned)v;
	else if (c == OPT_EPOCHS && parse_long(o, "--epochs", arg, 1, 10000,
	    &v) == 0)
		o->train.epochs = (unsigned)v;
	else if (c == OPT_SEED && parse_long(o, "--seed", arg, 0, LONG_MAX,
	    &v) == 0)
		o->train.seed = (uint64_t)v;
	else
		return -1;
	return 0;
}

/* The option getopt just returned, as written, for messages. */
static void
option_name(struct opts *o, int c, int longindex, char **argv, int argc)
{
	if (longindex >= 0)
		snprintf(o->bad_arg, sizeof o->bad_arg, "--%s",
		    longopts[longindex].name);
	else if (c != '?')
		snprintf(o->bad_arg, sizeof o->bad_arg, "-%c", c);
	else if (optopt != 0)
		snprintf(o->bad_arg, sizeof o->bad_arg, "-%c", optopt);
	else
		snprintf(o->bad_arg, sizeof o->bad_arg, "%s",
		    argv[optind - 1 < argc ? optind - 1 : argc - 1]);
}

/* Parses argv; returns -1 to exit 0 (help), 2 on a usage error, 0 to
 * go on (then argv[optind..] are the inputs). */
static int
parse_args(struct opts *o, int argc, char **argv, const char *shortopts,
    void (*help)(void))
{
	int c, rc, longindex = -1;

	memset(o, 0, sizeof *o);
	o->sub = argv[0];
	o->text = "text";
	o->progress = -1;
	o->format = CTK_FORMAT_TSV;
	o->folds = 10;
	o->jobs = ctk_workers_default();
	ctk_train_options_default(&o->train);
	ctk_diag_init(&o->d, TOOL);
	optind = 0;	/* the caller may have used getopt already */
	opterr = 0;	/* our own messages, with the tool's name */
	while ((c = getopt_long(argc, argv, shortopts, longopts, &longindex))
	    != -1) {
		if (c == '?' || c == ':')
			return ctk_tool_bad_option(&o->d, argv, shortopts,
			    longopts);
		option_name(o, c, longindex, argv, argc);
		longindex = -1;
		if ((rc = parse_opt(o, c, optarg, help)) == 1)
			return -1;
		if (rc < 0)
			return 2;
	}
	if (o->train.rate * o->train.l2 >= 1) {
		/* a step would shrink the weights to zero or below */
		ctk_diag_usage(&o->d, "--rate times --l2 must be below 1");
		return 2;
	}
	ctk_progress_init(&o->progress_line, stderr, o->progress, 0);
	return 0;
}

/* ---- reading documents ---- */

struct table {
	const char *name;
	ctk_input *in;
	ctk_tsv_reader *r;
	int text_col;
	int label_col;		/* -1 when not wanted */
	unsigned flags;		/* CTK_TOKENS_PRETOKENIZED when tokens */
};

/* Opens path (NULL: stdin) and finds the columns; 0, or -1 when the file
 * was reported and must be skipped. */
static int
open_table(struct opts *o, const char *path, int need_label, struct table *t)
{
	ctk_error err;

	memset(t, 0, sizeof *t);
	t->label_col = -1;
	if ((t->in = ctk_input_open(path, &err)) == NULL) {
		ctk_diag_report(&o->d, CTK_DIAG_ERROR, path ? path : "<stdin>",
		    &err);
		return -1;
	}
	t->name = ctk_input_name(t->in);
	if ((t->r = ctk_tsv_reader_new(t->in, &err)) == NULL) {
		ctk_diag_report(&o->d, CTK_DIAG_ERROR, t->name, &err);
		goto fail;
	}
	if ((t->text_col = ctk_tsv_col(t->r, "tokens")) >= 0)
		t->flags = CTK_TOKENS_PRETOKENIZED;
	else if ((t->text_col = ctk_tsv_col(t->r, o->text)) < 0) {
		ctk_diag_msg(&o->d, CTK_DIAG_ERROR, t->name, 1, 0,
		    "no column 'tokens' or '%s'; file skipped", o->text);
		goto fail;
	}
	if (need_label && (t->label_col = ctk_tsv_col(t->r, o->label)) < 0) {
		ctk_diag_msg(&o->d, CTK_DIAG_ERROR, t->name, 1, 0,
		    "no label column '%s'; file skipped", o->label);
		goto fail;
	}
	return 0;
fail:
	ctk_tsv_reader_free(t->r);
	ctk_input_close(t->in);
	t->r = NULL;
	t->in = NULL;
	return -1;
}

static void
close_table(struct table *t)
{
	ctk_tsv_reader_free(t->r);
	ctk_input_close(t->in);
	t->r = NULL;
	t->in = NULL;
}

/* The next record: 1, or 0 at the end (bad lines are reported here). */
static int
next_record(struct opts *o, struct table *t)
{
	ctk_error err;
	int rc;

	while ((rc = ctk_tsv_read(t->r, &err)) < 0) {
		ctk_diag_report(&o->d, CTK_DIAG_ERROR, t->name, &err);
		if (rc == CTK_EIO || ctk_diag_should_stop(&o->d))
			return 0;
	}
	if (rc > 0)
		ctk_progress_update(&o->progress_line,
		    ctk_input_offset(t->in), ++o->records);
	return rc;
}

static int
record_tokens(struct opts *o, struct table *t, ctk_tokens *tok,
    unsigned extra)
{
	ctk_error err;
	size_t len;
	const char *s = ctk_tsv_field(t->r, (size_t)t->text_col, &len);

	if (ctk_tokens_split(tok, s, len, t->flags | extra, &err) < 0) {
		ctk_diag_report(&o->d, CTK_DIAG_FATAL, t->name, &err);
		return -1;
	}
	return 0;
}

/* Reads the labelled documents of path into ds; rows without a label are
 * reported and skipped. -1 on a fatal error. */
static int
load_labelled(struct opts *o, const char *path, ctk_dataset *ds,
    ctk_tokens *tok, ctk_fvec *v)
{
	struct table t;
	ctk_error err;
	const char *label;
	size_t len;
	int rc = 0;

	if (open_table(o, path, 1, &t) < 0)
		return 0;
	while (rc == 0 && next_record(o, &t)) {
		label = ctk_tsv_field(t.r, (size_t)t.label_col, &len);
		if (len == 0) {
			ctk_diag_msg(&o->d, CTK_DIAG_ERROR, t.name,
			    ctk_tsv_line(t.r), 0, "empty label '%s'; record "
			    "skipped", o->label);
			if (ctk_diag_should_stop(&o->d))
				break;
			continue;
		}
		if ((rc = record_tokens(o, &t, tok, 0)) < 0)
			break;
		if (ctk_features_hash(v, tok, o->train.bits, o->train.ngrams,
		    &err) < 0 || ctk_dataset_add(ds, v, label, len, &err) < 0) {
			ctk_diag_report(&o->d, CTK_DIAG_FATAL, t.name, &err);
			rc = -1;
		}
	}
	close_table(&t);
	return rc;
}

/* Loads every input (argv[0..n), stdin when n is 0) into ds. */
static int
load_inputs(struct opts *o, char **paths, int n, ctk_dataset *ds)
{
	ctk_tokens tok;
	ctk_fvec v;
	int i, rc = 0;

	ctk_tokens_init(&tok);
	ctk_fvec_init(&v);
	if (n == 0)
		rc = load_labelled(o, NULL, ds, &tok, &v);
	for (i = 0; i < n && rc == 0 && !ctk_diag_should_stop(&o->d); i++)
		rc = load_labelled(o, paths[i], ds, &tok, &v);
	ctk_tokens_release(&tok);
	ctk_fvec_release(&v);
	if (rc == 0 && !ctk_diag_should_stop(&o->d))
		ctk_dataset_sort_classes(ds);
	return rc < 0 || ctk_diag_should_stop(&o->d) ? -1 : 0;
}

/* Training needs documents of two classes at least. */
static int
check_classes(struct opts *o, const ctk_dataset *ds)
{
	if (ds->n_docs == 0) {
		ctk_diag_msg(&o->d, CTK_DIAG_FATAL, NULL, 0, 0,
		    "no labelled documents to train on (label column '%s')",
		    o->label);
		return -1;
	}
	if (ds->n_classes < 2) {
		ctk_diag_msg(&o->d, CTK_DIAG_FATAL, NULL, 0, 0,
		    "only one class ('%s') in the training data: a classifier "
		    "needs two or more", ds->classes[0]);
		return -1;
	}
	return 0;
}

static size_t *
all_docs(size_t n)
{
	size_t *docs = malloc((n ? n : 1) * sizeof *docs), i;

	for (i = 0; docs != NULL && i < n; i++)
		docs[i] = i;
	return docs;
}

/* Ends a subcommand: progress line off, exit status. */
static int
finish(struct opts *o)
{
	ctk_progress_finish(&o->progress_line);
	return ctk_tool_finish(&o->d);
}

/* ---- train ---- */

static void
train_help(void)
{
	fputs("usage: ctk classify train --label COLUMN -o MODEL "
	    "[--model nb|logreg]\n"
	    "                          [--bits K] [--ngrams 1|2] [--alpha A] "
	    "[--epochs N]\n"
	    "                          [--rate R] [--l2 L] [--seed N] "
	    "[--text COLUMN]\n"
	    "                          [-q] [--progress] [--strict] "
	    "[FILE...]\n"
	    "\n"
	    "Train a classifier on documents labelled in COLUMN and write it "
	    "to MODEL.\n"
	    "Features: the tokens column when present, else the text split on "
	    "white\n"
	    "space and case folded; unigrams and bigrams hashed into 2^K "
	    "buckets.\n"
	    "\n"
	    "  --label COLUMN    the column holding each document's class\n"
	    "  -o MODEL          the model file to write\n"
	    "  --model nb|logreg naive Bayes (default) or logistic regression\n"
	    "  --bits K          hash into 2^K buckets, 4 to 24 (default 20)\n"
	    "  --ngrams 1|2      unigrams, or unigrams and bigrams (default 2)\n"
	    "  --alpha A         naive Bayes additive smoothing (default 0.1)\n"
	    "  --epochs N, --rate R  logreg passes (default 20), learning rate (2)\n"
	    "  --l2 L            logreg L2 regularization (default 1e-06)\n"
	    "  --seed N          logreg shuffling seed (default 1)\n"
	    "  --text COLUMN     raw text column when there is no tokens "
	    "column (text)\n"
	    "  --strict; --progress; -q (no warnings); -h, --help; --version\n"
	    "\n"
	    "examples:\n"
	    "  ctk classify train --label book -o austen.ctkm paragraphs.tsv\n"
	    "  ctk classify train --model logreg --label topic -o topic.ctkm "
	    "docs.tsv\n", stdout);
}

int
ctk_classify_train_main(int argc, char **argv)
{
	struct opts o;
	ctk_dataset ds;
	ctk_model *m = NULL;
	ctk_error err;
	size_t *docs = NULL;
	int rc;

	if ((rc = parse_args(&o, argc, argv, "ho:q", train_help)) != 0)
		return rc < 0 ? 0 : rc;
	if (o.label == NULL || o.output == NULL) {
		ctk_diag_usage(&o.d, "%s is required", o.label == NULL ?
		    "--label COLUMN" : "-o MODEL");
		return 2;
	}
	ctk_dataset_init(&ds);
	if (load_inputs(&o, argv + optind, argc - optind, &ds) == 0 &&
	    check_classes(&o, &ds) == 0) {
		if ((docs = all_docs(ds.n_docs)) == NULL ||
		    (m = ctk_model_train(&ds, docs, ds.n_docs, &o.train, &err))
		    == NULL) {
			if (docs == NULL)
				ctk_error_set(&err, CTK_ENOMEM, 0, 0,
				    "out of memory");
			ctk_diag_report(&o.d, CTK_DIAG_FATAL, NULL, &err);
		} else if (ctk_model_save(m, o.output, &err) < 0)
			ctk_diag_report(&o.d, CTK_DIAG_FATAL, o.output, &err);
	}
	ctk_model_free(m);
	free(docs);
	ctk_dataset_release(&ds);
	return finish(&o);
}

/* ---- streams with added columns, over -j threads (tsvmap.h) ---- */

/* Where the workers read the input being read. */
struct mapped {
	ctk_tsvmap *map;
	int text_col;
	unsigned flags;		/* for ctk_tokens_split() */
	unsigned base_flags;
	int trim_raw;		/* raw text: CTK_TOKENS_TRIM_PUNCT */
};

static int
map_file(struct opts *o, const char *path, void *ctx)
{
	struct mapped *mp = ctx;
	struct table t;
	int rc;

	if (open_table(o, path, 0, &t) < 0)
		return 0;
	mp->text_col = t.text_col;
	mp->flags = mp->base_flags | t.flags;
	if (mp->trim_raw && !(t.flags & CTK_TOKENS_PRETOKENIZED))
		mp->flags |= CTK_TOKENS_TRIM_PUNCT;
	rc = ctk_tsvmap_input(mp->map, t.in, t.r);
	close_table(&t);
	return rc == CTK_ENOMEM || rc == CTK_EIO ? -1 : 0;
}

static void each_input(struct opts *, char **, int,
    int (*)(struct opts *, const char *, void *), void *);

/* Writes every input (stdin when none) with the n_add columns fn
 * computes, to -o or standard output. */
static void
map_run(struct opts *o, char **paths, int n, const char *const *add,
    size_t n_add, ctk_tsvmap_fn fn, void *ctx, struct mapped *mp)
{
	ctk_tsvmap_spec spec;
	FILE *f = ctk_tool_open_output(&o->d, o->output);

	memset(&spec, 0, sizeof spec);
	spec.nthreads = o->jobs;
	spec.format = o->format;
	spec.add = add;
	spec.n_add = n_add;
	spec.compute = fn;
	spec.ctx = ctx;
	if ((mp->map = ctk_tsvmap_new(&spec, f, &o->d, &o->progress_line)) ==
	    NULL)
		ctk_diag_msg(&o->d, CTK_DIAG_FATAL, NULL, 0, 0, "out of memory");
	else
		each_input(o, paths, n, map_file, mp);
	ctk_tsvmap_free(mp->map);
	mp->map = NULL;
	if (f != stdout && f != NULL &&
	    ctk_diag_check_output(&o->d, f, o->output) == 0 &&
	    fclose(f) != 0)
		ctk_diag_msg(&o->d, CTK_DIAG_FATAL, o->output, 0, 0,
		    "cannot close: %s", strerror(errno));
}

/* Runs each input (stdin when none) through fn. */
static void
each_input(struct opts *o, char **paths, int n, int (*fn)(struct opts *,
    const char *, void *), void *ctx)
{
	int i;

	if (n == 0)
		fn(o, NULL, ctx);
	for (i = 0; i < n && !ctk_diag_should_stop(&o->d); i++)
		if (fn(o, paths[i], ctx) < 0)
			break;
}

/* ---- predict ---- */

static void
predict_help(void)
{
	fputs("usage: ctk classify predict -m MODEL [--top K] "
	    "[--text COLUMN] [-j N]\n"
	    "                            [-o FILE] [--format tsv|csv|jsonl] "
	    "[-q]\n"
	    "                            [--progress] [--strict] [FILE...]\n"
	    "\n"
	    "Append the most probable class (label) and its probability "
	    "(label_p) to\n"
	    "every document, using a model made by ctk classify train.\n"
	    "\n"
	    "  -m MODEL          the model file\n"
	    "  --top K           also label_2, label_2_p ... label_K, label_K_p\n"
	    "  --text COLUMN     raw text column when there is no tokens "
	    "column (text)\n"
	    "  -j, --jobs N      threads (default: processors); same output\n"
	    "  -o FILE           write to FILE instead of standard output\n"
	    "  --format FMT      tsv (default), csv or jsonl\n"
	    "  --strict          stop at the first bad record\n"
	    "  --progress        show progress even when stderr is not a "
	    "terminal\n"
	    "  -q                no warnings, no progress\n"
	    "  -h, --help        this help\n"
	    "      --version     version\n"
	    "\n"
	    "examples:\n"
	    "  ctk classify predict -m austen.ctkm new.tsv\n"
	    "  ctk tokenize docs.tsv | ctk classify predict -m topic.ctkm "
	    "--top 3\n", stdout);
}

/* What one worker thread owns; the model is shared (read only). */
struct predict_worker {
	ctk_tokens tok;
	ctk_fvec v;
	double *prob;
	size_t *top;
	char (*num)[32];	/* the k probabilities, as text */
};

struct predict {
	ctk_model *m;
	size_t k;
	const char **names;	/* the new columns */
	struct predict_worker *w;
	size_t n_workers;
	struct mapped mp;	/* the input being read */
};

/* label, label_p ... of record i (ctk_tsvmap_fn). */
static int
predict_record(void *ctx, int worker, const ctk_tsvbatch *b, size_t i,
    ctk_str *values, ctk_error *err)
{
	const struct predict *p = ctx;
	struct predict_worker *w = &p->w[worker];
	size_t len, j, c;
	const char *s = ctk_tsvbatch_field(b, i, (size_t)p->mp.text_col, &len);
	int rc;

	if ((rc = ctk_tokens_split(&w->tok, s, len, p->mp.flags, err)) < 0 ||
	    (rc = ctk_features_hash(&w->v, &w->tok, p->m->bits,
	    p->m->ngrams, err)) < 0)
		return rc;
	ctk_model_predict(p->m, &w->v, w->prob);
	ctk_model_top(p->m, w->prob, w->top, p->k);
	for (j = 0; j < p->k; j++) {
		c = w->top[j];
		values[2 * j].s = p->m->classes[c];
		values[2 * j].len = strlen(p->m->classes[c]);
		values[2 * j + 1].s = w->num[j];
		values[2 * j + 1].len = (size_t)snprintf(w->num[j],
		    sizeof w->num[j], "%.4f", w->prob[c]);
	}
	return 0;
}

static int
predict_workers(struct predict *p, int jobs)
{
	struct predict_worker *w;
	size_t i, C = p->m->n_classes;

	p->n_workers = (size_t)(jobs < 1 ? 1 : jobs);
	if ((p->w = calloc(p->n_workers, sizeof *p->w)) == NULL)
		return -1;
	for (i = 0; i < p->n_workers; i++) {
		w = &p->w[i];
		ctk_tokens_init(&w->tok);
		ctk_fvec_init(&w->v);
		w->prob = calloc(C + 1, sizeof *w->prob);
		w->top = calloc(C + 1, sizeof *w->top);
		w->num = calloc(p->k + 1, sizeof *w->num);
		if (w->prob == NULL || w->top == NULL || w->num == NULL)
			return -1;
	}
	return 0;
}

static void
predict_free(struct predict *p)
{
	size_t i;

	for (i = 0; p->w != NULL && i < p->n_workers; i++) {
		ctk_tokens_release(&p->w[i].tok);
		ctk_fvec_release(&p->w[i].v);
		free(p->w[i].prob);
		free(p->w[i].top);
		free(p->w[i].num);
	}
	free(p->w);
	for (i = 0; p->names != NULL && i < 2 * p->k; i++)
		free((char *)p->names[i]);
	free(p->names);
	ctk_model_free(p->m);
}

/* label, label_p, label_2, label_2_p, ... */
static const char **
predict_names(size_t k)
{
	const char **names = calloc(2 * k + 1, sizeof *names);
	char buf[64];
	size_t i;

	if (names == NULL)
		return NULL;
	names[0] = strdup("label");
	names[1] = strdup("label_p");
	for (i = 1; i < k; i++) {
		snprintf(buf, sizeof buf, "label_%zu", i + 1);
		names[2 * i] = strdup(buf);
		snprintf(buf, sizeof buf, "label_%zu_p", i + 1);
		names[2 * i + 1] = strdup(buf);
	}
	for (i = 0; i < 2 * k; i++)
		if (names[i] == NULL)
			break;
	if (i == 2 * k)
		return names;
	for (i = 0; i < 2 * k; i++)	/* out of memory: the tool stops */
		free((char *)names[i]);
	free(names);
	return NULL;
}

int
ctk_classify_predict_main(int argc, char **argv)
{
	struct opts o;
	struct predict p;
	ctk_error err;
	int rc;

	if ((rc = parse_args(&o, argc, argv, "hj:m:o:q", predict_help)) != 0)
		return rc < 0 ? 0 : rc;
	if (o.model_path == NULL) {
		ctk_diag_usage(&o.d, "-m MODEL is required");
		return 2;
	}
	memset(&p, 0, sizeof p);
	if ((p.m = ctk_model_load(o.model_path, &err)) == NULL) {
		ctk_diag_report(&o.d, CTK_DIAG_FATAL, o.model_path, &err);
		return finish(&o);
	}
	p.k = o.top > 0 ? (size_t)o.top : 1;
	if (p.k > p.m->n_classes)
		p.k = p.m->n_classes;
	if ((p.names = predict_names(p.k)) == NULL ||
	    predict_workers(&p, o.jobs) < 0)
		ctk_diag_msg(&o.d, CTK_DIAG_FATAL, NULL, 0, 0, "out of memory");
	else
		map_run(&o, argv + optind, argc - optind, p.names, 2 * p.k,
		    predict_record, &p, &p.mp);
	predict_free(&p);
	return finish(&o);
}

/* ---- eval ---- */

static void
eval_help(void)
{
	fputs("usage: ctk classify eval --label COLUMN [--folds K] [--seed N] "
	    "[--test FILE]\n"
	    "                         [--model nb|logreg] [--bits K] "
	    "[--ngrams 1|2]\n"
	    "                         [--alpha A] [--epochs N] [--rate R] "
	    "[--l2 L]\n"
	    "                         [--text COLUMN] [-o FILE] [-q] "
	    "[--progress] [--strict]\n"
	    "                         [FILE...]\n"
	    "\n"
	    "Measure a classifier: stratified K-fold cross-validation over "
	    "the labelled\n"
	    "documents, or, with --test, training on the inputs and testing on "
	    "FILE.\n"
	    "Prints three TSV tables separated by an empty line: the summary "
	    "(accuracy,\n"
	    "macro and micro precision, recall and F1), per-class precision, "
	    "recall, F1\n"
	    "and support, and the confusion matrix (rows: true class).\n"
	    "\n"
	    "  --label COLUMN    the column holding each document's class\n"
	    "  --folds K         number of folds, 2 to 1000 (default 10)\n"
	    "  --seed N          fold assignment and logreg shuffling seed "
	    "(default 1)\n"
	    "  --test FILE       labelled test documents instead of folds\n"
	    "  -o FILE           write to FILE instead of standard output\n"
	    "  (--model, --bits, --ngrams, --alpha, --epochs, --rate, --l2, "
	    "--text,\n"
	    "   --strict, --progress, -q: as for ctk classify train)\n"
	    "  -h, --help; --version\n"
	    "\n"
	    "examples:\n"
	    "  ctk classify eval --label book --folds 5 --seed 7 "
	    "paragraphs.tsv\n"
	    "  ctk classify eval --label topic --model logreg --test test.tsv "
	    "train.tsv\n", stdout);
}

/* Adds the prediction for every document of test to cm; class names of
 * test are mapped to the model's through map (test class -> matrix
 * row), predictions through mmap (model class -> matrix column). */
static void
eval_docs(const ctk_model *m, const ctk_dataset *test, const size_t *docs,
    size_t n, const size_t *map, const size_t *mmap, double *prob,
    ctk_confusion *cm)
{
	ctk_fvec v;
	size_t i, d, best;

	for (i = 0; i < n; i++) {
		d = docs[i];
		v.bucket = test->bucket + test->offset[d];
		v.value = test->value + test->offset[d];
		v.n = v.cap = test->offset[d + 1] - test->offset[d];
		ctk_model_predict(m, &v, prob);
		ctk_model_top(m, prob, &best, 1);
		ctk_confusion_add(cm, map ? map[test->label[d]] :
		    test->label[d], mmap ? mmap[best] : best);
	}
}

static int
cross_validate(struct opts *o, const ctk_dataset *ds, ctk_confusion *cm)
{
	size_t *fold = malloc(ds->n_docs * sizeof *fold);
	size_t *train = malloc(ds->n_docs * sizeof *train);
	size_t *test = malloc(ds->n_docs * sizeof *test);
	double *prob = malloc(ds->n_classes * sizeof *prob);
	size_t f, i, n_train, n_test;
	ctk_model *m;
	ctk_error err;
	ctk_rng rng;
	int rc = -1;

	ctk_rng_seed(&rng, o->train.seed);
	if (fold == NULL || train == NULL || test == NULL || prob == NULL ||
	    ctk_folds_stratified(ds->label, ds->n_docs, ds->n_classes,
	    (size_t)o->folds, &rng, fold, &err) < 0) {
		ctk_error_set(&err, CTK_ENOMEM, 0, 0, "out of memory");
		ctk_diag_report(&o->d, CTK_DIAG_FATAL, NULL, &err);
		goto out;
	}
	for (f = 0; f < (size_t)o->folds; f++) {
		for (i = n_train = n_test = 0; i < ds->n_docs; i++)
			if (fold[i] == f)
				test[n_test++] = i;
			else
				train[n_train++] = i;
		if ((m = ctk_model_train(ds, train, n_train, &o->train, &err))
		    == NULL) {
			ctk_diag_report(&o->d, CTK_DIAG_FATAL, NULL, &err);
			goto out;
		}
		eval_docs(m, ds, test, n_test, NULL, NULL, prob, cm);
		ctk_model_free(m);
	}
	rc = 0;
out:
	free(fold);
	free(train);
	free(test);
	free(prob);
	return rc;
}

/* The sorted union of the class names of a and b, and where each class
 * of a and of b lands in it. */
static char **
union_classes(const ctk_dataset *a, const ctk_dataset *b, size_t *n,
    size_t *map_a, size_t *map_b)
{
	char **u = malloc((a->n_classes + b->n_classes) * sizeof *u);
	size_t i = 0, j = 0, k = 0;
	int cmp;

	if (u == NULL)
		return NULL;
	while (i < a->n_classes || j < b->n_classes) {
		if (i == a->n_classes)
			cmp = 1;
		else if (j == b->n_classes)
			cmp = -1;
		else
			cmp = strcmp(a->classes[i], b->classes[j]);
		if (cmp <= 0)
			map_a[i] = k;
		if (cmp >= 0)
			map_b[j] = k;
		u[k++] = cmp <= 0 ? a->classes[i] : b->classes[j];
		i += cmp <= 0;
		j += cmp >= 0;
	}
	*n = k;
	return u;
}

static void
put_escaped(FILE *f, const char *s)
{
	ctk_buf b = CTK_BUF_INIT;

	ctk_tsv_escape(&b, s, strlen(s));
	fputs(ctk_buf_str(&b), f);
	ctk_buf_release(&b);
}

static void
print_metrics(FILE *f, const ctk_confusion *cm, char *const *classes)
{
	ctk_class_metrics *per = calloc(cm->n ? cm->n : 1, sizeof *per);
	ctk_metrics all = { 0 };
	size_t i, j;

	if (per == NULL)
		return;
	ctk_metrics_compute(cm, per, &all);
	fprintf(f, "measure\tvalue\ndocuments\t%zu\naccuracy\t%.4f\n"
	    "macro_precision\t%.4f\nmacro_recall\t%.4f\nmacro_f1\t%.4f\n"
	    "micro_precision\t%.4f\nmicro_recall\t%.4f\nmicro_f1\t%.4f\n",
	    all.n_docs, all.accuracy, all.macro_precision, all.macro_recall,
	    all.macro_f1, all.micro_precision, all.micro_recall, all.micro_f1);
	fputs("\nclass\tprecision\trecall\tf1\tsupport\n", f);
	for (i = 0; i < cm->n; i++) {
		/* classes holds cm->n names */
		/* NOLINTNEXTLINE(clang-analyzer-core.CallAndMessage) */
		put_escaped(f, classes[i]);
		fprintf(f, "\t%.4f\t%.4f\t%.4f\t%zu\n", per[i].precision,
		    per[i].recall, per[i].f1, per[i].support);
	}
	fputs("\ntrue/predicted", f);
	for (i = 0; i < cm->n; i++) {
		fputc('\t', f);
		put_escaped(f, classes[i]);
	}
	fputc('\n', f);
	for (i = 0; i < cm->n; i++) {
		put_escaped(f, classes[i]);
		for (j = 0; j < cm->n; j++)
			fprintf(f, "\t%zu", cm->count[i * cm->n + j]);
		fputc('\n', f);
	}
	free(per);
}

/* Trains on ds, tests on the labelled documents of o->test. */
static int
train_test(struct opts *o, const ctk_dataset *ds, FILE *f)
{
	ctk_dataset test;
	ctk_confusion cm = { 0, NULL };
	ctk_model *m = NULL;
	ctk_error err;
	size_t *docs = NULL, *tdocs = NULL, *map_a, *map_b, n = 0;
	char **u = NULL;
	double *prob = malloc(ds->n_classes * sizeof *prob);
	int rc = -1;

	ctk_dataset_init(&test);
	map_a = malloc(ds->n_classes * sizeof *map_a);
	if (load_inputs(o, (char **)&o->test, 1, &test) < 0)
		goto out;
	map_b = malloc((test.n_classes ? test.n_classes : 1) * sizeof *map_b);
	if (test.n_docs == 0) {
		ctk_diag_msg(&o->d, CTK_DIAG_FATAL, o->test, 0, 0,
		    "no labelled test documents");
	} else if (prob == NULL || map_a == NULL || map_b == NULL ||
	    (docs = all_docs(ds->n_docs)) == NULL ||
	    (tdocs = all_docs(test.n_docs)) == NULL ||
	    (u = union_classes(ds, &test, &n, map_a, map_b)) == NULL ||
	    ctk_confusion_init(&cm, n, &err) < 0) {
		ctk_diag_msg(&o->d, CTK_DIAG_FATAL, NULL, 0, 0, "out of memory");
	} else if ((m = ctk_model_train(ds, docs, ds->n_docs, &o->train,
	    &err)) == NULL) {
		ctk_diag_report(&o->d, CTK_DIAG_FATAL, NULL, &err);
	} else {
		eval_docs(m, &test, tdocs, test.n_docs, map_b, map_a, prob,
		    &cm);
		print_metrics(f, &cm, u);
		rc = 0;
	}
	free(map_b);
out:
	ctk_model_free(m);
	ctk_confusion_release(&cm);
	ctk_dataset_release(&test);
	free(map_a);
	free(prob);
	free(docs);
	free(tdocs);
	free(u);
	return rc;
}

int
ctk_classify_eval_main(int argc, char **argv)
{
	struct opts o;
	ctk_dataset ds;
	ctk_confusion cm;
	ctk_error err;
	FILE *f;
	int rc;

	if ((rc = parse_args(&o, argc, argv, "ho:q", eval_help)) != 0)
		return rc < 0 ? 0 : rc;
	if (o.label == NULL) {
		ctk_diag_usage(&o.d, "--label COLUMN is required");
		return 2;
	}
	ctk_dataset_init(&ds);
	f = ctk_tool_open_output(&o.d, o.output);
	if (load_inputs(&o, argv + optind, argc - optind, &ds) < 0 ||
	    check_classes(&o, &ds) < 0)
		goto out;
	if (o.test != NULL) {
		train_test(&o, &ds, f);
	} else if (ds.n_docs < (size_t)o.folds) {
		ctk_diag_msg(&o.d, CTK_DIAG_FATAL, NULL, 0, 0,
		    "%zu labelled documents cannot make %ld folds",
		    ds.n_docs, o.folds);
	} else if (ctk_confusion_init(&cm, ds.n_classes, &err) == 0) {
		if (cross_validate(&o, &ds, &cm) == 0)
			print_metrics(f, &cm, ds.classes);
		ctk_confusion_release(&cm);
	}
out:
	if (f != stdout && ctk_diag_check_output(&o.d, f, o.output) == 0 &&
	    fclose(f) != 0)
		ctk_diag_msg(&o.d, CTK_DIAG_FATAL, o.output, 0, 0,
		    "cannot close: %s", strerror(errno));
	ctk_dataset_release(&ds);
	return finish(&o);
}

/* ---- lexicon ---- */

static void
lexicon_help(void)
{
	fputs("usage: ctk classify lexicon -l LEXICON [--strip-accents] "
	    "[--matches]\n"
	    "                            [--text COLUMN] [-j N] [-o FILE]\n"
	    "                            [--format tsv|csv|jsonl] [-q] "
	    "[--progress]\n"
	    "                            [--strict] [FILE...]\n"
	    "\n"
	    "Count the terms of a lexicon in every document: for each "
	    "category C, lex_C\n"
	    "is the sum of the weights of the matched terms (their number when "
	    "the\n"
	    "lexicon has no weights) and lex_C_share is lex_C divided by the "
	    "number of\n"
	    "tokens of the document (empty when it has none).\n"
	    "\n"
	    "  -l, --lexicon LEXICON\n"
	    "                    TSV (term, category, optional weight) or LIWC "
	    ".dic file;\n"
	    "                    a term ending in * matches as a prefix\n"
	    "  --strip-accents   remove diacritics on both sides before "
	    "matching\n"
	    "  --matches         add lex_matches: the matched words, separated "
	    "by ';'\n"
	    "  --text COLUMN     raw text column when there is no tokens "
	    "column (text)\n"
	    "  -j, --jobs N      threads (default: processors); same output\n"
	    "  -o FILE           write to FILE instead of standard output\n"
	    "  --format FMT      tsv (default), csv or jsonl\n"
	    "  --strict; --progress; -q (no warnings); -h, --help; --version\n"
	    "\n"
	    "examples:\n"
	    "  ctk classify lexicon -l afinn.tsv --matches tweets.tsv\n"
	    "  ctk classify lexicon -l emotions.dic --strip-accents "
	    "articles.tsv\n", stdout);
}

/* What one worker thread owns; the lexicon is shared (read only once
 * its index is built). */
struct lexworker {
	ctk_tokens tok;
	double *total;
	ctk_buf matches;
	char (*num)[2][40];	/* lex_C and lex_C_share, as text */
};

struct lexrun {
	ctk_lexicon *lx;
	int matches;		/* --matches */
	const char **names;
	size_t n_names;
	struct lexworker *w;
	size_t n_workers;
	struct mapped mp;	/* the input being read */
};

static void
lexicon_report(void *ctx, const ctk_error *e)
{
	struct opts *o = ctx;

	ctk_diag_report(&o->d, CTK_DIAG_ERROR, o->lexicon, e);
}

static int
load_lexicon(struct opts *o, struct lexrun *x)
{
	ctk_error err;
	ctk_input *in = ctk_input_open(o->lexicon, &err);
	int rc;

	if (in == NULL) {
		ctk_diag_report(&o->d, CTK_DIAG_FATAL, o->lexicon, &err);
		return -1;
	}
	x->lx = ctk_lexicon_new(o->strip ? CTK_TOKENS_STRIP_ACCENTS : 0);
	if (x->lx == NULL)
		rc = ctk_error_set(&err, CTK_ENOMEM, 0, 0, "out of memory");
	else
		rc = ctk_lexicon_load(x->lx, in, lexicon_report, o, &err);
	ctk_input_close(in);
	if (rc < 0) {
		ctk_diag_report(&o->d, CTK_DIAG_FATAL, o->lexicon, &err);
		return -1;
	}
	if (ctk_lexicon_nterms(x->lx) == 0) {
		ctk_diag_msg(&o->d, CTK_DIAG_FATAL, o->lexicon, 0, 0,
		    "no terms in the lexicon");
		return -1;
	}
	return 0;
}

/* lex_C and lex_C_share per category, then lex_matches. */
static int
lexicon_names(struct opts *o, struct lexrun *x)
{
	size_t n = ctk_lexicon_ncategories(x->lx), i;
	ctk_buf b = CTK_BUF_INIT;

	x->n_names = 2 * n + (o->matches ? 1 : 0);
	if ((x->names = calloc(x->n_names, sizeof *x->names)) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		ctk_buf_printf(&b, "lex_%s", ctk_lexicon_category(x->lx, i));
		x->names[2 * i] = ctk_buf_detach(&b);
		ctk_buf_printf(&b, "lex_%s_share",
		    ctk_lexicon_category(x->lx, i));
		x->names[2 * i + 1] = ctk_buf_detach(&b);
	}
	if (o->matches)
		x->names[2 * n] = strdup("lex_matches");
	for (i = 0; i < x->n_names; i++)
		if (x->names[i] == NULL)
			return -1;
	return 0;
}

/* Counts: whole numbers as such, others with 6 significant digits.
 * printf dominated the profile (most of the values are 0). */
static int
format_count(char *buf, size_t size, double v)
{
	if (v != floor(v) || fabs(v) >= 1e15)
		return snprintf(buf, size, "%.6g", v);
	return (int)ctk_fmt_int64(buf, (long long)v);
}

/* A share: "%.6f", without printf's cost. */
static int
format_share(char *buf, size_t size, double v)
{
	return (int)ctk_fmt_fixed(buf, size, v, 6);
}

/* lex_C, lex_C_share ... (lex_matches) of record i (ctk_tsvmap_fn). */
static int
lexicon_record(void *ctx, int worker, const ctk_tsvbatch *b, size_t i,
    ctk_str *values, ctk_error *err)
{
	const struct lexrun *x = ctx;
	struct lexworker *w = &x->w[worker];
	size_t n = ctk_lexicon_ncategories(x->lx), c, len;
	const char *s = ctk_tsvbatch_field(b, i, (size_t)x->mp.text_col, &len);
	ctk_str *v;
	long rc;

	ctk_buf_reset(&w->matches);
	if ((rc = ctk_tokens_split(&w->tok, s, len, x->mp.flags, err)) < 0 ||
	    (rc = ctk_lexicon_match(x->lx, &w->tok, w->total,
	    x->matches ? &w->matches : NULL, err)) < 0)
		return (int)rc;
	for (c = 0; c < n; c++) {
		v = &values[2 * c];
		if (w->total[c] == 0) {	/* most of them: no formatting */
			v[0].s = "0";
			v[0].len = 1;
			v[1].s = "0.000000";
			v[1].len = w->tok.n == 0 ? 0 : 8;
			continue;
		}
		v[0].s = w->num[c][0];
		v[0].len = (size_t)format_count(w->num[c][0],
		    sizeof w->num[c][0], w->total[c]);
		v[1].s = w->num[c][1];
		v[1].len = w->tok.n == 0 ? 0 : (size_t)format_share(
		    w->num[c][1], sizeof w->num[c][1],
		    w->total[c] / (double)w->tok.n);
	}
	if (x->matches) {
		values[2 * n].s = ctk_buf_str(&w->matches);
		values[2 * n].len = w->matches.len;
	}
	return 0;
}

static int
lexicon_workers(struct lexrun *x, int jobs)
{
	struct lexworker *w;
	size_t i, n = ctk_lexicon_ncategories(x->lx);

	x->n_workers = (size_t)(jobs < 1 ? 1 : jobs);
	if ((x->w = calloc(x->n_workers, sizeof *x->w)) == NULL)
		return -1;
	for (i = 0; i < x->n_workers; i++) {
		w = &x->w[i];
		ctk_tokens_init(&w->tok);
		ctk_buf_init(&w->matches);
		w->total = calloc(n + 1, sizeof *w->total);
		w->num = calloc(n + 1, sizeof *w->num);
		if (w->total == NULL || w->num == NULL)
			return -1;
	}
	return 0;
}

static void
lexicon_free(struct lexrun *x)
{
	size_t i;

	for (i = 0; x->w != NULL && i < x->n_workers; i++) {
		ctk_tokens_release(&x->w[i].tok);
		ctk_buf_release(&x->w[i].matches);
		free(x->w[i].total);
		free(x->w[i].num);
	}
	free(x->w);
	for (i = 0; x->names != NULL && i < x->n_names; i++)
		free((char *)x->names[i]);
	free(x->names);
	ctk_lexicon_free(x->lx);
}

int
ctk_classify_lexicon_main(int argc, char **argv)
{
	struct opts o;
	struct lexrun x;
	ctk_error err;
	int rc;

	if ((rc = parse_args(&o, argc, argv, "hj:l:o:q", lexicon_help)) != 0)
		return rc < 0 ? 0 : rc;
	if (o.lexicon == NULL) {
		ctk_diag_usage(&o.d, "-l LEXICON is required");
		return 2;
	}
	memset(&x, 0, sizeof x);
	x.matches = o.matches;
	if (load_lexicon(&o, &x) == 0 && !ctk_diag_should_stop(&o.d)) {
		x.mp.base_flags = ctk_lexicon_flags(x.lx);
		x.mp.trim_raw = 1;
		if (ctk_lexicon_index(x.lx, &err) < 0 ||
		    lexicon_names(&o, &x) < 0 || lexicon_workers(&x, o.jobs) < 0)
			ctk_diag_msg(&o.d, CTK_DIAG_FATAL, NULL, 0, 0,
			    "out of memory");
		else
			map_run(&o, argv + optind, argc - optind, x.names,
			    x.n_names, lexicon_record, &x, &x.mp);
	}
	lexicon_free(&x);
	return finish(&o);
}

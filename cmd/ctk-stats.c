/*
 * ctk-stats: counting commands over a ctk stream: freq, ngrams, keyness,
 * colloc, timeline, network, dispersion, summary, and merge of count
 * tables made on shards. Argument parsing and stream wiring only; the
 * counting lives in lib/ (freqtab, keyness, colloc, timeline, network,
 * summary).
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"
#include "colloc.h"
#include "counter.h"
#include "docstream.h"
#include "fold.h"
#include "freqtab.h"
#include "keyness.h"
#include "merge.h"
#include "network.h"
#include "period.h"
#include "summary.h"
#include "dispersion.h"
#include "timeline.h"
#include "suggest.h"

/* `ctk stats --help` is short: the subcommands, one line each; `ctk
 * stats SUB --help` shows the usage, the options and examples of SUB. The
 * man page's SYNOPSIS is the usage lines of every subcommand in order. */
static const char top_usage[] =
    "usage: ctk stats SUBCOMMAND [OPTIONS] [FILE ...]\n"
    "common options: [-o FILE] [--format tsv|csv|jsonl] [-q] [--strict]\n"
    "                [--progress] [-h] [--version]\n";

static const char top_tail[] =
    "\n"
    "subcommands:\n"
    "  freq        word counts, documents, per million (--by groups)\n"
    "  ngrams      counts of n-grams of tokens\n"
    "  keyness     keywords of a target against a reference\n"
    "  colloc      collocates of a node word, or all pairs\n"
    "  timeline    counts per day, week, month or year; SVG chart\n"
    "  network     who forwards, mentions or tags whom; GraphML\n"
    "  dispersion  how evenly words spread over the documents\n"
    "  summary     documents, tokens, types and dates per group\n"
    "  merge       add up count tables of shards\n"
    "\n"
    "Tokens come from the tokens column written by ctk tokenize, or from\n"
    "vertical input (id sent pos token type). 'ctk stats SUBCOMMAND --help'\n"
    "describes a subcommand; every formula is in ctk-stats(1).\n"
    "\n"
    "examples:\n"
    "  ctk tokenize corpus.tsv | ctk stats freq --by channel --top 20\n"
    "  ctk stats keyness --target chan_a --top 30 freq_by_channel.tsv\n";

/* In the order of longopts[], which parse_choice() relies on. */
enum {
	OPT_BY = 256, OPT_COLUMN, OPT_VERTICAL, OPT_TOP, OPT_MIN_COUNT,
	OPT_UNIQUE, OPT_G2, OPT_YATES, OPT_MEASURE, OPT_ALPHA,
	OPT_CORRECTION, OPT_EXACT, OPT_TARGET, OPT_NODE, OPT_PAIRS,
	OPT_WINDOW, OPT_MIN_FREQ, OPT_UNIT, OPT_TERM, OPT_PLOT, OPT_GRAPHML,
	OPT_NODES, OPT_FORMAT, OPT_STRICT, OPT_PROGRESS, OPT_VERSION
};

/* Bits of the options a subcommand accepts. */
#define B(o) (1ULL << ((o) - 256))
#define COMMON (B(OPT_FORMAT) | B(OPT_STRICT) | B(OPT_PROGRESS))
#define DOCS (B(OPT_COLUMN) | B(OPT_VERTICAL) | B(OPT_UNIQUE))

struct opts {
	const char *by, *column, *target, *node, *term, *plot;
	int vertical, unique, yates, exact, pairs, graphml, nodes;
	int64_t top, min_count, min_freq;
	int n_min, n_max;
	int g2_4term;
	int left, right;
	const char *measure;
	double alpha;
	enum ctk_keyness_correction correction;
	enum ctk_period_unit unit;
	const char **terms;
	size_t n_terms;
	ctk_format format;
	int progress;
	unsigned long long given;
};

struct run {
	ctk_diag diag;
	struct opts o;
	FILE *out;
	ctk_tsv_writer *w;
	ctk_counter *seen_texts;
	ctk_buf fold;
	size_t n_required;	/* columns past this one may be missing */
	uint64_t n_docs;	/* documents read, over all files */
};

struct subcommand;
typedef int (*doc_fn)(struct run *run, void *ctx, const ctk_doc *doc);

static const struct option longopts[] = {
	{ "by", required_argument, NULL, OPT_BY },
	{ "column", required_argument, NULL, OPT_COLUMN },
	{ "vertical", no_argument, NULL, OPT_VERTICAL },
	{ "top", required_argument, NULL, OPT_TOP },
	{ "min-count", required_argument, NULL, OPT_MIN_COUNT },
	{ "unique-texts", no_argument, NULL, OPT_UNIQUE },
	{ "g2", required_argument, NULL, OPT_G2 },
	{ "yates", no_argument, NULL, OPT_YATES },
	{ "measure", required_argument, NULL, OPT_MEASURE },
	{ "alpha", required_argument, NULL, OPT_ALPHA },
	{ "correction", required_argument, NULL, OPT_CORRECTION },
	{ "exact", no_argument, NULL, OPT_EXACT },
	{ "target", required_argument, NULL, OPT_TARGET },
	{ "node", required_argument, NULL, OPT_NODE },
	{ "pairs", no_argument, NULL, OPT_PAIRS },
	{ "window", required_argument, NULL, OPT_WINDOW },
	{ "min-freq", required_argument, NULL, OPT_MIN_FREQ },
	{ "unit", required_argument, NULL, OPT_UNIT },
	{ "term", required_argument, NULL, OPT_TERM },
	{ "plot", required_argument, NULL, OPT_PLOT },
	{ "graphml", no_argument, NULL, OPT_GRAPHML },
	{ "nodes", no_argument, NULL, OPT_NODES },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "progress", no_argument, NULL, OPT_PROGRESS },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "output", required_argument, NULL, 'o' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* ---- reading documents ---- */

static void
lib_failed(struct run *run, int rc)
{
	ctk_diag_msg(&run->diag, CTK_DIAG_FATAL, NULL, 0, 0, "%s",
	    rc == CTK_ENOMEM ? "out of memory" : "cannot write the output");
}

enum { F_GROUP, F_TEXT_HASH, F_EXTRA };

static int
keep_doc(struct run *run, const ctk_doc *doc)
{
	ctk_counter_entry *e;

	if (!run->o.unique || doc->field_lens[F_TEXT_HASH] == 0)
		return 1;
	e = ctk_counter_get(run->seen_texts, doc->fields[F_TEXT_HASH],
	    doc->field_lens[F_TEXT_HASH], 1);
	if (e == NULL)
		return -1;
	return e->count++ == 0;
}

static int
check_columns(struct run *run, ctk_docstream *ds, const char *file,
    const char *const *fields, size_t n_fields)
{
	size_t i;

	if (run->o.unique && !ctk_docstream_has_field(ds, F_TEXT_HASH)) {
		ctk_diag_msg(&run->diag, CTK_DIAG_FATAL, file, 1, 0,
		    "--unique-texts needs a text_hash column");
		return -1;
	}
	for (i = F_GROUP; i < n_fields; i++) {
		if (i == F_TEXT_HASH || (i == F_GROUP && run->o.by == NULL) ||
		    i >= run->n_required)
			continue;
		if (!ctk_docstream_has_field(ds, i)) {
			ctk_diag_msg(&run->diag, CTK_DIAG_FATAL, file, 1, 0,
			    "no column '%s'", fields[i]);
			return -1;
		}
	}
	return 0;
}

/* Reads the documents of one file and hands them to fn. */
static void
docs_of_file(struct run *run, const char *path, const char *const *fields,
    size_t n_fields, int need_tokens, doc_fn fn, void *ctx)
{
	ctk_error err;
	ctk_input *in = ctk_input_open(path, &err);
	ctk_tsv_reader *r = NULL;
	ctk_docstream *ds = NULL;
	ctk_progress prog;
	const char *name = path ? path : "<stdin>";
	ctk_doc doc;
	uint64_t n = 0;
	int rc;

	if (in == NULL || (r = ctk_tsv_reader_new(in, &err)) == NULL ||
	    (ds = ctk_docstream_new(r, run->o.column,
	    run->o.vertical ? 1 : -1, need_tokens, fields, n_fields,
	    &err)) == NULL) {
		/* an unreadable file is rejected, the others still count; a
		 * missing tokens column means the wrong kind of input */
		ctk_diag_report(&run->diag, err.code == CTK_EUSAGE ?
		    CTK_DIAG_FATAL : CTK_DIAG_ERROR, name, &err);
		goto done;
	}
	name = ctk_input_name(in);
	if (check_columns(run, ds, name, fields, n_fields) != 0)
		goto done;
	ctk_progress_init(&prog, stderr, run->o.progress,
	    ctk_input_size(in) > 0 ? (uint64_t)ctk_input_size(in) : 0);
	while ((rc = ctk_docstream_next(ds, &doc, &err)) != 0) {
		if (rc == CTK_EFORMAT) {
			ctk_diag_report(&run->diag, CTK_DIAG_ERROR, name, &err);
			if (ctk_diag_should_stop(&run->diag))
				break;
			continue;
		}
		if (rc < 0) {
			ctk_diag_report(&run->diag, CTK_DIAG_FATAL, name, &err);
			break;
		}
		/* stamps restart with each file: number documents across
		 * all of them, for the docs counts */
		doc.stamp = ++run->n_docs;
		rc = keep_doc(run, &doc);
		if (rc < 0 || (rc == 1 && fn(run, ctx, &doc) != 0)) {
			lib_failed(run, CTK_ENOMEM);
			break;
		}
		if (++n % 256 == 0)
			ctk_progress_update(&prog, ctk_input_raw_offset(in), n);
	}
	ctk_progress_finish(&prog);
done:
	ctk_docstream_free(ds);
	ctk_tsv_reader_free(r);
	if (in != NULL)
		ctk_input_close(in);
}

/* Every document of every input file (stdin when none). fields[0] is the
 * --by column, fields[1] text_hash, then the command's own columns. */
static void
each_doc(struct run *run, int argc, char **argv, const char **fields,
    size_t n_fields, int need_tokens, doc_fn fn, void *ctx)
{
	int i;

	fields[F_GROUP] = run->o.by ? run->o.by : "";
	fields[F_TEXT_HASH] = "text_hash";
	if (run->n_required == 0)
		run->n_required = n_fields;
	if (argc == 0)
		docs_of_file(run, NULL, fields, n_fields, need_tokens, fn,
		    ctx);
	for (i = 0; i < argc && !ctk_diag_should_stop(&run->diag); i++)
		docs_of_file(run, strcmp(argv[i], "-") == 0 ? NULL : argv[i],
		    fields, n_fields, need_tokens, fn, ctx);
}

/* ---- freq and ngrams ---- */

struct count_ctx {
	ctk_freqtab *t;
	ctk_buf gram;
};

static int
count_freq(struct run *run, void *vctx, const ctk_doc *doc)
{
	struct count_ctx *ctx = vctx;
	const char *g = doc->fields[F_GROUP];
	size_t glen = doc->field_lens[F_GROUP];

	(void)run;
	/* without --by, the tokens are keys in place (see docstream.h) */
	if ((glen == 0 ? ctk_freqtab_count_prefixed(ctx->t, doc->tokens,
	    doc->lens, doc->n_tokens, doc->stamp) :
	    ctk_freqtab_count_many(ctx->t, g, glen, doc->tokens, doc->lens,
	    doc->n_tokens, doc->stamp)) != 0)
		return -1;
	return ctk_freqtab_add_total(ctx->t, g, glen, 1,
	    (int64_t)doc->n_tokens);
}

/* The n-gram starting at token i, or -1 when it would cross the end of
 * its segment (sentence) or document. */
static int
gram_at(struct count_ctx *ctx, const ctk_doc *doc, size_t i, int n)
{
	size_t k;

	if (i + (size_t)n > doc->n_tokens ||
	    doc->segment[i + (size_t)n - 1] != doc->segment[i])
		return -1;
	ctk_buf_reset(&ctx->gram);
	for (k = 0; k < (size_t)n; k++) {
		if ((k > 0 && ctk_buf_append_char(&ctx->gram, ' ') != 0) ||
		    ctk_buf_append(&ctx->gram, doc->tokens[i + k],
		    doc->lens[i + k]) != 0)
			return -2;
	}
	return 0;
}

static int
count_ngrams(struct run *run, void *vctx, const ctk_doc *doc)
{
	struct count_ctx *ctx = vctx;
	const char *g = doc->fields[F_GROUP];
	size_t glen = doc->field_lens[F_GROUP], i;
	int n, rc;
	int64_t made;

	for (n = run->o.n_min; n <= run->o.n_max; n++) {
		made = 0;
		for (i = 0; i < doc->n_tokens; i++) {
			rc = gram_at(ctx, doc, i, n);
			if (rc == -1)
				continue;
			if (rc != 0 || ctk_freqtab_count(ctx->t, g, glen,
			    ctx->gram.data, ctx->gram.len, doc->stamp) != 0)
				return -1;
			made++;
		}
		if (ctk_freqtab_add_total(ctx->t, g, glen, n, made) != 0)
			return -1;
	}
	return 0;
}

static void
run_counts(struct run *run, int argc, char **argv, int ngrams)
{
	struct count_ctx ctx;
	const char *fields[2];
	int rc;

	ctx.t = ctk_freqtab_new(run->o.by != NULL, ngrams);
	ctk_buf_init(&ctx.gram);
	if (ctx.t == NULL) {
		lib_failed(run, CTK_ENOMEM);
		return;
	}
	each_doc(run, argc, argv, fields, 2, 1,
	    ngrams ? count_ngrams : count_freq, &ctx);
	if (!ctk_diag_should_stop(&run->diag) &&
	    (rc = ctk_freqtab_write(ctx.t, run->w, run->o.min_count,
	    run->o.top)) != 0)
		lib_failed(run, rc);
	ctk_buf_release(&ctx.gram);
	ctk_freqtab_free(ctx.t);
}

/* ---- keyness ---- */

static int
load_table(struct run *run, ctk_freqtab *t, const char *path,
    uint64_t file_no, const char *only, const char *except)
{
	ctk_error err;
	ctk_input *in = ctk_input_open(path, &err);
	ctk_tsv_reader *r = NULL;
	const char *name = path ? path : "<stdin>";
	int rc = 0;

	if (in == NULL || (r = ctk_tsv_reader_new(in, &err)) == NULL ||
	    ctk_freqtab_load_header(t, r, run->o.by, &err) != 0) {
		ctk_diag_report(&run->diag, CTK_DIAG_FATAL, name, &err);
		rc = -1;
		goto done;
	}
	if (run->o.target && !ctk_freqtab_loaded_grouped(t)) {
		ctk_diag_msg(&run->diag, CTK_DIAG_FATAL, name, 1, 0,
		    "--target needs a table made with --by (a group column)");
		rc = -1;
		goto done;
	}
	while ((rc = ctk_tsv_read(r, &err)) != 0) {
		if (rc == 1)
			rc = ctk_freqtab_load_row(t, r, file_no, only, except,
			    &err);
		if (rc == CTK_EFORMAT) {
			ctk_diag_report(&run->diag, CTK_DIAG_ERROR, name, &err);
			if (ctk_diag_should_stop(&run->diag))
				break;
		} else if (rc < 0) {
			ctk_diag_report(&run->diag, CTK_DIAG_FATAL, name, &err);
			break;
		}
	}
	rc = ctk_diag_should_stop(&run->diag) ? -1 : 0;
done:
	ctk_tsv_reader_free(r);
	if (in != NULL)
		ctk_input_close(in);
	return rc;
}

/* Loads the target and reference tables named on the command line. */
static int
load_keyness_tables(struct run *run, int argc, char **argv,
    ctk_freqtab *target, ctk_freqtab *ref)
{
	const char *path;

	if (run->o.target) {
		path = argc == 1 && strcmp(argv[0], "-") != 0 ? argv[0] : NULL;
		if (path == NULL) {
			ctk_diag_usage(&run->diag, "--target reads one table, "
			    "as a file (it is read twice)");
			return -1;
		}
		return load_table(run, target, path, 1, run->o.target, NULL) ||
		    load_table(run, ref, path, 1, NULL, run->o.target);
	}
	if (argc != 2) {
		ctk_diag_usage(&run->diag, "keyness needs TARGET and REFERENCE "
		    "tables, or --target VALUE");
		return -1;
	}
	return load_table(run, target, strcmp(argv[0], "-") ? argv[0] : NULL,
	    1, NULL, NULL) || load_table(run, ref, strcmp(argv[1], "-") ?
	    argv[1] : NULL, 1, NULL, NULL);
}

static void
run_keyness(struct run *run, int argc, char **argv)
{
	ctk_freqtab *target = ctk_freqtab_new(0, 0);
	ctk_freqtab *ref = ctk_freqtab_new(0, 0);
	ctk_keyness_opts ko;
	int rc;

	memset(&ko, 0, sizeof ko);
	ko.g2_4term = run->o.g2_4term;
	ko.yates = run->o.yates;
	ko.min_count = run->o.min_count;
	ko.top = run->o.top;
	ko.alpha = run->o.alpha;
	ko.correction = run->o.correction;
	ko.exact = run->o.exact;
	if (run->o.measure && ctk_keyness_measure_parse(run->o.measure,
	    &ko.sort) != 0)
		ctk_diag_usage(&run->diag, "unknown keyness measure '%s'",
		    run->o.measure);
	else if (target == NULL || ref == NULL)
		lib_failed(run, CTK_ENOMEM);
	else if (load_keyness_tables(run, argc, argv, target, ref) == 0 &&
	    (rc = ctk_keyness_write(target, ref, &ko, run->w)) != 0)
		lib_failed(run, rc);
	ctk_freqtab_free(target);
	ctk_freqtab_free(ref);
}

/* ---- colloc ---- */

static int
count_colloc(struct run *run, void *ctx, const ctk_doc *doc)
{
	(void)run;
	return ctk_colloc_add(ctx, doc);
}

/* Folds a word given on the command line the way tokens are folded.
 * Tokens never hold a space, so neither may the word. */
static const char *
folded(struct run *run, const char *word)
{
	ctk_error err;

	if (*word == '\0' || strchr(word, ' ') != NULL) {
		ctk_diag_usage(&run->diag, "'%s': one word is expected (a "
		    "token never holds a space)", word);
		return NULL;
	}
	if (ctk_fold(word, strlen(word), &run->fold, &err) != 0) {
		ctk_diag_usage(&run->diag, "'%s': %s", word, err.msg);
		return NULL;
	}
	return ctk_buf_str(&run->fold);
}

static void
run_colloc(struct run *run, int argc, char **argv)
{
	enum ctk_colloc_measure m = CTK_COLLOC_G2;
	const char *fields[2], *node = NULL;
	ctk_colloc *c;
	int rc;

	if ((run->o.node == NULL) == (run->o.pairs == 0)) {
		ctk_diag_usage(&run->diag, "colloc needs --node WORD or "
		    "--pairs");
		return;
	}
	if (run->o.measure && ctk_colloc_measure_parse(run->o.measure,
	    &m) != 0) {
		ctk_diag_usage(&run->diag, "unknown collocation measure '%s'",
		    run->o.measure);
		return;
	}
	if (run->o.node && (node = folded(run, run->o.node)) == NULL)
		return;
	c = ctk_colloc_new(node, run->o.left, run->o.right);
	if (c == NULL) {
		lib_failed(run, CTK_ENOMEM);
		return;
	}
	each_doc(run, argc, argv, fields, 2, 1, count_colloc, c);
	if (!ctk_diag_should_stop(&run->diag) &&
	    (rc = ctk_colloc_write(c, run->w, run->o.min_freq, run->o.top, m,
	    run->o.exact)) != 0)
		lib_failed(run, rc);
	ctk_colloc_free(c);
}

/* ---- timeline ---- */

struct timeline_ctx {
	ctk_timeline *t;
	const char *term;
	size_t term_len;
	unsigned long undated;
};

static int
count_timeline(struct run *run, void *vctx, const ctk_doc *doc)
{
	struct timeline_ctx *ctx = vctx;
	int64_t n = 1;
	long ord;
	size_t i;

	if (ctk_period_of_date(doc->fields[F_EXTRA],
	    doc->field_lens[F_EXTRA], run->o.unit, &ord) != 0) {
		ctx->undated++;
		return 0;
	}
	if (ctx->term != NULL) {
		n = 0;
		for (i = 0; i < doc->n_tokens; i++)
			n += doc->lens[i] == ctx->term_len &&
			    memcmp(doc->tokens[i], ctx->term,
			    ctx->term_len) == 0;
	}
	return ctk_timeline_add(ctx->t, doc->fields[F_GROUP],
	    doc->field_lens[F_GROUP], ord, n);
}

static void
write_plot(struct run *run, ctk_timeline *t)
{
	FILE *f = fopen(run->o.plot, "w");
	char title[512];

	if (f == NULL) {
		ctk_diag_msg(&run->diag, CTK_DIAG_FATAL, run->o.plot, 0, 0,
		    "cannot open for writing: %s", strerror(errno));
		return;
	}
	snprintf(title, sizeof title, "%s per %s%s%s",
	    run->o.term ? run->o.term : "documents",
	    (const char *[]){ "day", "week", "month", "year" }[run->o.unit],
	    run->o.by ? " by " : "", run->o.by ? run->o.by : "");
	if (ctk_timeline_svg(t, f, title) != 0 || fclose(f) != 0)
		ctk_diag_msg(&run->diag, CTK_DIAG_FATAL, run->o.plot, 0, 0,
		    "cannot write the chart");
}

static void
run_timeline(struct run *run, int argc, char **argv)
{
	struct timeline_ctx ctx;
	const char *fields[3];
	int rc;

	memset(&ctx, 0, sizeof ctx);
	if (run->o.term) {
		if ((ctx.term = folded(run, run->o.term)) == NULL)
			return;
		ctx.term_len = strlen(ctx.term);
	}
	ctx.t = ctk_timeline_new(run->o.unit, run->o.by != NULL);
	if (ctx.t == NULL) {
		lib_failed(run, CTK_ENOMEM);
		return;
	}
	fields[F_EXTRA] = "date";
	each_doc(run, argc, argv, fields, 3, run->o.term != NULL,
	    count_timeline, &ctx);
	if (ctx.undated > 0)
		ctk_diag_msg(&run->diag, CTK_DIAG_WARN, NULL, 0, 0,
		    "%lu documents without a valid date were not counted",
		    ctx.undated);
	if (!ctk_diag_should_stop(&run->diag)) {
		if ((rc = ctk_timeline_write(ctx.t, run->w)) != 0)
			lib_failed(run, rc);
		if (run->o.plot)
			write_plot(run, ctx.t);
	}
	ctk_timeline_free(ctx.t);
}

/* ---- network ---- */

static int
count_network(struct run *run, void *ctx, const ctk_doc *doc)
{
	(void)run;
	return ctk_network_add(ctx, doc->fields + F_EXTRA,
	    doc->field_lens + F_EXTRA);
}

static void
run_network(struct run *run, int argc, char **argv)
{
	enum ctk_network_kind kind;
	const char *const *cols;
	const char *fields[8];
	ctk_network *net;
	size_t n, i;
	int rc;

	static const char *const kinds[] = { "fwd", "mention", "hashtag",
	    "domain" };

	if (argc < 1) {
		ctk_diag_usage(&run->diag, "network needs a kind: fwd, "
		    "mention, hashtag or domain");
		return;
	}
	if (ctk_network_kind_parse(argv[0], &kind) != 0) {
		ctk_tool_bad_subcommand(&run->diag, "network kind", argv[0],
		    kinds, sizeof kinds / sizeof kinds[0]);
		return;
	}
	cols = ctk_network_columns(kind, &n);
	for (i = 0; i < n; i++)
		fields[F_EXTRA + i] = cols[i];
	net = ctk_network_new(kind);
	if (net == NULL) {
		lib_failed(run, CTK_ENOMEM);
		return;
	}
	each_doc(run, argc - 1, argv + 1, fields, F_EXTRA + n, 0,
	    count_network, net);
	if (!ctk_diag_should_stop(&run->diag)) {
		if (run->o.graphml)
			rc = ctk_network_write_graphml(net, run->out,
			    run->o.min_count);
		else if (run->o.nodes)
			rc = ctk_network_write_nodes(net, run->w,
			    run->o.min_count);
		else
			rc = ctk_network_write_edges(net, run->w,
			    run->o.min_count);
		if (rc != 0)
			lib_failed(run, rc);
	}
	ctk_network_free(net);
}

/* ---- dispersion and summary ---- */

static int
count_dispersion(struct run *run, void *ctx, const ctk_doc *doc)
{
	char part[32];
	int len;

	if (run->o.by)
		return ctk_dispersion_add(ctx, doc->fields[F_GROUP],
		    doc->field_lens[F_GROUP], doc);
	/* without --by every document is a part */
	len = snprintf(part, sizeof part, "%" PRIu64, doc->stamp);
	return ctk_dispersion_add(ctx, part, (size_t)len, doc);
}

static void
run_dispersion(struct run *run, int argc, char **argv)
{
	const char *fields[2];
	char **terms;
	ctk_dispersion *d;
	size_t i;
	int rc;

	if (run->o.n_terms == 0) {
		ctk_diag_usage(&run->diag, "dispersion needs --term WORD");
		return;
	}
	terms = calloc(run->o.n_terms, sizeof *terms);
	for (i = 0; terms && i < run->o.n_terms; i++) {
		if (folded(run, run->o.terms[i]) == NULL)
			break;
		terms[i] = strdup(ctk_buf_str(&run->fold));
	}
	d = terms && i == run->o.n_terms ? ctk_dispersion_new(
	    (const char *const *)terms, run->o.n_terms) : NULL;
	if (d != NULL) {
		each_doc(run, argc, argv, fields, 2, 1, count_dispersion, d);
		if (!ctk_diag_should_stop(&run->diag) &&
		    (rc = ctk_dispersion_write(d, run->w, run->o.exact)) != 0)
			lib_failed(run, rc);
	} else if (!ctk_diag_should_stop(&run->diag)) {
		lib_failed(run, CTK_ENOMEM);
	}
	for (i = 0; terms && i < run->o.n_terms; i++)
		free(terms[i]);
	free(terms);
	ctk_dispersion_free(d);
}

static int
count_summary(struct run *run, void *ctx, const ctk_doc *doc)
{
	(void)run;
	return ctk_summary_add(ctx, doc->fields[F_GROUP],
	    doc->field_lens[F_GROUP], doc, doc->fields[F_EXTRA],
	    doc->field_lens[F_EXTRA]);
}

static void
run_summary(struct run *run, int argc, char **argv)
{
	const char *fields[3];
	ctk_summary *s = ctk_summary_new(run->o.by != NULL);
	int rc;

	if (s == NULL) {
		lib_failed(run, CTK_ENOMEM);
		return;
	}
	/* the date column is optional here: vertical input has none */
	fields[F_EXTRA] = "date";
	run->n_required = F_EXTRA;
	each_doc(run, argc, argv, fields, 3, 1, count_summary, s);
	if (!ctk_diag_should_stop(&run->diag) &&
	    (rc = ctk_summary_write(s, run->w, run->o.exact)) != 0)
		lib_failed(run, rc);
	ctk_summary_free(s);
}

/* ---- merge ---- */

static void
merge_file(struct run *run, ctk_merge *m, const char *path,
    uint64_t file_no)
{
	ctk_error err;
	ctk_input *in = ctk_input_open(path, &err);
	ctk_tsv_reader *r = NULL;
	const char *name = path ? path : "<stdin>";
	int rc;

	if (in == NULL || (r = ctk_tsv_reader_new(in, &err)) == NULL ||
	    ctk_merge_header(m, r, file_no, &err) != 0) {
		ctk_diag_report(&run->diag, CTK_DIAG_FATAL, name, &err);
		goto done;
	}
	while ((rc = ctk_tsv_read(r, &err)) != 0) {
		if (rc == 1)
			rc = ctk_merge_row(m, r, file_no, &err);
		if (rc == CTK_EFORMAT) {
			ctk_diag_report(&run->diag, CTK_DIAG_ERROR, name, &err);
			if (ctk_diag_should_stop(&run->diag))
				break;
		} else if (rc < 0) {
			ctk_diag_report(&run->diag, CTK_DIAG_FATAL, name, &err);
			break;
		}
	}
done:
	ctk_tsv_reader_free(r);
	if (in != NULL)
		ctk_input_close(in);
}

static void
run_merge(struct run *run, int argc, char **argv)
{
	ctk_merge *m = ctk_merge_new();
	ctk_error err;
	int i, rc;

	if (m == NULL) {
		lib_failed(run, CTK_ENOMEM);
		return;
	}
	if (argc == 0)
		merge_file(run, m, NULL, 1);
	for (i = 0; i < argc && !ctk_diag_should_stop(&run->diag); i++)
		merge_file(run, m, strcmp(argv[i], "-") ? argv[i] : NULL,
		    (uint64_t)i + 1);
	if (!ctk_diag_should_stop(&run->diag) &&
	    (rc = ctk_merge_write(m, run->w, run->o.top, run->o.min_count,
	    &err)) != 0) {
		if (rc == CTK_EUSAGE)
			ctk_diag_report(&run->diag, CTK_DIAG_FATAL, NULL, &err);
		else
			lib_failed(run, rc);
	}
	ctk_merge_free(m);
}

/* ---- options and main ---- */

typedef void (*run_fn)(struct run *, int, char **);

static const struct subcommand {
	const char *name;
	run_fn fn;
	unsigned long long allowed;
	int ngrams;
	const char *usage;	/* after "usage: " or "       " */
	const char *examples;
} subcommands[] = {
	{ "freq", NULL, DOCS | B(OPT_BY) | B(OPT_TOP) | B(OPT_MIN_COUNT), 0,
	    "ctk stats freq [--by COLUMN] [--column NAME] [--vertical]\n"
	    "           [--top N] [--min-count N] [--unique-texts] [FILE ...]\n",
	    "  ctk tokenize docs.tsv | ctk stats freq --top 20\n"
	    "  ctk stats freq --by channel --min-count 5 tokens.tsv\n" },
	{ "ngrams", NULL, DOCS | B(OPT_BY) | B(OPT_TOP) | B(OPT_MIN_COUNT),
	    1,
	    "ctk stats ngrams -n N|N-M [--by COLUMN] [--column NAME]\n"
	    "           [--vertical] [--top N] [--min-count N] [--unique-texts]\n"
	    "           [FILE ...]\n",
	    "  ctk stats ngrams -n 2 --top 20 tokens.tsv\n"
	    "  ctk stats ngrams -n 2-3 --by lang tokens.tsv\n" },
	{ "keyness", run_keyness, B(OPT_G2) | B(OPT_YATES) | B(OPT_MEASURE) |
	    B(OPT_MIN_COUNT) | B(OPT_TOP) | B(OPT_ALPHA) | B(OPT_CORRECTION) |
	    B(OPT_EXACT) | B(OPT_TARGET) | B(OPT_BY), 0,
	    "ctk stats keyness [--g2 2term|4term] [--yates]\n"
	    "           [--measure NAME] [--min-count N] [--top N] [--alpha P]\n"
	    "           [--correction none|bonferroni|sidak] [--exact]\n"
	    "           TARGET REFERENCE | --target VALUE [--by COLUMN] [TABLE]\n",
	    "  ctk stats keyness --top 30 freq_a.tsv freq_b.tsv\n"
	    "  ctk stats keyness --target chan_a --alpha 0.05 freq_by_channel.tsv\n" },
	{ "colloc", run_colloc, DOCS | B(OPT_NODE) | B(OPT_PAIRS) |
	    B(OPT_WINDOW) | B(OPT_MIN_FREQ) | B(OPT_MEASURE) | B(OPT_TOP) |
	    B(OPT_EXACT), 0,
	    "ctk stats colloc --node WORD | --pairs [--window L,R]\n"
	    "           [--min-freq N] [--measure NAME] [--top N] [--exact]\n"
	    "           [--column NAME] [--vertical] [--unique-texts] [FILE ...]\n",
	    "  ctk stats colloc --node telegram --window 3,3 tokens.tsv\n"
	    "  ctk stats colloc --pairs --measure log_dice --top 50 tokens.tsv\n" },
	{ "timeline", run_timeline, B(OPT_COLUMN) | B(OPT_UNIQUE) |
	    B(OPT_UNIT) | B(OPT_TERM) | B(OPT_BY) | B(OPT_PLOT), 0,
	    "ctk stats timeline [--unit day|week|month|year] [--term WORD]\n"
	    "           [--by COLUMN] [--column NAME] [--unique-texts]\n"
	    "           [--plot FILE.svg] [FILE ...]\n",
	    "  ctk stats timeline --unit week --plot chart.svg docs.tsv\n"
	    "  ctk stats timeline --term durov --by channel tokens.tsv\n" },
	{ "network", run_network, B(OPT_UNIQUE) | B(OPT_GRAPHML) |
	    B(OPT_NODES) | B(OPT_MIN_COUNT), 0,
	    "ctk stats network fwd|mention|hashtag|domain [--graphml]\n"
	    "           [--nodes] [--min-count N] [--unique-texts] [FILE ...]\n",
	    "  ctk stats network fwd --graphml docs.tsv > fwd.graphml\n"
	    "  ctk stats network mention --nodes docs.tsv\n" },
	{ "dispersion", run_dispersion, DOCS | B(OPT_TERM) | B(OPT_BY) |
	    B(OPT_EXACT), 0,
	    "ctk stats dispersion --term WORD ... [--by COLUMN]\n"
	    "           [--column NAME] [--vertical] [--exact] [FILE ...]\n",
	    "  ctk stats dispersion --term guerre --term paix tokens.tsv\n"
	    "  ctk stats dispersion --term durov --by channel tokens.tsv\n" },
	{ "summary", run_summary, DOCS | B(OPT_BY) | B(OPT_EXACT), 0,
	    "ctk stats summary [--by COLUMN] [--column NAME] [--vertical]\n"
	    "           [--unique-texts] [FILE ...]\n",
	    "  ctk stats summary tokens.tsv\n"
	    "  ctk stats summary --by channel tokens.tsv\n" },
	{ "merge", run_merge, B(OPT_TOP) | B(OPT_MIN_COUNT), 0,
	    "ctk stats merge [--top N] [--min-count N] TABLE ...\n",
	    "  ctk stats merge part-*.freq > freq.tsv\n"
	    "  ctk stats merge --top 100 a.timeline b.timeline\n" },
};

/* Option lines of a subcommand's --help, shown when the subcommand takes
 * one of the bits (or, for -n, makes n-grams; for a line naming a
 * subcommand, only there). */
static const struct help_line {
	unsigned long long bits;
	const char *only;
	const char *text;
} help_lines[] = {
	{ 0, "ngrams", "  -n N|N-M          n-gram sizes (default 2)\n" },
	{ B(OPT_BY), NULL, "  --by COLUMN       one table per value of COLUMN\n" },
	{ B(OPT_TARGET), NULL,
	    "  --target VALUE    the target group of a one-table keyness\n" },
	{ B(OPT_NODE), NULL, "  --node WORD       the node word\n" },
	{ B(OPT_PAIRS), NULL, "  --pairs           every pair of words\n" },
	{ B(OPT_WINDOW), NULL,
	    "  --window L,R      words before and after (default 5,5)\n" },
	{ B(OPT_MIN_FREQ), NULL,
	    "  --min-freq N      collocates seen at least N times\n" },
	{ B(OPT_UNIT), NULL, "  --unit U          period (default day)\n" },
	{ B(OPT_TERM), NULL, "  --term WORD       count (measure) WORD\n" },
	{ B(OPT_PLOT), NULL,
	    "  --plot FILE.svg   also draw the timeline as an SVG chart\n" },
	{ B(OPT_GRAPHML), NULL, "  --graphml         GraphML, for Gephi\n" },
	{ B(OPT_NODES), NULL, "  --nodes           node table with degrees\n" },
	{ B(OPT_COLUMN), NULL,
	    "  --column NAME     the tokens column (default tokens)\n" },
	{ B(OPT_VERTICAL), NULL,
	    "  --vertical        vertical input: id sent pos token type\n" },
	{ B(OPT_UNIQUE), NULL,
	    "  --unique-texts    count each text_hash once (forwards once)\n" },
	{ B(OPT_G2), NULL,
	    "  --g2 2term|4term  log-likelihood form (default 4term)\n" },
	{ B(OPT_YATES), NULL,
	    "  --yates           Yates' correction for chi-square\n" },
	{ 0, "keyness",
	    "  --measure NAME    g2 chi2 log_ratio pct_diff relative_risk\n" },
	{ 0, "colloc",
	    "  --measure NAME    g2 mi mi3 t_score z_score dice log_dice observed\n" },
	{ B(OPT_ALPHA), NULL,
	    "  --alpha P         keywords with p < P (after --correction)\n" },
	{ B(OPT_CORRECTION), NULL,
	    "  --correction C    none, bonferroni or sidak\n" },
	{ B(OPT_TOP), NULL, "  --top N           at most N rows per group\n" },
	{ B(OPT_MIN_COUNT), NULL,
	    "  --min-count N     rows with a count of at least N\n" },
	{ B(OPT_EXACT), NULL,
	    "  --exact           measures with %.17g instead of %.6f\n" },
	{ COMMON, NULL,
	    "  -o, --output FILE output file (default standard output)\n"
	    "  --format F        tsv (default), csv or jsonl\n"
	    "  -q, --quiet       no warnings, no progress; --progress: always\n"
	    "  --strict          stop at the first bad record\n"
	    "  -h, --help        this help; --version: the version\n" },
};

/* --help: the usage and subcommands on stdout, exit 0; no subcommand:
 * the usage on stderr, exit 2. */
static void
usage_exit(ctk_diag *d, int status)
{
	(void)d;
	if (status == 0) {
		fputs(top_usage, stdout);
		fputs(top_tail, stdout);
		exit(0);
	}
	fputs(top_usage, stderr);
	exit(status);
}

/* ctk stats SUB --help: the usage of SUB, the options it takes, two
 * examples. */
static void
subcommand_help(const struct subcommand *sc)
{
	const struct help_line *h;
	size_t i;

	printf("usage: %s\n", sc->usage);
	for (i = 0; i < sizeof help_lines / sizeof help_lines[0]; i++) {
		h = &help_lines[i];
		if (h->only != NULL ? strcmp(h->only, sc->name) == 0 :
		    (h->bits & (sc->allowed | COMMON)) != 0)
			fputs(h->text, stdout);
	}
	printf("\nexamples:\n%s", sc->examples);
	exit(0);
}

static int
parse_count(ctk_diag *d, const char *opt, const char *arg, int64_t *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(arg, &end, 10);
	if (errno != 0 || *arg == '\0' || *end != '\0' || v < 0) {
		ctk_diag_usage(d, "%s: not a non-negative integer: '%s'", opt,
		    arg);
		return -1;
	}
	*out = v;
	return 0;
}

static int
parse_range(ctk_diag *d, const char *arg, int *lo, int *hi)
{
	char *end;
	long a, b;

	a = strtol(arg, &end, 10);
	b = a;
	if (*end == '-')
		b = strtol(end + 1, &end, 10);
	if (end == arg || *end != '\0' || a < 1 || b < a || b > 32) {
		ctk_diag_usage(d, "-n: expected N or N-M with 1 <= N <= M "
		    "<= 32: '%s'", arg);
		return -1;
	}
	*lo = (int)a;
	*hi = (int)b;
	return 0;
}

static int
parse_window(ctk_diag *d, const char *arg, int *left, int *right)
{
	char *end;
	long l, r;

	l = strtol(arg, &end, 10);
	r = l;
	if (*end == ',')
		r = strtol(end + 1, &end, 10);
	if (end == arg || *end != '\0' || l < 0 || r < 0 || l > 1000 ||
	    r > 1000 || l + r == 0) {
		ctk_diag_usage(d, "--window: expected L,R (0 to 1000, not "
		    "both 0): '%s'", arg);
		return -1;
	}
	*left = (int)l;
	*right = (int)r;
	return 0;
}

/* "bad value 'wek' for --unit; did you mean 'week'?", or the values
 * when none is near. */
static void
bad_choice(ctk_diag *d, int c, const char *arg)
{
	static const char *const g2[] = { "2term", "4term" };
	static const char *const correction[] = { "none", "bonferroni",
	    "sidak" };
	static const char *const unit[] = { "day", "week", "month", "year" };
	static const char *const format[] = { "tsv", "csv", "jsonl" };
	const char *const *names = NULL;
	const char *name = longopts[c - 256].name, *near;
	size_t n = 0;

	switch (c) {
	case OPT_G2: names = g2; n = 2; break;
	case OPT_CORRECTION: names = correction; n = 3; break;
	case OPT_UNIT: names = unit; n = 4; break;
	case OPT_FORMAT: names = format; n = 3; break;
	}
	near = names != NULL ? ctk_suggest(arg, names, n) : NULL;
	if (near != NULL)
		ctk_diag_usage(d, "bad value '%s' for --%s; did you mean "
		    "'%s'?", arg, name, near);
	else
		ctk_diag_usage(d, "bad value '%s' for --%s", arg, name);
}

static int
parse_choice(ctk_diag *d, int c, const char *arg, struct opts *o)
{
	char *end;

	switch (c) {
	case OPT_G2:
		if (strcmp(arg, "2term") && strcmp(arg, "4term"))
			break;
		o->g2_4term = strcmp(arg, "4term") == 0;
		return 0;
	case OPT_CORRECTION:
		if (strcmp(arg, "none") == 0)
			o->correction = CTK_CORRECT_NONE;
		else if (strcmp(arg, "bonferroni") == 0)
			o->correction = CTK_CORRECT_BONFERRONI;
		else if (strcmp(arg, "sidak") == 0)
			o->correction = CTK_CORRECT_SIDAK;
		else
			break;
		return 0;
	case OPT_ALPHA:
		o->alpha = strtod(arg, &end);
		if (*arg == '\0' || *end != '\0' || !(o->alpha > 0) ||
		    !(o->alpha < 1))
			break;
		return 0;
	case OPT_UNIT:
		if (ctk_period_unit_parse(arg, &o->unit) != 0)
			break;
		return 0;
	case OPT_FORMAT:
		if (ctk_format_parse(arg, &o->format) != 0)
			break;
		return 0;
	}
	bad_choice(d, c, arg);
	return -1;
}

static int
add_term(struct opts *o, const char *arg)
{
	const char **v = realloc(o->terms, (o->n_terms + 1) * sizeof *v);

	if (v == NULL)
		return -1;
	o->terms = v;
	o->terms[o->n_terms++] = arg;
	o->term = arg;
	return 0;
}

/* One option of the subcommand; -1 after a usage error. */
static int
parse_option(struct run *run, int c, const char *arg, const char **out)
{
	struct opts *o = &run->o;
	ctk_diag *d = &run->diag;

	if (c >= 256)
		o->given |= B(c);
	switch (c) {
	case OPT_BY: o->by = arg; return 0;
	case OPT_COLUMN: o->column = arg; return 0;
	case OPT_VERTICAL: o->vertical = 1; return 0;
	case OPT_TOP: return parse_count(d, "--top", arg, &o->top);
	case OPT_MIN_COUNT:
		return parse_count(d, "--min-count", arg, &o->min_count);
	case OPT_MIN_FREQ:
		return parse_count(d, "--min-freq", arg, &o->min_freq);
	case OPT_UNIQUE: o->unique = 1; return 0;
	case OPT_YATES: o->yates = 1; return 0;
	case OPT_MEASURE: o->measure = arg; return 0;
	case OPT_EXACT: o->exact = 1; return 0;
	case OPT_TARGET: o->target = arg; return 0;
	case OPT_NODE: o->node = arg; return 0;
	case OPT_PAIRS: o->pairs = 1; return 0;
	case OPT_WINDOW: return parse_window(d, arg, &o->left, &o->right);
	case OPT_TERM: return add_term(o, arg) == 0 ? 0 : -1;
	case OPT_PLOT: o->plot = arg; return 0;
	case OPT_GRAPHML: o->graphml = 1; return 0;
	case OPT_NODES: o->nodes = 1; return 0;
	case OPT_STRICT: d->strict = 1; return 0;
	case OPT_PROGRESS: o->progress = 1; return 0;
	case OPT_VERSION:
		ctk_tool_version("ctk-stats");
		exit(0);
	case 'n': return parse_range(d, arg, &o->n_min, &o->n_max);
	case 'o': *out = arg; return 0;
	case 'q': d->quiet = 1; o->progress = 0; return 0;
	case 'h': usage_exit(d, 0); return 0;
	case OPT_G2: case OPT_CORRECTION: case OPT_ALPHA: case OPT_UNIT:
	case OPT_FORMAT:
		return parse_choice(d, c, arg, o);
	default:
		ctk_diag_usage(d, "unknown option");
		return -1;
	}
}

static int
bad_subcommand(ctk_diag *d, const char *name)
{
	const char *names[sizeof subcommands / sizeof subcommands[0]];
	size_t i;

	for (i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
		names[i] = subcommands[i].name;
	return ctk_tool_bad_subcommand(d, "subcommand", name, names,
	    sizeof subcommands / sizeof subcommands[0]);
}

static const struct subcommand *
find_subcommand(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++) {
		if (strcmp(subcommands[i].name, name) == 0)
			return &subcommands[i];
	}
	return NULL;
}

/* Options given that the subcommand does not take are usage errors, so
 * that a misplaced flag never silently does nothing. */
static int
check_allowed(struct run *run, const struct subcommand *sc, int saw_n)
{
	unsigned long long extra = run->o.given & ~(sc->allowed | COMMON);
	int i;

	if (saw_n && !sc->ngrams) {
		ctk_diag_usage(&run->diag, "-n is for ngrams only");
		return -1;
	}
	for (i = 0; extra != 0 && longopts[i].name != NULL; i++) {
		if (extra & B(longopts[i].val)) {
			ctk_diag_usage(&run->diag, "--%s does not apply to "
			    "stats %s", longopts[i].name, sc->name);
			return -1;
		}
	}
	if (run->o.graphml && (run->o.nodes ||
	    (run->o.given & B(OPT_FORMAT)))) {
		ctk_diag_usage(&run->diag, "--graphml excludes --nodes and "
		    "--format");
		return -1;
	}
	return 0;
}

static void
set_defaults(struct opts *o)
{
	memset(o, 0, sizeof *o);
	o->column = "tokens";
	o->n_min = o->n_max = 2;
	o->g2_4term = 1;
	o->left = o->right = 5;
	o->min_freq = 1;
	o->unit = CTK_PERIOD_DAY;
	o->format = CTK_FORMAT_TSV;
	o->progress = -1;
}

int
main(int argc, char **argv)
{
	static struct run run;
	const struct subcommand *sc;
	const char *out_path = NULL;
	int c, saw_n = 0, status;

	ctk_tool_init();
	ctk_diag_init(&run.diag, "ctk-stats");
	set_defaults(&run.o);
	if (argc < 2 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0)
		usage_exit(&run.diag, argc < 2 ? 2 : 0);
	if (strcmp(argv[1], "--version") == 0) {
		ctk_tool_version("ctk-stats");
		return 0;
	}
	sc = find_subcommand(argv[1]);
	if (sc == NULL)
		return bad_subcommand(&run.diag, argv[1]);
	/* argv[1] plays the program name so that getopt starts after it */
	opterr = 0;
	while ((c = getopt_long(argc - 1, argv + 1, "hn:o:q", longopts,
	    NULL)) != -1) {
		saw_n |= c == 'n';
		if (c == 'h')
			subcommand_help(sc);
		if (c == '?')
			return ctk_tool_bad_option(&run.diag, argv + 1,
			    "hn:o:q", longopts);
		if (parse_option(&run, c, optarg, &out_path) != 0)
			return 2;
	}
	if (check_allowed(&run, sc, saw_n) != 0)
		return 2;
	run.out = ctk_tool_open_output(&run.diag, out_path);
	run.w = ctk_tsv_writer_new(run.out, run.o.format);
	run.seen_texts = ctk_counter_new();
	ctk_buf_init(&run.fold);
	if (run.w == NULL || run.seen_texts == NULL) {
		lib_failed(&run, CTK_ENOMEM);
		return 2;
	}
	if (sc->fn == NULL)
		run_counts(&run, argc - 1 - optind, argv + 1 + optind,
		    sc->ngrams);
	else
		sc->fn(&run, argc - 1 - optind, argv + 1 + optind);
	ctk_tsv_writer_free(run.w);
	if (run.out != stdout && fclose(run.out) != 0)
		ctk_diag_msg(&run.diag, CTK_DIAG_FATAL, out_path, 0, 0,
		    "cannot write: %s", strerror(errno));
	status = ctk_tool_finish(&run.diag);
	ctk_counter_free(run.seen_texts);
	ctk_buf_release(&run.fold);
	free(run.o.terms);
	return status;
}

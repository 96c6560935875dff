/*
 * ctk-kwic: keyword in context from a ctk document stream. Reads the text
 * column, finds the query (lib/kwic.c) and writes id left match right,
 * in input order or sorted by the words around the match.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"
#include "kwic.h"

static const char usage_text[] =
    "usage: ctk kwic [--width N | --tokens N] [--sort KEY[,KEY...]]\n"
    "           [--column NAME] [-o FILE] [--format tsv|csv|jsonl] [-q]\n"
    "           [--strict] [--progress] TERM | --regex RE [FILE ...]\n"
    "       ctk kwic -h | --version\n";

static const char help_tail[] =
    "\n"
    "  --width N      context of N characters each side (default 40)\n"
    "  --tokens N     context of N words each side instead\n"
    "  --sort KEYS    left1..left5, right1..right5, match (comma list)\n"
    "  --regex RE     each space-separated part is an ICU regex that must\n"
    "                 match a whole word (case-insensitive)\n"
    "  --column NAME  the text column (default text)\n"
    "  -o, --output FILE\n"
    "                 output file (default standard output)\n"
    "  --format F     tsv (default), csv or jsonl\n"
    "  -q, --quiet    no warnings, no progress; --progress: always\n"
    "  --strict       stop at the first bad record\n"
    "  -h, --help     this help; --version: the version\n"
    "\n"
    "examples:\n"
    "  ctk kwic état corpus.tsv\n"
    "  ctk kwic --sort right1,right2 --tokens 5 'guerre en' corpus.tsv\n";

enum { OPT_WIDTH = 256, OPT_TOKENS, OPT_SORT, OPT_COLUMN, OPT_REGEX,
	OPT_FORMAT, OPT_STRICT, OPT_PROGRESS, OPT_VERSION };

static const struct option longopts[] = {
	{ "width", required_argument, NULL, OPT_WIDTH },
	{ "tokens", required_argument, NULL, OPT_TOKENS },
	{ "sort", required_argument, NULL, OPT_SORT },
	{ "column", required_argument, NULL, OPT_COLUMN },
	{ "regex", required_argument, NULL, OPT_REGEX },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "progress", no_argument, NULL, OPT_PROGRESS },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "output", required_argument, NULL, 'o' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* A sort key: which word (0 = the match, -k = k-th left, +k = k-th
 * right). */
#define MAX_KEYS 11

/* A hit kept for sorting: offsets into the arena. */
typedef struct kept {
	size_t seq;
	size_t id, left, match, right;		/* NUL-terminated */
	size_t words[2 * CTK_KWIC_SORT_WORDS + 1];	/* by key index */
	size_t word_lens[2 * CTK_KWIC_SORT_WORDS + 1];
} kept;

struct run {
	ctk_diag diag;
	ctk_tsv_writer *w;
	const char *id;
	int keys[MAX_KEYS];
	int n_keys;
	ctk_buf arena;
	kept *hits;
	size_t n_hits, cap_hits;
};

/* The arena, read by the comparison function. */
static const ctk_buf *sort_arena;
static const int *sort_keys;
static int sort_n_keys;

static int
parse_sort(ctk_diag *d, const char *arg, struct run *run)
{
	char buf[256], *tok, *save = NULL;
	int k;

	snprintf(buf, sizeof buf, "%s", arg);
	for (tok = strtok_r(buf, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		if (run->n_keys == MAX_KEYS)
			break;
		if (strcmp(tok, "match") == 0)
			k = 0;
		else if (strncmp(tok, "left", 4) == 0 && tok[4] >= '1' &&
		    tok[4] <= '0' + CTK_KWIC_SORT_WORDS && tok[5] == '\0')
			k = -(tok[4] - '0');
		else if (strncmp(tok, "right", 5) == 0 && tok[5] >= '1' &&
		    tok[5] <= '0' + CTK_KWIC_SORT_WORDS && tok[6] == '\0')
			k = tok[5] - '0';
		else {
			ctk_diag_usage(d, "--sort: unknown key '%s' (left1..left%d"
			    ", right1..right%d, match)", tok,
			    CTK_KWIC_SORT_WORDS, CTK_KWIC_SORT_WORDS);
			return -1;
		}
		run->keys[run->n_keys++] = k;
	}
	return 0;
}

static size_t
store(struct run *run, const char *s, size_t len)
{
	size_t off = run->arena.len;

	if (ctk_buf_append(&run->arena, s, len) != 0 ||
	    ctk_buf_append_char(&run->arena, '\0') != 0)
		return SIZE_MAX;
	return off;
}

static int
keep_hit(struct run *run, const ctk_kwic_hit *h)
{
	kept *k;
	int i;

	if (run->n_hits == run->cap_hits) {
		size_t cap = run->cap_hits ? run->cap_hits * 2 : 256;
		kept *v = realloc(run->hits, cap * sizeof *v);

		if (v == NULL)
			return CTK_ENOMEM;
		run->hits = v;
		run->cap_hits = cap;
	}
	k = &run->hits[run->n_hits];
	k->seq = run->n_hits;
	k->id = store(run, run->id, strlen(run->id));
	k->left = store(run, h->left.s, h->left.len);
	k->match = store(run, h->match.s, h->match.len);
	k->right = store(run, h->right.s, h->right.len);
	for (i = 0; i < 2 * CTK_KWIC_SORT_WORDS + 1; i++) {
		int key = i - CTK_KWIC_SORT_WORDS;
		ctk_str w = key == 0 ? h->match_folded : key < 0 ?
		    h->left_words[-key - 1] : h->right_words[key - 1];

		k->words[i] = store(run, w.s ? w.s : "", w.len);
		k->word_lens[i] = w.len;
		if (k->words[i] == SIZE_MAX)
			return CTK_ENOMEM;
	}
	if (k->id == SIZE_MAX || k->left == SIZE_MAX ||
	    k->match == SIZE_MAX || k->right == SIZE_MAX)
		return CTK_ENOMEM;
	run->n_hits++;
	return 0;
}

static void
write_hit(struct run *run, const char *left, size_t llen, const char *match,
    size_t mlen, const char *right, size_t rlen)
{
	ctk_tsv_writer_field(run->w, run->id, strlen(run->id));
	ctk_tsv_writer_field(run->w, left, llen);
	ctk_tsv_writer_field(run->w, match, mlen);
	ctk_tsv_writer_field(run->w, right, rlen);
	ctk_tsv_writer_end_record(run->w);
}

static int
on_hit(void *ctx, const ctk_kwic_hit *h)
{
	struct run *run = ctx;

	if (run->n_keys > 0)
		return keep_hit(run, h);
	write_hit(run, h->left.s, h->left.len, h->match.s, h->match.len,
	    h->right.s, h->right.len);
	return 0;
}

static int
kept_cmp(const void *pa, const void *pb)
{
	const kept *a = pa, *b = pb;
	int i, r;

	for (i = 0; i < sort_n_keys; i++) {
		int slot = sort_keys[i] + CTK_KWIC_SORT_WORDS;
		size_t la = a->word_lens[slot], lb = b->word_lens[slot];

		r = memcmp(sort_arena->data + a->words[slot],
		    sort_arena->data + b->words[slot], la < lb ? la : lb);
		if (r == 0)
			r = (la > lb) - (la < lb);
		if (r != 0)
			return r;
	}
	return (a->seq > b->seq) - (a->seq < b->seq);
}

static void
write_sorted(struct run *run)
{
	const char *base;
	size_t i;

	sort_arena = &run->arena;
	sort_keys = run->keys;
	sort_n_keys = run->n_keys;
	if (run->n_hits > 0)
		qsort(run->hits, run->n_hits, sizeof *run->hits, kept_cmp);
	base = run->arena.data;
	for (i = 0; i < run->n_hits; i++) {
		const kept *k = &run->hits[i];

		run->id = base + k->id;
		write_hit(run, base + k->left, strlen(base + k->left),
		    base + k->match, strlen(base + k->match),
		    base + k->right, strlen(base + k->right));
	}
}

static void
scan_file(struct run *run, ctk_kwic *k, const char *path, const char *column,
    int progress)
{
	ctk_error err;
	ctk_input *in = ctk_input_open(path, &err);
	ctk_tsv_reader *r = NULL;
	const char *name = path ? path : "<stdin>", *text;
	int col_text, col_id, rc;
	ctk_progress prog;
	uint64_t n = 0;
	size_t len;

	if (in == NULL || (r = ctk_tsv_reader_new(in, &err)) == NULL) {
		ctk_diag_report(&run->diag, CTK_DIAG_ERROR, name, &err);
		goto done;
	}
	name = ctk_input_name(in);
	col_text = ctk_tsv_col(r, column);
	col_id = ctk_tsv_col(r, "id");
	if (col_text < 0) {
		ctk_diag_msg(&run->diag, CTK_DIAG_FATAL, name, 1, 0,
		    "no column '%s'", column);
		goto done;
	}
	ctk_progress_init(&prog, stderr, progress,
	    ctk_input_size(in) > 0 ? (uint64_t)ctk_input_size(in) : 0);
	while ((rc = ctk_tsv_read(r, &err)) != 0) {
		if (rc == 1) {
			run->id = col_id >= 0 ?
			    ctk_tsv_field(r, (size_t)col_id, NULL) : "";
			text = ctk_tsv_field(r, (size_t)col_text, &len);
			rc = ctk_kwic_scan(k, text, len, on_hit, run, &err);
			if (rc == CTK_EFORMAT)
				err.line = ctk_tsv_line(r);
		}
		if (rc == CTK_EFORMAT) {
			ctk_diag_report(&run->diag, CTK_DIAG_ERROR, name, &err);
			if (ctk_diag_should_stop(&run->diag))
				break;
		} else if (rc < 0) {
			ctk_diag_report(&run->diag, CTK_DIAG_FATAL, name, &err);
			break;
		}
		if (++n % 256 == 0)
			ctk_progress_update(&prog, ctk_input_raw_offset(in), n);
	}
	ctk_progress_finish(&prog);
done:
	ctk_tsv_reader_free(r);
	if (in != NULL)
		ctk_input_close(in);
}

static int
parse_int(ctk_diag *d, const char *opt, const char *arg, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno != 0 || *arg == '\0' || *end != '\0' || v < 0 ||
	    v > 100000) {
		ctk_diag_usage(d, "%s: expected a number from 0 to 100000: "
		    "'%s'", opt, arg);
		return -1;
	}
	*out = (int)v;
	return 0;
}

struct args {
	const char *out_path, *regex, *column;
	ctk_format format;
	int width, tokens, progress;
};

/* Parses the options; returns 0, or an exit status (0 after --help). */
static int
parse_args(struct run *run, struct args *a, int argc, char **argv, int *done)
{
	int c;

	*done = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "ho:q", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_WIDTH:
			if (parse_int(&run->diag, "--width", optarg, &a->width))
				return 2;
			break;
		case OPT_TOKENS:
			if (parse_int(&run->diag, "--tokens", optarg,
			    &a->tokens))
				return 2;
			/* no words of context: the same as no characters */
			if (a->tokens == 0)
				a->width = 0;
			break;
		case OPT_SORT:
			if (parse_sort(&run->diag, optarg, run) != 0)
				return 2;
			break;
		case OPT_COLUMN: a->column = optarg; break;
		case OPT_REGEX: a->regex = optarg; break;
		case OPT_FORMAT:
			if (ctk_format_parse(optarg, &a->format) != 0) {
				ctk_diag_usage(&run->diag, "bad format '%s'",
				    optarg);
				return 2;
			}
			break;
		case OPT_STRICT: run->diag.strict = 1; break;
		case OPT_PROGRESS: a->progress = 1; break;
		case OPT_VERSION:
			ctk_tool_version("ctk-kwic");
			*done = 1;
			return 0;
		case 'o': a->out_path = optarg; break;
		case 'q': run->diag.quiet = 1; a->progress = 0; break;
		case 'h':
			fputs(usage_text, stdout);
			fputs(help_tail, stdout);
			*done = 1;
			return 0;
		default:
			return ctk_tool_bad_option(&run->diag, argv, "ho:q",
			    longopts);
		}
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static struct run run;
	const char *names[] = { "id", "left", "match", "right" };
	struct args a = { NULL, NULL, "text", CTK_FORMAT_TSV, 40, 0, -1 };
	int i, status, done;
	ctk_error err;
	ctk_kwic *k;
	FILE *out;

	ctk_tool_init();
	ctk_diag_init(&run.diag, "ctk-kwic");
	ctk_buf_init(&run.arena);
	if ((status = parse_args(&run, &a, argc, argv, &done)) != 0 || done)
		return status;
	if (a.regex == NULL && optind >= argc) {
		ctk_diag_usage(&run.diag, "a TERM or --regex RE is needed");
		return 2;
	}
	k = ctk_kwic_new(a.regex ? a.regex : argv[optind++], a.regex != NULL,
	    a.width, a.tokens, &err);
	if (k == NULL) {
		ctk_diag_usage(&run.diag, "%s", err.msg);
		return 2;
	}
	out = ctk_tool_open_output(&run.diag, a.out_path);
	run.w = ctk_tsv_writer_new(out, a.format);
	ctk_tsv_writer_header(run.w, names, 4);
	if (optind >= argc)
		scan_file(&run, k, NULL, a.column, a.progress);
	for (i = optind; i < argc && !ctk_diag_should_stop(&run.diag); i++)
		scan_file(&run, k, strcmp(argv[i], "-") ? argv[i] : NULL,
		    a.column, a.progress);
	if (run.n_keys > 0 && !ctk_diag_should_stop(&run.diag))
		write_sorted(&run);
	ctk_tsv_writer_free(run.w);
	if (out != stdout && fclose(out) != 0)
		ctk_diag_msg(&run.diag, CTK_DIAG_FATAL, a.out_path, 0, 0,
		    "cannot write: %s", strerror(errno));
	status = ctk_tool_finish(&run.diag);
	ctk_kwic_free(k);
	ctk_buf_release(&run.arena);
	free(run.hits);
	return status;
}

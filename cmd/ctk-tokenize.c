/*
 * ctk-tokenize: reads the document stream and adds a tokens column, or
 * writes one token (--vertical) or one sentence (--sentences) per line.
 * The rules live in lib/tokenize.c; this file wires options and streams.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tokenize.h"
#include "tool.h"
#include "tsvbatch.h"
#include "workers.h"

static const char usage_text[] =
"usage: ctk tokenize [-q] [--strict] [--progress] [-c column]\n"
"           [--vertical | --sentences] [--punct] [--types list]\n"
"           [--lower | --keep-case] [--nfkc] [--strip-accents]\n"
"           [--stopwords list | file] [--stem] [--lang code] [--ngrams n[-m]]\n"
"           [--min-length n] [--format tsv | csv | jsonl] [-j n] [-o file]\n"
"           [file ...]\n";

static const char help_text[] =
"\n"
"Splits the text column into tokens: words, numbers, urls, emails,\n"
"mentions, hashtags, emoji (and punctuation); appends a tokens column.\n"
"\n"
"layout:  -c, --column NAME (default text); --vertical (id sent pos token\n"
"         type); --sentences (id sent text)\n"
"keep:    --punct; --types LIST (word,number,url,email,mention,hashtag,\n"
"         emoji,punct,ngram); --min-length N; --stopwords LIST|FILE (fr,en)\n"
"form:    --lower (default) or --keep-case; --nfkc; --strip-accents;\n"
"         --stem (Snowball, lang column or --lang CODE); --ngrams N[-M]\n"
"run:     --format tsv|csv|jsonl; -o, --output FILE; -j, --jobs N (same\n"
"         output for any N); -q, --quiet; --strict; --progress; -h, --help;\n"
"         --version\n"
"\n"
"examples:\n"
"  ctk ingest export.json | ctk tokenize --stopwords fr,en | ctk stats freq\n"
"  ctk tokenize --vertical --punct docs.tsv | head\n";

enum {
	OPT_VERTICAL = 256, OPT_SENTENCES, OPT_PUNCT, OPT_TYPES, OPT_LOWER,
	OPT_KEEP_CASE, OPT_NFKC, OPT_STRIP, OPT_STOPWORDS, OPT_STEM,
	OPT_LANG, OPT_NGRAMS, OPT_MINLEN, OPT_FORMAT, OPT_STRICT,
	OPT_PROGRESS, OPT_VERSION
};

static const struct option long_options[] = {
	{ "column", required_argument, NULL, 'c' },
	{ "vertical", no_argument, NULL, OPT_VERTICAL },
	{ "sentences", no_argument, NULL, OPT_SENTENCES },
	{ "punct", no_argument, NULL, OPT_PUNCT },
	{ "types", required_argument, NULL, OPT_TYPES },
	{ "lower", no_argument, NULL, OPT_LOWER },
	{ "keep-case", no_argument, NULL, OPT_KEEP_CASE },
	{ "nfkc", no_argument, NULL, OPT_NFKC },
	{ "strip-accents", no_argument, NULL, OPT_STRIP },
	{ "stopwords", required_argument, NULL, OPT_STOPWORDS },
	{ "stem", no_argument, NULL, OPT_STEM },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "ngrams", required_argument, NULL, OPT_NGRAMS },
	{ "min-length", required_argument, NULL, OPT_MINLEN },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "jobs", required_argument, NULL, 'j' },
	{ "output", required_argument, NULL, 'o' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "progress", no_argument, NULL, OPT_PROGRESS },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

enum mode { MODE_COLUMN, MODE_VERTICAL, MODE_SENTENCES };

/* Text held by a batch: big enough that the threads rarely meet. */
#define BATCH_BYTES (256 * 1024)

/* What one worker thread owns: its tokenizer, and a writer into its
 * in-memory sink, so that the output code is the same for any -j. */
struct worker {
	ctk_tok *tok;
	ctk_tsvbatch_sink *sink;
	FILE *file;		/* the sink's FILE */
	ctk_tsv_writer *out;	/* writes to file */
	enum mode mode;
	ctk_format fmt;
	ctk_buf tokens;		/* the tokens column being built */
	ctk_buf id;		/* id of the current record */
	ctk_buf line;		/* --vertical TSV: the escaped id, then a line */
	size_t id_escaped_len;
	const char *text;	/* text of the current record (sentences) */
};

struct run {
	ctk_diag *diag;
	struct worker *workers;
	int n_workers;
	enum mode mode;
	const char *column;
	ctk_format fmt;
	ctk_tsv_writer *out;	/* the real output */
	FILE *file;
	char header[4096];	/* header of the first input, for later ones */
	int have_header;
	unsigned char *keep;	/* column mode: input columns kept */
	size_t n_cols;
	ctk_progress progress;
	uint64_t bytes_before;
	uint64_t records;
	/* the input being read */
	ctk_input *in;
	ctk_tsv_reader *rd;
	const char *name;
	int text_col, lang_col, id_col;
	int at_end;
	void **batches;
	size_t n_batches;
};

static int
parse_count(const char *s, long max, long *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (end == s || *end != '\0' || v < 1 || v > max)
		return -1;
	*out = v;
	return 0;
}

static int
parse_ngrams(const char *s, ctk_tok_options *o)
{
	char *end;
	long a, b;

	a = strtol(s, &end, 10);
	b = a;
	if (end != s && *end == '-')
		b = strtol(end + 1, &end, 10);
	if (*end != '\0' || a < 1 || b < a || b > 8)
		return -1;
	o->ngram_min = (int)a;
	o->ngram_max = (int)b;
	return 0;
}

static int
on_token_column(const ctk_tok_token *tok, void *arg)
{
	struct worker *w = arg;
	ctk_buf *b = &w->tokens;

	if (b->len + tok->len + 2 > b->cap &&
	    ctk_buf_grow(b, tok->len + 1) < 0)
		return CTK_ENOMEM;
	if (b->len > 0)
		b->data[b->len++] = ' ';
	memcpy(b->data + b->len, tok->text, tok->len);
	b->len += tok->len;
	b->data[b->len] = '\0';
	return 0;
}

/* --vertical in TSV writes a whole line at once: one fwrite per token
 * instead of one per field keeps the token stream cheap. */
static int
append_tab_number(ctk_buf *b, size_t n)
{
	char digits[24];
	size_t i = sizeof digits;

	do {
		digits[--i] = (char)('0' + n % 10);
		n /= 10;
	} while (n > 0);
	digits[--i] = '\t';
	return ctk_buf_append(b, digits + i, sizeof digits - i);
}

static int
vertical_tsv_line(struct worker *w, const ctk_tok_token *tok)
{
	ctk_buf *b = &w->line;

	b->len = w->id_escaped_len;
	if (append_tab_number(b, tok->sent) < 0 ||
	    append_tab_number(b, tok->pos) < 0 ||
	    ctk_buf_append_char(b, '\t') < 0 ||
	    ctk_tsv_escape(b, tok->text, tok->len) < 0 ||
	    ctk_buf_append_char(b, '\t') < 0 ||
	    ctk_buf_append_str(b, ctk_tok_type_name(tok->type)) < 0 ||
	    ctk_buf_append_char(b, '\n') < 0)
		return CTK_ENOMEM;
	return fwrite(b->data, 1, b->len, w->file) == b->len ? 0 : CTK_EIO;
}

static int
on_token_vertical(const ctk_tok_token *tok, void *arg)
{
	struct worker *w = arg;
	char sent[32], pos[32];
	const char *type = ctk_tok_type_name(tok->type);
	ctk_str f[5];

	if (w->fmt == CTK_FORMAT_TSV)
		return vertical_tsv_line(w, tok);

	snprintf(sent, sizeof sent, "%zu", tok->sent);
	snprintf(pos, sizeof pos, "%zu", tok->pos);
	f[0] = (ctk_str){ w->id.data, w->id.len };
	f[1] = (ctk_str){ sent, strlen(sent) };
	f[2] = (ctk_str){ pos, strlen(pos) };
	f[3] = (ctk_str){ tok->text, tok->len };
	f[4] = (ctk_str){ type, strlen(type) };
	return ctk_tsv_writer_record(w->out, f, 5) < 0 ? CTK_EIO : 0;
}

static int
on_sentence(size_t sent, size_t start, size_t end, void *arg)
{
	struct worker *w = arg;
	char num[32];
	ctk_str f[3];

	snprintf(num, sizeof num, "%zu", sent);
	f[0] = (ctk_str){ w->id.data, w->id.len };
	f[1] = (ctk_str){ num, strlen(num) };
	f[2] = (ctk_str){ w->text + start, end - start };
	return ctk_tsv_writer_record(w->out, f, 3) < 0 ? CTK_EIO : 0;
}

/* The header as one string, to check that every input has the first
 * input's columns. */
static void
header_signature(const ctk_tsv_reader *rd, char *out, size_t size)
{
	size_t i, n = 0;

	out[0] = '\0';
	for (i = 0; i < ctk_tsv_ncols(rd) && n < size; i++)
		n += (size_t)snprintf(out + n, size - n, "%s\t",
		    ctk_tsv_colname(rd, i));
}

static int
header_to(ctk_tsv_writer *w, enum mode mode, const ctk_tsv_reader *rd)
{
	static const char *const tokens_col[] = { "tokens" };
	static const char *const vertical[] = {
		"id", "sent", "pos", "token", "type"
	};
	static const char *const sentences[] = { "id", "sent", "text" };

	if (mode == MODE_VERTICAL)
		return ctk_tsv_writer_header(w, vertical, 5);
	if (mode == MODE_SENTENCES)
		return ctk_tsv_writer_header(w, sentences, 3);
	return ctk_tsv_writer_header_extend(w, rd, tokens_col, 1);
}

/* Each worker's writer gets the header too (for the column count and the
 * JSON keys); what it writes of it is thrown away. */
static int
setup_workers(struct run *r, const ctk_tsv_reader *rd)
{
	struct worker *w;
	size_t i;
	int k;

	r->n_cols = ctk_tsv_ncols(rd);
	if ((r->keep = calloc(r->n_cols ? r->n_cols : 1, 1)) == NULL)
		return CTK_ENOMEM;
	for (i = 0; i < r->n_cols; i++)
		r->keep[i] = strcmp(ctk_tsv_colname(rd, i), "tokens") != 0;
	for (k = 0; k < r->n_workers; k++) {
		w = &r->workers[k];
		if ((w->out = ctk_tsv_writer_new(w->file, r->fmt)) == NULL ||
		    header_to(w->out, r->mode, rd) < 0 ||
		    ctk_tsvbatch_sink_drain(w->sink, NULL) < 0)
			return CTK_ENOMEM;
	}
	return 0;
}

static int
write_header(struct run *r, const ctk_tsv_reader *rd, const char *name)
{
	char sig[sizeof r->header];

	header_signature(rd, sig, sizeof sig);
	if (r->have_header) {
		if (r->mode == MODE_COLUMN && strcmp(sig, r->header) != 0) {
			ctk_diag_msg(r->diag, CTK_DIAG_ERROR, name, 1, 0,
			    "columns differ from the first input's; "
			    "file skipped");
			return -1;
		}
		return 0;
	}
	memcpy(r->header, sig, sizeof sig);
	r->have_header = 1;
	if (setup_workers(r, rd) < 0) {
		ctk_diag_msg(r->diag, CTK_DIAG_FATAL, name, 1, 0,
		    "out of memory");
		return -1;
	}
	return header_to(r->out, r->mode, rd);
}

static void
record_id(struct worker *w, const ctk_tsvbatch *b, size_t i, int id_col)
{
	size_t len = 0;
	const char *id = id_col >= 0 ? ctk_tsvbatch_field(b, i,
	    (size_t)id_col, &len) : NULL;

	ctk_buf_reset(&w->id);
	if (id != NULL && len > 0)
		ctk_buf_append(&w->id, id, len);
	else
		ctk_buf_printf(&w->id, "%ld", ctk_tsvbatch_line(b, i));
	ctk_buf_reset(&w->line);
	ctk_tsv_escape(&w->line, ctk_buf_str(&w->id), w->id.len);
	w->id_escaped_len = w->line.len;
}

/* The record with its columns but "tokens", then the tokens: what
 * ctk_tsv_writer_extend() writes, from a batch instead of a reader. */
static int
write_record(const struct run *r, struct worker *w, const ctk_tsvbatch *b,
    size_t i)
{
	const char *s;
	size_t col, len;

	for (col = 0; col < r->n_cols; col++) {
		if (!r->keep[col])
			continue;
		s = ctk_tsvbatch_field(b, i, col, &len);
		ctk_tsv_writer_field(w->out, s, len);
	}
	ctk_tsv_writer_field(w->out, w->tokens.data, w->tokens.len);
	ctk_buf_reset(&w->tokens);
	return ctk_tsv_writer_end_record(w->out) < 0 ? CTK_EIO : 0;
}

/* Tokenizes record i of the batch; returns -1 when the run must stop
 * (the note that says why is in the batch). */
static int
do_record(const struct run *r, struct worker *w, ctk_tsvbatch *b, size_t i)
{
	size_t len;
	const char *text = ctk_tsvbatch_field(b, i, (size_t)r->text_col, &len);
	const char *lang = r->lang_col >= 0 ? ctk_tsvbatch_field(b, i,
	    (size_t)r->lang_col, NULL) : NULL;
	ctk_error err;
	int rc;

	ctk_error_clear(&err);
	if (r->mode != MODE_COLUMN)
		record_id(w, b, i, r->id_col);
	w->text = text;
	if (r->mode == MODE_SENTENCES)
		rc = ctk_tok_sentences(w->tok, text, len, on_sentence, w, &err);
	else
		rc = ctk_tok_run(w->tok, text, len, lang, r->mode ==
		    MODE_VERTICAL ? on_token_vertical : on_token_column, w,
		    &err);
	if (rc == CTK_ELIMIT) {
		err.line = ctk_tsvbatch_line(b, i);
		ctk_buf_reset(&w->tokens);
		return ctk_tsvbatch_note(b, w->sink, CTK_DIAG_ERROR, &err) < 0
		    ? -1 : 0;
	}
	if (rc == 0 && r->mode == MODE_COLUMN)
		rc = write_record(r, w, b, i);
	if (rc != 0) {
		ctk_error_set(&err, rc, ctk_tsvbatch_line(b, i), 0, "%s",
		    rc == CTK_EIO ? "cannot write output" : "out of memory");
		ctk_tsvbatch_note(b, w->sink, CTK_DIAG_FATAL, &err);
		return -1;
	}
	return 0;
}

/* ---- the three stages of ctk_workers_run() ---- */

static int
read_batch(void *ctx, void *batch)
{
	struct run *r = ctx;

	return ctk_tsvbatch_fill(batch, r->rd, r->in, BATCH_BYTES,
	    &r->at_end);
}

static int
process_batch(void *ctx, int index, void *batch)
{
	const struct run *r = ctx;
	struct worker *w = &r->workers[index];
	ctk_tsvbatch *b = batch;
	size_t i, n = ctk_tsvbatch_count(b);

	for (i = 0; i < n; i++) {
		if (!ctk_tsvbatch_is_record(b, i)) {
			if (ctk_tsvbatch_note_item(b, w->sink, i) < 0)
				return CTK_ENOMEM;
		} else if (do_record(r, w, b, i) < 0) {
			break;
		}
	}
	return ctk_tsvbatch_sink_drain(w->sink, b) < 0 ? CTK_ENOMEM : 0;
}

static int
write_batch(void *ctx, void *batch)
{
	struct run *r = ctx;
	int rc;

	rc = ctk_tsvbatch_replay(batch, r->file, r->diag, r->name);
	r->records += ctk_tsvbatch_records(batch);
	ctk_progress_update(&r->progress, r->bytes_before +
	    ctk_tsvbatch_offset(batch), r->records);
	return rc;
}

static const ctk_workers_ops pipeline = {
	read_batch, process_batch, write_batch
};

static void
do_input(struct run *r, const char *path)
{
	ctk_error err;

	ctk_error_clear(&err);
	if ((r->in = ctk_input_open(path, &err)) == NULL) {
		ctk_diag_report(r->diag, CTK_DIAG_ERROR, path, &err);
		return;
	}
	r->name = ctk_input_name(r->in);
	if ((r->rd = ctk_tsv_reader_new(r->in, &err)) == NULL) {
		ctk_diag_report(r->diag, CTK_DIAG_ERROR, r->name, &err);
		ctk_input_close(r->in);
		return;
	}
	r->text_col = ctk_tsv_col(r->rd, r->column);
	r->lang_col = ctk_tsv_col(r->rd, "lang");
	r->id_col = ctk_tsv_col(r->rd, "id");
	r->at_end = 0;
	if (r->text_col < 0) {
		ctk_diag_msg(r->diag, CTK_DIAG_FATAL, r->name, 1, 0,
		    "no column '%s' in the header", r->column);
	} else if (write_header(r, r->rd, r->name) == 0 &&
	    ctk_workers_run(r->n_workers, r->batches, r->n_batches, &pipeline, r) ==
	    CTK_ENOMEM) {
		ctk_diag_msg(r->diag, CTK_DIAG_FATAL, r->name, 0, 0,
		    "out of memory");
	}
	r->bytes_before += ctk_input_raw_offset(r->in);
	ctk_tsv_reader_free(r->rd);
	ctk_input_close(r->in);
}

static int
add_stopwords(ctk_tok *tok, char **specs, size_t n, ctk_diag *d)
{
	ctk_error err;
	size_t i;

	for (i = 0; i < n; i++) {
		ctk_error_clear(&err);
		if (ctk_tok_add_stopwords(tok, specs[i], &err) == 0)
			continue;
		if (err.code == CTK_EUSAGE)
			ctk_diag_usage(d, "--stopwords: %s", err.msg);
		else
			ctk_diag_report(d, CTK_DIAG_FATAL, specs[i], &err);
		return -1;
	}
	return 0;
}

/* One tokenizer and one output sink per worker thread. Returns -1 with
 * the reason reported. */
static int
start_workers(struct run *r, const ctk_tok_options *opt, char **stopwords,
    size_t n_stopwords)
{
	struct worker *w;
	ctk_error err;
	int k;

	r->workers = calloc((size_t)r->n_workers, sizeof *r->workers);
	if (r->workers == NULL) {
		ctk_diag_msg(r->diag, CTK_DIAG_FATAL, NULL, 0, 0,
		    "out of memory");
		return -1;
	}
	for (k = 0; k < r->n_workers; k++) {
		w = &r->workers[k];
		w->mode = r->mode;
		w->fmt = r->fmt;
		ctk_error_clear(&err);
		if ((w->tok = ctk_tok_new(opt, &err)) == NULL) {
			ctk_diag_report(r->diag, CTK_DIAG_FATAL, NULL, &err);
			return -1;
		}
		if (add_stopwords(w->tok, stopwords, n_stopwords, r->diag) < 0)
			return -1;
		if ((w->sink = ctk_tsvbatch_sink_new()) == NULL) {
			ctk_diag_msg(r->diag, CTK_DIAG_FATAL, NULL, 0, 0,
			    "out of memory");
			return -1;
		}
		w->file = ctk_tsvbatch_sink_file(w->sink);
	}
	return 0;
}

static void
stop_workers(struct run *r)
{
	struct worker *w;
	size_t i;
	int k;

	for (k = 0; r->workers != NULL && k < r->n_workers; k++) {
		w = &r->workers[k];
		ctk_tsv_writer_free(w->out);
		ctk_tsvbatch_sink_free(w->sink);
		ctk_tok_free(w->tok);
		ctk_buf_release(&w->tokens);
		ctk_buf_release(&w->id);
		ctk_buf_release(&w->line);
	}
	free(r->workers);
	for (i = 0; i < r->n_batches; i++)
		ctk_tsvbatch_free(r->batches[i]);
	free(r->batches);
	free(r->keep);
}

/* Two batches per worker and two more: one being read, one written. */
static int
make_batches(struct run *r)
{
	size_t i;

	r->n_batches = 2 * (size_t)r->n_workers + 2;
	if ((r->batches = calloc(r->n_batches, sizeof *r->batches)) == NULL)
		return -1;
	for (i = 0; i < r->n_batches; i++)
		if ((r->batches[i] = ctk_tsvbatch_new()) == NULL)
			return -1;
	return 0;
}

int
main(int argc, char **argv)
{
	ctk_diag diag;
	ctk_tok_options opt;
	struct run r;
	ctk_format fmt = CTK_FORMAT_TSV;
	char *stopwords[32];
	size_t n_stopwords = 0;
	const char *out_path = NULL, *bad;
	int c, punct = 0, progress_mode = -1;
	long v;
	FILE *out;

	ctk_tool_init();
	ctk_diag_init(&diag, "ctk-tokenize");
	ctk_tok_options_init(&opt);
	memset(&r, 0, sizeof r);
	r.diag = &diag;
	r.column = "text";
	r.n_workers = ctk_workers_default();
	opterr = 0;
	while ((c = getopt_long(argc, argv, "c:j:o:qh", long_options,
	    NULL)) != -1) {
		switch (c) {
		case 'c':
			r.column = optarg;
			break;
		case OPT_VERTICAL:
		case OPT_SENTENCES:
			if (r.mode != MODE_COLUMN) {
				ctk_diag_usage(&diag, "--vertical and "
				    "--sentences exclude each other");
				return 2;
			}
			r.mode = c == OPT_VERTICAL ? MODE_VERTICAL
			    : MODE_SENTENCES;
			break;
		case OPT_PUNCT:
			punct = 1;
			break;
		case OPT_TYPES:
			if (ctk_tok_types_parse(optarg, &opt.types, &bad) < 0) {
				ctk_diag_usage(&diag, "--types: unknown type "
				    "'%s'", bad);
				return 2;
			}
			break;
		case OPT_LOWER:
			opt.fold_case = 1;
			break;
		case OPT_KEEP_CASE:
			opt.fold_case = 0;
			break;
		case OPT_NFKC:
			opt.nfkc = 1;
			break;
		case OPT_STRIP:
			opt.strip_accents = 1;
			break;
		case OPT_STOPWORDS:
			if (n_stopwords == sizeof stopwords / sizeof *stopwords) {
				ctk_diag_usage(&diag, "too many --stopwords");
				return 2;
			}
			stopwords[n_stopwords++] = optarg;
			break;
		case OPT_STEM:
			opt.stem = 1;
			break;
		case OPT_LANG:
			opt.lang = optarg;
			break;
		case OPT_NGRAMS:
			if (parse_ngrams(optarg, &opt) < 0) {
				ctk_diag_usage(&diag, "--ngrams: expected N or "
				    "N-M with 1 <= N <= M <= 8, not '%s'",
				    optarg);
				return 2;
			}
			break;
		case OPT_MINLEN:
			if (parse_count(optarg, 1000000, &v) < 0) {
				ctk_diag_usage(&diag, "--min-length: expected "
				    "a positive number, not '%s'", optarg);
				return 2;
			}
			opt.min_length = (size_t)v;
			break;
		case OPT_FORMAT:
			if (ctk_format_parse(optarg, &fmt) < 0) {
				ctk_diag_usage(&diag, "--format: expected tsv, "
				    "csv or jsonl, not '%s'", optarg);
				return 2;
			}
			break;
		case 'j':
			if (ctk_workers_parse(optarg, &r.n_workers) < 0) {
				ctk_diag_usage(&diag, "--jobs: expected a "
				    "number from 0 to 256, not '%s'", optarg);
				return 2;
			}
			break;
		case 'o':
			out_path = optarg;
			break;
		case 'q':
			diag.quiet = 1;
			progress_mode = 0;
			break;
		case OPT_STRICT:
			diag.strict = 1;
			break;
		case OPT_PROGRESS:
			progress_mode = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			fputs(help_text, stdout);
			return 0;
		case OPT_VERSION:
			ctk_tool_version("ctk-tokenize");
			return 0;
		default:
			return ctk_tool_bad_option(&diag, argv, "c:o:qh",
			    long_options);
		}
	}
	if (punct)
		opt.types |= CTK_TOK_BIT(CTK_TOK_PUNCT);
	if (r.mode == MODE_VERTICAL)
		opt.sentences = 1;
	r.fmt = fmt;
	if (start_workers(&r, &opt, stopwords, n_stopwords) < 0) {
		stop_workers(&r);
		return ctk_tool_finish(&diag);
	}
	out = ctk_tool_open_output(&diag, out_path);
	r.out = ctk_tsv_writer_new(out, fmt);
	r.file = out;
	ctk_progress_init(&r.progress, stderr, progress_mode, 0);
	if (make_batches(&r) < 0) {
		ctk_diag_msg(&diag, CTK_DIAG_FATAL, NULL, 0, 0,
		    "out of memory");
	} else {
		if (optind == argc)
			do_input(&r, "-");
		for (; optind < argc && !ctk_diag_should_stop(&diag); optind++)
			do_input(&r, argv[optind]);
	}
	ctk_progress_finish(&r.progress);
	ctk_tsv_writer_free(r.out);
	if (out != stdout && fclose(out) != 0)
		ctk_diag_msg(&diag, CTK_DIAG_FATAL, out_path, 0, 0,
		    "cannot write");
	stop_workers(&r);
	return ctk_tool_finish(&diag);
}

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

static const char usage_text[] =
"usage: ctk tokenize [-q] [--strict] [--progress] [-c column]\n"
"           [--vertical | --sentences] [--punct] [--types list]\n"
"           [--lower | --keep-case] [--nfkc] [--strip-accents]\n"
"           [--stopwords list | file] [--stem] [--lang code] [--ngrams n[-m]]\n"
"           [--min-length n] [--format tsv | csv | jsonl] [-o file] [file ...]\n";

static const char help_text[] =
"\n"
"Splits the text column of a ctk document stream into tokens: words,\n"
"numbers, urls, emails, mentions, hashtags, emoji (and punctuation).\n"
"\n"
"  -c, --column NAME      column to tokenize (default: text)\n"
"      --vertical         one token per line: id sent pos token type\n"
"      --sentences        one sentence per line: id sent text\n"
"      --punct            keep punctuation tokens\n"
"      --types LIST       keep only these types (word,number,url,email,\n"
"                         mention,hashtag,emoji,punct,ngram)\n"
"      --lower            full Unicode case folding (the default)\n"
"      --keep-case        no case folding\n"
"      --nfkc             NFKC instead of NFC normalization\n"
"      --strip-accents    remove accents (combining marks U+0300-U+036F)\n"
"      --stopwords LIST   drop stopwords: languages (fr,en) or a file\n"
"      --stem             Snowball stems, in the lang column's language\n"
"      --lang CODE        language when the lang column is absent or empty\n"
"      --ngrams N[-M]     n-grams of N (to M) tokens joined by _\n"
"      --min-length N     drop tokens shorter than N characters\n"
"      --format FMT       output as tsv (default), csv or jsonl\n"
"  -o, --output FILE      write to FILE instead of standard output\n"
"  -q, --quiet            no warnings, no progress\n"
"      --strict           stop at the first rejected record\n"
"      --progress         show progress even when stderr is no terminal\n"
"  -h, --help             this help\n"
"      --version          print the version\n"
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
	{ "output", required_argument, NULL, 'o' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "progress", no_argument, NULL, OPT_PROGRESS },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

enum mode { MODE_COLUMN, MODE_VERTICAL, MODE_SENTENCES };

struct run {
	ctk_diag *diag;
	ctk_tok *tok;
	ctk_tsv_writer *out;
	enum mode mode;
	const char *column;
	ctk_buf tokens;		/* the tokens column being built */
	ctk_buf id;		/* id of the current record */
	ctk_buf line;		/* --vertical TSV: the escaped id, then a line */
	size_t id_escaped_len;
	FILE *file;		/* the output */
	ctk_format fmt;
	const char *text;	/* text of the current record (sentences) */
	size_t sent;		/* --vertical: for the sent column */
	char header[4096];	/* header of the first input, for later ones */
	int have_header;
	ctk_progress progress;
	uint64_t bytes_before;
	uint64_t records;
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
	struct run *r = arg;

	if (r->tokens.len > 0 && ctk_buf_append_char(&r->tokens, ' ') < 0)
		return CTK_ENOMEM;
	return ctk_buf_append(&r->tokens, tok->text, tok->len) < 0 ?
	    CTK_ENOMEM : 0;
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
vertical_tsv_line(struct run *r, const ctk_tok_token *tok)
{
	ctk_buf *b = &r->line;

	b->len = r->id_escaped_len;
	if (append_tab_number(b, tok->sent) < 0 ||
	    append_tab_number(b, tok->pos) < 0 ||
	    ctk_buf_append_char(b, '\t') < 0 ||
	    ctk_tsv_escape(b, tok->text, tok->len) < 0 ||
	    ctk_buf_append_char(b, '\t') < 0 ||
	    ctk_buf_append_str(b, ctk_tok_type_name(tok->type)) < 0 ||
	    ctk_buf_append_char(b, '\n') < 0)
		return CTK_ENOMEM;
	return fwrite(b->data, 1, b->len, r->file) == b->len ? 0 : CTK_EIO;
}

static int
on_token_vertical(const ctk_tok_token *tok, void *arg)
{
	struct run *r = arg;
	char sent[32], pos[32];
	const char *type = ctk_tok_type_name(tok->type);
	ctk_str f[5];

	if (r->fmt == CTK_FORMAT_TSV)
		return vertical_tsv_line(r, tok);

	snprintf(sent, sizeof sent, "%zu", tok->sent);
	snprintf(pos, sizeof pos, "%zu", tok->pos);
	f[0] = (ctk_str){ r->id.data, r->id.len };
	f[1] = (ctk_str){ sent, strlen(sent) };
	f[2] = (ctk_str){ pos, strlen(pos) };
	f[3] = (ctk_str){ tok->text, tok->len };
	f[4] = (ctk_str){ type, strlen(type) };
	return ctk_tsv_writer_record(r->out, f, 5) < 0 ? CTK_EIO : 0;
}

static int
on_sentence(size_t sent, size_t start, size_t end, void *arg)
{
	struct run *r = arg;
	char num[32];
	ctk_str f[3];

	snprintf(num, sizeof num, "%zu", sent);
	f[0] = (ctk_str){ r->id.data, r->id.len };
	f[1] = (ctk_str){ num, strlen(num) };
	f[2] = (ctk_str){ r->text + start, end - start };
	return ctk_tsv_writer_record(r->out, f, 3) < 0 ? CTK_EIO : 0;
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
write_header(struct run *r, const ctk_tsv_reader *rd, const char *name)
{
	static const char *const tokens_col[] = { "tokens" };
	static const char *const vertical[] = {
		"id", "sent", "pos", "token", "type"
	};
	static const char *const sentences[] = { "id", "sent", "text" };
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
	if (r->mode == MODE_VERTICAL)
		return ctk_tsv_writer_header(r->out, vertical, 5);
	if (r->mode == MODE_SENTENCES)
		return ctk_tsv_writer_header(r->out, sentences, 3);
	return ctk_tsv_writer_header_extend(r->out, rd, tokens_col, 1);
}

static void
record_id(struct run *r, const ctk_tsv_reader *rd, int id_col)
{
	size_t len = 0;
	const char *id = id_col >= 0 ? ctk_tsv_field(rd, (size_t)id_col, &len)
	    : NULL;

	ctk_buf_reset(&r->id);
	if (id != NULL && len > 0)
		ctk_buf_append(&r->id, id, len);
	else
		ctk_buf_printf(&r->id, "%ld", ctk_tsv_line(rd));
	ctk_buf_reset(&r->line);
	ctk_tsv_escape(&r->line, ctk_buf_str(&r->id), r->id.len);
	r->id_escaped_len = r->line.len;
}

/* Tokenizes the current record; returns -1 when the run must stop. */
static int
do_record(struct run *r, ctk_tsv_reader *rd, int text_col, int lang_col,
    int id_col, const char *name)
{
	size_t len;
	const char *text = ctk_tsv_field(rd, (size_t)text_col, &len);
	const char *lang = lang_col >= 0 ? ctk_tsv_field(rd, (size_t)lang_col,
	    NULL) : NULL;
	ctk_error err;
	ctk_str value;
	int rc;

	ctk_error_clear(&err);
	if (r->mode != MODE_COLUMN)
		record_id(r, rd, id_col);
	r->text = text;
	if (r->mode == MODE_SENTENCES)
		rc = ctk_tok_sentences(r->tok, text, len, on_sentence, r, &err);
	else
		rc = ctk_tok_run(r->tok, text, len, lang, r->mode ==
		    MODE_VERTICAL ? on_token_vertical : on_token_column, r,
		    &err);
	if (rc == CTK_ELIMIT) {
		err.line = ctk_tsv_line(rd);
		ctk_diag_report(r->diag, CTK_DIAG_ERROR, name, &err);
		ctk_buf_reset(&r->tokens);
		return ctk_diag_should_stop(r->diag) ? -1 : 0;
	}
	if (rc != 0) {
		ctk_diag_msg(r->diag, CTK_DIAG_FATAL, name, ctk_tsv_line(rd), 0,
		    "%s", rc == CTK_EIO ? "cannot write output" :
		    "out of memory");
		return -1;
	}
	if (r->mode == MODE_COLUMN) {
		value.s = ctk_buf_str(&r->tokens);
		value.len = r->tokens.len;
		if (ctk_tsv_writer_extend(r->out, rd, &value) < 0)
			return -1;
		ctk_buf_reset(&r->tokens);
	}
	return 0;
}

static void
do_input(struct run *r, const char *path)
{
	ctk_error err;
	ctk_input *in;
	ctk_tsv_reader *rd;
	const char *name;
	int text_col, rc;

	ctk_error_clear(&err);
	if ((in = ctk_input_open(path, &err)) == NULL) {
		ctk_diag_report(r->diag, CTK_DIAG_ERROR, path, &err);
		return;
	}
	name = ctk_input_name(in);
	if ((rd = ctk_tsv_reader_new(in, &err)) == NULL) {
		ctk_diag_report(r->diag, CTK_DIAG_ERROR, name, &err);
		ctk_input_close(in);
		return;
	}
	text_col = ctk_tsv_col(rd, r->column);
	if (text_col < 0) {
		ctk_diag_msg(r->diag, CTK_DIAG_FATAL, name, 1, 0,
		    "no column '%s' in the header", r->column);
	} else if (write_header(r, rd, name) == 0) {
		while ((rc = ctk_tsv_read(rd, &err)) != 0) {
			if (rc == CTK_EFORMAT || rc == CTK_EIO) {
				ctk_diag_report(r->diag, CTK_DIAG_ERROR, name,
				    &err);
				if (rc == CTK_EIO || ctk_diag_should_stop(
				    r->diag))
					break;
				continue;
			}
			if (do_record(r, rd, text_col, ctk_tsv_col(rd, "lang"),
			    ctk_tsv_col(rd, "id"), name) < 0)
				break;
			ctk_progress_update(&r->progress, r->bytes_before +
			    ctk_input_raw_offset(in), ++r->records);
		}
	}
	r->bytes_before += ctk_input_raw_offset(in);
	ctk_tsv_reader_free(rd);
	ctk_input_close(in);
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
	ctk_error err;

	ctk_tool_init();
	ctk_diag_init(&diag, "ctk-tokenize");
	ctk_tok_options_init(&opt);
	memset(&r, 0, sizeof r);
	r.diag = &diag;
	r.column = "text";
	opterr = 0;
	while ((c = getopt_long(argc, argv, "c:o:qh", long_options,
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
	ctk_error_clear(&err);
	if ((r.tok = ctk_tok_new(&opt, &err)) == NULL) {
		ctk_diag_report(&diag, CTK_DIAG_FATAL, NULL, &err);
		return ctk_tool_finish(&diag);
	}
	if (add_stopwords(r.tok, stopwords, n_stopwords, &diag) < 0) {
		ctk_tok_free(r.tok);
		return ctk_diag_status(&diag);
	}
	out = ctk_tool_open_output(&diag, out_path);
	r.out = ctk_tsv_writer_new(out, fmt);
	r.file = out;
	r.fmt = fmt;
	ctk_progress_init(&r.progress, stderr, progress_mode, 0);
	if (optind == argc)
		do_input(&r, "-");
	for (; optind < argc && !ctk_diag_should_stop(&diag); optind++)
		do_input(&r, argv[optind]);
	ctk_progress_finish(&r.progress);
	ctk_tsv_writer_free(r.out);
	if (out != stdout && fclose(out) != 0)
		ctk_diag_msg(&diag, CTK_DIAG_FATAL, out_path, 0, 0,
		    "cannot write");
	ctk_tok_free(r.tok);
	ctk_buf_release(&r.tokens);
	ctk_buf_release(&r.id);
	ctk_buf_release(&r.line);
	return ctk_tool_finish(&diag);
}

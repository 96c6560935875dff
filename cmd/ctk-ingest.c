/*
 * ctk-ingest: turns Telegram exports (JSON or HTML), ctk TSV streams and
 * plain text into the ctk document stream. The readers and filters live in
 * lib/ (ingest.h); this file parses options and wires callbacks to stdout
 * and stderr.
 */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tool.h"
#include "doc.h"
#include "ingest.h"
#include "ingest_par.h"
#include "store.h"
#include "workers.h"

#define SYNOPSIS \
"usage: ctk-ingest [-q] [--strict] [--dedup] [--no-service] [--no-repair]\n" \
"                  [--since DATE] [--until DATE] [--channel NAME]\n" \
"                  [--tz ZONE] [--split lines|paragraphs] [--chat-id ID]\n" \
"                  [--username NAME] [--fields LIST]\n" \
"                  [--format tsv|csv|jsonl] [--progress] [-o FILE]\n" \
"                  [--raw] [--base-url URL] [--db STORE [--tee]]\n" \
"                  [-j N] [--max-doc-size N] [FILE|DIR ...]\n"

static void
usage_full(void)
{
	fputs(SYNOPSIS
"\nTelegram exports (result.json, messages*.html, their folders), news\n"
"(HTML pages, RSS/Atom feeds, WARC), ctk TSV and text: one document each.\n"
"\n"
"output:  -o, --output FILE; --format tsv|csv|jsonl; --fields LIST (columns);\n"
"         --db STORE (into a SQLite store instead); --tee (store and output)\n"
"select:  --since DATE, --until DATE (a day is inclusive); --channel NAME\n"
"         (repeatable); --no-service (joins, pins...); --dedup (ids once)\n"
"read:    --tz ZONE (zoneless dates); --split lines|paragraphs (text files);\n"
"         --chat-id ID, --username NAME (HTML ids, t.me links); --no-repair;\n"
"         --raw, --base-url URL (news pages: all text, their address);\n"
"         --max-doc-size N (skip larger documents; k, M, G; default 64M)\n"
"run:     -j, --jobs N; --strict; -q, --quiet; --progress; -h, --help; --version\n"
"\n"
"examples:\n"
"  ctk ingest ChatExport_2024-09-06/result.json > chat.tsv\n"
"  ctk ingest --db corpus.db --no-service --since 2024-01-01 exports/\n",
	    stdout);
}

enum {
	OPT_FORMAT = 256, OPT_FIELDS, OPT_SINCE, OPT_UNTIL, OPT_CHANNEL,
	OPT_NO_SERVICE, OPT_DEDUP, OPT_TZ, OPT_SPLIT, OPT_CHAT_ID,
	OPT_USERNAME, OPT_NO_REPAIR, OPT_STRICT, OPT_PROGRESS, OPT_VERSION,
	OPT_DB, OPT_TEE, OPT_RAW, OPT_BASE_URL, OPT_MAX_DOC_SIZE
};

static const struct option long_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "fields", required_argument, NULL, OPT_FIELDS },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "until", required_argument, NULL, OPT_UNTIL },
	{ "channel", required_argument, NULL, OPT_CHANNEL },
	{ "no-service", no_argument, NULL, OPT_NO_SERVICE },
	{ "dedup", no_argument, NULL, OPT_DEDUP },
	{ "tz", required_argument, NULL, OPT_TZ },
	{ "split", required_argument, NULL, OPT_SPLIT },
	{ "chat-id", required_argument, NULL, OPT_CHAT_ID },
	{ "username", required_argument, NULL, OPT_USERNAME },
	{ "no-repair", no_argument, NULL, OPT_NO_REPAIR },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "quiet", no_argument, NULL, 'q' },
	{ "progress", no_argument, NULL, OPT_PROGRESS },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "db", required_argument, NULL, OPT_DB },
	{ "jobs", required_argument, NULL, 'j' },
	{ "tee", no_argument, NULL, OPT_TEE },
	{ "raw", no_argument, NULL, OPT_RAW },
	{ "base-url", required_argument, NULL, OPT_BASE_URL },
	{ "max-doc-size", required_argument, NULL, OPT_MAX_DOC_SIZE },
	{ NULL, 0, NULL, 0 }
};

struct run {
	ctk_diag diag;
	ctk_ingest_opts opts;
	ctk_ingest ix;
	ctk_tsv_writer *w;
	int cols[CTK_DOC_NCOLS];
	size_t ncols;
	const char *channels[64];
	ctk_progress progress;
	int progress_mode;
	const ctk_input *last_input;
	uint64_t bytes_before, last_offset, records;
	const char *db_path;	/* --db */
	ctk_store *store;
	int tee;		/* --tee: the stream too */
	int jobs;		/* -j */
	FILE *out;
	ctk_format fmt;
};

/* Adds a document to the store; a document the store refuses is
 * reported and counted, a database failure stops the run. */
static int
store_doc(struct run *r, ctk_doc *doc)
{
	const char *names[CTK_DOC_NCOLS];
	ctk_str values[CTK_DOC_NCOLS];
	ctk_error err;
	size_t i, n = 0;
	int rc;

	/* An optional column is stored only when it says something, so a
	 * store without articles does not gain an always-empty column. */
	for (i = 0; i < CTK_DOC_NCOLS; i++) {
		if (i >= CTK_DOC_NDEFAULT && doc->col[i].len == 0)
			continue;
		names[n] = ctk_doc_colnames[i];
		values[n].s = ctk_buf_str(&doc->col[i]);
		values[n].len = doc->col[i].len;
		n++;
	}
	rc = ctk_store_put(r->store, names, values, n, &err);
	if (rc == CTK_EFORMAT) {
		ctk_diag_msg(&r->diag, CTK_DIAG_ERROR,
		    r->ix.current ? ctk_input_name(r->ix.current) : NULL,
		    doc->line, doc->colno, "%s", err.msg);
		return ctk_diag_should_stop(&r->diag);
	}
	if (rc < 0) {
		ctk_diag_report(&r->diag, CTK_DIAG_FATAL, r->db_path, &err);
		return 1;
	}
	return 0;
}

static int
on_doc(void *ctx, ctk_doc *doc)
{
	struct run *r = ctx;

	if (r->store != NULL && store_doc(r, doc) != 0)
		return 1;
	if (r->w != NULL)
		ctk_doc_write(r->w, doc, r->cols, r->ncols);
	r->records++;
	if (r->progress.enabled && r->ix.current != NULL) {
		if (r->ix.current != r->last_input) {
			r->bytes_before += r->last_offset;
			r->last_input = r->ix.current;
		}
		r->last_offset = ctk_input_raw_offset(r->ix.current);
		ctk_progress_update(&r->progress, r->bytes_before +
		    r->last_offset, r->records);
	}
	return r->w != NULL && ctk_tsv_writer_status(r->w) != 0;
}

static int
on_report(void *ctx, enum ctk_diag_level level, const char *file, long line,
    long col, const char *msg)
{
	struct run *r = ctx;

	if (r->progress.enabled)
		ctk_progress_finish(&r->progress);
	ctk_diag_msg(&r->diag, level, file, line, col, "%s", msg);
	return ctk_diag_should_stop(&r->diag);
}

static int
parse_fields(struct run *r, const char *list)
{
	char *copy = strdup(list), *tok, *save = NULL;
	int c;

	if (copy == NULL)
		return -1;
	r->ncols = 0;
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		if ((c = ctk_doc_col_index(tok)) < 0 ||
		    r->ncols == CTK_DOC_NCOLS) {
			ctk_diag_usage(&r->diag,
			    "--fields: unknown column '%s'", tok);
			free(copy);
			return -1;
		}
		r->cols[r->ncols++] = c;
	}
	free(copy);
	if (r->ncols == 0) {
		ctk_diag_usage(&r->diag, "--fields: empty list");
		return -1;
	}
	return 0;
}

/* --since keeps date >= DATE; --until keeps date <= DATE, the whole day
 * when DATE is a day. */
static int
parse_bound(struct run *r, const char *opt, const char *s, int upper)
{
	int64_t t;
	int is_day;

	if (ctk_doc_parse_date(s, &t, &is_day) != 0) {
		ctk_diag_usage(&r->diag, "%s: bad date '%s' (want YYYY-MM-DD "
		    "or YYYY-MM-DDTHH:MM:SSZ)", opt, s);
		return -1;
	}
	if (upper) {
		r->opts.until = t + (is_day ? 86400 : 1);
		r->opts.has_until = 1;
	} else {
		r->opts.since = t;
		r->opts.has_since = 1;
	}
	return 0;
}

/* --max-doc-size: bytes, with an optional k, M or G (powers of 1024). */
static int
parse_size(struct run *r, const char *s)
{
	char *end;
	unsigned long long n;
	int shift = 0;

	errno = 0;
	n = strtoull(s, &end, 10);
	if (*end == 'k' || *end == 'K')
		shift = 10;
	else if (*end == 'M')
		shift = 20;
	else if (*end == 'G')
		shift = 30;
	if (shift > 0)
		end++;
	if (s[0] < '0' || s[0] > '9' || *end != '\0' || errno != 0 ||
	    n > (SIZE_MAX >> shift)) {
		ctk_diag_usage(&r->diag, "--max-doc-size: want a number of "
		    "bytes such as 1048576, 512k or 64M, not '%s'", s);
		return -1;
	}
	r->opts.max_doc_size = (size_t)n << shift;
	return 0;
}

static int
set_tz(struct run *r, const char *zone)
{
	ctk_error err;

	ctk_tz_free(r->opts.tz);
	if ((r->opts.tz = ctk_tz_open(zone, &err)) == NULL) {
		ctk_diag_usage(&r->diag, "--tz: %s", err.msg);
		return -1;
	}
	r->opts.tz_given = 1;
	return 0;
}

static int
parse_option(struct run *r, int c, const char **out_path, ctk_format *fmt)
{
	switch (c) {
	case 'o': *out_path = optarg; return 0;
	case 'j':
		if (ctk_workers_parse(optarg, &r->jobs) == 0)
			return 0;
		ctk_diag_usage(&r->diag, "--jobs: expected a number from 0 "
		    "to 256, not '%s'", optarg);
		return -1;
	case 'q': r->diag.quiet = 1; r->progress_mode = 0; return 0;
	case OPT_FORMAT:
		if (ctk_format_parse(optarg, fmt) == 0)
			return 0;
		ctk_diag_usage(&r->diag, "--format: unknown format '%s'",
		    optarg);
		return -1;
	case OPT_FIELDS: return parse_fields(r, optarg);
	case OPT_SINCE: return parse_bound(r, "--since", optarg, 0);
	case OPT_UNTIL: return parse_bound(r, "--until", optarg, 1);
	case OPT_CHANNEL:
		if (r->opts.n_channels == 64) {
			ctk_diag_usage(&r->diag, "--channel: at most 64");
			return -1;
		}
		r->channels[r->opts.n_channels++] = optarg;
		return 0;
	case OPT_NO_SERVICE: r->opts.no_service = 1; return 0;
	case OPT_DEDUP: r->opts.dedup = 1; return 0;
	case OPT_TZ: return set_tz(r, optarg);
	case OPT_SPLIT:
		if (strcmp(optarg, "lines") == 0)
			r->opts.split = CTK_SPLIT_LINES;
		else if (strcmp(optarg, "paragraphs") == 0)
			r->opts.split = CTK_SPLIT_PARAGRAPHS;
		else {
			ctk_diag_usage(&r->diag, "--split: want lines or "
			    "paragraphs, not '%s'", optarg);
			return -1;
		}
		return 0;
	case OPT_CHAT_ID: r->opts.chat_key = optarg; return 0;
	case OPT_USERNAME:
		r->opts.username = optarg[0] == '@' ? optarg + 1 : optarg;
		return 0;
	case OPT_NO_REPAIR: r->opts.lenient = 0; return 0;
	case OPT_DB: r->db_path = optarg; return 0;
	case OPT_TEE: r->tee = 1; return 0;
	case OPT_RAW: r->opts.article_raw = 1; return 0;
	case OPT_BASE_URL: r->opts.base_url = optarg; return 0;
	case OPT_MAX_DOC_SIZE: return parse_size(r, optarg);
	case OPT_STRICT: r->diag.strict = 1; return 0;
	case OPT_PROGRESS: r->progress_mode = 1; return 0;
	default:
		ctk_diag_usage(&r->diag, "unknown option");
		return -1;
	}
}

/* The size of the only input when it is a plain file, for the ETA. */
static uint64_t
single_file_size(int argc, char **argv)
{
	struct stat st;

	if (argc != 1 || strcmp(argv[0], "-") == 0 ||
	    stat(argv[0], &st) != 0 || !S_ISREG(st.st_mode))
		return 0;
	return (uint64_t)st.st_size;
}

/* Several inputs, one per worker thread, when nothing needs them all at
 * once (--dedup, the store). */
static int
run_parallel(struct run *r, int argc, char **argv)
{
	ctk_ingest_par p;
	int rc;

	memset(&p, 0, sizeof p);
	p.opts = &r->opts;
	p.nthreads = r->jobs;
	p.fmt = r->fmt;
	p.cols = r->cols;
	p.ncols = r->ncols;
	p.out = r->out;
	p.diag = &r->diag;
	p.progress = &r->progress;
	rc = ctk_ingest_par_run(&p, argv, (size_t)argc);
	if (rc == CTK_ENOMEM || rc == CTK_EIO)
		ctk_diag_msg(&r->diag, CTK_DIAG_FATAL, NULL, 0, 0, "%s",
		    rc == CTK_EIO ? "cannot write a temporary file" :
		    "out of memory");
	return rc;
}

static int
run_inputs(struct run *r, int argc, char **argv)
{
	int i;

	if (argc > 1 && r->jobs > 1 && !r->opts.dedup && r->store == NULL)
		return run_parallel(r, argc, argv);
	if (argc == 0)
		return ctk_ingest_path(&r->ix, "-");
	for (i = 0; i < argc; i++)
		if (ctk_ingest_path(&r->ix, argv[i]) != 0 ||
		    ctk_diag_should_stop(&r->diag))
			return 1;
	return 0;
}

/* Opens the output and writes the header; 0 or -1 (fatal). */
static int
start_output(struct run *r, const char *out_path, ctk_format fmt,
    FILE **out)
{
	const char *names[CTK_DOC_NCOLS];
	size_t i;

	*out = ctk_tool_open_output(&r->diag, out_path);
	/* stdio's default 4 KiB buffer makes a write(2) per few records */
	setvbuf(*out, NULL, _IOFBF, 1 << 18);
	if ((r->w = ctk_tsv_writer_new(*out, fmt)) == NULL) {
		ctk_diag_msg(&r->diag, CTK_DIAG_FATAL, NULL, 0, 0,
		    "out of memory");
		return -1;
	}
	for (i = 0; i < r->ncols; i++)
		names[i] = ctk_doc_colnames[r->cols[i]];
	ctk_tsv_writer_header(r->w, names, r->ncols);
	return 0;
}

/* Opens the store named by --db; the wait for another writer's lock is
 * $CTK_BUSY_TIMEOUT milliseconds (default 60 s). 0, or -1 (fatal). */
static int
open_store(struct run *r)
{
	const char *env = getenv("CTK_BUSY_TIMEOUT");
	int wait_ms = CTK_STORE_BUSY_TIMEOUT_MS;
	ctk_error err;

	if (env != NULL && *env != '\0')
		wait_ms = atoi(env);
	r->store = ctk_store_open_wait(r->db_path, CTK_STORE_WRITE, wait_ms,
	    &err);
	if (r->store == NULL) {
		ctk_diag_report(&r->diag, CTK_DIAG_FATAL, r->db_path, &err);
		return -1;
	}
	/* The store needs every column, whatever --fields shows. */
	r->opts.no_hash = 0;
	return 0;
}

/* Commits the last batch and says what the run did. */
static void
finish_store(struct run *r)
{
	ctk_store_counts c;
	ctk_error err;

	if (!r->diag.fatal && ctk_store_commit(r->store, &err) != 0)
		ctk_diag_report(&r->diag, CTK_DIAG_FATAL, r->db_path, &err);
	c = ctk_store_get_counts(r->store);
	if (!r->diag.quiet)
		fprintf(stderr, "ctk-ingest: %s: %llu new, %llu updated, %llu "
		    "unchanged, %lu rejected\n", r->db_path,
		    (unsigned long long)c.n_new,
		    (unsigned long long)c.n_updated,
		    (unsigned long long)c.n_unchanged, r->diag.n_errors);
	ctk_store_close(r->store);
}

/* Parses the options into r; returns -1 to exit 0 (--help, --version),
 * 2 for a usage error, else 0. */
static int
parse_args(struct run *r, int argc, char **argv, const char **out_path,
    ctk_format *fmt)
{
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "ho:j:q", long_options, NULL)) !=
	    -1) {
		if (c == 'h') {
			usage_full();
			return -1;
		}
		if (c == OPT_VERSION) {
			ctk_tool_version("ctk-ingest");
			return -1;
		}
		if (c == '?')
			return ctk_tool_bad_option(&r->diag, argv, "ho:q",
			    long_options);
		if (parse_option(r, c, out_path, fmt) != 0)
			return 2;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static struct run r;
	const char *out_path = NULL;
	ctk_format fmt = CTK_FORMAT_TSV;
	FILE *out;
	size_t i;
	int rc;

	ctk_tool_init();
	ctk_diag_init(&r.diag, "ctk-ingest");
	r.opts.lenient = 1;
	r.opts.max_doc_size = CTK_INGEST_MAX_DOC_SIZE;
	r.progress_mode = -1;
	r.jobs = ctk_workers_default();
	for (i = 0; i < CTK_DOC_NDEFAULT; i++)
		r.cols[i] = (int)i;
	r.ncols = CTK_DOC_NDEFAULT;
	if ((rc = parse_args(&r, argc, argv, &out_path, &fmt)) != 0)
		return rc < 0 ? 0 : rc;
	r.opts.channels = r.channels;
	r.opts.no_hash = 1;
	for (i = 0; i < r.ncols; i++)
		if (r.cols[i] == CTK_DOC_TEXT_HASH)
			r.opts.no_hash = 0;
	if (r.tee && r.db_path == NULL) {
		ctk_diag_usage(&r.diag, "--tee needs --db");
		return 2;
	}
	if (r.db_path != NULL && open_store(&r) != 0)
		return 2;
	out = stdout;
	if ((r.db_path == NULL || r.tee) &&
	    start_output(&r, out_path, fmt, &out) != 0)
		return 2;
	r.out = out;
	r.fmt = fmt;
	ctk_progress_init(&r.progress, stderr, r.progress_mode,
	    single_file_size(argc - optind, argv + optind));
	ctk_ingest_init(&r.ix, &r.opts);
	r.ix.emit = on_doc;
	r.ix.report = on_report;
	r.ix.ctx = &r;
	run_inputs(&r, argc - optind, argv + optind);
	ctk_progress_finish(&r.progress);
	ctk_ingest_release(&r.ix);
	if (r.store != NULL)
		finish_store(&r);
	ctk_tsv_writer_free(r.w);
	ctk_tz_free(r.opts.tz);
	if (out != stdout) {
		ctk_diag_check_output(&r.diag, out, out_path);
		fclose(out);
	}
	return ctk_tool_finish(&r.diag);
}

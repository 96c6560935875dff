/*
 * ctk-query: read documents and quick counts from a corpus store made by
 * `ctk ingest --db`.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "tool.h"

static const char synopsis[] =
    "usage: ctk query [-q] [--channel NAME]... [--since DATE] [--until DATE]\n"
    "                 [--lang LANG] [--kind KIND] [--fwd-from NAME]\n"
    "                 [--author NAME] [--limit N] [--order date|id]\n"
    "                 [--count | --count-by KEY | --channels | --stats]\n"
    "                 [--format tsv|csv|jsonl] [-o FILE] DB [FTS-QUERY]\n"
    "       ctk query [--format tsv|csv|jsonl] [-o FILE] --sql SQL DB\n";

static void
usage(void)
{
	fputs(synopsis, stdout);
	fputs("\n"
	    "Documents of a corpus store (written by ctk ingest) matching the\n"
	    "filters and the FTS5 query, as a ctk stream; or quick counts.\n"
	    "\n"
	    "filters: --channel NAME (repeatable); --since DATE, --until DATE\n"
	    "         (YYYY[-MM[-DD[THH:MM[:SS]]]], a period is whole); --lang LANG;\n"
	    "         --kind KIND; --fwd-from NAME; --author NAME\n"
	    "output:  --limit N; --order date|id; --format tsv|csv|jsonl;\n"
	    "         -o, --output FILE; -q, --quiet; -h, --help; --version\n"
	    "counts:  --count; --count-by day|week|month|year|channel|lang|fwd_from;\n"
	    "         --channels (counts, date ranges); --stats (the store)\n"
	    "sql:     --sql SQL (one read-only statement)\n"
	    "\n"
	    "examples:\n"
	    "  ctk query corpus.db --lang fr --count-by month 'durov'\n"
	    "  ctk query corpus.db --channel 'Tech Watch' --since 2024-09 telegram\n",
	    stdout);
}

enum mode { M_DOCS, M_COUNT, M_COUNT_BY, M_CHANNELS, M_STATS, M_SQL };

enum {
	OPT_CHANNEL = 256, OPT_SINCE, OPT_UNTIL, OPT_LANG, OPT_KIND,
	OPT_FWD_FROM, OPT_AUTHOR, OPT_LIMIT, OPT_ORDER, OPT_COUNT,
	OPT_COUNT_BY, OPT_CHANNELS, OPT_STATS, OPT_SQL, OPT_FORMAT,
	OPT_VERSION
};

static const struct option longopts[] = {
	{ "channel", required_argument, NULL, OPT_CHANNEL },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "until", required_argument, NULL, OPT_UNTIL },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "kind", required_argument, NULL, OPT_KIND },
	{ "fwd-from", required_argument, NULL, OPT_FWD_FROM },
	{ "author", required_argument, NULL, OPT_AUTHOR },
	{ "limit", required_argument, NULL, OPT_LIMIT },
	{ "order", required_argument, NULL, OPT_ORDER },
	{ "count", no_argument, NULL, OPT_COUNT },
	{ "count-by", required_argument, NULL, OPT_COUNT_BY },
	{ "channels", no_argument, NULL, OPT_CHANNELS },
	{ "stats", no_argument, NULL, OPT_STATS },
	{ "sql", required_argument, NULL, OPT_SQL },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "output", required_argument, NULL, 'o' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

struct options {
	ctk_store_filter filter;
	const char *channels[32];
	enum mode mode;
	int n_modes;
	const char *count_by, *sql, *out_path, *db;
	ctk_format format;
};

static int
set_mode(struct options *o, enum mode m)
{
	o->mode = m;
	return ++o->n_modes;
}

/* Parses one option; returns 0, or -1 after a usage message. */
static int
parse_option(ctk_diag *d, struct options *o, int c)
{
	char *end;

	switch (c) {
	case OPT_CHANNEL:
		if (o->filter.n_channels == 32) {
			ctk_diag_usage(d, "at most 32 --channel options");
			return -1;
		}
		o->channels[o->filter.n_channels++] = optarg;
		break;
	case OPT_SINCE: o->filter.since = optarg; break;
	case OPT_UNTIL: o->filter.until = optarg; break;
	case OPT_LANG: o->filter.lang = optarg; break;
	case OPT_KIND: o->filter.kind = optarg; break;
	case OPT_FWD_FROM: o->filter.fwd_from = optarg; break;
	case OPT_AUTHOR: o->filter.author = optarg; break;
	case OPT_LIMIT:
		o->filter.limit = strtol(optarg, &end, 10);
		if (*optarg == '\0' || *end != '\0' || o->filter.limit <= 0) {
			ctk_diag_usage(d, "--limit needs a positive number, "
			    "not '%s'", optarg);
			return -1;
		}
		break;
	case OPT_ORDER:
		if (strcmp(optarg, "id") != 0 && strcmp(optarg, "date") != 0) {
			ctk_diag_usage(d, "--order is date or id, not '%s'",
			    optarg);
			return -1;
		}
		o->filter.order_by_id = strcmp(optarg, "id") == 0;
		break;
	case OPT_COUNT: set_mode(o, M_COUNT); break;
	case OPT_COUNT_BY: set_mode(o, M_COUNT_BY); o->count_by = optarg; break;
	case OPT_CHANNELS: set_mode(o, M_CHANNELS); break;
	case OPT_STATS: set_mode(o, M_STATS); break;
	case OPT_SQL: set_mode(o, M_SQL); o->sql = optarg; break;
	case OPT_FORMAT:
		if (ctk_format_parse(optarg, &o->format) < 0) {
			ctk_diag_usage(d, "unknown format '%s' (tsv, csv, jsonl)",
			    optarg);
			return -1;
		}
		break;
	case 'o': o->out_path = optarg; break;
	case 'q': d->quiet = 1; break;
	default:
		ctk_diag_usage(d, "unknown option");
		return -1;
	}
	return 0;
}

struct sink {
	ctk_tsv_writer *w;
	int header_done;
};

static int
write_row(void *ctx, const ctk_str *fields, size_t n)
{
	struct sink *k = ctx;
	const char *names[128];
	size_t i;

	if (!k->header_done) {
		/* The first row is the header. */
		for (i = 0; i < n && i < 128; i++)
			names[i] = fields[i].s;
		k->header_done = 1;
		return ctk_tsv_writer_header(k->w, names, i) != 0;
	}
	return ctk_tsv_writer_record(k->w, fields, n) != 0;
}

static long
run(ctk_store *st, struct options *o, struct sink *k, ctk_error *err)
{
	static const char *const count_header[] = { "count" };
	char num[32];
	ctk_str field;
	long n;

	switch (o->mode) {
	case M_DOCS:
		return ctk_store_select(st, &o->filter, write_row, k, err);
	case M_COUNT_BY:
		return ctk_store_count_by(st, &o->filter, o->count_by,
		    write_row, k, err);
	case M_CHANNELS:
		return ctk_store_channels(st, &o->filter, write_row, k, err);
	case M_STATS:
		return ctk_store_stats(st, write_row, k, err);
	case M_SQL:
		return ctk_store_sql(st, o->sql, write_row, k, err);
	case M_COUNT:
		if ((n = ctk_store_count(st, &o->filter, err)) < 0)
			return n;
		snprintf(num, sizeof num, "%ld", n);
		field.s = num;
		field.len = strlen(num);
		ctk_tsv_writer_header(k->w, count_header, 1);
		ctk_tsv_writer_record(k->w, &field, 1);
		return n;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct options o;
	struct sink k = { NULL, 0 };
	ctk_diag d;
	ctk_error err;
	ctk_store *st;
	FILE *out;
	int c;

	ctk_tool_init();
	ctk_diag_init(&d, "ctk-query");
	memset(&o, 0, sizeof o);
	o.filter.channels = o.channels;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "ho:q", longopts, NULL)) != -1) {
		if (c == 'h') {
			usage();
			return 0;
		}
		if (c == OPT_VERSION) {
			ctk_tool_version("ctk-query");
			return 0;
		}
		if (c == '?')
			return ctk_tool_bad_option(&d, argv, "ho:q", longopts);
		if (parse_option(&d, &o, c) < 0)
			return 2;
	}
	if (o.n_modes > 1) {
		ctk_diag_usage(&d, "--count, --count-by, --channels, --stats "
		    "and --sql exclude each other");
		return 2;
	}
	if (optind >= argc || argc - optind > 2 ||
	    (o.mode == M_SQL && argc - optind != 1)) {
		ctk_diag_usage(&d, optind >= argc ? "no store named" :
		    "too many arguments");
		return 2;
	}
	o.db = argv[optind];
	o.filter.match = optind + 1 < argc ? argv[optind + 1] : NULL;
	st = ctk_store_open(o.db, CTK_STORE_READ, &err);
	if (st == NULL) {
		ctk_diag_report(&d, CTK_DIAG_FATAL, o.db, &err);
		return 2;
	}
	out = ctk_tool_open_output(&d, o.out_path);
	k.w = ctk_tsv_writer_new(out, o.format);
	if (run(st, &o, &k, &err) < 0)
		ctk_diag_report(&d, CTK_DIAG_FATAL, o.db, &err);
	ctk_tsv_writer_free(k.w);
	ctk_store_close(st);
	if (out != stdout && fclose(out) != 0)
		ctk_diag_msg(&d, CTK_DIAG_FATAL, o.out_path, 0, 0, "write error");
	return ctk_tool_finish(&d);
}

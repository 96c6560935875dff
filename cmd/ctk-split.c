/*
 * ctk-split: split a document stream into N shards by a hash of a column
 * (id by default), keeping the header in every shard, so that work can be
 * spread over cores or machines and merged back (ctk stats merge).
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "shard.h"
#include "tool.h"

#define MAX_SHARDS 1000

static const char synopsis[] =
    "usage: ctk split -n N [-q] [--strict] [--by COLUMN] [-o PREFIX]\n"
    "                 [FILE...]\n";

static void
usage(void)
{
	fputs(synopsis, stdout);
	fputs("\n"
	    "Split a ctk stream into N shards, PREFIX-1.tsv ... PREFIX-N.tsv, by a\n"
	    "hash of a column, every shard with the header. Records with the same\n"
	    "value of the column always land in the same shard.\n"
	    "\n"
	    "  -n N            number of shards (1 to 1000)\n"
	    "  --by COLUMN     column whose value decides the shard (default: id;\n"
	    "                  channel keeps each channel whole)\n"
	    "  -o PREFIX       shard file prefix (default: shard)\n"
	    "  --strict        stop at the first bad record\n"
	    "  -q              no warnings\n"
	    "  -h, --help      this help\n"
	    "      --version   version\n"
	    "\n"
	    "examples:\n"
	    "  ctk ingest exports/ | ctk split -n 8 -o work/part\n"
	    "  ctk split -n 4 --by channel -o part docs.tsv\n", stdout);
}

enum { OPT_BY = 256, OPT_STRICT, OPT_VERSION };

static const struct option longopts[] = {
	{ "by", required_argument, NULL, OPT_BY },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

struct split {
	ctk_diag *d;
	const char *by;
	const char *prefix;
	unsigned n;
	FILE **files;
	ctk_tsv_writer **w;
	char **header;		/* of the first input, to check the others */
	size_t ncols;
};

static int
open_shards(struct split *s, const ctk_tsv_reader *r)
{
	char path[4096];
	int width = s->n >= 100 ? 3 : s->n >= 10 ? 2 : 1;
	unsigned i;

	s->files = calloc(s->n, sizeof *s->files);
	s->w = calloc(s->n, sizeof *s->w);
	if (s->files == NULL || s->w == NULL)
		return -1;
	for (i = 0; i < s->n; i++) {
		snprintf(path, sizeof path, "%s-%0*u.tsv", s->prefix, width, i + 1);
		if ((s->files[i] = fopen(path, "w")) == NULL) {
			ctk_diag_msg(s->d, CTK_DIAG_FATAL, path, 0, 0,
			    "cannot open for writing: %s", strerror(errno));
			return -1;
		}
		s->w[i] = ctk_tsv_writer_new(s->files[i], CTK_FORMAT_TSV);
		ctk_tsv_writer_header_extend(s->w[i], r, NULL, 0);
	}
	return 0;
}

/* The first input fixes the header; later ones must have the same. */
static int
check_header(struct split *s, const ctk_tsv_reader *r, const char *name)
{
	size_t i;

	if (s->header == NULL) {
		s->ncols = ctk_tsv_ncols(r);
		s->header = calloc(s->ncols, sizeof *s->header);
		for (i = 0; i < s->ncols; i++)
			s->header[i] = strdup(ctk_tsv_colname(r, i));
		return open_shards(s, r);
	}
	if (ctk_tsv_ncols(r) == s->ncols) {
		for (i = 0; i < s->ncols; i++)
			if (strcmp(s->header[i], ctk_tsv_colname(r, i)) != 0)
				break;
		if (i == s->ncols)
			return 0;
	}
	ctk_diag_msg(s->d, CTK_DIAG_ERROR, name, 1, 0,
	    "header differs from the first input's; file skipped");
	return 1;
}

static void
split_input(struct split *s, const char *path)
{
	ctk_error err;
	ctk_input *in = ctk_input_open(path, &err);
	ctk_tsv_reader *r;
	int col, rc;
	size_t len;
	const char *key;

	if (in == NULL) {
		ctk_diag_report(s->d, CTK_DIAG_ERROR, path ? path : "<stdin>", &err);
		return;
	}
	r = ctk_tsv_reader_new(in, &err);
	if (r == NULL) {
		ctk_diag_report(s->d, CTK_DIAG_ERROR, ctk_input_name(in), &err);
		ctk_input_close(in);
		return;
	}
	if ((col = ctk_tsv_col(r, s->by)) < 0) {
		ctk_diag_msg(s->d, CTK_DIAG_ERROR, ctk_input_name(in), 1, 0,
		    "no column '%s' to split by; file skipped", s->by);
	} else if (check_header(s, r, ctk_input_name(in)) == 0) {
		while ((rc = ctk_tsv_read(r, &err)) != 0) {
			if (rc < 0) {
				ctk_diag_report(s->d, CTK_DIAG_ERROR,
				    ctk_input_name(in), &err);
				if (rc == CTK_EIO || ctk_diag_should_stop(s->d))
					break;
				continue;
			}
			key = ctk_tsv_field(r, (size_t)col, &len);
			ctk_tsv_writer_extend(s->w[ctk_shard_of(key, len, s->n)],
			    r, NULL);
		}
	}
	ctk_tsv_reader_free(r);
	ctk_input_close(in);
}

static void
close_shards(struct split *s)
{
	unsigned i;
	size_t k;

	for (i = 0; s->files != NULL && i < s->n; i++) {
		if (s->files[i] == NULL)
			continue;
		ctk_tsv_writer_free(s->w[i]);
		if (ctk_diag_check_output(s->d, s->files[i], "a shard") == 0 &&
		    fclose(s->files[i]) != 0)
			ctk_diag_msg(s->d, CTK_DIAG_FATAL, NULL, 0, 0,
			    "cannot close a shard: %s", strerror(errno));
	}
	for (k = 0; k < s->ncols; k++)
		free(s->header[k]);
	free(s->header);
	free(s->files);
	free(s->w);
}

int
main(int argc, char **argv)
{
	struct split s = { NULL, "id", "shard", 0, NULL, NULL, NULL, 0 };
	ctk_diag d;
	char *end;
	long n = 0;
	int c, i;

	ctk_tool_init();
	ctk_diag_init(&d, "ctk-split");
	s.d = &d;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "hn:o:q", longopts, NULL)) != -1) {
		switch (c) {
		case 'h': usage(); return 0;
		case OPT_VERSION: ctk_tool_version("ctk-split"); return 0;
		case 'n':
			n = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || n < 1 ||
			    n > MAX_SHARDS) {
				ctk_diag_usage(&d, "-n needs a number from 1 to %d, "
				    "not '%s'", MAX_SHARDS, optarg);
				return 2;
			}
			break;
		case 'o': s.prefix = optarg; break;
		case OPT_BY: s.by = optarg; break;
		case OPT_STRICT: d.strict = 1; break;
		case 'q': d.quiet = 1; break;
		default:
			return ctk_tool_bad_option(&d, argv, "hn:o:q",
			    longopts);
		}
	}
	if (n == 0) {
		ctk_diag_usage(&d, "the number of shards (-n N) is required");
		return 2;
	}
	s.n = (unsigned)n;
	if (optind == argc)
		split_input(&s, NULL);
	for (i = optind; i < argc && !ctk_diag_should_stop(&d); i++)
		split_input(&s, argv[i]);
	close_shards(&s);
	return ctk_tool_finish(&d);
}

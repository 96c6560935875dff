/*
 * ingest: format detection, directory walks, the filters every reader's
 * documents go through, and the diagnostics relay (see ingest.h).
 */
#include "article.h"
#include "ingest.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "texthash.h"
#include "utf8.h"

#define SNIFF_BYTES 16384

void
ctk_ingest_init(ctk_ingest *ix, const ctk_ingest_opts *opts)
{
	memset(ix, 0, sizeof *ix);
	ix->opts = opts;
	ctk_buf_init(&ix->scratch);
}

void
ctk_ingest_release(ctk_ingest *ix)
{
	free(ix->seen);
	ctk_buf_release(&ix->scratch);
	ctk_tz_free(ix->tz_paris);
}

int
ctk_ingest_report(ctk_ingest *ix, enum ctk_diag_level level, const char *file,
    long line, long col, const char *fmt, ...)
{
	char msg[700];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (ix->report != NULL && ix->report(ix->ctx, level, file, line, col,
	    msg))
		ix->stopped = 1;
	if (level == CTK_DIAG_FATAL)
		ix->stopped = 1;
	return ix->stopped;
}

/* ---- filters ---- */

static int
seen_grow(ctk_ingest *ix)
{
	size_t cap = ix->cap_seen ? ix->cap_seen * 2 : 1024, i;
	uint64_t *t = calloc(cap, sizeof *t);

	if (t == NULL)
		return -1;
	for (i = 0; i < ix->cap_seen; i++) {
		uint64_t h = ix->seen[i];
		size_t j;

		if (h == 0)
			continue;
		for (j = h & (cap - 1); t[j] != 0; j = (j + 1) & (cap - 1))
			;
		t[j] = h;
	}
	free(ix->seen);
	ix->seen = t;
	ix->cap_seen = cap;
	return 0;
}

/* Adds the hash of id to the set; returns 1 when it was already there. */
static int
seen_before(ctk_ingest *ix, const char *id, size_t len)
{
	uint64_t h = ctk_texthash_fnv1a(id, len);
	size_t j;

	if (h == 0)
		h = 1;
	if ((ix->n_seen + 1) * 2 > ix->cap_seen && seen_grow(ix) != 0)
		return 0;
	for (j = h & (ix->cap_seen - 1); ix->seen[j] != 0;
	    j = (j + 1) & (ix->cap_seen - 1))
		if (ix->seen[j] == h)
			return 1;
	ix->seen[j] = h;
	ix->n_seen++;
	return 0;
}

/* The chat key of an id: everything before its last ':'. */
static int
channel_wanted(const ctk_ingest_opts *o, const ctk_doc *doc)
{
	const char *id = ctk_buf_str(&doc->col[CTK_DOC_ID]);
	const char *colon = strrchr(id, ':');
	size_t i, keylen = colon != NULL ? (size_t)(colon - id) : 0;

	for (i = 0; i < o->n_channels; i++) {
		const char *c = o->channels[i];

		if (strcmp(c, ctk_buf_str(&doc->col[CTK_DOC_CHANNEL])) == 0)
			return 1;
		if (keylen > 0 && strlen(c) == keylen &&
		    memcmp(c, id, keylen) == 0)
			return 1;
	}
	return 0;
}

static int
wanted(ctk_ingest *ix, const ctk_doc *doc)
{
	const ctk_ingest_opts *o = ix->opts;

	if (o->no_service &&
	    strcmp(ctk_buf_str(&doc->col[CTK_DOC_KIND]), "service") == 0)
		return 0;
	if ((o->has_since || o->has_until) && !doc->has_date)
		return 0;
	if (o->has_since && doc->date < o->since)
		return 0;
	if (o->has_until && doc->date >= o->until)
		return 0;
	if (o->n_channels > 0 && !channel_wanted(o, doc))
		return 0;
	return 1;
}

static int
too_large(const ctk_ingest *ix, const ctk_doc *doc)
{
	size_t i, n = 0;

	if (ix->opts->max_doc_size == 0)
		return 0;
	for (i = 0; i < CTK_DOC_NCOLS; i++)
		n += doc->col[i].len;
	return n > ix->opts->max_doc_size;
}

int
ctk_ingest_emit(ctk_ingest *ix, ctk_doc *doc)
{
	const ctk_buf *text = &doc->col[CTK_DOC_TEXT];
	uint64_t h;
	char hex[17];

	if (too_large(ix, doc))
		return ctk_ingest_report(ix, CTK_DIAG_ERROR, ix->current ?
		    ctk_input_name(ix->current) : NULL, doc->line, 0,
		    "document '%.40s' is larger than the limit of %zu bytes "
		    "(--max-doc-size); skipped",
		    ctk_buf_str(&doc->col[CTK_DOC_ID]),
		    ix->opts->max_doc_size) || ix->stopped;
	if (!wanted(ix, doc)) {
		ix->n_filtered++;
		return ix->stopped;
	}
	if (ix->opts->dedup && seen_before(ix,
	    ctk_buf_str(&doc->col[CTK_DOC_ID]), doc->col[CTK_DOC_ID].len)) {
		ix->n_duplicates++;
		return ix->stopped;
	}
	if (!ix->opts->no_hash && doc->col[CTK_DOC_TEXT_HASH].len == 0 &&
	    text->len > 0 &&
	    ctk_texthash(text->data, text->len, &ix->scratch, &h) == 1) {
		ctk_texthash_hex(h, hex);
		ctk_doc_set(doc, CTK_DOC_TEXT_HASH, hex, 16);
	}
	ix->n_emitted++;
	if (ix->emit != NULL && ix->emit(ix->ctx, doc) != 0)
		ix->stopped = 1;
	return ix->stopped;
}

/* ---- format detection ---- */

/*
 * The readers, one per format: to add one (news HTML, RSS, WARC...), add
 * its enum value, a test in ctk_ingest_sniff() and a row here. A reader
 * turns one input into documents passed to ctk_ingest_emit().
 */
static const struct reader {
	enum ctk_ingest_format format;
	const char *name;
	int (*read)(ctk_ingest *ix, ctk_input *in);
} readers[] = {
	{ CTK_FMT_TGJSON, "telegram-json", ctk_tgjson_read },
	{ CTK_FMT_TGHTML, "telegram-html", ctk_tghtml_read_page },
	{ CTK_FMT_TSV, "tsv", ctk_tsvin_read },
	{ CTK_FMT_TEXT, "text", ctk_textin_read },
	{ CTK_FMT_ARTICLE, "article", ctk_articlein_read },
};

static const struct reader *
reader_for(enum ctk_ingest_format f)
{
	size_t i;

	for (i = 0; i < sizeof readers / sizeof readers[0]; i++)
		if (readers[i].format == f)
			return &readers[i];
	return NULL;
}

const char *
ctk_ingest_format_name(enum ctk_ingest_format f)
{
	const struct reader *r = reader_for(f);

	return r != NULL ? r->name : "unknown";
}

static int
contains(const char *data, size_t n, const char *needle)
{
	size_t k = strlen(needle), i;

	for (i = 0; i + k <= n; i++)
		if (strncasecmp(data + i, needle, k) == 0)
			return 1;
	return 0;
}

/* A ctk TSV header: tab-separated lower-case names, one of them "id". */
static int
is_tsv_header(const char *s, size_t n)
{
	size_t i, start = 0;
	int has_tab = 0, has_id = 0;

	for (i = 0; i <= n; i++) {
		char c = i < n ? s[i] : '\n';

		if (c == '\t' || c == '\n' || c == '\r') {
			if (i == start)
				return 0;
			if (i - start == 2 && memcmp(s + start, "id", 2) == 0)
				has_id = 1;
			if (c != '\t')
				break;
			has_tab = 1;
			start = i + 1;
		} else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '_' || c == '-' || c == '.')) {
			return 0;
		}
	}
	return i < n && has_tab && has_id;
}

enum ctk_ingest_format
ctk_ingest_sniff(const char *data, size_t n)
{
	size_t i = 0;

	/* a WARC file may hold binary records (images) */
	if (n >= 7 && memcmp(data, "WARC/1.", 7) == 0)
		return CTK_FMT_ARTICLE;
	/* NUL bytes: binary (media); invalid UTF-8 is left to the readers,
	 * which report where it is */
	if (memchr(data, '\0', n) != NULL)
		return CTK_FMT_UNKNOWN;
	if (n >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	if (is_tsv_header(data + i, n - i))
		return CTK_FMT_TSV;
	while (i < n && strchr(" \t\r\n", data[i]) != NULL)
		i++;
	/* keys that open a chat export or, after a long contact list maybe,
	 * a full-account export */
	if (i < n && data[i] == '{' && (contains(data, n, "\"messages\"") ||
	    contains(data, n, "\"chats\"") || contains(data, n, "\"about\"") ||
	    contains(data, n, "\"personal_information\"")))
		return CTK_FMT_TGJSON;
	if (i < n && data[i] == '{')
		return CTK_FMT_UNKNOWN;
	if (i < n && data[i] == '<' &&
	    (contains(data, n, "class=\"history\"") ||
	    contains(data, n, "chat_page")))
		return CTK_FMT_TGHTML;
	/* the other pages of a Telegram HTML export (lists, index) */
	if (i < n && data[i] == '<' && contains(data, n, "class=\"page_wrap"))
		return CTK_FMT_UNKNOWN;
	if (ctk_article_sniff(data, n) != CTK_ARTICLE_UNKNOWN)
		return CTK_FMT_ARTICLE;
	if (i < n && data[i] == '<' && contains(data, n, "<html"))
		return CTK_FMT_UNKNOWN;
	return CTK_FMT_TEXT;
}

static int
read_input(ctk_ingest *ix, ctk_input *in, enum ctk_ingest_format f)
{
	const struct reader *r = reader_for(f);
	int rc;

	if (r == NULL)
		return ctk_ingest_report(ix, CTK_DIAG_ERROR, ctk_input_name(in),
		    0, 0, "unknown format (binary data, or JSON that is not "
		    "a Telegram export); file skipped");
	ix->current = in;
	rc = r->read(ix, in);
	ix->current = NULL;
	return rc || ix->stopped;
}

static int
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* How a file was reached: named by the user, found in a walk, or found in
 * a walk under a folder whose result.json was read. */
enum reach { EXPLICIT, WALK, WALK_NO_HTML };

/* Reads one file; in a directory walk a file that is neither an export
 * nor a stream nor *.txt is skipped. */
static int
ingest_file(ctk_ingest *ix, const char *path, enum reach how)
{
	ctk_error err;
	ctk_input *in = ctk_input_open(path, &err);
	const char *data;
	long n;
	enum ctk_ingest_format f;
	int rc;

	if (in == NULL)
		return ctk_ingest_report(ix, CTK_DIAG_ERROR, path, 0, 0, "%s",
		    err.msg);
	ctk_input_set_max_line(in, ix->opts->max_doc_size);
	n = ctk_input_peek(in, &data, SNIFF_BYTES, &err);
	if (n < 0) {
		ctk_input_close(in);
		return ctk_ingest_report(ix, CTK_DIAG_ERROR, path, 0, 0, "%s",
		    err.msg);
	}
	/* news pages and feeds are read in any charset, UTF-16 too */
	if (n >= 2 && (memcmp(data, "\xFF\xFE", 2) == 0 ||
	    memcmp(data, "\xFE\xFF", 2) == 0) &&
	    ctk_article_sniff(data, (size_t)n) == CTK_ARTICLE_UNKNOWN) {
		rc = ctk_ingest_report(ix, CTK_DIAG_ERROR, ctk_input_name(in),
		    1, 1, "%s", CTK_UTF16_MESSAGE);
		ctk_input_close(in);
		return rc;
	}
	f = ctk_ingest_sniff(data, (size_t)n);
	if (how != EXPLICIT && (f == CTK_FMT_UNKNOWN ||
	    (f == CTK_FMT_TGHTML && how == WALK_NO_HTML) ||
	    (f == CTK_FMT_TEXT && !has_suffix(path, ".txt") &&
	    !has_suffix(path, ".txt.gz")))) {
		ctk_input_close(in);
		return 0;
	}
	rc = read_input(ix, in, f);
	ctk_input_close(in);
	return rc;
}

/* ---- directory walks ---- */

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Page number of "messages.html" (1), "messagesN.html" (N), else 0. */
static long
page_number(const char *name)
{
	char *end;
	long k;

	if (strcmp(name, "messages.html") == 0)
		return 1;
	if (strncmp(name, "messages", 8) != 0 || name[8] < '1' ||
	    name[8] > '9')
		return 0;
	k = strtol(name + 8, &end, 10);
	return strcmp(end, ".html") == 0 && k > 1 ? k : 0;
}

struct page {
	long number;
	char *path;
};

static int
cmp_pages(const void *a, const void *b)
{
	const struct page *x = a, *y = b;

	return (x->number > y->number) - (x->number < y->number);
}

static char *
join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *s = malloc(n);

	if (s != NULL)
		snprintf(s, n, "%s%s%s", dir, has_suffix(dir, "/") ? "" : "/",
		    name);
	return s;
}

/* Reads the messages*.html pages of dir in numeric order, reporting the
 * pages missing from the sequence. */
static int
ingest_pages(ctk_ingest *ix, const char *dir, char **names, size_t n)
{
	struct page *pages = calloc(n ? n : 1, sizeof *pages);
	char **paths = calloc(n ? n : 1, sizeof *paths);
	size_t np = 0, i;
	long expect = 1;
	int rc = 0;

	for (i = 0; pages != NULL && paths != NULL && i < n; i++) {
		long k = page_number(names[i]);

		if (k > 0 && (pages[np].path = join(dir, names[i])) != NULL)
			pages[np++].number = k;
	}
	if (pages == NULL || paths == NULL)
		rc = ctk_ingest_report(ix, CTK_DIAG_FATAL, dir, 0, 0,
		    "out of memory");
	if (np > 0)
		qsort(pages, np, sizeof *pages, cmp_pages);
	for (i = 0; i < np && rc == 0; i++) {
		for (; expect < pages[i].number && rc == 0; expect++) {
			char name[64], *missing;

			snprintf(name, sizeof name, expect == 1 ?
			    "messages.html" : "messages%ld.html", expect);
			missing = join(dir, name);
			rc = ctk_ingest_report(ix, CTK_DIAG_ERROR, missing ?
			    missing : dir, 0, 0, "missing page of the HTML "
			    "export: its messages are lost");
			free(missing);
		}
		expect = pages[i].number + 1;
		paths[i] = pages[i].path;
	}
	if (rc == 0)
		rc = ctk_tghtml_read_pages(ix, paths, np);
	for (i = 0; i < np; i++)
		free(pages[i].path);
	free(pages);
	free(paths);
	return rc;
}

/* The directories being walked, from the current one up: a symbolic link
 * to one of them would make the walk endless. */
struct visit {
	dev_t dev;
	ino_t ino;
	const struct visit *up;
};

static int ingest_dir(ctk_ingest *ix, const char *dir, int skip_html,
    const struct visit *up);

static int
ingest_entry(ctk_ingest *ix, const char *path, int skip_html,
    const struct visit *up)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return ctk_ingest_report(ix, CTK_DIAG_ERROR, path, 0, 0,
		    "%s", strerror(errno));
	if (S_ISDIR(st.st_mode))
		return ingest_dir(ix, path, skip_html, up);
	if (!S_ISREG(st.st_mode))
		return 0;
	return ingest_file(ix, path, skip_html ? WALK_NO_HTML : WALK);
}

/* The sorted names of dir, hidden ones left out; NULL with *n = 0 when
 * empty or unreadable. The caller frees each name and the array. */
static char **
list_dir(DIR *d, size_t *n)
{
	struct dirent *e;
	char **names = NULL, **grown;
	size_t cap = 0;

	*n = 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			if ((grown = realloc(names, cap * sizeof *names)) ==
			    NULL)
				break;
			names = grown;
		}
		if ((names[*n] = strdup(e->d_name)) == NULL)
			break;
		(*n)++;
	}
	if (*n > 0)
		qsort(names, *n, sizeof *names, cmp_names);
	return names;
}

static int
has_name(char **names, size_t n, const char *name)
{
	return bsearch(&name, names, n, sizeof *names, cmp_names) != NULL;
}

/* Walks dir. An export folder holding result.json may also hold the same
 * chats as HTML pages (the exporter's "both" format): then the JSON, which
 * loses nothing, is read and the pages below it are skipped. */
static int
ingest_dir(ctk_ingest *ix, const char *dir, int skip_html,
    const struct visit *up)
{
	DIR *d;
	char **names;
	size_t n, i;
	int rc = 0, pages_done = 0, has_json;
	struct stat st;
	struct visit here;
	const struct visit *v;

	if (stat(dir, &st) != 0)
		return ctk_ingest_report(ix, CTK_DIAG_ERROR, dir, 0, 0, "%s",
		    strerror(errno));
	for (v = up; v != NULL; v = v->up)
		if (v->dev == st.st_dev && v->ino == st.st_ino)
			return ctk_ingest_report(ix, CTK_DIAG_WARN, dir, 0, 0,
			    "directory loop (a link to a folder above it); "
			    "not read again");
	here.dev = st.st_dev;
	here.ino = st.st_ino;
	here.up = up;
	if ((d = opendir(dir)) == NULL)
		return ctk_ingest_report(ix, CTK_DIAG_ERROR, dir, 0, 0, "%s",
		    strerror(errno));
	names = list_dir(d, &n);
	closedir(d);
	has_json = has_name(names, n, "result.json");
	for (i = 0; i < n && rc == 0; i++) {
		char *path;

		if (page_number(names[i]) > 0) {
			if (!pages_done && !skip_html && !has_json)
				rc = ingest_pages(ix, dir, names, n);
			pages_done = 1;
			continue;
		}
		if ((path = join(dir, names[i])) == NULL) {
			rc = ctk_ingest_report(ix, CTK_DIAG_FATAL, dir, 0, 0,
			    "out of memory");
			break;
		}
		rc = ingest_entry(ix, path, skip_html || has_json, &here);
		free(path);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc || ix->stopped;
}

int
ctk_ingest_path(ctk_ingest *ix, const char *path)
{
	struct stat st;

	if (path != NULL && strcmp(path, "-") != 0 && stat(path, &st) == 0 &&
	    S_ISDIR(st.st_mode))
		return ingest_dir(ix, path, 0, NULL);
	return ingest_file(ix, path, EXPLICIT);
}

/*
 * store: the SQLite corpus store (see store.h for the schema and the
 * rules). Every value from a user or a document is bound as a parameter;
 * the only text spliced into SQL is fixed by this file.
 */
#include "store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "buf.h"
#include "fnv.h"

/* Documents per transaction. Each commit writes the index pages it
 * touched and one FTS5 segment: 20000 rather than 5000 took a tenth off
 * a million-message ingest, and holds the lock a fraction of a second. */
#define DEFAULT_BATCH 20000
#define MAX_EXTRA 64

/* The DESIGN.md document columns, stored as real columns of docs. */
static const char *const base_cols[] = {
	"id", "kind", "source", "channel", "date", "author", "title", "url",
	"fwd_from", "reply_to", "lang", "text"
};
enum { N_BASE = 12, COL_ID = 0, COL_TITLE = 6, COL_TEXT = 11 };

static const char schema_v1[] =
    "CREATE TABLE docs ("
    " rowid INTEGER PRIMARY KEY,"
    " id TEXT NOT NULL UNIQUE, kind TEXT, source TEXT, channel TEXT,"
    " date TEXT, author TEXT, title TEXT, url TEXT, fwd_from TEXT,"
    " reply_to TEXT, lang TEXT, text TEXT,"
    " extra TEXT,"		/* JSON object of the further columns */
    " edited TEXT,"		/* copy of extra.edited, for the update rule */
    " hash INTEGER NOT NULL,"
    " first_seen TEXT NOT NULL, last_changed TEXT NOT NULL);"
    "CREATE INDEX docs_channel ON docs(channel, date);"
    "CREATE INDEX docs_date ON docs(date);"
    "CREATE INDEX docs_lang ON docs(lang);"
    "CREATE INDEX docs_fwd_from ON docs(fwd_from);"
    "CREATE TABLE columns (position INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL UNIQUE);"
    "CREATE TABLE history (doc_rowid INTEGER NOT NULL, replaced TEXT NOT NULL,"
    " title TEXT, text TEXT, edited TEXT, extra TEXT);"
    "CREATE INDEX history_doc ON history(doc_rowid);"
    "CREATE VIRTUAL TABLE docs_fts USING fts5(title, text, content='docs',"
    " content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');"
    "CREATE TRIGGER docs_ai AFTER INSERT ON docs BEGIN"
    " INSERT INTO docs_fts(rowid, title, text)"
    " VALUES (new.rowid, new.title, new.text); END;"
    "CREATE TRIGGER docs_ad AFTER DELETE ON docs BEGIN"
    " INSERT INTO docs_fts(docs_fts, rowid, title, text)"
    " VALUES ('delete', old.rowid, old.title, old.text); END;"
    "CREATE TRIGGER docs_au AFTER UPDATE OF title, text ON docs BEGIN"
    " INSERT INTO docs_fts(docs_fts, rowid, title, text)"
    " VALUES ('delete', old.rowid, old.title, old.text);"
    " INSERT INTO docs_fts(rowid, title, text)"
    " VALUES (new.rowid, new.title, new.text); END;";

/*
 * Version 2 keeps docs_fts in step from this file instead of by triggers.
 * A trigger makes every INSERT into docs a multi-write statement with a
 * statement savepoint, and FTS5 flushes its pending terms to a new index
 * segment at every savepoint: one segment per document, merged and merged
 * again, which was four fifths of the ingest time. The index is rebuilt
 * without the token counts per document (columnsize=0: only bm25() needs
 * them, and it counts the tokens itself then), with room for 64 MB of
 * pending terms, so that a batch is written as one segment.
 */
static const char schema_v2[] =
    "DROP TRIGGER docs_ai;"
    "DROP TRIGGER docs_ad;"
    "DROP TRIGGER docs_au;"
    "DROP TABLE docs_fts;"
    "CREATE VIRTUAL TABLE docs_fts USING fts5(title, text, content='docs',"
    " content_rowid='rowid', columnsize=0,"
    " tokenize='unicode61 remove_diacritics 2');"
    "INSERT INTO docs_fts (docs_fts, rank) VALUES ('hashsize', 67108864);"
    "INSERT INTO docs_fts (docs_fts) VALUES ('rebuild');";

/* migrations[v] brings a store from version v to v + 1. */
static const char *const migrations[] = { schema_v1, schema_v2 };

struct ctk_store {
	sqlite3 *db;
	int busy_ms;
	enum ctk_store_mode mode;
	sqlite3_stmt *find, *insert, *update, *save_history, *add_column;
	sqlite3_stmt *fts_insert, *fts_delete, *old;
	int in_batch;
	int expect_new;		/* the last document was new */
	unsigned batch, pending;
	ctk_store_counts counts;	/* committed */
	ctk_store_counts in_flight;	/* of the open batch: counted only
					 * once it is committed, so that a
					 * failed batch (a full disk) is not
					 * reported as stored */
	char now[32];
	char **known_extra;	/* extra column names registered so far */
	size_t n_known;
	/* What column i of the last document was: its name and base column
	 * (N_BASE for an extra one), so that a run of documents with one
	 * header costs one strcmp per column */
	struct known_col {
		char *name;
		int base;
	} *cols;
	size_t n_cols, cap_cols;
};

static int
db_error(ctk_store *st, ctk_error *err, const char *what)
{
	return ctk_error_set(err, CTK_EIO, 0, 0, "%s: %s", what,
	    sqlite3_errmsg(st->db));
}

static int
exec(ctk_store *st, const char *sql, ctk_error *err)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	ctk_error_set(err, CTK_EIO, 0, 0, "%s", msg ? msg : "database error");
	sqlite3_free(msg);
	return CTK_EIO;
}

/*
 * Like exec(), but waits out SQLITE_BUSY for up to busy_ms: SQLite does not
 * call the busy handler for every lock (changing the journal mode of a file
 * another process is creating, for one), so a second writer starting at
 * the same moment would otherwise fail at once.
 */
static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
exec_wait(ctk_store *st, const char *sql, ctk_error *err)
{
	double start = now_ms();
	char *msg = NULL;
	int rc;

	for (;;) {
		rc = sqlite3_exec(st->db, sql, NULL, NULL, &msg);
		if (rc == SQLITE_OK)
			return 0;
		if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) ||
		    now_ms() - start >= st->busy_ms)
			break;
		sqlite3_free(msg);
		msg = NULL;
		sqlite3_sleep(20);
	}
	ctk_error_set(err, CTK_EIO, 0, 0, "%s", msg ? msg : "database error");
	sqlite3_free(msg);
	return CTK_EIO;
}

static int
user_version(ctk_store *st, int *version, ctk_error *err)
{
	sqlite3_stmt *s;
	int rc;

	rc = sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW)
		*version = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT)
		return ctk_error_set(err, CTK_EIO, 0, 0,
		    "not a ctk store: %s", sqlite3_errmsg(st->db));
	if (rc != SQLITE_ROW)
		return db_error(st, err, "cannot read the schema version");
	return 0;
}

static int
has_docs_table(ctk_store *st)
{
	sqlite3_stmt *s;
	int found = 0;

	if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM sqlite_master WHERE "
	    "type = 'table' AND name = 'docs'", -1, &s, NULL) == SQLITE_OK)
		found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return found;
}

static int
check_version(ctk_store *st, int version, ctk_error *err)
{
	int known = (int)(sizeof migrations / sizeof migrations[0]);

	if (version > known)
		return ctk_error_set(err, CTK_EIO, 0, 0, "store has schema "
		    "version %d, newer than this ctk knows (%d): upgrade ctk",
		    version, known);
	if (version == 0 && has_docs_table(st))
		return ctk_error_set(err, CTK_EIO, 0, 0,
		    "not a ctk store (user_version is 0)");
	return 0;
}

/*
 * Settings for bulk writing: statement journals (of the rare multi-row
 * statements: history, unindexing an edit) in memory instead of a
 * temporary file each, a 64 MB page cache, and WAL checkpoints every
 * ~80 MB rather than 4 MB. Without them a million messages took 23 times
 * as many writes.
 */
static int
set_speed(ctk_store *st, ctk_error *err)
{
	if (exec(st, "PRAGMA temp_store = MEMORY", err) < 0 ||
	    exec(st, "PRAGMA cache_size = -65536", err) < 0 ||
	    exec(st, "PRAGMA wal_autocheckpoint = 20000", err) < 0)
		return CTK_EIO;
	return 0;
}

/* Reads and checks the schema version in one read transaction: another
 * process creating the store must not be seen half done (its tables
 * without their version). */
static int
read_version(ctk_store *st, int *version, ctk_error *err)
{
	if (exec_wait(st, "BEGIN", err) < 0)
		return CTK_EIO;
	if (user_version(st, version, err) < 0 ||
	    check_version(st, *version, err) < 0) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return CTK_EIO;
	}
	return exec(st, "COMMIT", err);
}

/* Creates or upgrades the schema inside one immediate transaction, so
 * that two processes opening a new store at once do not both create it. */
static int
migrate(ctk_store *st, ctk_error *err)
{
	int version = 0, known = (int)(sizeof migrations / sizeof migrations[0]);
	char sql[64];

	if (exec_wait(st, "BEGIN IMMEDIATE", err) < 0)
		return CTK_EIO;
	if (user_version(st, &version, err) < 0 ||
	    check_version(st, version, err) < 0)
		goto fail;
	for (; version < known; version++)
		if (exec(st, migrations[version], err) < 0)
			goto fail;
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", known);
	if (exec(st, sql, err) < 0 || exec(st, "COMMIT", err) < 0)
		goto fail;
	return 0;
fail:
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return CTK_EIO;
}

static int
prepare(ctk_store *st, sqlite3_stmt **s, const char *sql, ctk_error *err)
{
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, s,
	    NULL) != SQLITE_OK)
		return db_error(st, err, "cannot prepare statement");
	return 0;
}

static int
prepare_writes(ctk_store *st, ctk_error *err)
{
	if (prepare(st, &st->find, "SELECT rowid, hash, edited FROM docs "
	    "WHERE id = ?1", err) < 0 ||
	    prepare(st, &st->insert, "INSERT INTO docs (id, kind, source, "
	    "channel, date, author, title, url, fwd_from, reply_to, lang, "
	    "text, extra, edited, hash, first_seen, last_changed) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
	    "?15, ?16, ?16) ON CONFLICT (id) DO NOTHING", err) < 0 ||
	    prepare(st, &st->update, "UPDATE docs SET kind = ?2, source = ?3, "
	    "channel = ?4, date = ?5, author = ?6, title = ?7, url = ?8, "
	    "fwd_from = ?9, reply_to = ?10, lang = ?11, text = ?12, "
	    "extra = ?13, edited = ?14, hash = ?15, last_changed = ?16 "
	    "WHERE rowid = ?17", err) < 0 ||
	    prepare(st, &st->old, "SELECT title, text, edited, extra FROM docs "
	    "WHERE rowid = ?1", err) < 0 ||
	    prepare(st, &st->save_history, "INSERT INTO history (doc_rowid, "
	    "replaced, title, text, edited, extra) VALUES (?1, ?2, ?3, ?4, ?5, "
	    "?6)", err) < 0 ||
	    prepare(st, &st->add_column, "INSERT OR IGNORE INTO columns (name) "
	    "VALUES (?1)", err) < 0 ||
	    prepare(st, &st->fts_insert, "INSERT INTO docs_fts (rowid, title, "
	    "text) VALUES (?1, ?2, ?3)", err) < 0 ||
	    /* an external-content index forgets a row given its old text */
	    prepare(st, &st->fts_delete, "INSERT INTO docs_fts (docs_fts, "
	    "rowid, title, text) VALUES ('delete', ?1, ?2, ?3)", err) < 0)
		return CTK_EIO;
	return 0;
}

/*
 * A store on read-only media (a mounted archive, a DVD) cannot get the
 * -shm file WAL readers need; nobody can write there either, so it is
 * opened as immutable. The path goes into a file: URI, percent-encoded.
 */
static int
open_immutable(ctk_store *st, const char *path, int busy_ms)
{
	ctk_buf uri = CTK_BUF_INIT;
	const char *p;
	int rc;

	ctk_buf_append_str(&uri, "file:");
	for (p = path; *p != '\0'; p++)
		if (*p == '?' || *p == '#' || *p == '%')
			ctk_buf_printf(&uri, "%%%02X", (unsigned char)*p);
		else
			ctk_buf_append_char(&uri, *p);
	ctk_buf_append_str(&uri, "?immutable=1");
	sqlite3_close(st->db);
	st->db = NULL;
	rc = sqlite3_open_v2(ctk_buf_str(&uri), &st->db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	ctk_buf_release(&uri);
	if (rc == SQLITE_OK)
		sqlite3_busy_timeout(st->db, busy_ms);
	return rc;
}

static int
open_db(ctk_store *st, const char *path, int busy_ms, ctk_error *err)
{
	int flags = st->mode == CTK_STORE_READ ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;

	if (sqlite3_open_v2(path, &st->db, flags | SQLITE_OPEN_NOMUTEX,
	    NULL) != SQLITE_OK)
		return ctk_error_set(err, CTK_EIO, 0, 0, "cannot open store: %s",
		    st->db ? sqlite3_errmsg(st->db) : "out of memory");
	sqlite3_busy_timeout(st->db, busy_ms);
	st->busy_ms = busy_ms;
	sqlite3_extended_result_codes(st->db, 0);
	return 0;
}

ctk_store *
ctk_store_open(const char *path, enum ctk_store_mode mode, ctk_error *err)
{
	return ctk_store_open_wait(path, mode, CTK_STORE_BUSY_TIMEOUT_MS, err);
}

ctk_store *
ctk_store_open_wait(const char *path, enum ctk_store_mode mode,
    int busy_timeout_ms, ctk_error *err)
{
	ctk_store *st;
	time_t t = time(NULL);
	int version = 0;

	/* SQLite's count of allocated memory takes a mutex at every malloc
	 * and free (5% of an ingest); nothing here reads it. Only possible
	 * before SQLite is first used: later calls fail, harmlessly. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	st = calloc(1, sizeof *st);
	if (st == NULL) {
		ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
		return NULL;
	}
	st->mode = mode;
	st->batch = DEFAULT_BATCH;
	strftime(st->now, sizeof st->now, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
	if (open_db(st, path, busy_timeout_ms, err) < 0)
		goto fail;
	if (read_version(st, &version, err) < 0) {
		/* access(2) tells a read-only file system, even to root */
		if (access(path, W_OK) == 0 || errno != EROFS)
			goto fail;
		if (mode == CTK_STORE_WRITE) {
			ctk_error_set(err, CTK_EIO, 0, 0, "cannot open store: %s",
			    strerror(EROFS));
			goto fail;
		}
		if (open_immutable(st, path, busy_timeout_ms) != SQLITE_OK ||
		    read_version(st, &version, err) < 0)
			goto fail;
	}
	if (mode == CTK_STORE_READ) {
		if (version == 0) {
			ctk_error_set(err, CTK_EIO, 0, 0, "not a ctk store "
			    "(empty database: create it with ctk ingest --db)");
			goto fail;
		}
		return st;
	}
	if (exec_wait(st, "PRAGMA journal_mode = WAL", err) < 0 ||
	    exec(st, "PRAGMA synchronous = NORMAL", err) < 0 ||
	    set_speed(st, err) < 0 ||
	    migrate(st, err) < 0 || prepare_writes(st, err) < 0)
		goto fail;
	return st;
fail:
	ctk_store_close(st);
	return NULL;
}

void
ctk_store_close(ctk_store *st)
{
	size_t i;

	if (st == NULL)
		return;
	if (st->in_batch)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_finalize(st->find);
	sqlite3_finalize(st->insert);
	sqlite3_finalize(st->update);
	sqlite3_finalize(st->save_history);
	sqlite3_finalize(st->add_column);
	sqlite3_finalize(st->fts_insert);
	sqlite3_finalize(st->fts_delete);
	sqlite3_finalize(st->old);
	sqlite3_close(st->db);
	for (i = 0; i < st->n_known; i++)
		free(st->known_extra[i]);
	free(st->known_extra);
	for (i = 0; i < st->n_cols; i++)
		free(st->cols[i].name);
	free(st->cols);
	free(st);
}

void
ctk_store_set_batch(ctk_store *st, unsigned batch)
{
	st->batch = batch > 0 ? batch : 1;
}

ctk_store_counts
ctk_store_get_counts(const ctk_store *st)
{
	return st->counts;
}

/* ---- writing ---- */

static int
is_identifier(const char *name)
{
	const char *p;

	if (*name == '\0')
		return 0;
	for (p = name; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '_'))
			return 0;
	return 1;
}

static int
base_index(const char *name)
{
	int i;

	for (i = 0; i < N_BASE; i++)
		if (strcmp(name, base_cols[i]) == 0)
			return i;
	return -1;
}

/* Registers an extra column name once per connection. */
static int
register_column(ctk_store *st, const char *name, ctk_error *err)
{
	size_t i;
	char **p;

	for (i = 0; i < st->n_known; i++)
		if (strcmp(st->known_extra[i], name) == 0)
			return 0;
	sqlite3_reset(st->add_column);
	sqlite3_bind_text(st->add_column, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st->add_column) != SQLITE_DONE)
		return db_error(st, err, "cannot register column");
	p = realloc(st->known_extra, (st->n_known + 1) * sizeof *p);
	if (p == NULL || (p[st->n_known] = strdup(name)) == NULL) {
		if (p != NULL)
			st->known_extra = p;
		return ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
	}
	st->known_extra = p;
	st->n_known++;
	return 0;
}

/* Remembers that column i is called name and is base column base. */
static int
remember_column(ctk_store *st, size_t i, const char *name, int base,
    ctk_error *err)
{
	char *copy = strdup(name);

	if (copy == NULL || (i >= st->n_cols && ctk_grow_array((void **)&st->cols,
	    &st->cap_cols, i + 1, sizeof *st->cols) != 0)) {
		free(copy);
		return ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
	}
	for (; st->n_cols <= i; st->n_cols++)
		st->cols[st->n_cols].name = NULL;
	free(st->cols[i].name);
	st->cols[i].name = copy;
	st->cols[i].base = base;
	return 0;
}

/* The base column (< N_BASE) or N_BASE for an extra column, registered;
 * or CTK_EFORMAT for a name that cannot be stored, CTK_EIO, CTK_ENOMEM. */
static int
column_kind(ctk_store *st, size_t i, const char *name, ctk_error *err)
{
	int b;

	if (i < st->n_cols && st->cols[i].name != NULL &&
	    strcmp(st->cols[i].name, name) == 0)
		return st->cols[i].base;
	if ((b = base_index(name)) < 0) {
		if (!is_identifier(name))
			return ctk_error_set(err, CTK_EFORMAT, 0, 0, "column name "
			    "'%s' cannot be stored (letters, digits and _ only)",
			    name);
		if (register_column(st, name, err) < 0)
			return err->code;
		b = N_BASE;
	}
	return remember_column(st, i, name, b, err) < 0 ? CTK_ENOMEM : b;
}

static void
json_string(ctk_buf *b, const char *s, size_t len)
{
	size_t i, run = 0;

	ctk_buf_append_char(b, '"');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c != '"' && c != '\\' && c >= 0x20)
			continue;
		ctk_buf_append(b, s + run, i - run);
		run = i + 1;
		if (c < 0x20)
			ctk_buf_printf(b, "\\u%04x", c);
		else {
			ctk_buf_append_char(b, '\\');
			ctk_buf_append_char(b, (char)c);
		}
	}
	ctk_buf_append(b, s + run, len - run);
	ctk_buf_append_char(b, '"');
}

/* A document split into the base columns and the JSON of the rest. */
struct doc {
	ctk_str base[N_BASE];
	ctk_buf extra;
	ctk_str edited;
	uint64_t hash;
};

static int
split_doc(ctk_store *st, struct doc *d, const char *const *names,
    const ctk_str *values, size_t n, ctk_error *err)
{
	size_t i;
	int b;

	memset(d->base, 0, sizeof d->base);
	d->edited.s = NULL;
	d->edited.len = 0;
	ctk_buf_reset(&d->extra);
	for (i = 0; i < n; i++) {
		if ((b = column_kind(st, i, names[i], err)) < 0)
			return b;
		if (b < N_BASE) {
			d->base[b] = values[i];
			continue;
		}
		if (values[i].len == 0)
			continue;	/* empty means missing */
		ctk_buf_append_char(&d->extra, d->extra.len ? ',' : '{');
		json_string(&d->extra, names[i], strlen(names[i]));
		ctk_buf_append_char(&d->extra, ':');
		json_string(&d->extra, values[i].s, values[i].len);
		if (strcmp(names[i], "edited") == 0)
			d->edited = values[i];
	}
	if (d->extra.len > 0)
		ctk_buf_append_char(&d->extra, '}');
	if (d->base[COL_ID].len == 0)
		return ctk_error_set(err, CTK_EFORMAT, 0, 0,
		    "document without id cannot be stored");
	d->hash = CTK_FNV1A_OFFSET;
	for (i = 0; i < N_BASE; i++)
		d->hash = ctk_fnv1a_more(ctk_fnv1a_more(d->hash,
		    d->base[i].s, d->base[i].len), "\x1f", 1);
	d->hash = ctk_fnv1a_more(d->hash, ctk_buf_str(&d->extra),
	    d->extra.len);
	return 0;
}

static void
bind_opt(sqlite3_stmt *s, int i, const char *v, size_t len)
{
	if (len == 0)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, v, (int)len, SQLITE_STATIC);
}

static void
bind_doc(ctk_store *st, sqlite3_stmt *s, const struct doc *d)
{
	int i;

	sqlite3_reset(s);
	for (i = 0; i < N_BASE; i++)
		bind_opt(s, i + 1, d->base[i].s, d->base[i].len);
	bind_opt(s, 13, d->extra.data, d->extra.len);
	bind_opt(s, 14, d->edited.s, d->edited.len);
	sqlite3_bind_int64(s, 15, (sqlite3_int64)d->hash);
	sqlite3_bind_text(s, 16, st->now, -1, SQLITE_STATIC);
}

static int
step_done(ctk_store *st, sqlite3_stmt *s, ctk_error *err, const char *what)
{
	if (sqlite3_step(s) != SQLITE_DONE)
		return db_error(st, err, what);
	return 0;
}

/* Stored version newer than the incoming one: keep it. */
static int
stored_is_newer(sqlite3_stmt *find, const struct doc *d)
{
	const char *stored = (const char *)sqlite3_column_text(find, 2);
	size_t n = (size_t)sqlite3_column_bytes(find, 2);
	int cmp;

	if (stored == NULL)
		return 0;
	if (d->edited.len == 0)
		return 1;
	cmp = memcmp(stored, d->edited.s, n < d->edited.len ? n : d->edited.len);
	return cmp > 0 || (cmp == 0 && n > d->edited.len);
}

/* Indexes the title and text of the document stored at rowid. */
static int
index_doc(ctk_store *st, const struct doc *d, sqlite3_int64 rowid,
    ctk_error *err)
{
	sqlite3_stmt *s = st->fts_insert;

	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, rowid);
	bind_opt(s, 2, d->base[COL_TITLE].s, d->base[COL_TITLE].len);
	bind_opt(s, 3, d->base[COL_TEXT].s, d->base[COL_TEXT].len);
	return step_done(st, s, err, "cannot index document");
}

/* Inserts and indexes a document: CTK_STORE_NEW, 0 when its id is
 * already stored, or CTK_EIO. */
static int
insert_doc(ctk_store *st, const struct doc *d, ctk_error *err)
{
	bind_doc(st, st->insert, d);
	if (step_done(st, st->insert, err, "cannot insert document") < 0)
		return CTK_EIO;
	if (sqlite3_changes(st->db) == 0)
		return 0;
	if (index_doc(st, d, sqlite3_last_insert_rowid(st->db), err) < 0)
		return CTK_EIO;
	return CTK_STORE_NEW;
}

/* 1 when column i of the current row of s holds the value v (empty
 * values are stored as NULL). */
static int
same_value(sqlite3_stmt *s, int i, const ctk_str *v)
{
	const void *stored = sqlite3_column_blob(s, i);
	size_t n = (size_t)sqlite3_column_bytes(s, i);

	if (stored == NULL)
		return v->len == 0;
	return n == v->len && memcmp(stored, v->s, n) == 0;
}

/* Binds column i of the current row of from (NULL or text) to
 * parameter p of to. */
static void
bind_column(sqlite3_stmt *to, int p, sqlite3_stmt *from, int i)
{
	if (sqlite3_column_type(from, i) == SQLITE_NULL)
		sqlite3_bind_null(to, p);
	else
		sqlite3_bind_text(to, p, (const char *)sqlite3_column_text(from,
		    i), sqlite3_column_bytes(from, i), SQLITE_TRANSIENT);
}

/*
 * Copies the replaced version (st->old's row) to history, and takes its
 * words out of the index when they change. Single-row VALUES statements
 * only: an INSERT ... SELECT opens a statement savepoint, at which FTS5
 * writes its pending terms out as a new segment.
 */
static int
retire_old(ctk_store *st, const struct doc *d, sqlite3_int64 rowid,
    int words_changed, ctk_error *err)
{
	sqlite3_stmt *o = st->old, *h = st->save_history, *u = st->fts_delete;
	int i;

	if (words_changed || !same_value(o, 2, &d->edited)) {
		sqlite3_reset(h);
		sqlite3_bind_int64(h, 1, rowid);
		sqlite3_bind_text(h, 2, st->now, -1, SQLITE_STATIC);
		for (i = 0; i < 4; i++)
			bind_column(h, i + 3, o, i);
		if (step_done(st, h, err, "cannot save history") < 0)
			return CTK_EIO;
	}
	if (!words_changed)
		return 0;
	sqlite3_reset(u);
	sqlite3_bind_int64(u, 1, rowid);
	bind_column(u, 2, o, 0);
	bind_column(u, 3, o, 1);
	return step_done(st, u, err, "cannot unindex document");
}

/* Keeps the replaced version in history, stores the new one, and
 * reindexes it when its title or text changed. */
static int
update_doc(ctk_store *st, const struct doc *d, sqlite3_int64 rowid,
    ctk_error *err)
{
	sqlite3_stmt *o = st->old;
	int words_changed, rc;

	sqlite3_reset(o);
	sqlite3_bind_int64(o, 1, rowid);
	if (sqlite3_step(o) != SQLITE_ROW)
		return db_error(st, err, "cannot read stored document");
	words_changed = !same_value(o, 0, &d->base[COL_TITLE]) ||
	    !same_value(o, 1, &d->base[COL_TEXT]);
	rc = retire_old(st, d, rowid, words_changed, err);
	sqlite3_reset(o);
	if (rc < 0)
		return rc;
	bind_doc(st, st->update, d);
	sqlite3_bind_int64(st->update, 17, rowid);
	if (step_done(st, st->update, err, "cannot update document") < 0)
		return CTK_EIO;
	return words_changed ? index_doc(st, d, rowid, err) : 0;
}

static int
write_doc(ctk_store *st, const struct doc *d, ctk_error *err)
{
	sqlite3_stmt *f = st->find;
	sqlite3_int64 rowid;
	int rc;

	/* In a run of new documents (a first ingest) the insert itself tells
	 * a known id, without a lookup first. */
	if (st->expect_new && (rc = insert_doc(st, d, err)) != 0)
		return rc;
	sqlite3_reset(f);
	bind_opt(f, 1, d->base[COL_ID].s, d->base[COL_ID].len);
	rc = sqlite3_step(f);
	if ((st->expect_new = rc == SQLITE_DONE)) {
		if ((rc = insert_doc(st, d, err)) == 0)
			return ctk_error_set(err, CTK_EIO, 0, 0, "cannot insert "
			    "document: its id is stored yet was not found");
		return rc;
	}
	if (rc != SQLITE_ROW)
		return db_error(st, err, "cannot look up document");
	rowid = sqlite3_column_int64(f, 0);
	if ((uint64_t)sqlite3_column_int64(f, 1) == d->hash ||
	    stored_is_newer(f, d))
		return CTK_STORE_UNCHANGED;
	return update_doc(st, d, rowid, err) < 0 ? CTK_EIO : CTK_STORE_UPDATED;
}

int
ctk_store_put(ctk_store *st, const char *const *names, const ctk_str *values,
    size_t n, ctk_error *err)
{
	struct doc d;
	int rc;

	if (st->mode != CTK_STORE_WRITE)
		return ctk_error_set(err, CTK_EUSAGE, 0, 0, "store is read-only");
	if (!st->in_batch) {
		if (exec_wait(st, "BEGIN IMMEDIATE", err) < 0)
			return CTK_EIO;
		st->in_batch = 1;
	}
	ctk_buf_init(&d.extra);
	rc = split_doc(st, &d, names, values, n, err);
	if (rc == 0)
		rc = write_doc(st, &d, err);
	ctk_buf_release(&d.extra);
	if (rc < 0)
		return rc;
	if (rc == CTK_STORE_NEW)
		st->in_flight.n_new++;
	else if (rc == CTK_STORE_UPDATED)
		st->in_flight.n_updated++;
	else
		st->in_flight.n_unchanged++;
	if (++st->pending >= st->batch && ctk_store_commit(st, err) < 0)
		return CTK_EIO;
	return rc;
}

int
ctk_store_commit(ctk_store *st, ctk_error *err)
{
	if (!st->in_batch)
		return 0;
	st->in_batch = 0;
	st->pending = 0;
	if (exec(st, "COMMIT", err) < 0) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		memset(&st->in_flight, 0, sizeof st->in_flight);
		return CTK_EIO;
	}
	st->counts.n_new += st->in_flight.n_new;
	st->counts.n_updated += st->in_flight.n_updated;
	st->counts.n_unchanged += st->in_flight.n_unchanged;
	memset(&st->in_flight, 0, sizeof st->in_flight);
	return 0;
}

/* ---- querying ---- */

/* Dates in filters: a prefix of an RFC 3339 UTC date (2024, 2024-09,
 * 2024-09-06, 2024-09-06T12:15:00Z). */
int
ctk_store_valid_date(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	size_t i, n = strlen(s);

	if (n != 4 && n != 7 && n != 10 && n != 13 && n != 16 && n != 19 &&
	    n != 20)
		return 0;
	for (i = 0; i < n; i++)
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
			return 0;
	return 1;
}

struct query {
	ctk_buf sql;
	const char *binds[128];
	int n_binds;
	ctk_buf until;	/* until + "~": above every date with that prefix */
};

static void
where_eq(struct query *q, const char *column, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	ctk_buf_printf(&q->sql, " AND %s = ?%d", column, q->n_binds + 1);
	q->binds[q->n_binds++] = value;
}

static int
build_where(struct query *q, const ctk_store_filter *f, ctk_error *err)
{
	size_t i;

	ctk_buf_append_str(&q->sql, " WHERE 1");
	if (f == NULL)
		return 0;
	if (f->n_channels > 32)
		return ctk_error_set(err, CTK_EUSAGE, 0, 0,
		    "at most 32 --channel values");
	if (f->n_channels > 0) {
		ctk_buf_append_str(&q->sql, " AND channel IN (");
		for (i = 0; i < f->n_channels; i++) {
			ctk_buf_printf(&q->sql, "%s?%d", i ? ", " : "",
			    q->n_binds + 1);
			q->binds[q->n_binds++] = f->channels[i];
		}
		ctk_buf_append_char(&q->sql, ')');
	}
	if (f->since != NULL) {
		if (!ctk_store_valid_date(f->since))
			return ctk_error_set(err, CTK_EUSAGE, 0, 0, "bad date "
			    "'%s' (expected YYYY[-MM[-DD[THH:MM[:SS]]]])", f->since);
		ctk_buf_printf(&q->sql, " AND date >= ?%d", q->n_binds + 1);
		q->binds[q->n_binds++] = f->since;
	}
	if (f->until != NULL) {
		if (!ctk_store_valid_date(f->until))
			return ctk_error_set(err, CTK_EUSAGE, 0, 0, "bad date "
			    "'%s' (expected YYYY[-MM[-DD[THH:MM[:SS]]]])", f->until);
		ctk_buf_printf(&q->until, "%s~", f->until);
		ctk_buf_printf(&q->sql, " AND date < ?%d", q->n_binds + 1);
		q->binds[q->n_binds++] = q->until.data;
	}
	where_eq(q, "lang", f->lang);
	where_eq(q, "kind", f->kind);
	where_eq(q, "fwd_from", f->fwd_from);
	where_eq(q, "author", f->author);
	if (f->match != NULL && *f->match != '\0') {
		ctk_buf_printf(&q->sql, " AND rowid IN (SELECT rowid FROM "
		    "docs_fts WHERE docs_fts MATCH ?%d)", q->n_binds + 1);
		q->binds[q->n_binds++] = f->match;
	}
	return 0;
}

static int
prepare_query(ctk_store *st, struct query *q, sqlite3_stmt **s,
    ctk_error *err)
{
	int i;

	if (sqlite3_prepare_v2(st->db, q->sql.data, -1, s, NULL) != SQLITE_OK)
		return db_error(st, err, "cannot prepare query");
	for (i = 0; i < q->n_binds; i++)
		sqlite3_bind_text(*s, i + 1, q->binds[i], -1, SQLITE_STATIC);
	return 0;
}

static void
query_release(struct query *q)
{
	ctk_buf_release(&q->sql);
	ctk_buf_release(&q->until);
}

/* Steps s and hands every row to fn. An SQL error during the step (a
 * malformed FTS query shows up here) is a usage error. */
static long
emit_rows(ctk_store *st, sqlite3_stmt *s, ctk_store_row_fn fn, void *ctx,
    ctk_error *err)
{
	int n = sqlite3_column_count(s), i, rc;
	ctk_str fields[N_BASE + MAX_EXTRA + 8];
	long rows = 0;

	if (n > (int)(sizeof fields / sizeof fields[0]))
		return ctk_error_set(err, CTK_EUSAGE, 0, 0, "too many columns");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		for (i = 0; i < n; i++) {
			const unsigned char *t = sqlite3_column_text(s, i);
			fields[i].s = t ? (const char *)t : "";
			fields[i].len = t ? (size_t)sqlite3_column_bytes(s, i) : 0;
		}
		rows++;
		if (fn(ctx, fields, (size_t)n) != 0)
			return rows;
	}
	if (rc != SQLITE_DONE)
		return ctk_error_set(err, strstr(sqlite3_errmsg(st->db), "fts5")
		    ? CTK_EUSAGE : CTK_EIO, 0, 0, "query failed: %s",
		    sqlite3_errmsg(st->db));
	return rows;
}

static long
emit_header(const char *const *names, size_t n, ctk_store_row_fn fn,
    void *ctx)
{
	ctk_str fields[N_BASE + MAX_EXTRA + 8];
	size_t i;

	for (i = 0; i < n; i++) {
		fields[i].s = names[i];
		fields[i].len = strlen(names[i]);
	}
	return fn(ctx, fields, n);
}

/* Loads the extra column names in first-seen order. */
static int
load_columns(ctk_store *st, ctk_buf *names, size_t *n, ctk_error *err)
{
	sqlite3_stmt *s;

	*n = 0;
	if (sqlite3_prepare_v2(st->db, "SELECT name FROM columns ORDER BY "
	    "position", -1, &s, NULL) != SQLITE_OK)
		return db_error(st, err, "cannot read columns");
	while (sqlite3_step(s) == SQLITE_ROW && *n < MAX_EXTRA) {
		ctk_buf_append_str(names, (const char *)sqlite3_column_text(s, 0));
		ctk_buf_append_char(names, '\0');
		(*n)++;
	}
	sqlite3_finalize(s);
	return 0;
}

long
ctk_store_select(ctk_store *st, const ctk_store_filter *f,
    ctk_store_row_fn fn, void *ctx, ctk_error *err)
{
	struct query q = { CTK_BUF_INIT, { 0 }, 0, CTK_BUF_INIT };
	ctk_buf extra = CTK_BUF_INIT, paths = CTK_BUF_INIT;
	const char *header[N_BASE + MAX_EXTRA];
	const char *p;
	sqlite3_stmt *s = NULL;
	size_t n_extra = 0, i;
	long rc;

	if ((rc = load_columns(st, &extra, &n_extra, err)) < 0)
		goto out;
	ctk_buf_append_str(&q.sql, "SELECT id, kind, source, channel, date, "
	    "author, title, url, fwd_from, reply_to, lang, text");
	for (i = 0; i < N_BASE; i++)
		header[i] = base_cols[i];
	for (i = 0, p = extra.data; i < n_extra; i++, p += strlen(p) + 1) {
		header[N_BASE + i] = p;
		/* The JSON path is bound too: names never reach the SQL. */
		ctk_buf_printf(&q.sql, ", json_extract(extra, ?%zu)", i + 1);
		ctk_buf_printf(&paths, "$.\"%s\"", p);
		ctk_buf_append_char(&paths, '\0');
	}
	for (i = 0, p = paths.data; i < n_extra; i++, p += strlen(p) + 1)
		q.binds[q.n_binds++] = p;
	ctk_buf_append_str(&q.sql, " FROM docs");
	if ((rc = build_where(&q, f, err)) < 0)
		goto out;
	ctk_buf_append_str(&q.sql, f != NULL && f->order_by_id ?
	    " ORDER BY id" : " ORDER BY date, id");
	if (f != NULL && f->limit > 0)
		ctk_buf_printf(&q.sql, " LIMIT %ld", f->limit);
	if ((rc = prepare_query(st, &q, &s, err)) < 0)
		goto out;
	if (emit_header(header, N_BASE + n_extra, fn, ctx) != 0) {
		rc = 0;
		goto out;
	}
	rc = emit_rows(st, s, fn, ctx, err);
out:
	sqlite3_finalize(s);
	query_release(&q);
	ctk_buf_release(&extra);
	ctk_buf_release(&paths);
	return rc;
}

static int
count_one(void *ctx, const ctk_str *fields, size_t n)
{
	(void)n;
	*(long *)ctx = strtol(fields[0].s, NULL, 10);
	return 0;
}

long
ctk_store_count(ctk_store *st, const ctk_store_filter *f, ctk_error *err)
{
	struct query q = { CTK_BUF_INIT, { 0 }, 0, CTK_BUF_INIT };
	sqlite3_stmt *s = NULL;
	long count = 0, rc;

	ctk_buf_append_str(&q.sql, "SELECT count(*) FROM docs");
	if ((rc = build_where(&q, f, err)) == 0 &&
	    (rc = prepare_query(st, &q, &s, err)) == 0)
		rc = emit_rows(st, s, count_one, &count, err);
	sqlite3_finalize(s);
	query_release(&q);
	return rc < 0 ? rc : count;
}

/* The SQL expression of a --count-by key, or NULL when unknown. */
static const char *
count_key(const char *key, int *is_period)
{
	static const struct {
		const char *name, *expr;
		int period;
	} keys[] = {
		{ "day", "substr(date, 1, 10)", 1 },
		{ "month", "substr(date, 1, 7)", 1 },
		{ "year", "substr(date, 1, 4)", 1 },
		/* ISO 8601 week: the year and week of that week's Thursday */
		{ "week", "strftime('%Y', date(substr(date, 1, 10), '-3 days', "
		    "'weekday 4')) || '-W' || printf('%02d', (strftime('%j', "
		    "date(substr(date, 1, 10), '-3 days', 'weekday 4')) - 1) "
		    "/ 7 + 1)", 1 },
		{ "channel", "channel", 0 },
		{ "lang", "lang", 0 },
		{ "fwd_from", "fwd_from", 0 },
	};
	size_t i;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(key, keys[i].name) == 0) {
			*is_period = keys[i].period;
			return keys[i].expr;
		}
	return NULL;
}

long
ctk_store_count_by(ctk_store *st, const ctk_store_filter *f, const char *key,
    ctk_store_row_fn fn, void *ctx, ctk_error *err)
{
	struct query q = { CTK_BUF_INIT, { 0 }, 0, CTK_BUF_INIT };
	const char *header[2] = { key, "count" };
	sqlite3_stmt *s = NULL;
	int is_period = 0;
	const char *expr = count_key(key, &is_period);
	long rc;

	if (expr == NULL)
		return ctk_error_set(err, CTK_EUSAGE, 0, 0, "cannot count by "
		    "'%s' (day, week, month, year, channel, lang, fwd_from)", key);
	ctk_buf_printf(&q.sql, "SELECT %s AS k, count(*) AS n FROM docs", expr);
	if ((rc = build_where(&q, f, err)) < 0)
		goto out;
	ctk_buf_append_str(&q.sql, is_period ? " GROUP BY k ORDER BY k" :
	    " GROUP BY k ORDER BY n DESC, k");
	if ((rc = prepare_query(st, &q, &s, err)) < 0)
		goto out;
	rc = 0;
	if (emit_header(header, 2, fn, ctx) == 0)
		rc = emit_rows(st, s, fn, ctx, err);
out:
	sqlite3_finalize(s);
	query_release(&q);
	return rc;
}

long
ctk_store_channels(ctk_store *st, const ctk_store_filter *f,
    ctk_store_row_fn fn, void *ctx, ctk_error *err)
{
	static const char *const header[] = { "channel", "documents", "first",
	    "last" };
	struct query q = { CTK_BUF_INIT, { 0 }, 0, CTK_BUF_INIT };
	sqlite3_stmt *s = NULL;
	long rc;

	ctk_buf_append_str(&q.sql, "SELECT channel, count(*), min(date), "
	    "max(date) FROM docs");
	if ((rc = build_where(&q, f, err)) < 0)
		goto out;
	ctk_buf_append_str(&q.sql, " GROUP BY channel ORDER BY channel");
	if ((rc = prepare_query(st, &q, &s, err)) < 0)
		goto out;
	rc = 0;
	if (emit_header(header, 4, fn, ctx) == 0)
		rc = emit_rows(st, s, fn, ctx, err);
out:
	sqlite3_finalize(s);
	query_release(&q);
	return rc;
}

long
ctk_store_stats(ctk_store *st, ctk_store_row_fn fn, void *ctx, ctk_error *err)
{
	static const char *const header[] = { "key", "value" };
	static const char sql[] =
	    "SELECT 'documents', count(*) FROM docs "
	    "UNION ALL SELECT 'channels', count(DISTINCT channel) FROM docs "
	    "UNION ALL SELECT 'first_date', min(date) FROM docs "
	    "UNION ALL SELECT 'last_date', max(date) FROM docs "
	    "UNION ALL SELECT * FROM (SELECT 'kind_' || coalesce(kind, 'none'),"
	    " count(*) FROM docs GROUP BY kind ORDER BY kind) "
	    "UNION ALL SELECT 'languages', count(DISTINCT lang) FROM docs "
	    "UNION ALL SELECT 'edited_versions_kept', count(*) FROM history "
	    "UNION ALL SELECT 'last_changed', max(last_changed) FROM docs "
	    "UNION ALL SELECT 'schema_version', user_version FROM "
	    "pragma_user_version "
	    "UNION ALL SELECT 'file_bytes', page_count * page_size FROM "
	    "pragma_page_count, pragma_page_size";
	sqlite3_stmt *s;
	long rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return db_error(st, err, "cannot prepare statistics");
	rc = 0;
	if (emit_header(header, 2, fn, ctx) == 0)
		rc = emit_rows(st, s, fn, ctx, err);
	sqlite3_finalize(s);
	return rc;
}

long
ctk_store_sql(ctk_store *st, const char *sql, ctk_store_row_fn fn, void *ctx,
    ctk_error *err)
{
	const char *header[N_BASE + MAX_EXTRA + 8], *tail;
	sqlite3_stmt *s;
	int i, n;
	long rc;

	if (st->mode != CTK_STORE_READ)
		return ctk_error_set(err, CTK_EUSAGE, 0, 0,
		    "--sql needs a read-only store");
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, &tail) != SQLITE_OK)
		return ctk_error_set(err, CTK_EUSAGE, 0, 0, "SQL error: %s",
		    sqlite3_errmsg(st->db));
	if (s == NULL)
		return ctk_error_set(err, CTK_EUSAGE, 0, 0, "empty SQL");
	tail += strspn(tail, " \t\r\n;");
	if (*tail != '\0' || !sqlite3_stmt_readonly(s)) {
		sqlite3_finalize(s);
		return ctk_error_set(err, CTK_EUSAGE, 0, 0, *tail != '\0' ?
		    "one SQL statement only" : "only read-only SQL is allowed");
	}
	n = sqlite3_column_count(s);
	if (n > (int)(sizeof header / sizeof header[0]))
		n = (int)(sizeof header / sizeof header[0]);
	for (i = 0; i < n; i++)
		header[i] = sqlite3_column_name(s, i);
	rc = 0;
	if (emit_header(header, (size_t)n, fn, ctx) == 0)
		rc = emit_rows(st, s, fn, ctx, err);
	sqlite3_finalize(s);
	return rc;
}

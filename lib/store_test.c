/* Unit tests of store: idempotent upserts, edits, filters, FTS, counts,
 * refusal of foreign or newer files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "buf.h"
#include "store.h"

static const char *const names[] = { "id", "channel", "date", "lang",
    "text", "edited", "views" };
enum { N = 7 };

struct db {
	char path[64];
	ctk_store *st;
};

static int
setup(void **state)
{
	struct db *db = calloc(1, sizeof *db);
	ctk_error err;
	int fd;

	strcpy(db->path, "/tmp/ctk-store-XXXXXX");
	fd = mkstemp(db->path);
	close(fd);
	unlink(db->path);	/* sqlite creates it */
	db->st = ctk_store_open(db->path, CTK_STORE_WRITE, &err);
	assert_non_null(db->st);
	*state = db;
	return 0;
}

static int
teardown(void **state)
{
	struct db *db = *state;
	char side[80];

	ctk_store_close(db->st);
	unlink(db->path);
	snprintf(side, sizeof side, "%s-wal", db->path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", db->path);
	unlink(side);
	free(db);
	return 0;
}

static int
put(ctk_store *st, const char *id, const char *channel, const char *date,
    const char *lang, const char *text, const char *edited, const char *views)
{
	const char *v[N] = { id, channel, date, lang, text, edited, views };
	ctk_str values[N];
	ctk_error err;
	int i;

	for (i = 0; i < N; i++) {
		values[i].s = v[i] ? v[i] : "";
		values[i].len = v[i] ? strlen(v[i]) : 0;
	}
	return ctk_store_put(st, names, values, N, &err);
}

static void
load_sample(ctk_store *st)
{
	ctk_error err;

	put(st, "vn:1", "Veille", "2024-08-24T18:05:00Z", "fr",
	    "Pavel Durov interpellé au Bourget", NULL, "100");
	put(st, "vn:2", "Veille", "2024-09-06T12:15:00Z", "fr",
	    "L'État et Telegram : Durov s'exprime", NULL, NULL);
	put(st, "tw:1", "Tech Watch", "2024-08-24T19:30:00Z", "en",
	    "Telegram founder Pavel Durov detained", NULL, NULL);
	put(st, "tw:2", "Tech Watch", "2024-12-30T10:00:00Z", "en",
	    "Year in review: telegraphic notes", NULL, NULL);
	put(st, "tw:3", "Tech Watch", "2021-01-03T10:00:00Z", "en",
	    "An old message", NULL, NULL);
	assert_int_equal(ctk_store_commit(st, &err), 0);
}

/* Collects rows as "a|b|c\n" lines. */
static int
collect(void *ctx, const ctk_str *fields, size_t n)
{
	ctk_buf *b = ctx;
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			ctk_buf_append_char(b, '|');
		ctk_buf_append(b, fields[i].s, fields[i].len);
	}
	ctk_buf_append_char(b, '\n');
	return 0;
}

static void
reingest_is_idempotent(void **state)
{
	struct db *db = *state;
	ctk_store_counts c;

	load_sample(db->st);
	load_sample(db->st);
	c = ctk_store_get_counts(db->st);
	assert_int_equal(c.n_new, 5);
	assert_int_equal(c.n_unchanged, 5);
	assert_int_equal(c.n_updated, 0);
	assert_int_equal(ctk_store_count(db->st, NULL, NULL), 5);
}

static void
counts_are_of_committed_batches_only(void **state)
{
	struct db *db = *state;
	ctk_store_counts c;
	ctk_error err;

	put(db->st, "vn:1", "Veille", "2024-08-24T18:05:00Z", "fr", "un",
	    NULL, NULL);
	c = ctk_store_get_counts(db->st);
	assert_int_equal(c.n_new, 0);
	assert_int_equal(ctk_store_commit(db->st, &err), 0);
	c = ctk_store_get_counts(db->st);
	assert_int_equal(c.n_new, 1);
}

/* FTS5's own check that the index holds exactly the words of docs. */
static void
assert_index_matches_docs(const char *path)
{
	sqlite3 *raw;

	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "INSERT INTO docs_fts (docs_fts, "
	    "rank) VALUES ('integrity-check', 1)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
}

static void
edits_update_and_keep_history_older_exports_do_not_win(void **state)
{
	struct db *db = *state;
	ctk_buf out = CTK_BUF_INIT;
	ctk_error err;

	load_sample(db->st);
	assert_int_equal(put(db->st, "vn:1", "Veille", "2024-08-24T18:05:00Z",
	    "fr", "Pavel Durov interpellé à l'aéroport du Bourget",
	    "2024-08-24T18:10:00Z", "150"), CTK_STORE_UPDATED);
	/* the older export again: the stored edit is newer, it stays */
	assert_int_equal(put(db->st, "vn:1", "Veille", "2024-08-24T18:05:00Z",
	    "fr", "Pavel Durov interpellé au Bourget", NULL, "100"),
	    CTK_STORE_UNCHANGED);
	/* only the view count changed: an update, no new history version */
	assert_int_equal(put(db->st, "vn:1", "Veille", "2024-08-24T18:05:00Z",
	    "fr", "Pavel Durov interpellé à l'aéroport du Bourget",
	    "2024-08-24T18:10:00Z", "180"), CTK_STORE_UPDATED);
	assert_int_equal(ctk_store_commit(db->st, &err), 0);
	ctk_store_close(db->st);
	assert_index_matches_docs(db->path);
	db->st = ctk_store_open(db->path, CTK_STORE_READ, &err);
	assert_non_null(db->st);
	ctk_store_sql(db->st, "SELECT text, edited FROM history", collect,
	    &out, &err);
	assert_string_equal(out.data, "text|edited\n"
	    "Pavel Durov interpellé au Bourget|\n");
	ctk_buf_reset(&out);
	ctk_store_sql(db->st, "SELECT text, json_extract(extra, '$.views') "
	    "FROM docs WHERE id = 'vn:1'", collect, &out, &err);
	assert_string_equal(out.data, "text|json_extract(extra, '$.views')\n"
	    "Pavel Durov interpellé à l'aéroport du Bourget|180\n");
	ctk_buf_release(&out);
}

static void
select_writes_the_document_stream(void **state)
{
	struct db *db = *state;
	ctk_buf out = CTK_BUF_INIT;
	const char *ch[] = { "Veille" };
	ctk_store_filter f = { 0 };
	ctk_error err;

	load_sample(db->st);
	f.channels = ch;
	f.n_channels = 1;
	assert_int_equal(ctk_store_select(db->st, &f, collect, &out, &err), 2);
	assert_string_equal(out.data,
	    "id|kind|source|channel|date|author|title|url|fwd_from|reply_to|"
	    "lang|text|edited|views\n"
	    "vn:1|||Veille|2024-08-24T18:05:00Z||||||fr|"
	    "Pavel Durov interpellé au Bourget||100\n"
	    "vn:2|||Veille|2024-09-06T12:15:00Z||||||fr|"
	    "L'État et Telegram : Durov s'exprime||\n");
	ctk_buf_release(&out);
}

static void
full_text_ignores_case_and_accents_and_takes_prefixes(void **state)
{
	struct db *db = *state;
	ctk_store_filter f = { 0 };
	ctk_error err;

	load_sample(db->st);
	f.match = "etat";
	assert_int_equal(ctk_store_count(db->st, &f, &err), 1);
	f.match = "ÉTAT";
	assert_int_equal(ctk_store_count(db->st, &f, &err), 1);
	f.match = "interpelle";
	assert_int_equal(ctk_store_count(db->st, &f, &err), 1);
	f.match = "telegra*";	/* vn:2, tw:1 (Telegram), tw:2 (telegraphic) */
	assert_int_equal(ctk_store_count(db->st, &f, &err), 3);
	f.match = "\"pavel durov\" NOT detained";
	assert_int_equal(ctk_store_count(db->st, &f, &err), 1);
	f.match = "durov AND (";
	assert_int_equal(ctk_store_count(db->st, &f, &err), CTK_EUSAGE);
	assert_non_null(strstr(err.msg, "fts5: syntax error"));
}

static long
count_match(ctk_store *st, const char *match)
{
	ctk_store_filter f = { 0 };
	ctk_error err;

	f.match = match;
	return ctk_store_count(st, &f, &err);
}

static void
edited_text_is_searched_by_its_new_words_only(void **state)
{
	struct db *db = *state;
	ctk_error err;

	load_sample(db->st);
	assert_int_equal(put(db->st, "tw:3", "Tech Watch",
	    "2021-01-03T10:00:00Z", "en", "A corrected dispatch", NULL, NULL),
	    CTK_STORE_UPDATED);
	/* a new document and an edit of it in the same batch */
	put(db->st, "tw:4", "Tech Watch", "2021-01-04T10:00:00Z", "en",
	    "Draft wording", NULL, NULL);
	assert_int_equal(put(db->st, "tw:4", "Tech Watch",
	    "2021-01-04T10:00:00Z", "en", "Final wording", NULL, NULL),
	    CTK_STORE_UPDATED);
	assert_int_equal(ctk_store_commit(db->st, &err), 0);
	assert_int_equal(count_match(db->st, "old"), 0);
	assert_int_equal(count_match(db->st, "corrected"), 1);
	assert_int_equal(count_match(db->st, "draft"), 0);
	assert_int_equal(count_match(db->st, "wording"), 1);
	assert_int_equal(count_match(db->st, "\"final wording\""), 1);
	assert_index_matches_docs(db->path);
}

/* A store of schema version 1 (the index kept by triggers) is migrated on
 * opening for writing: the triggers go, and the index stays exact. */
static void
version_1_store_is_migrated_and_stays_indexed(void **state)
{
	struct db *db = *state;
	ctk_error err;
	sqlite3 *raw;

	load_sample(db->st);
	ctk_store_close(db->st);
	assert_int_equal(sqlite3_open(db->path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw,
	    "DROP TABLE docs_fts;"
	    "CREATE VIRTUAL TABLE docs_fts USING fts5(title, text, "
	    "content='docs', content_rowid='rowid', "
	    "tokenize='unicode61 remove_diacritics 2');"
	    "INSERT INTO docs_fts (docs_fts) VALUES ('rebuild');"
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
	    " VALUES (new.rowid, new.title, new.text); END;"
	    "PRAGMA user_version = 1;", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	db->st = ctk_store_open(db->path, CTK_STORE_WRITE, &err);
	assert_non_null(db->st);
	assert_int_equal(put(db->st, "tw:3", "Tech Watch",
	    "2021-01-03T10:00:00Z", "en", "A corrected dispatch", NULL, NULL),
	    CTK_STORE_UPDATED);
	put(db->st, "tw:5", "Tech Watch", "2021-01-05T10:00:00Z", "en",
	    "Dispatch from Dubai", NULL, NULL);
	assert_int_equal(ctk_store_commit(db->st, &err), 0);
	assert_int_equal(count_match(db->st, "old"), 0);
	assert_int_equal(count_match(db->st, "dispatch"), 2);
	assert_int_equal(count_match(db->st, "durov"), 3);
	assert_index_matches_docs(db->path);
	ctk_store_close(db->st);
	db->st = ctk_store_open(db->path, CTK_STORE_READ, &err);
	assert_non_null(db->st);
	assert_int_equal(count_match(db->st, "dispatch"), 2);
	assert_int_equal(sqlite3_open(db->path, &raw), SQLITE_OK);
	{
		sqlite3_stmt *s;

		/* no triggers; no token counts table (columnsize=0) */
		sqlite3_prepare_v2(raw, "SELECT (SELECT count(*) FROM "
		    "sqlite_master WHERE type = 'trigger' OR name = "
		    "'docs_fts_docsize'), user_version FROM "
		    "pragma_user_version", -1, &s, NULL);
		assert_int_equal(sqlite3_step(s), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(s, 0), 0);
		assert_int_equal(sqlite3_column_int(s, 1), CTK_STORE_VERSION);
		sqlite3_finalize(s);
	}
	sqlite3_close(raw);
}

static void
filters_bind_values_and_dates_cover_whole_periods(void **state)
{
	struct db *db = *state;
	const char *evil[] = { "x' OR 1=1 --", "Veille\"; DROP TABLE docs; --" };
	ctk_store_filter f = { 0 };
	ctk_error err;

	load_sample(db->st);
	f.channels = evil;
	f.n_channels = 2;
	assert_int_equal(ctk_store_count(db->st, &f, &err), 0);
	f.n_channels = 0;
	f.lang = "fr' OR '1'='1";
	assert_int_equal(ctk_store_count(db->st, &f, &err), 0);
	f.lang = NULL;
	assert_int_equal(ctk_store_count(db->st, &f, &err), 5);	/* intact */
	f.since = "2024-08";
	f.until = "2024-09-06";
	assert_int_equal(ctk_store_count(db->st, &f, &err), 3);
	f.until = "2024";
	assert_int_equal(ctk_store_count(db->st, &f, &err), 4);
	f.until = "2024-9-6";
	assert_int_equal(ctk_store_count(db->st, &f, &err), CTK_EUSAGE);
	assert_non_null(strstr(err.msg, "bad date '2024-9-6'"));
}

static void
count_by_iso_week_month_and_channel(void **state)
{
	struct db *db = *state;
	ctk_buf out = CTK_BUF_INIT;
	ctk_error err;

	load_sample(db->st);
	ctk_store_count_by(db->st, NULL, "week", collect, &out, &err);
	/* 2021-01-03 is a Sunday of ISO week 2020-W53; 2024-12-30 is the
	 * Monday of 2025-W01; 2024-08-24 is in W34, 2024-09-06 in W36 */
	assert_string_equal(out.data, "week|count\n2020-W53|1\n2024-W34|2\n"
	    "2024-W36|1\n2025-W01|1\n");
	ctk_buf_reset(&out);
	ctk_store_count_by(db->st, NULL, "month", collect, &out, &err);
	assert_string_equal(out.data, "month|count\n2021-01|1\n2024-08|2\n"
	    "2024-09|1\n2024-12|1\n");
	ctk_buf_reset(&out);
	ctk_store_count_by(db->st, NULL, "channel", collect, &out, &err);
	assert_string_equal(out.data, "channel|count\nTech Watch|3\nVeille|2\n");
	assert_int_equal(ctk_store_count_by(db->st, NULL, "hour", collect,
	    &out, &err), CTK_EUSAGE);
	ctk_buf_release(&out);
}

static void
sql_mode_is_read_only(void **state)
{
	struct db *db = *state;
	ctk_buf out = CTK_BUF_INIT;
	ctk_error err;

	load_sample(db->st);
	ctk_store_close(db->st);
	db->st = ctk_store_open(db->path, CTK_STORE_READ, &err);
	assert_int_equal(ctk_store_sql(db->st, "DELETE FROM docs", collect,
	    &out, &err), CTK_EUSAGE);
	assert_int_equal(ctk_store_sql(db->st, "SELECT 1; SELECT 2", collect,
	    &out, &err), CTK_EUSAGE);
	assert_string_equal(err.msg, "one SQL statement only");
	assert_int_equal(ctk_store_sql(db->st, "SELECT count(*) AS n FROM docs",
	    collect, &out, &err), 1);
	assert_string_equal(out.data, "n\n5\n");
	ctk_buf_release(&out);
}

static void
bad_documents_are_refused(void **state)
{
	struct db *db = *state;
	const char *bad_names[] = { "id", "my col" };
	ctk_str v[2] = { { "x:1", 3 }, { "v", 1 } };
	ctk_error err;

	assert_int_equal(put(db->st, "", "c", NULL, NULL, "no id", NULL, NULL),
	    CTK_EFORMAT);
	assert_int_equal(ctk_store_put(db->st, bad_names, v, 2, &err),
	    CTK_EFORMAT);
	assert_non_null(strstr(err.msg, "'my col' cannot be stored"));
}

/* One store, inputs of different headers one after the other (several
 * TSV files in one run): every value lands in its own column. */
static void
documents_of_different_headers_keep_their_columns(void **state)
{
	struct db *db = *state;
	const char *a_names[] = { "id", "text", "views", "channel" };
	const char *b_names[] = { "id", "channel", "text", "quote\"d" };
	const char *c_names[] = { "id", "views", "text", "channel" };
	ctk_str a[] = { { "a:1", 3 }, { "alpha", 5 }, { "7", 1 }, { "A", 1 } };
	ctk_str b[] = { { "b:1", 3 }, { "B", 1 }, { "beta", 4 }, { "x", 1 } };
	ctk_str c[] = { { "c:1", 3 }, { "9 \"q\"\t\\", 7 }, { "gamma", 5 },
	    { "C", 1 } };
	ctk_buf out = CTK_BUF_INIT;
	ctk_error err;

	assert_int_equal(ctk_store_put(db->st, a_names, a, 4, &err),
	    CTK_STORE_NEW);
	assert_int_equal(ctk_store_put(db->st, b_names, b, 4, &err),
	    CTK_EFORMAT);
	b_names[3] = "views";
	assert_int_equal(ctk_store_put(db->st, b_names, b, 4, &err),
	    CTK_STORE_NEW);
	assert_int_equal(ctk_store_put(db->st, c_names, c, 4, &err),
	    CTK_STORE_NEW);
	assert_int_equal(ctk_store_commit(db->st, &err), 0);
	ctk_store_close(db->st);
	db->st = ctk_store_open(db->path, CTK_STORE_READ, &err);
	assert_non_null(db->st);
	ctk_store_sql(db->st, "SELECT id, channel, text, extra FROM docs "
	    "ORDER BY id", collect, &out, &err);
	assert_string_equal(out.data, "id|channel|text|extra\n"
	    "a:1|A|alpha|{\"views\":\"7\"}\n"
	    "b:1|B|beta|{\"views\":\"x\"}\n"
	    "c:1|C|gamma|{\"views\":\"9 \\\"q\\\"\\u0009\\\\\"}\n");
	ctk_buf_release(&out);
}

static void
foreign_and_newer_files_are_refused(void **state)
{
	char path[] = "/tmp/ctk-store-foreign-XXXXXX";
	int fd = mkstemp(path);
	ctk_error err;
	sqlite3 *raw;

	(void)state;
	assert_int_equal(write(fd, "this is not a database, but a long enough "
	    "text file to look like one's header............................"
	    "...........................................................\n",
	    163), 163);
	close(fd);
	assert_null(ctk_store_open(path, CTK_STORE_WRITE, &err));
	assert_non_null(strstr(err.msg, "not a ctk store"));
	assert_null(ctk_store_open(path, CTK_STORE_READ, &err));
	unlink(path);
	/* a store from the future */
	sqlite3_open(path, &raw);
	sqlite3_exec(raw, "PRAGMA user_version = 99", NULL, NULL, NULL);
	sqlite3_close(raw);
	assert_null(ctk_store_open(path, CTK_STORE_WRITE, &err));
	assert_string_equal(err.msg, "store has schema version 99, newer than "
	    "this ctk knows (2): upgrade ctk");
	unlink(path);
	/* an empty SQLite file is no store for reading */
	sqlite3_open(path, &raw);
	sqlite3_exec(raw, "CREATE TABLE t(x)", NULL, NULL, NULL);
	sqlite3_close(raw);
	assert_null(ctk_store_open(path, CTK_STORE_READ, &err));
	assert_non_null(strstr(err.msg, "not a ctk store"));
	unlink(path);
	assert_null(ctk_store_open("/nonexistent/dir/c.db", CTK_STORE_READ, &err));
	assert_non_null(strstr(err.msg, "cannot open store"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(reingest_is_idempotent, setup, teardown),
		cmocka_unit_test_setup_teardown(counts_are_of_committed_batches_only, setup, teardown),
		cmocka_unit_test_setup_teardown(edits_update_and_keep_history_older_exports_do_not_win, setup, teardown),
		cmocka_unit_test_setup_teardown(select_writes_the_document_stream, setup, teardown),
		cmocka_unit_test_setup_teardown(full_text_ignores_case_and_accents_and_takes_prefixes, setup, teardown),
		cmocka_unit_test_setup_teardown(edited_text_is_searched_by_its_new_words_only, setup, teardown),
		cmocka_unit_test_setup_teardown(version_1_store_is_migrated_and_stays_indexed, setup, teardown),
		cmocka_unit_test_setup_teardown(filters_bind_values_and_dates_cover_whole_periods, setup, teardown),
		cmocka_unit_test_setup_teardown(count_by_iso_week_month_and_channel, setup, teardown),
		cmocka_unit_test_setup_teardown(sql_mode_is_read_only, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_documents_are_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(documents_of_different_headers_keep_their_columns, setup, teardown),
		cmocka_unit_test(foreign_and_newer_files_are_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

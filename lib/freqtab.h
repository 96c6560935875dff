/*
 * freqtab: the frequency table behind `ctk stats freq`, `ngrams`, `merge`
 * and `keyness`. A row is (group, term) with a count, a number of
 * documents, and the total number of tokens (or n-grams of the term's
 * size) of its group, so that shards can be summed exactly and per-million
 * frequencies and ranks recomputed.
 *
 * Output columns: [group] [n] rank term count docs per_million total
 * (group with --by, n for n-grams: the number of space-separated tokens of
 * the term). Rows are sorted by group bytewise, n, count descending, then
 * term bytewise; rank is the competition rank within (group, n): one plus
 * the number of terms with a larger count. per_million is printed with
 * %.6f from the integer count and total, so equal sums give equal bytes.
 */
#ifndef CTK_FREQTAB_H
#define CTK_FREQTAB_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "tsv.h"

typedef struct ctk_freqtab ctk_freqtab;

/* grouped: rows carry a group column; with_n: an n column (n-grams). */
ctk_freqtab *ctk_freqtab_new(int grouped, int with_n);
void ctk_freqtab_free(ctk_freqtab *t);

/* Counts one occurrence of term in group (document doc_stamp). 0 or
 * CTK_ENOMEM. */
int ctk_freqtab_count(ctk_freqtab *t, const char *group, size_t group_len,
    const char *term, size_t term_len, uint64_t doc_stamp);
/* Counts one occurrence of each of the n terms, the same as n calls of
 * ctk_freqtab_count() in that order, only faster. 0 or CTK_ENOMEM. */
int ctk_freqtab_count_many(ctk_freqtab *t, const char *group,
    size_t group_len, const char *const *terms, const size_t *term_lens,
    size_t n, uint64_t doc_stamp);
/* ctk_freqtab_count_many() with no group, for terms each preceded by a
 * NUL byte (terms[i][-1] == '\0', as ctk_docstream gives them): the key
 * "\0term" is then counted in place, without a copy. */
int ctk_freqtab_count_prefixed(ctk_freqtab *t, const char *const *terms,
    const size_t *term_lens, size_t n, uint64_t doc_stamp);
/* Adds to the total of (group, n). */
int ctk_freqtab_add_total(ctk_freqtab *t, const char *group,
    size_t group_len, int n, int64_t amount);

/* The counts of n terms in group (0 when absent), the same as n calls of
 * ctk_freqtab_get(), only faster on big tables. 0 or CTK_ENOMEM. */
int ctk_freqtab_get_many(ctk_freqtab *t, const char *group,
    size_t group_len, const char *const *terms, const size_t *term_lens,
    size_t n, int64_t *counts);

/* The count of term in group (0 when absent) and the total of (group, n
 * of term). */
int64_t ctk_freqtab_get(ctk_freqtab *t, const char *group, size_t group_len,
    const char *term, size_t term_len);
int64_t ctk_freqtab_total(ctk_freqtab *t, const char *group,
    size_t group_len, int n);

/* Number of space-separated tokens in term. */
int ctk_freqtab_term_n(const char *term, size_t len);

/* ---- reading tables back (merge, keyness) ---- */

/* Checks that r holds a frequency table (columns term, count, total;
 * docs and a group column optional) and remembers its columns. The group
 * column is group_col when the table has it, else "group" (the name freq
 * --by gives it); NULL means "group". */
int ctk_freqtab_load_header(ctk_freqtab *t, const ctk_tsv_reader *r,
    const char *group_col, ctk_error *err);
/* Adds the current record of r; file_no (1, 2, ...) tells files apart so
 * that each file's group totals are added once. With only_group set, rows
 * of other groups are skipped; with except_group set, rows of that group
 * are skipped (a one-table keyness). A table made with grouped == 0 sums
 * the rows of all groups. Returns 0 or CTK_EFORMAT. */
int ctk_freqtab_load_row(ctk_freqtab *t, const ctk_tsv_reader *r,
    uint64_t file_no, const char *only_group, const char *except_group,
    ctk_error *err);
/* 1 when the last header loaded had a group / an n column. */
int ctk_freqtab_loaded_grouped(const ctk_freqtab *t);
int ctk_freqtab_loaded_with_n(const ctk_freqtab *t);

/* ---- iteration and output ---- */

typedef struct ctk_freqtab_row {
	const char *group;
	size_t group_len;
	const char *term;
	size_t term_len;
	int n;
	int64_t count, docs, total;
	int64_t rank;
} ctk_freqtab_row;

/* Rows in output order, ranks set, filtered by min_count (0 = all) and
 * top (0 = all, else at most top rows per (group, n)); min_count < 0
 * gives all rows unsorted and unranked, faster. *rows is a new
 * array the caller frees; pointers in it live as long as t. Returns the
 * number of rows, or -1 when out of memory. */
long ctk_freqtab_rows(ctk_freqtab *t, int64_t min_count, int64_t top,
    ctk_freqtab_row **rows);

/* Number of rows, and row i of them (0 <= i < size) in the order they
 * were first counted, without a rank or total (both 0): a walk over a big
 * table that allocates nothing. */
size_t ctk_freqtab_size(ctk_freqtab *t);
void ctk_freqtab_row_at(ctk_freqtab *t, size_t i,
    ctk_freqtab_row *row);

/* Writes the header and the rows as described above. */
int ctk_freqtab_write(ctk_freqtab *t, ctk_tsv_writer *w, int64_t min_count,
    int64_t top);

#endif

/*
 * suggest: "did you mean ...?" for mistyped options, subcommands and tool
 * names. The distance is the optimal string alignment distance (Levenshtein
 * plus the swap of two neighbours, the most common typing slip), counted in
 * bytes: option and command names are ASCII.
 */
#ifndef CTK_SUGGEST_H
#define CTK_SUGGEST_H

#include <getopt.h>
#include <stddef.h>

#include "buf.h"

/* Longest word compared; longer words have no suggestion. */
#define CTK_SUGGEST_MAX_LEN 64

/* The edit distance between a and b, or (size_t)-1 when either is longer
 * than CTK_SUGGEST_MAX_LEN. */
size_t ctk_suggest_distance(const char *a, const char *b);

/* The candidate nearest to word, or NULL when none is near enough: at
 * most 1 edit for a word of up to 4 bytes, 2 up to 8, 3 beyond. On a tie
 * the first candidate wins. The result points into candidates. */
const char *ctk_suggest(const char *word, const char *const *candidates,
    size_t n);

/* Same, over the names of a getopt_long option table (ended by a NULL
 * name). */
const char *ctk_suggest_long_option(const char *name,
    const struct option *longopts);

/*
 * Appends to msg the diagnostic for an option that getopt_long refused
 * (called with opterr = 0), without the tool name or a final newline:
 *	unknown option '--snice'; did you mean '--since'?
 *	option '--co' is ambiguous: --column, --count, --count-by
 *	option '--since' needs a value
 *	option '--dedup' takes no value
 *	unknown option '-x'
 * arg is the command-line word of a long option ("--snice=2024"), or NULL
 * for a short one; optopt is getopt's optopt (0 for an unknown or
 * ambiguous long option). Returns 0, or -1 when out of memory.
 */
int ctk_suggest_option_message(ctk_buf *msg, const char *arg, int optopt,
    const char *shortopts, const struct option *longopts);

#endif

/*
 * counter: a hash table from byte strings to counts, the one structure
 * behind every count table of ctk stats. Keys are copied into an arena
 * (big blocks, no malloc per key), so memory grows with the vocabulary,
 * not with the text. Keys are byte strings with a length and may hold
 * NUL bytes: composite keys such as "group\0term" are built that way.
 */
#ifndef CTK_COUNTER_H
#define CTK_COUNTER_H

#include <stddef.h>
#include <stdint.h>

typedef struct ctk_counter_entry {
	const char *key;	/* owned by the counter; NUL-terminated */
	size_t len;
	char key_inline[8];	/* private: where keys under 8 bytes live */
	int64_t count;		/* occurrences */
	int64_t docs;		/* documents counted once each, see _add */
	uint64_t last_doc;	/* stamp of the last document counted */
	int64_t aux;		/* free for the caller (a total, a size) */
	double value;		/* free for the caller (a measure) */
} ctk_counter_entry;

typedef struct ctk_counter ctk_counter;

/* A new empty counter, or NULL when out of memory. Free with
 * ctk_counter_free(), which frees every key and entry. */
ctk_counter *ctk_counter_new(void);
void ctk_counter_free(ctk_counter *c);

/* The entry for key, created with zero counts when create is set.
 * Returns NULL when absent (create == 0) or out of memory. Entry pointers
 * stay valid until the counter is freed. */
ctk_counter_entry *ctk_counter_get(ctk_counter *c, const char *key,
    size_t len, int create);

/* Adds n occurrences of key seen in document doc_stamp (a number > 0
 * unique per document): docs grows by one the first time a document is
 * seen for this key. Returns the entry, or NULL when out of memory. */
ctk_counter_entry *ctk_counter_add(ctk_counter *c, const char *key,
    size_t len, int64_t n, uint64_t doc_stamp);

/* Adds one occurrence of each of the n keys (keys[i], lens[i] bytes) seen
 * in document doc_stamp, the same as n calls of ctk_counter_add(c, keys[i],
 * lens[i], 1, doc_stamp) in that order, but faster on big tables (the
 * memory of a batch of keys is fetched at once). 0, or -1 when out of
 * memory. */
int ctk_counter_add_many(ctk_counter *c, const char *const *keys,
    const size_t *lens, size_t n, uint64_t doc_stamp);

/* Looks up n keys at once: out[i] is what ctk_counter_get(c, keys[i],
 * lens[i], create) gives, in that order, but faster on big tables. 0, or
 * -1 when out of memory (create set; entries from out[i] on are unset). */
int ctk_counter_get_many(ctk_counter *c, const char *const *keys,
    const size_t *lens, size_t n, int create, ctk_counter_entry **out);

/* Number of distinct keys. */
size_t ctk_counter_size(const ctk_counter *c);

/* Entry i, 0 <= i < size, in insertion order. */
ctk_counter_entry *ctk_counter_at(const ctk_counter *c, size_t i);

/* Bytewise comparison of two keys (shorter first on a common prefix). */
int ctk_counter_keycmp(const ctk_counter_entry *a, const ctk_counter_entry *b);

/* A new array of all entries sorted by count descending, then key
 * bytewise; the caller frees the array (not the entries). NULL when out of
 * memory or empty. */
ctk_counter_entry **ctk_counter_sorted(const ctk_counter *c);

#endif

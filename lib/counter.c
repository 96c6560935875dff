/*
 * counter: open-addressing hash table (linear probing) over entries
 * stored in growing blocks, with keys in an arena, or inside the entry
 * itself when short (one cache line then holds all a lookup reads). The slot
 * array holds indices, so entries never move and pointers to them stay
 * valid while the table grows.
 */
#include "counter.h"

#include <stdlib.h>
#include <string.h>

#define BLOCK_ENTRIES 4096

/* A slot holds the entry index + 1 in its low 32 bits and the high bits
 * of the key's hash above, so that most mismatches are seen without
 * touching the entry (a cache miss). */
#define TAG_MASK 0xffffffff00000000ULL
#define SLOT(index, hash) (((uint64_t)(index) + 1) | ((hash) & TAG_MASK))
#define SLOT_INDEX(slot) ((size_t)((slot) & ~TAG_MASK) - 1)
#define SLOT_TAG(slot) ((slot) & TAG_MASK)
/* The home slot of a hash comes from its tag bits, so that a slot alone
 * says where it belongs: growing the table then reads the old slots in
 * order and never the entries. Keys of one home slot still differ in
 * their other tag bits, which keeps false tag matches rare. */
#define HOME(hash, mask) ((size_t)((hash) >> 32) & (mask))
#define ARENA_BLOCK (256 * 1024)

struct arena_block {
	struct arena_block *next;
	size_t used, cap;
	char data[];
};

struct ctk_counter {
	ctk_counter_entry **blocks;	/* BLOCK_ENTRIES entries each */
	size_t n_blocks;
	size_t n;			/* entries in use */
	uint64_t *slots;		/* see SLOT(): 0 = empty */
	size_t n_slots;			/* a power of two */
	struct arena_block *arena;
};

/* Eight bytes at a time (a multiply and a rotate each), then a final mix
 * so that both the low bits (the slot) and the high bits (the tag) depend
 * on every byte; the length goes in too, so "a" and "a\0" differ. The
 * last partial word is read with fixed-size (overlapping) loads, which
 * compile to plain moves, never a library call. */
static uint64_t
load64(const char *s)
{
	uint64_t w;

	memcpy(&w, s, sizeof w);
	return w;
}

static uint64_t
load32(const char *s)
{
	uint32_t w;

	memcpy(&w, s, sizeof w);
	return w;
}

/* The last len % 8 bytes (1..7 of them, s pointing at the first), given
 * that the key is len >= 8 bytes long or these are all of it. */
static uint64_t
load_tail(const char *s, size_t n, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	if (len >= 8)
		return load64(s + n - 8);	/* overlaps the word before */
	if (n >= 4)
		return load32(s) | load32(s + n - 4) << 32;
	return (uint64_t)u[0] | (uint64_t)u[n / 2] << 8 |
	    (uint64_t)u[n - 1] << 16;
}

static uint64_t
hash_bytes(const char *s, size_t len)
{
	const uint64_t k = 0x9e3779b97f4a7c15ULL;
	uint64_t h = 0x243f6a8885a308d3ULL ^ (len * k);
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		h = (h ^ load64(s + i)) * k;
		h = (h << 31) | (h >> 33);
	}
	if (i < len)
		h = (h ^ load_tail(s + i, len - i, len)) * k;
	h ^= h >> 32;
	h *= 0xd6e8feb86659fd93ULL;
	h ^= h >> 32;
	return h;
}

static char *
arena_copy(ctk_counter *c, const char *s, size_t len)
{
	struct arena_block *b = c->arena;
	char *p;

	if (b == NULL || b->cap - b->used < len + 1) {
		size_t cap = len + 1 > ARENA_BLOCK ? len + 1 : ARENA_BLOCK;

		b = malloc(sizeof *b + cap);
		if (b == NULL)
			return NULL;
		b->next = c->arena;
		b->used = 0;
		b->cap = cap;
		c->arena = b;
	}
	p = b->data + b->used;
	memcpy(p, s, len);
	p[len] = '\0';
	b->used += len + 1;
	return p;
}

ctk_counter *
ctk_counter_new(void)
{
	ctk_counter *c = calloc(1, sizeof *c);

	if (c == NULL)
		return NULL;
	c->n_slots = 1024;
	c->slots = calloc(c->n_slots, sizeof *c->slots);
	if (c->slots == NULL) {
		free(c);
		return NULL;
	}
	return c;
}

void
ctk_counter_free(ctk_counter *c)
{
	struct arena_block *b, *next;
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n_blocks; i++)
		free(c->blocks[i]);
	free(c->blocks);
	free(c->slots);
	for (b = c->arena; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(c);
}

ctk_counter_entry *
ctk_counter_at(const ctk_counter *c, size_t i)
{
	return &c->blocks[i / BLOCK_ENTRIES][i % BLOCK_ENTRIES];
}

size_t
ctk_counter_size(const ctk_counter *c)
{
	return c->n;
}

static int
rehash(ctk_counter *c)
{
	size_t n_slots = c->n_slots * 2, i, j;
	uint64_t *slots = calloc(n_slots, sizeof *slots), slot;

	if (slots == NULL)
		return -1;
	/* the table holds at most 2^32 slots, so HOME() has the bits */
	if (n_slots > 0xffffffffULL) {
		free(slots);
		return -1;
	}
	for (i = 0; i < c->n_slots; i++) {
		if ((slot = c->slots[i]) == 0)
			continue;
		j = HOME(slot, n_slots - 1);
		while (slots[j] != 0)
			j = (j + 1) & (n_slots - 1);
		slots[j] = slot;
	}
	free(c->slots);
	c->slots = slots;
	c->n_slots = n_slots;
	return 0;
}

static ctk_counter_entry *
new_entry(ctk_counter *c, const char *key, size_t len)
{
	ctk_counter_entry *e;

	if (c->n % BLOCK_ENTRIES == 0 && c->n / BLOCK_ENTRIES == c->n_blocks) {
		ctk_counter_entry **blocks = realloc(c->blocks,
		    (c->n_blocks + 1) * sizeof *blocks);

		if (blocks == NULL)
			return NULL;
		c->blocks = blocks;
		/* one entry per cache line: a lookup touches one line */
		blocks[c->n_blocks] = aligned_alloc(64,
		    BLOCK_ENTRIES * sizeof **blocks);
		if (blocks[c->n_blocks] == NULL)
			return NULL;
		c->n_blocks++;
	}
	e = ctk_counter_at(c, c->n);
	memset(e, 0, sizeof *e);
	if (len < sizeof e->key_inline) {
		memcpy(e->key_inline, key, len);
		e->key = e->key_inline;		/* NUL-terminated by memset */
	} else if ((e->key = arena_copy(c, key, len)) == NULL) {
		return NULL;
	}
	e->len = len;
	c->n++;
	return e;
}

/* Keys are mostly short words: a loop beats a memcmp() call on them. */
static int
same_bytes(const char *a, const char *b, size_t len)
{
	size_t i;

	if (len > 16)
		return memcmp(a, b, len) == 0;
	for (i = 0; i < len; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

static ctk_counter_entry *
get_hashed(ctk_counter *c, const char *key, size_t len, uint64_t h,
    int create)
{
	size_t j = HOME(h, c->n_slots - 1);
	ctk_counter_entry *e;

	while (c->slots[j] != 0) {
		if (SLOT_TAG(c->slots[j]) == (h & TAG_MASK)) {
			e = ctk_counter_at(c, SLOT_INDEX(c->slots[j]));
			if (e->len == len && same_bytes(e->key, key, len))
				return e;
		}
		j = (j + 1) & (c->n_slots - 1);
	}
	if (!create)
		return NULL;
	/* keep the load factor under 1/2 so that probes stay short */
	if ((c->n + 1) * 2 > c->n_slots) {
		if (rehash(c) != 0)
			return NULL;
		j = HOME(h, c->n_slots - 1);
		while (c->slots[j] != 0)
			j = (j + 1) & (c->n_slots - 1);
	}
	/* entries are counted with 32 bits in a slot */
	if (c->n >= 0xffffffffULL)
		return NULL;
	e = new_entry(c, key, len);
	if (e == NULL)
		return NULL;
	c->slots[j] = SLOT(c->n - 1, h);
	return e;
}

ctk_counter_entry *
ctk_counter_get(ctk_counter *c, const char *key, size_t len, int create)
{
	return get_hashed(c, key, len, hash_bytes(key, len), create);
}

static void
count_entry(ctk_counter_entry *e, int64_t n, uint64_t doc_stamp)
{
	e->count += n;
	if (doc_stamp != e->last_doc) {
		e->docs++;
		e->last_doc = doc_stamp;
	}
}

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

#define BATCH 32

/* On a table bigger than the caches a lookup waits for up to three
 * memory loads one after the other (slot, entry, key). Asking for the
 * slots of a whole batch first, then for their entries, then for their
 * keys, lets those waits overlap; the counting itself then runs in key
 * order exactly as ctk_counter_add() one by one would. */
/* Asks for the memory that looking up the n keys (hashes h) will touch:
 * the slots, then their entries, then the entries' keys. */
static void
prefetch_batch(ctk_counter *c, const uint64_t *h, size_t n)
{
	size_t i, mask = c->n_slots - 1;
	uint64_t slot;

	for (i = 0; i < n; i++)
		PREFETCH(&c->slots[HOME(h[i], mask)]);
	for (i = 0; i < n; i++) {
		slot = c->slots[HOME(h[i], mask)];
		if (slot != 0 && SLOT_TAG(slot) == (h[i] & TAG_MASK))
			PREFETCH(ctk_counter_at(c, SLOT_INDEX(slot)));
	}
	for (i = 0; i < n; i++) {
		slot = c->slots[HOME(h[i], mask)];
		if (slot != 0 && SLOT_TAG(slot) == (h[i] & TAG_MASK))
			PREFETCH(ctk_counter_at(c, SLOT_INDEX(slot))->key);
	}
}

int
ctk_counter_get_many(ctk_counter *c, const char *const *keys,
    const size_t *lens, size_t n, int create, ctk_counter_entry **out)
{
	uint64_t h[BATCH];
	size_t i, j, m;

	for (i = 0; i < n; i += m) {
		m = n - i < BATCH ? n - i : BATCH;
		for (j = 0; j < m; j++)
			h[j] = hash_bytes(keys[i + j], lens[i + j]);
		prefetch_batch(c, h, m);
		for (j = 0; j < m; j++) {
			out[i + j] = get_hashed(c, keys[i + j], lens[i + j],
			    h[j], create);
			if (out[i + j] == NULL && create)
				return -1;
		}
	}
	return 0;
}

static int
add_batch(ctk_counter *c, const char *const *keys, const size_t *lens,
    size_t n, uint64_t doc_stamp)
{
	uint64_t h[BATCH];
	ctk_counter_entry *e;
	size_t i;

	for (i = 0; i < n; i++)
		h[i] = hash_bytes(keys[i], lens[i]);
	prefetch_batch(c, h, n);
	for (i = 0; i < n; i++) {
		if ((e = get_hashed(c, keys[i], lens[i], h[i], 1)) == NULL)
			return -1;
		count_entry(e, 1, doc_stamp);
	}
	return 0;
}

int
ctk_counter_add_many(ctk_counter *c, const char *const *keys,
    const size_t *lens, size_t n, uint64_t doc_stamp)
{
	size_t i, m;

	for (i = 0; i < n; i += m) {
		m = n - i < BATCH ? n - i : BATCH;
		if (add_batch(c, keys + i, lens + i, m, doc_stamp) != 0)
			return -1;
	}
	return 0;
}

ctk_counter_entry *
ctk_counter_add(ctk_counter *c, const char *key, size_t len, int64_t n,
    uint64_t doc_stamp)
{
	ctk_counter_entry *e = ctk_counter_get(c, key, len, 1);

	if (e == NULL)
		return NULL;
	count_entry(e, n, doc_stamp);
	return e;
}

int
ctk_counter_keycmp(const ctk_counter_entry *a, const ctk_counter_entry *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int r = memcmp(a->key, b->key, n);

	if (r != 0)
		return r;
	return (a->len > b->len) - (a->len < b->len);
}

static int
by_count(const void *pa, const void *pb)
{
	const ctk_counter_entry *a = *(ctk_counter_entry *const *)pa;
	const ctk_counter_entry *b = *(ctk_counter_entry *const *)pb;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return ctk_counter_keycmp(a, b);
}

ctk_counter_entry **
ctk_counter_sorted(const ctk_counter *c)
{
	ctk_counter_entry **v;
	size_t i;

	if (c->n == 0)
		return NULL;
	v = malloc(c->n * sizeof *v);
	if (v == NULL)
		return NULL;
	for (i = 0; i < c->n; i++)
		v[i] = ctk_counter_at(c, i);
	qsort(v, c->n, sizeof *v, by_count);
	return v;
}

/*
 * rng: a small deterministic pseudo-random generator for shuffles and fold
 * assignment (xoshiro256** seeded through splitmix64), so that a run with
 * the same --seed gives the same bytes on every machine and libc, which
 * rand() does not promise.
 */
#ifndef CTK_RNG_H
#define CTK_RNG_H

#include <stddef.h>
#include <stdint.h>

typedef struct ctk_rng {
	uint64_t s[4];
} ctk_rng;

/* Seeds the state from one 64-bit number (any value, 0 included). */
void ctk_rng_seed(ctk_rng *r, uint64_t seed);
/* The next 64 random bits. */
uint64_t ctk_rng_next(ctk_rng *r);
/* A uniform integer in [0, n); n must be > 0. Unbiased (rejection). */
uint64_t ctk_rng_below(ctk_rng *r, uint64_t n);
/* A uniform double in [0, 1) with 53 random bits. */
double ctk_rng_double(ctk_rng *r);
/* Shuffles a[0..n) in place (Fisher-Yates). */
void ctk_rng_shuffle(ctk_rng *r, size_t *a, size_t n);

/* One step of splitmix64 on *state (exposed for its test vectors). */
uint64_t ctk_rng_splitmix64(uint64_t *state);

#endif

/*
 * rng: xoshiro256** (Blackman and Vigna, 2018) seeded with splitmix64, as
 * its authors recommend; both written from the published descriptions.
 */
#include "rng.h"

uint64_t
ctk_rng_splitmix64(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void
ctk_rng_seed(ctk_rng *r, uint64_t seed)
{
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = ctk_rng_splitmix64(&seed);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t
ctk_rng_next(ctk_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

uint64_t
ctk_rng_below(ctk_rng *r, uint64_t n)
{
	/* reject the top partial range so that every value is equally likely */
	uint64_t limit = UINT64_MAX - UINT64_MAX % n;
	uint64_t x;

	do
		x = ctk_rng_next(r);
	while (x >= limit);
	return x % n;
}

double
ctk_rng_double(ctk_rng *r)
{
	return (double)(ctk_rng_next(r) >> 11) * 0x1.0p-53;
}

void
ctk_rng_shuffle(ctk_rng *r, size_t *a, size_t n)
{
	size_t i, j, tmp;

	for (i = n; i > 1; i--) {
		j = (size_t)ctk_rng_below(r, i);
		tmp = a[i - 1];
		a[i - 1] = a[j];
		a[j] = tmp;
	}
}

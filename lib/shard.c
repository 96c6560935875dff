/* shard: stable assignment of records to shards (see shard.h). */
#include "shard.h"

uint64_t
ctk_shard_hash(const char *key, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)key[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

unsigned
ctk_shard_of(const char *key, size_t len, unsigned n)
{
	return (unsigned)(ctk_shard_hash(key, len) % n);
}

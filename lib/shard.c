/* shard: stable assignment of records to shards (see shard.h). */
#include "shard.h"

#include "fnv.h"

uint64_t
ctk_shard_hash(const char *key, size_t len)
{
	return ctk_fnv1a(key, len);
}

unsigned
ctk_shard_of(const char *key, size_t len, unsigned n)
{
	return (unsigned)(ctk_shard_hash(key, len) % n);
}

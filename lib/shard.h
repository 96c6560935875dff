/*
 * shard: which of N shards a record goes to, from the bytes of a key
 * (usually its id or channel). The function is fixed (64-bit FNV-1a, then
 * modulo N) so that the same record lands in the same shard on every
 * machine and every run.
 */
#ifndef CTK_SHARD_H
#define CTK_SHARD_H

#include <stddef.h>
#include <stdint.h>

uint64_t ctk_shard_hash(const char *key, size_t len);
/* 0 .. n-1; n must be > 0. */
unsigned ctk_shard_of(const char *key, size_t len, unsigned n);

#endif

/*
 * fnv: FNV-1a 64, the one non-cryptographic hash of byte strings that
 * ctk writes down (shard numbers, text_hash, the store's change check) or
 * uses for tables of words (features, lexicons). Inline, because those
 * tables call it once per token.
 */
#ifndef CTK_FNV_H
#define CTK_FNV_H

#include <stddef.h>
#include <stdint.h>

#define CTK_FNV1A_OFFSET 0xcbf29ce484222325ULL
#define CTK_FNV1A_PRIME 0x100000001b3ULL

/* FNV-1a 64 continued from h over s[0..len). */
static inline uint64_t
ctk_fnv1a_more(uint64_t h, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= CTK_FNV1A_PRIME;
	}
	return h;
}

/* FNV-1a 64 of s[0..len). */
static inline uint64_t
ctk_fnv1a(const char *s, size_t len)
{
	return ctk_fnv1a_more(CTK_FNV1A_OFFSET, s, len);
}

#endif

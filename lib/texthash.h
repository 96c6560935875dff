/*
 * texthash: a 64-bit fingerprint of a text that ignores the differences a
 * repost or a forward introduces, so that stats can count unique texts.
 *
 * The text is normalized to NFC, case-folded (Unicode full folding), and
 * every run of white space (Unicode White_Space) becomes one space, leading
 * and trailing space removed; the hash is FNV-1a 64 over the UTF-8 bytes
 * of that normal form, written as 16 lower-case hex digits. An empty text
 * (after normalization) has no hash.
 */
#ifndef CTK_TEXTHASH_H
#define CTK_TEXTHASH_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Appends the normal form of s[0..len) (valid UTF-8) to out. Returns 0 or
 * CTK_ENOMEM. */
int ctk_texthash_normalize(const char *s, size_t len, ctk_buf *out);

/* FNV-1a 64 of s[0..len). */
uint64_t ctk_texthash_fnv1a(const char *s, size_t len);

/* Hash of the normal form of s; *hash is 0 and the result 0 when the text
 * is empty after normalization. Returns 1 when a hash was computed, 0 for
 * an empty text, CTK_ENOMEM. scratch is reused between calls. */
int ctk_texthash(const char *s, size_t len, ctk_buf *scratch, uint64_t *hash);

/* Writes hash as 16 hex digits plus NUL into out[17]. */
void ctk_texthash_hex(uint64_t hash, char *out);

#endif

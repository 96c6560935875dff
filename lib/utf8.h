/*
 * utf8: decoding, encoding and validation of UTF-8, shared by every module
 * so that nobody writes an ad-hoc byte loop. Validation follows RFC 3629:
 * overlong forms, surrogates and code points above U+10FFFF are invalid.
 */
#ifndef CTK_UTF8_H
#define CTK_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s (n bytes available). Returns its length in
 * bytes (1-4) and stores it in *cp, or returns 0 when the bytes at s are not
 * valid UTF-8 (then *cp is U+FFFD). n must be > 0. */
size_t ctk_utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Encodes cp into out (4 bytes of room). Returns the length, or 0 when cp is
 * not a Unicode scalar value. */
size_t ctk_utf8_encode(uint32_t cp, char out[4]);

/* Returns 1 when s[0..n) is valid UTF-8. Otherwise returns 0 and, when
 * bad_offset is not NULL, stores the byte offset of the first bad byte. */
int ctk_utf8_valid(const char *s, size_t n, size_t *bad_offset);

/* Length of the sequence a lead byte announces (1-4), or 0 for a byte that
 * cannot start a sequence. */
size_t ctk_utf8_seq_len(unsigned char lead);

/* Compares two byte strings: memcmp order, a prefix first. On UTF-8 this
 * is code point order, the deterministic order of every ctk table. */
int ctk_bytes_cmp(const char *a, size_t la, const char *b, size_t lb);

/* Number of code points in valid UTF-8 s[0..n). */
size_t ctk_utf8_count(const char *s, size_t n);

#endif

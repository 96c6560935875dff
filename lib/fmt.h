/*
 * fmt: fast number formatting for big tables. ctk_fmt_fixed() writes the
 * bytes snprintf(out, size, "%.*f", prec, v) writes, for every double, in
 * a fraction of the time: the decimal digits are taken from the exact
 * binary value with integer arithmetic (round half to even on exact
 * ties, as glibc does in the default rounding mode), and the rare values
 * it cannot do exactly that way (infinities, NaNs, magnitudes of 2^63 and
 * more, small buffers) go to snprintf itself.
 */
#ifndef CTK_FMT_H
#define CTK_FMT_H

#include <stddef.h>

/* Highest precision ctk_fmt_fixed() does itself; above it, snprintf. */
#define CTK_FMT_FIXED_MAX_PREC 9

/* Writes v as "%.*f" with prec digits (0 <= prec) into out, NUL
 * terminated and truncated to size - 1 bytes like snprintf, and returns
 * the number of bytes written (strlen(out)). */
size_t ctk_fmt_fixed(char *out, size_t size, double v, int prec);

/* The same for "%.*e" (0 <= prec): done exactly by ctk_fmt_fixed()'s
 * arithmetic where the decimal exponent allows (1e-3 <= |v| < 1e7 at
 * prec 6), and for zero; snprintf otherwise. */
size_t ctk_fmt_exp(char *out, size_t size, double v, int prec);

/* Writes the integer v in decimal; returns its length. out holds at least
 * 21 bytes. */
size_t ctk_fmt_int64(char *out, long long v);

#endif

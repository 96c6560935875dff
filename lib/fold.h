/*
 * fold: the normal form under which ctk compares words: full Unicode case
 * folding (ICU u_strFoldCase, default options) followed by NFC, so that
 * "État", "ÉTAT" and "e\u0301tat" all become "état". ctk-tokenize folds
 * tokens the same way, so a term given on the command line is folded
 * before it is looked up.
 */
#ifndef CTK_FOLD_H
#define CTK_FOLD_H

#include <stddef.h>

#include "buf.h"
#include "error.h"

/* Replaces the contents of out by the folded form of s[0..len). Returns 0,
 * CTK_EFORMAT for invalid UTF-8, or CTK_ENOMEM. */
int ctk_fold(const char *s, size_t len, ctk_buf *out, ctk_error *err);

#endif

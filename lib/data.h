/*
 * data: where the toolkit's data files (stopword lists, language model,
 * lexicons) are found at run time, in this order:
 *   1. $CTK_DATADIR
 *   2. <directory of the running binary>/../data        (build tree)
 *   3. <directory of the running binary>/../share/ctk   (installed)
 *   4. the DATADIR compiled in (PREFIX/share/ctk)
 */
#ifndef CTK_DATA_H
#define CTK_DATA_H

#include <stddef.h>

/* Writes the full path of data file `name` (e.g. "stopwords/fr.txt") into
 * out and returns 0 when it exists; returns -1 when it is found nowhere
 * (out then holds the last path tried). */
int ctk_data_path(const char *name, char *out, size_t size);

/* The directory holding the running executable, without trailing slash;
 * returns 0, or -1 when it cannot be found. */
int ctk_exe_dir(char *out, size_t size);

#endif

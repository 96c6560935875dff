/*
 * tool: wiring shared by every cmd/ctk-*.c main(): signal policy, --version,
 * and the end-of-run check of standard output. Not part of libctk because
 * it exits and writes to stdout.
 */
#ifndef CTK_TOOL_H
#define CTK_TOOL_H

#include <stdio.h>

#include "ctk.h"

/* Installs the SIGPIPE policy: a closed pipe (`| head`) ends the tool at
 * once with status 0 and no message. Call first in main(). */
void ctk_tool_init(void);

/* Prints "NAME (ctk) VERSION" to stdout. */
void ctk_tool_version(const char *tool);

/* Flushes and checks stdout (a full disk is fatal), prints the error
 * summary and returns the exit status for main() to return. */
int ctk_tool_finish(ctk_diag *d);

/* Opens out_path ("-" or NULL = stdout) for writing; exits 2 with a
 * message when it cannot. */
FILE *ctk_tool_open_output(ctk_diag *d, const char *out_path);

#endif

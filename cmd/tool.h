/*
 * tool: wiring shared by every cmd/ctk-*.c main(): signal policy, --version,
 * and the end-of-run check of standard output. Not part of libctk because
 * it exits and writes to stdout.
 */
#ifndef CTK_TOOL_H
#define CTK_TOOL_H

#include <stdio.h>

#include "ctk.h"

struct option;

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

/* Reports, as a usage error, the option getopt_long refused just now
 * (call it with opterr = 0 when getopt_long returns '?' or ':'), with a
 * suggestion when a known option is near: "unknown option '--snice';
 * did you mean '--since'?". argv, shortopts and longopts are those given
 * to getopt_long. Returns 2, the exit status. */
int ctk_tool_bad_option(ctk_diag *d, char **argv, const char *shortopts,
    const struct option *longopts);

/* Reports an unknown subcommand (or tool) as a usage error, suggesting
 * the nearest of the n names: "unknown subcommand 'frq'; did you mean
 * 'freq'?", or listing them all when none is near: "unknown subcommand
 * 'predict' (subcommands: lang)". what is "subcommand" or "tool".
 * Returns 2. */
int ctk_tool_bad_subcommand(ctk_diag *d, const char *what, const char *name,
    const char *const *names, size_t n);

#endif

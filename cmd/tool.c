/* tool: process-level policy shared by the tools (see tool.h). */
#include "tool.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "suggest.h"

static void
on_sigpipe(int sig)
{
	(void)sig;
	_exit(0);
}

void
ctk_tool_init(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigpipe;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGPIPE, &sa, NULL);
}

void
ctk_tool_version(const char *tool)
{
	printf("%s (ctk) %s\n", tool, CTK_VERSION);
}

int
ctk_tool_finish(ctk_diag *d)
{
	ctk_diag_check_output(d, stdout, "standard output");
	return ctk_diag_finish(d);
}

FILE *
ctk_tool_open_output(ctk_diag *d, const char *out_path)
{
	FILE *f;

	if (out_path == NULL || strcmp(out_path, "-") == 0)
		return stdout;
	f = fopen(out_path, "w");
	if (f == NULL) {
		ctk_diag_msg(d, CTK_DIAG_FATAL, out_path, 0, 0,
		    "cannot open for writing: %s", strerror(errno));
		exit(2);
	}
	return f;
}

/* The word of a refused long option: getopt_long has moved optind past
 * it. An unknown or ambiguous one leaves optopt 0; a known one missing or
 * refusing a value leaves its val there. A short option refused inside a
 * cluster ("-qx") leaves optind where it was, so it is told apart by
 * optopt alone. */
static const char *
refused_long_word(char **argv, const struct option *longopts)
{
	const char *w;
	size_t i, len;

	if (optind < 1 || argv[optind - 1] == NULL)
		return NULL;
	w = argv[optind - 1];
	if (strncmp(w, "--", 2) != 0)
		return NULL;
	if (optopt == 0)
		return w;
	len = strcspn(w + 2, "=");
	for (i = 0; longopts[i].name != NULL; i++) {
		if (longopts[i].val == optopt &&
		    strncmp(longopts[i].name, w + 2, len) == 0)
			return w;
	}
	return NULL;
}

int
ctk_tool_bad_option(ctk_diag *d, char **argv, const char *shortopts,
    const struct option *longopts)
{
	ctk_buf msg = CTK_BUF_INIT;

	if (ctk_suggest_option_message(&msg, refused_long_word(argv, longopts),
	    optopt, shortopts, longopts) != 0)
		ctk_diag_usage(d, "unknown option");
	else
		ctk_diag_usage(d, "%s", ctk_buf_str(&msg));
	ctk_buf_release(&msg);
	return 2;
}

int
ctk_tool_bad_subcommand(ctk_diag *d, const char *what, const char *name,
    const char *const *names, size_t n)
{
	const char *near = ctk_suggest(name, names, n);
	ctk_buf list = CTK_BUF_INIT;
	size_t i;

	if (near != NULL) {
		ctk_diag_usage(d, "unknown %s '%s'; did you mean '%s'?", what,
		    name, near);
		return 2;
	}
	for (i = 0; i < n; i++)
		ctk_buf_printf(&list, "%s%s", i > 0 ? ", " : "", names[i]);
	ctk_diag_usage(d, "unknown %s '%s' (%ss: %s)", what, name, what,
	    ctk_buf_str(&list));
	ctk_buf_release(&list);
	return 2;
}

/* tool: process-level policy shared by the tools (see tool.h). */
#include "tool.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

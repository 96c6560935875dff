/*
 * ctk: the dispatcher. `ctk TOOL ARGS...` runs `ctk-TOOL ARGS...`, looked
 * up next to this binary first and then on PATH, as git does.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "suggest.h"
#include "tool.h"

static const struct {
	const char *name;
	const char *what;
} tools[] = {
	{ "ingest", "turn Telegram exports, articles and text into the stream" },
	{ "tokenize", "split texts into words, numbers, hashtags, emoji..." },
	{ "classify", "language identification, classifiers, lexicon categories" },
	{ "stats", "frequencies, keyness, collocations, timelines, networks" },
	{ "query", "search a corpus store with SQLite full-text search" },
	{ "kwic", "keyword in context concordance" },
	{ "split", "split a stream into shards by a hash of a column" },
	{ "report", "a one-file HTML report of a corpus" },
};

static const char usage_text[] =
    "usage: ctk TOOL [ARG ...]\n"
    "       ctk help [TOOL]\n"
    "       ctk --version\n";

static char exe_dir[PATH_MAX];

static int
tool_path(const char *name, char *out, size_t size)
{
	int n;

	if (exe_dir[0] == '\0')
		return -1;
	n = snprintf(out, size, "%s/ctk-%s", exe_dir, name);
	if (n < 0 || (size_t)n >= size)
		return -1;
	return access(out, X_OK) == 0 ? 0 : -1;
}

static int
on_path(const char *name)
{
	const char *path = getenv("PATH");
	char dir[PATH_MAX], file[PATH_MAX + 64];
	size_t len;

	while (path != NULL && *path != '\0') {
		len = strcspn(path, ":");
		if (len > 0 && len < sizeof dir) {
			memcpy(dir, path, len);
			dir[len] = '\0';
			snprintf(file, sizeof file, "%s/ctk-%s", dir, name);
			if (access(file, X_OK) == 0)
				return 1;
		}
		path += len + (path[len] == ':');
	}
	return 0;
}

static int
tool_exists(const char *name)
{
	char file[PATH_MAX + 64];

	return tool_path(name, file, sizeof file) == 0 || on_path(name);
}

static void
list_tools(FILE *f)
{
	size_t i;

	fputs(usage_text, f);
	fputs("\ntools:\n", f);
	for (i = 0; i < sizeof tools / sizeof tools[0]; i++)
		if (tool_exists(tools[i].name))
			fprintf(f, "  %-10s %s\n", tools[i].name, tools[i].what);
	fputs("\n'ctk help TOOL' shows the manual of a tool.\n", f);
}

/* "ctk: 'stat' is not a ctk tool; did you mean 'stats'?" and the list. */
static void
not_a_tool(const char *name)
{
	const char *names[sizeof tools / sizeof tools[0]], *near;
	size_t i;

	for (i = 0; i < sizeof tools / sizeof tools[0]; i++)
		names[i] = tools[i].name;
	near = ctk_suggest(name, names, sizeof tools / sizeof tools[0]);
	if (near != NULL)
		fprintf(stderr, "ctk: '%s' is not a ctk tool; did you mean "
		    "'%s'?\n\n", name, near);
	else
		fprintf(stderr, "ctk: '%s' is not a ctk tool\n\n", name);
	list_tools(stderr);
}

static int
run_tool(const char *name, char **argv)
{
	char file[PATH_MAX + 64], prog[PATH_MAX];

	snprintf(prog, sizeof prog, "ctk-%s", name);
	argv[0] = prog;
	if (tool_path(name, file, sizeof file) == 0)
		execv(file, argv);
	else
		execvp(prog, argv);
	if (errno == ENOENT) {
		not_a_tool(name);
	} else
		fprintf(stderr, "ctk: cannot run %s: %s\n", prog,
		    strerror(errno));
	return 2;
}

static int
show_manual(const char *name)
{
	char page[PATH_MAX + 128], title[64];

	if (strcmp(name, "ctk") == 0)
		snprintf(title, sizeof title, "ctk");
	else
		snprintf(title, sizeof title, "ctk-%s", name);
	if (strcmp(name, "ctk") != 0 && !tool_exists(name)) {
		not_a_tool(name);
		return 2;
	}
	/* In the build tree the page sits in ../man beside bin/. */
	snprintf(page, sizeof page, "%s/../man/%s.1", exe_dir, title);
	if (exe_dir[0] != '\0' && access(page, R_OK) == 0)
		execlp("man", "man", "-l", page, (char *)NULL);
	else
		execlp("man", "man", title, (char *)NULL);
	fprintf(stderr, "ctk: cannot run man: %s\n", strerror(errno));
	return 2;
}

int
main(int argc, char **argv)
{
	ctk_tool_init();
	if (ctk_exe_dir(exe_dir, sizeof exe_dir) < 0)
		exe_dir[0] = '\0';
	if (argc < 2 || strcmp(argv[1], "help") == 0 ||
	    strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		if (argc >= 3 && strcmp(argv[1], "help") == 0)
			return show_manual(argv[2]);
		list_tools(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		ctk_tool_version("ctk");
		return 0;
	}
	if (argv[1][0] == '-') {
		fprintf(stderr, "ctk: unknown option '%s'\n", argv[1]);
		fputs(usage_text, stderr);
		return 2;
	}
	return run_tool(argv[1], argv + 1);
}

/*
 * ctk-classify2: a temporary front end for the supervised subcommands
 * (train, predict, eval, lexicon) until they join ctk-classify.
 */
#include <string.h>

#include "classify_sup.h"
#include "tool.h"

static const char synopsis[] =
    "usage: ctk classify2 train|predict|eval|lexicon [OPTIONS] [FILE...]\n";

/* The help of every subcommand, one after the other. */
static int
help_all(void)
{
	char *argv[][3] = {
		{ "train", "--help", NULL }, { "predict", "--help", NULL },
		{ "eval", "--help", NULL }, { "lexicon", "--help", NULL },
	};

	fputs(synopsis, stdout);
	fputc('\n', stdout);
	ctk_classify_train_main(2, argv[0]);
	fputc('\n', stdout);
	ctk_classify_predict_main(2, argv[1]);
	fputc('\n', stdout);
	ctk_classify_eval_main(2, argv[2]);
	fputc('\n', stdout);
	ctk_classify_lexicon_main(2, argv[3]);
	return 0;
}

int
main(int argc, char **argv)
{
	ctk_diag d;

	ctk_tool_init();
	ctk_diag_init(&d, "ctk-classify");
	if (argc < 2) {
		ctk_diag_usage(&d, "a subcommand is required");
		return 2;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)
		return help_all();
	if (strcmp(argv[1], "--version") == 0) {
		ctk_tool_version("ctk-classify2");
		return 0;
	}
	if (strcmp(argv[1], "train") == 0)
		return ctk_classify_train_main(argc - 1, argv + 1);
	if (strcmp(argv[1], "predict") == 0)
		return ctk_classify_predict_main(argc - 1, argv + 1);
	if (strcmp(argv[1], "eval") == 0)
		return ctk_classify_eval_main(argc - 1, argv + 1);
	if (strcmp(argv[1], "lexicon") == 0)
		return ctk_classify_lexicon_main(argc - 1, argv + 1);
	ctk_diag_usage(&d, "unknown subcommand '%s'", argv[1]);
	return 2;
}

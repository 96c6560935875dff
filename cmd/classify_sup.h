/*
 * classify_sup: the supervised and lexicon subcommands of ctk classify
 * (train, predict, eval, lexicon), as functions that a dispatching main()
 * calls with argv[0] the subcommand name. Each returns the exit status.
 */
#ifndef CTK_CLASSIFY_SUP_H
#define CTK_CLASSIFY_SUP_H

int ctk_classify_train_main(int argc, char **argv);
int ctk_classify_predict_main(int argc, char **argv);
int ctk_classify_eval_main(int argc, char **argv);
int ctk_classify_lexicon_main(int argc, char **argv);

#endif

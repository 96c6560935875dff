/*
 * tokenize: splits a UTF-8 text into typed tokens (word, number, url,
 * email, mention, hashtag, emoji, punct) and sentences, normalizes them
 * for counting (NFC + case folding by default), and optionally drops
 * stopwords, stems (Snowball) and builds n-grams. Shared by ctk-tokenize
 * and every tool that needs the same notion of a token (kwic, stats,
 * classify lexicon).
 *
 * Segmentation is ICU's UAX #29 word and sentence break iteration over
 * the UTF-8 bytes (no conversion of the whole text), with the rules of
 * ctk-tokenize(1) on top: URLs, e-mails, mentions, hashtags, grouped
 * numbers, French elisions and inversions, English possessives, hyphen
 * compounds, abbreviations that do not end a sentence.
 *
 * A ctk_tok is reused from text to text: nothing is allocated per token,
 * memory is bounded by the longest token (and the text itself, which the
 * caller holds). Not thread-safe: use one ctk_tok per thread.
 */
#ifndef CTK_TOKENIZE_H
#define CTK_TOKENIZE_H

#include <stddef.h>

#include "error.h"

typedef enum ctk_tok_type {
	CTK_TOK_WORD,
	CTK_TOK_NUMBER,
	CTK_TOK_URL,
	CTK_TOK_EMAIL,
	CTK_TOK_MENTION,
	CTK_TOK_HASHTAG,
	CTK_TOK_EMOJI,
	CTK_TOK_PUNCT,
	CTK_TOK_NGRAM,		/* an n-gram of two or more tokens */
	CTK_TOK_NTYPES
} ctk_tok_type;

/* Bit of a type in ctk_tok_options.types. */
#define CTK_TOK_BIT(type) (1u << (type))
/* The default set of kept types: everything but punctuation. */
#define CTK_TOK_DEFAULT_TYPES \
	(((1u << CTK_TOK_NTYPES) - 1) & ~CTK_TOK_BIT(CTK_TOK_PUNCT))

typedef struct ctk_tok_options {
	unsigned types;		/* bit set of kept types (CTK_TOK_BIT) */
	int fold_case;		/* full Unicode case folding (default 1) */
	int nfkc;		/* NFKC instead of NFC */
	int strip_accents;	/* remove U+0300..U+036F marks after NFD */
	int stem;		/* Snowball stem of word tokens */
	const char *lang;	/* language when a text has none; may be NULL */
	size_t min_length;	/* drop tokens shorter (in code points) */
	int ngram_min;		/* n-grams from ngram_min to ngram_max tokens */
	int ngram_max;		/* (1, 1 = plain tokens) */
	int sentences;		/* number sentences (forced on by n-grams) */
	int icu_only;		/* no fast paths: ICU segments and normalizes
				 * everything (slower; same tokens, which is
				 * what it is for: checking the fast paths) */
} ctk_tok_options;

/* Fills o with the defaults: every type but punct, NFC, case folding,
 * unigrams, no sentence numbering. */
void ctk_tok_options_init(ctk_tok_options *o);

/* One token as handed to the callback. text is the normalized form,
 * NUL-terminated and never containing a space; it and the struct are only
 * valid during the call. start/end are byte offsets of the token in the
 * text given to ctk_tok_run (for an n-gram: of its first and last token).
 * sent is the 1-based sentence number (always 1 when sentences are off),
 * pos the 1-based position of the token (of an n-gram: of its first
 * token) among the kept tokens of its sentence. */
typedef struct ctk_tok_token {
	const char *text;
	size_t len;
	size_t start;
	size_t end;
	ctk_tok_type type;
	size_t sent;
	size_t pos;
} ctk_tok_token;

/* Called for each kept token in text order; a non-zero return stops
 * ctk_tok_run, which then returns that value. */
typedef int (*ctk_tok_fn)(const ctk_tok_token *tok, void *arg);

/* Called for each sentence: [start, end) are byte offsets, trimmed of
 * surrounding white space; sent is 1-based. */
typedef int (*ctk_tok_sentence_fn)(size_t sent, size_t start, size_t end,
    void *arg);

typedef struct ctk_tok ctk_tok;

/* A new tokenizer with a copy of opt (NULL = defaults). Returns NULL with
 * err filled when ICU cannot be set up. Free with ctk_tok_free(). */
ctk_tok *ctk_tok_new(const ctk_tok_options *opt, ctk_error *err);
void ctk_tok_free(ctk_tok *t);

/* Adds stopwords: spec is a comma-separated list of language codes
 * ("fr,en": the shipped lists data/stopwords/LANG.txt) or the path of a
 * file of one word per line ('#' starts a comment line). A spec naming an
 * existing file is read as a file. Words are normalized as tokens are.
 * Returns 0, or CTK_EIO/CTK_EUSAGE with err filled. */
int ctk_tok_add_stopwords(ctk_tok *t, const char *spec, ctk_error *err);
/* Adds one stopword (UTF-8). Returns 0 or CTK_ENOMEM. */
int ctk_tok_add_stopword(ctk_tok *t, const char *word, size_t len);

/* Tokenizes text[0..len) (UTF-8; invalid bytes are skipped). lang is the
 * text's language code ("fr", "en-GB"...; NULL or "" = the option's).
 * Returns 0, the callback's non-zero value, or CTK_ENOMEM / CTK_ELIMIT
 * (err filled). */
int ctk_tok_run(ctk_tok *t, const char *text, size_t len, const char *lang,
    ctk_tok_fn fn, void *arg, ctk_error *err);

/* Splits text into sentences, with the same rules as the sentence
 * numbers of ctk_tok_run. Returns as ctk_tok_run does. */
int ctk_tok_sentences(ctk_tok *t, const char *text, size_t len,
    ctk_tok_sentence_fn fn, void *arg, ctk_error *err);

/* Normalizes s as a word token would be (without stemming): *out points
 * to a NUL-terminated string valid until the next call on t. For tools
 * that match user word lists against tokens. Returns 0 or CTK_ENOMEM. */
int ctk_tok_normalize(ctk_tok *t, const char *s, size_t len,
    const char **out, size_t *out_len);

/* "word", "number", ... */
const char *ctk_tok_type_name(ctk_tok_type type);
/* Parses a comma-separated list of type names into a bit set; returns 0,
 * or -1 with *bad pointing at the unknown name. */
int ctk_tok_types_parse(const char *list, unsigned *types, const char **bad);

#endif

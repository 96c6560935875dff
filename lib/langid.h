/*
 * langid: language identification of short texts (chat messages, news
 * sentences). The writing system decides first: the dominant script of the
 * letters (ICU uscript_getScript) limits the candidates to the languages
 * written in it (Hebrew, Devanagari... settle it alone). Among those, a
 * naive Bayes model over hashed character 1-4-grams of the case-folded
 * letters of that script picks the language (a Latin brand name in a
 * Russian message is not evidence between Russian and Ukrainian). URLs, e-mail addresses, @mentions, #hashtags,
 * digits, punctuation and emoji are not letters and play no part.
 *
 * The model is a data file (data/langid/model.bin, see data/SOURCES.md and
 * scripts/train-langid.sh) in a versioned binary format: magic, version,
 * checksum, then per language its ISO 639-1 code, scripts and smoothing
 * cost, then the n-gram weights. Loading expands it into a flat table
 * indexed by n-gram hash, so that classifying does no allocation.
 */
#ifndef CTK_LANGID_H
#define CTK_LANGID_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* The default model, looked up with ctk_data_path(). */
#define CTK_LANGID_MODEL "langid/model.bin"

/* File format constants (shared with the trainer). */
#define CTK_LANGID_MAGIC "CTKLNGID"
#define CTK_LANGID_VERSION 1
#define CTK_LANGID_MAX_LANGS 64
#define CTK_LANGID_MAX_SCRIPTS 4
/* Weights are stored in units of 1/CTK_LANGID_SCALE nat. */
#define CTK_LANGID_SCALE 16
/* Smoothing costs are stored in units of 1/CTK_LANGID_COST_SCALE nat. */
#define CTK_LANGID_COST_SCALE 16384

/* Default probability below which the answer is "und". */
#define CTK_LANGID_DEFAULT_MIN_P 0.5

typedef struct ctk_langid ctk_langid;

typedef struct ctk_langid_result {
	char lang[8];		/* ISO 639-1 code, or "und" */
	double p;		/* confidence of lang in [0, 1]; 0 for "und"
				 * without any letter */
	int script;		/* dominant ICU UScriptCode of the letters,
				 * 0 (USCRIPT_COMMON) when there is none */
	size_t n_letters;	/* letters that took part */
} ctk_langid_result;

/* Loads the model at path, or the default model found through
 * ctk_data_path() when path is NULL. Returns NULL with err filled
 * (CTK_EIO: missing or unreadable, CTK_EFORMAT: not a model, wrong version
 * or corrupt). Free with ctk_langid_free(). */
ctk_langid *ctk_langid_open(const char *path, ctk_error *err);
void ctk_langid_free(ctk_langid *li);

/* Languages of the model, in model order. */
size_t ctk_langid_nlangs(const ctk_langid *li);
const char *ctk_langid_lang(const ctk_langid *li, size_t i);

/* Limits the candidates to a comma-separated list of codes ("fr,en");
 * NULL or "" allows every language again. An unknown code is CTK_EUSAGE
 * (nothing changed). */
int ctk_langid_restrict(ctk_langid *li, const char *codes, ctk_error *err);

/* Below this confidence the answer is "und" (default
 * CTK_LANGID_DEFAULT_MIN_P). */
void ctk_langid_set_min_p(ctk_langid *li, double min_p);

/* Identifies the language of text (UTF-8; invalid bytes count as
 * separators). Always fills out; returns 0. Does not allocate nor change
 * li, so threads may share one model. */
int ctk_langid_classify(const ctk_langid *li, const char *text, size_t len,
    ctk_langid_result *out);

/* The dominant script of the letters of text as an ICU UScriptCode, or 0
 * (USCRIPT_COMMON) when text has no letter. Kana counts as Han's partner:
 * see the .c file. */
int ctk_langid_script(const char *text, size_t len);

/* Calls fn once per hashed n-gram feature of text, exactly as the
 * classifier sees it (for the trainer); returns the number of letters. */
typedef void ctk_langid_feature_fn(uint32_t hash, void *arg);
size_t ctk_langid_features(const char *text, size_t len,
    ctk_langid_feature_fn *fn, void *arg);

#endif

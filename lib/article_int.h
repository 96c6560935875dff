/*
 * article_int: what the article, feed and warc modules share and cmd/
 * does not see: a document being built, the problem reporter, the
 * stopword lists.
 */
#ifndef CTK_ARTICLE_INT_H
#define CTK_ARTICLE_INT_H

#include <stddef.h>

#include "article.h"
#include "buf.h"

/* The fields of a document while it is being put together. */
typedef struct ctk_article_draft {
	ctk_buf channel, date, author, title, url, lang, text, description;
} ctk_article_draft;

void ctk_article_draft_init(ctk_article_draft *d);
void ctk_article_draft_reset(ctk_article_draft *d);
void ctk_article_draft_release(ctk_article_draft *d);

/* Fills the id (url, else a hash of title and text), kind, source and,
 * when missing, channel (the host of the url); calls opts->emit. Returns
 * emit()'s value. */
int ctk_article_draft_emit(ctk_article_draft *d, const ctk_article_opts *o,
    ctk_article_stats *st);

/* Counts a problem and hands it to opts->report; returns report()'s
 * value (non-zero: stop), after copying the problem into err. */
int ctk_article_problem(const ctk_article_opts *o, ctk_article_stats *st,
    enum ctk_article_severity severity, const ctk_error *e, ctk_error *err);

/* Collapses runs of ASCII whitespace into one space and trims. */
void ctk_article_squeeze(ctk_buf *b);

/* Lower-case UTF-8 (ICU simple case mapping), appended to out. */
int ctk_article_lower(const char *s, size_t n, ctk_buf *out);

/* A fixed set of at most a few hundred short words, each with flags:
 * open addressing, filled once (zero-initialised, then _add), then only
 * read, so threads may share it. The words are not copied. */
#define CTK_ARTICLE_WORDSET_SIZE 1024	/* a power of two */
typedef struct ctk_article_wordset {
	struct {
		const char *word;	/* NULL: empty slot */
		unsigned short len;	/* words are short */
		unsigned short flags;
	} slot[CTK_ARTICLE_WORDSET_SIZE];
} ctk_article_wordset;

/* Adds w (ORing flags, at most 16 bits, when it is there already); the
 * set must stay under about half full and w under 64 KB. */
void ctk_article_wordset_add(ctk_article_wordset *set, const char *w,
    unsigned flags);
/* The flags of w[0..n), 0 when it is not in the set. */
unsigned ctk_article_wordset_get(const ctk_article_wordset *set,
    const char *w, size_t n);

enum { CTK_ARTICLE_LANG_FR, CTK_ARTICLE_LANG_EN };
/* 1 when the lower-case word w[0..n) is a stopword of lang. */
int ctk_article_is_stopword(int lang, const char *w, size_t n);
/* The stopword lists holding the lower-case word w[0..n), as a mask of
 * CTK_ARTICLE_STOP_FR and CTK_ARTICLE_STOP_EN (0: none). Thread-safe. */
enum { CTK_ARTICLE_STOP_FR = 1, CTK_ARTICLE_STOP_EN = 2 };
int ctk_article_stopword_langs(const char *w, size_t n);

#include <libxml/tree.h>

/* Main-text extraction below root (see article.h); container_kind says
 * which semantic container root is (its own header and byline are then
 * kept for classification). title (may be "") drops a heading repeating
 * it. Appends paragraphs joined by "\n\n" to out; 0 or CTK_ENOMEM. */
enum { CTK_ARTICLE_ROOT_BODY, CTK_ARTICLE_ROOT_MAIN,
    CTK_ARTICLE_ROOT_ARTICLE };
int ctk_article_extract_tree(xmlNodePtr root, int container_kind, int raw,
    const char *lang, const char *title, ctk_buf *out);

/* The value of attribute name of element n (lower-case name), or NULL;
 * points into the tree. */
const char *ctk_article_attr(xmlNodePtr n, const char *name);
/* The same for n_names names at once, in one pass over the attributes:
 * values[i] gets the value of names[i] (NULL when absent). */
void ctk_article_attrs(xmlNodePtr n, const char *const *names,
    const char **values, size_t n_names);

/* Appends the text below n, whitespace squeezed, skipping scripts and
 * entity references (never expanded). */
int ctk_article_node_text(xmlNodePtr n, ctk_buf *out);

#endif

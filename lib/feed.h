/*
 * feed: RSS 2.0 (and RSS 1.0) and Atom feeds to articles, one per item or
 * entry. libxml2 reads the feed with network access, entity substitution
 * and DTD loading off, so entity bombs and external entities (XXE) give
 * nothing; entity references are left out of the text. A malformed feed
 * is read as far as libxml2 can recover: the items parsed are emitted and
 * the first error is reported with its line and column.
 */
#ifndef CTK_FEED_H
#define CTK_FEED_H

#include <stddef.h>

#include "article.h"
#include "error.h"

/* Emits one article per item/entry of the feed in bytes (any charset:
 * BOM, XML declaration, else detection; converted to UTF-8 NFC).
 * Fields: title; url from link (RSS guid when it is a permalink; Atom
 * link rel=alternate), resolved against xml:base or opts->base_url;
 * date from pubDate / dc:date / published / updated (RFC 3339 UTC);
 * author from author / dc:creator / Atom author name (entry, else feed);
 * channel = the feed's title; lang = the feed's language or xml:lang;
 * text from content:encoded / description / Atom content / summary, HTML
 * reduced to its visible text (the raw mode of article extraction);
 * description from description / summary (HTML stripped, one line) when
 * the item also has content:encoded / Atom content, else "" (the summary
 * is then the text).
 * Returns 0 when the feed was read (a malformed part is reported with
 * CTK_ARTICLE_ERROR and counted in stats->n_rejected), CTK_EFORMAT when
 * nothing could be parsed or the root is not a feed, CTK_ENOMEM, or the
 * non-zero value of opts->emit(). */
int ctk_feed_parse(const char *bytes, size_t n, const ctk_article_opts *opts,
    ctk_article_stats *stats, ctk_error *err);

#endif

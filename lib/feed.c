/*
 * feed: RSS and Atom items to articles (see feed.h).
 */
#include "feed.h"

#include <limits.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>

#include "article_int.h"
#include "charset.h"
#include "rfc3339.h"

/* No NOENT (no entity substitution), no DTDLOAD, no HUGE: entity bombs
 * and external entities stay unexpanded references. */
#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_RECOVER | \
    XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC | \
    XML_PARSE_NOCDATA | XML_PARSE_COMPACT)

struct first_error {
	int seen;
	long line, col;
	char msg[256];
};

struct feed {
	const ctk_article_opts *opts;
	ctk_article_stats *stats;
	ctk_buf channel, lang, feed_author, scratch;
	int atom;
};

static void
on_error(void *data, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = data;
	struct first_error *fe = ctxt != NULL ? ctxt->_private : NULL;
	size_t n;

	if (fe == NULL || fe->seen || e == NULL || e->level < XML_ERR_ERROR)
		return;
	fe->seen = 1;
	fe->line = e->line;
	fe->col = e->int2;
	snprintf(fe->msg, sizeof fe->msg, "%s",
	    e->message != NULL ? e->message : "malformed XML");
	n = strlen(fe->msg);
	while (n > 0 && (fe->msg[n - 1] == '\n' || fe->msg[n - 1] == ' '))
		fe->msg[--n] = '\0';
}

static int
is(xmlNodePtr n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->name != NULL &&
	    strcmp((const char *)n->name, name) == 0;
}

/* Namespace prefix-insensitive test with a namespace URI substring. */
static int
is_ns(xmlNodePtr n, const char *name, const char *ns_part)
{
	return is(n, name) && n->ns != NULL && n->ns->href != NULL &&
	    strstr((const char *)n->ns->href, ns_part) != NULL;
}

static int
is_plain(xmlNodePtr n, const char *name)
{
	return is(n, name) && (n->ns == NULL || n->ns->prefix == NULL ||
	    strstr((const char *)n->ns->href, "Atom") != NULL ||
	    strstr((const char *)n->ns->href, "rss") != NULL);
}

/* The markup or text inside n, as the feed wrote it: child elements are
 * serialized (XHTML content), text is concatenated; entity references
 * are dropped, never expanded. */
static void
inner(xmlNodePtr n, ctk_buf *out)
{
	xmlBufferPtr xb;
	xmlNodePtr c;

	for (c = n->children; c != NULL; c = c->next) {
		if ((c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) && c->content != NULL) {
			ctk_buf_append_str(out, (const char *)c->content);
		} else if (c->type == XML_ELEMENT_NODE &&
		    (xb = xmlBufferCreate()) != NULL) {
			if (xmlNodeDump(xb, c->doc, c, 0, 0) >= 0)
				ctk_buf_append_str(out,
				    (const char *)xmlBufferContent(xb));
			xmlBufferFree(xb);
		}
	}
}

static int
looks_like_html(const char *s)
{
	for (; (s = strchr(s, '<')) != NULL; s++)
		if ((s[1] >= 'a' && s[1] <= 'z') || (s[1] >= 'A' &&
		    s[1] <= 'Z') || s[1] == '/' || s[1] == '!')
			return 1;
	return 0;
}

/* The text of a text construct (HTML, XHTML or plain) appended to out. */
static void
text_of(struct feed *f, xmlNodePtr n, ctk_buf *out)
{
	const char *type = ctk_article_attr(n, "type");
	int html;

	ctk_buf_reset(&f->scratch);
	inner(n, &f->scratch);
	/* RSS text is entity-encoded HTML by definition; Atom says which. */
	if (f->atom)
		html = type != NULL && strstr(type, "html") != NULL;
	else
		html = type == NULL || strstr(type, "html") != NULL ||
		    looks_like_html(ctk_buf_str(&f->scratch));
	if (html)
		ctk_article_html_text(ctk_buf_str(&f->scratch),
		    f->scratch.len, 1, out, NULL);
	else
		ctk_buf_append(out, ctk_buf_str(&f->scratch), f->scratch.len);
}

static void
set_lang(ctk_buf *out, const char *lang)
{
	ctk_buf_reset(out);
	for (size_t i = 0; lang != NULL && i < 8 && ((lang[i] >= 'a' &&
	    lang[i] <= 'z') || (lang[i] >= 'A' && lang[i] <= 'Z')); i++)
		ctk_buf_append_char(out, (char)(lang[i] | 0x20));
}

static void
set_date(ctk_buf *out, xmlNodePtr n)
{
	char date[CTK_RFC3339_SIZE];
	ctk_buf s = CTK_BUF_INIT;

	if (out->len > 0)
		return;
	ctk_article_node_text(n, &s);
	if (ctk_rfc3339_from_any(ctk_buf_str(&s), date) == 0)
		ctk_buf_append_str(out, date);
	ctk_buf_release(&s);
}

/* "jdoe@example.com (Jane Doe)" -> "Jane Doe". */
static void
rss_author(ctk_buf *out, xmlNodePtr n)
{
	const char *open, *close;
	ctk_buf s = CTK_BUF_INIT;

	ctk_article_node_text(n, &s);
	open = strchr(ctk_buf_str(&s), '(');
	close = strrchr(ctk_buf_str(&s), ')');
	if (strchr(ctk_buf_str(&s), '@') != NULL && open != NULL &&
	    close > open)
		ctk_buf_append(out, open + 1, (size_t)(close - open - 1));
	else
		ctk_buf_append(out, ctk_buf_str(&s), s.len);
	ctk_buf_release(&s);
}

static void
set_url(ctk_buf *out, xmlNodePtr n, const char *href,
    const ctk_article_opts *o)
{
	xmlChar *base = xmlNodeGetBase(n->doc, n), *abs = NULL;

	ctk_buf_reset(out);
	if (base == NULL && o->base_url != NULL)
		base = xmlStrdup((const xmlChar *)o->base_url);
	if (base != NULL)
		abs = xmlBuildURI((const xmlChar *)href, base);
	ctk_buf_append_str(out, abs != NULL ? (const char *)abs : href);
	xmlFree(abs);
	xmlFree(base);
}

static void
atom_link(ctk_buf *out, xmlNodePtr n, const ctk_article_opts *o)
{
	const char *rel = ctk_article_attr(n, "rel");
	const char *href = ctk_article_attr(n, "href");

	if (href == NULL || (rel != NULL && strcmp(rel, "alternate") != 0))
		return;
	if (out->len == 0 || rel != NULL)
		set_url(out, n, href, o);
}

/* One field of an item or entry into the draft. */
static void
item_field(struct feed *f, ctk_article_draft *d, xmlNodePtr c,
    ctk_buf *content, ctk_buf *summary)
{
	const ctk_article_opts *o = f->opts;
	ctk_buf s = CTK_BUF_INIT;

	if (is_plain(c, "title") && d->title.len == 0)
		text_of(f, c, &d->title);
	else if (f->atom && is_plain(c, "link"))
		atom_link(&d->url, c, o);
	else if (!f->atom && is_plain(c, "link") && d->url.len == 0) {
		ctk_article_node_text(c, &s);
		set_url(&d->url, c, ctk_buf_str(&s), o);
	} else if (!f->atom && is_plain(c, "guid") && d->url.len == 0) {
		const char *perma = ctk_article_attr(c, "isPermaLink");

		ctk_article_node_text(c, &s);
		if ((perma == NULL || strcmp(perma, "true") == 0) &&
		    strstr(ctk_buf_str(&s), "://") != NULL)
			set_url(&d->url, c, ctk_buf_str(&s), o);
	} else if (is_plain(c, "pubDate") || is_plain(c, "published") ||
	    is_ns(c, "date", "purl.org/dc"))
		set_date(&d->date, c);
	else if (is_plain(c, "author") && d->author.len == 0) {
		if (f->atom) {
			for (xmlNodePtr a = c->children; a; a = a->next)
				if (is_plain(a, "name"))
					ctk_article_node_text(a, &d->author);
		} else
			rss_author(&d->author, c);
	} else if (is_ns(c, "creator", "purl.org/dc") && d->author.len == 0)
		ctk_article_node_text(c, &d->author);
	else if (is_ns(c, "encoded", "purl.org/rss/1.0/modules/content") ||
	    (f->atom && is_plain(c, "content")))
		text_of(f, c, content);
	else if (is_plain(c, "description") || is_plain(c, "summary"))
		text_of(f, c, summary);
	ctk_buf_release(&s);
}

static int
emit_item(struct feed *f, xmlNodePtr item)
{
	ctk_buf content = CTK_BUF_INIT, summary = CTK_BUF_INIT;
	ctk_article_draft d;
	xmlChar *lang;
	xmlNodePtr c;
	int rc;

	ctk_article_draft_init(&d);
	for (c = item->children; c != NULL; c = c->next)
		item_field(f, &d, c, &content, &summary);
	/* updated only when nothing says when it was published */
	for (c = item->children; c != NULL && d.date.len == 0; c = c->next)
		if (is_plain(c, "updated"))
			set_date(&d.date, c);
	if (d.author.len == 0)
		ctk_buf_append(&d.author, ctk_buf_str(&f->feed_author),
		    f->feed_author.len);
	ctk_buf_append(&d.channel, ctk_buf_str(&f->channel), f->channel.len);
	lang = f->atom ? xmlNodeGetLang(item) : NULL;
	if (lang != NULL)
		set_lang(&d.lang, (const char *)lang);
	else
		ctk_buf_append(&d.lang, ctk_buf_str(&f->lang), f->lang.len);
	xmlFree(lang);
	/* The summary is a description only beside full content; alone,
	 * it is the text. */
	if (content.len > 0) {
		ctk_buf_append(&d.text, content.data, content.len);
		ctk_buf_append(&d.description, ctk_buf_str(&summary),
		    summary.len);
	} else
		ctk_buf_append(&d.text, ctk_buf_str(&summary), summary.len);
	rc = ctk_article_draft_emit(&d, f->opts, f->stats);
	ctk_article_draft_release(&d);
	ctk_buf_release(&content);
	ctk_buf_release(&summary);
	return rc;
}

/* Feed title, language and author, from the channel or the feed root. */
static void
feed_info(struct feed *f, xmlNodePtr root)
{
	xmlNodePtr top = root, c, a;
	xmlChar *lang;

	if (!f->atom)
		for (top = NULL, c = root->children; c != NULL; c = c->next)
			if (is_plain(c, "channel") && top == NULL)
				top = c;
	for (c = top ? top->children : NULL; c != NULL; c = c->next) {
		if (is_plain(c, "title") && f->channel.len == 0)
			text_of(f, c, &f->channel);
		else if (is_plain(c, "language") && f->lang.len == 0) {
			ctk_buf_reset(&f->scratch);
			ctk_article_node_text(c, &f->scratch);
			set_lang(&f->lang, ctk_buf_str(&f->scratch));
		} else if (f->atom && is_plain(c, "author"))
			for (a = c->children; a != NULL; a = a->next)
				if (is_plain(a, "name") &&
				    f->feed_author.len == 0)
					ctk_article_node_text(a,
					    &f->feed_author);
	}
	ctk_article_squeeze(&f->channel);
	if (f->atom && f->lang.len == 0 &&
	    (lang = xmlNodeGetLang(root)) != NULL) {
		set_lang(&f->lang, (const char *)lang);
		xmlFree(lang);
	}
}

/* Every item or entry, in document order, without recursion. */
static int
items(struct feed *f, xmlNodePtr root)
{
	const char *item_name = f->atom ? "entry" : "item";
	xmlNodePtr n = root;
	int rc;

	while (n != NULL) {
		if (is_plain(n, item_name)) {
			if ((rc = emit_item(f, n)) != 0)
				return rc;
		} else if (n->children != NULL && n->type == XML_ELEMENT_NODE) {
			n = n->children;
			continue;
		}
		while (n != root && n->next == NULL)
			n = n->parent;
		n = n == root ? NULL : n->next;
	}
	return 0;
}

static xmlDocPtr
parse_xml(const ctk_buf *utf8, const char *url, struct first_error *fe)
{
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	xmlDocPtr doc;

	if (ctxt == NULL || utf8->len > INT_MAX) {
		xmlFreeParserCtxt(ctxt);
		return NULL;
	}
	ctxt->_private = fe;
	ctxt->sax->serror = on_error;
	doc = xmlCtxtReadMemory(ctxt, ctk_buf_str(utf8), (int)utf8->len, url,
	    "UTF-8", XML_OPTIONS);
	xmlFreeParserCtxt(ctxt);
	return doc;
}

static int
feed_utf8(const char *bytes, size_t n, const ctk_article_opts *o,
    ctk_article_stats *st, ctk_buf *utf8, ctk_error *err)
{
	char declared[64];
	ctk_charset_info info;
	ctk_error warn;
	int has = ctk_charset_sniff_xml(bytes, n, declared, sizeof declared);
	int rc = ctk_charset_to_utf8(bytes, n, has ? declared : NULL, 0, utf8,
	    &info, err);

	if (rc == 0 && info.declared_unknown) {
		ctk_error_set(&warn, CTK_EFORMAT, 0, 0,
		    "unknown charset \"%s\", detected %s instead", declared,
		    info.used);
		rc = ctk_article_problem(o, st, CTK_ARTICLE_ERROR, &warn, err);
	}
	return rc;
}

int
ctk_feed_parse(const char *bytes, size_t n, const ctk_article_opts *opts,
    ctk_article_stats *stats, ctk_error *err)
{
	struct first_error fe;
	struct feed f;
	ctk_buf utf8 = CTK_BUF_INIT;
	xmlDocPtr doc;
	xmlNodePtr root;
	ctk_error bad;
	int rc;

	if ((rc = feed_utf8(bytes, n, opts, stats, &utf8, err)) != 0) {
		ctk_buf_release(&utf8);
		return rc;
	}
	memset(&fe, 0, sizeof fe);
	doc = parse_xml(&utf8, opts->base_url, &fe);
	ctk_buf_release(&utf8);
	root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
	if (root == NULL || !(is(root, "rss") || is(root, "RDF") ||
	    is(root, "feed"))) {
		xmlFreeDoc(doc);
		if (fe.seen)
			return ctk_error_set(err, CTK_EFORMAT, fe.line, fe.col,
			    "malformed feed: %s", fe.msg);
		return ctk_error_set(err, CTK_EFORMAT, 1, 1,
		    "not an RSS or Atom feed");
	}
	memset(&f, 0, sizeof f);
	f.opts = opts;
	f.stats = stats;
	f.atom = is(root, "feed");
	feed_info(&f, root);
	rc = items(&f, root);
	if (rc != 0)
		ctk_error_set(err, rc, 0, 0, "stopped by the output");
	else if (fe.seen) {
		ctk_error_set(&bad, CTK_EFORMAT, fe.line, fe.col,
		    "malformed feed, items after this point may be lost: %s",
		    fe.msg);
		rc = ctk_article_problem(opts, stats, CTK_ARTICLE_ERROR, &bad,
		    err);
	}
	ctk_buf_release(&f.channel);
	ctk_buf_release(&f.lang);
	ctk_buf_release(&f.feed_author);
	ctk_buf_release(&f.scratch);
	xmlFreeDoc(doc);
	return rc;
}

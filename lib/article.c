/*
 * article: format sniffing, documents, and HTML pages to articles: the
 * metadata (title, date, author, site, canonical URL, language) from meta
 * tags, <time>, bylines and JSON-LD, and the text from article_extract.
 */
#include "article.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/uri.h>
#include <yajl/yajl_tree.h>

#include "article_int.h"
#include "charset.h"
#include "feed.h"
#include "rfc3339.h"
#include "textdate.h"
#include "warc.h"

const char *const ctk_article_columns[CTK_ARTICLE_NCOLUMNS] = { "id",
    "kind", "source", "channel", "date", "author", "title", "url",
    "fwd_from", "reply_to", "lang", "text", "description" };

const char *
ctk_article_field(const ctk_article *a, size_t i)
{
	const char *const v[CTK_ARTICLE_NCOLUMNS] = { a->id, a->kind,
	    a->source, a->channel, a->date, a->author, a->title, a->url,
	    a->fwd_from, a->reply_to, a->lang, a->text, a->description };

	return i < CTK_ARTICLE_NCOLUMNS && v[i] != NULL ? v[i] : "";
}

const char *
ctk_article_format_name(enum ctk_article_format f)
{
	switch (f) {
	case CTK_ARTICLE_HTML:
		return "html";
	case CTK_ARTICLE_RSS:
		return "rss";
	case CTK_ARTICLE_ATOM:
		return "atom";
	case CTK_ARTICLE_WARC:
		return "warc";
	default:
		return "unknown";
	}
}

static int
starts_ci(const char *p, const char *end, const char *word)
{
	size_t n = strlen(word);

	return (size_t)(end - p) >= n && strncasecmp(p, word, n) == 0;
}

/* Skips "<!-- -->", "<? ?>" and "<!DOCTYPE >" (not an HTML one). */
static const char *
skip_prolog(const char *p, const char *end, int *html_doctype)
{
	const char *close, *bracket;
	size_t skip;

	for (;;) {
		while (p < end && isspace((unsigned char)*p))
			p++;
		if (starts_ci(p, end, "<!--")) {
			close = strstr(p, "-->");
			skip = 3;
		} else if (starts_ci(p, end, "<?")) {
			close = strstr(p, "?>");
			skip = 2;
		} else if (starts_ci(p, end, "<!doctype")) {
			if (starts_ci(p, end, "<!doctype html"))
				*html_doctype = 1;
			close = strchr(p, '>');
			/* an internal subset holds '>' (entity declarations:
			 * never expanded, but they must not hide the root) */
			bracket = strchr(p, '[');
			if (bracket != NULL && (close == NULL ||
			    bracket < close) && (close = strchr(bracket, ']'))
			    != NULL)
				close = strchr(close, '>');
			skip = 1;
			/* an internal subset holds '>' of its own */
			if (close != NULL && memchr(p, '[', (size_t)(close -
			    p)) != NULL) {
				close = strstr(p, "]>");
				skip = 2;
			}
		} else
			return p;
		if (close == NULL || close >= end)
			return end;
		p = close + skip;
	}
}

static const char *const html_starts[] = { "<html", "<head", "<body",
    "<meta", "<title", "<div", "<p>", "<p ", "<link", "<script", "<style",
    "<article", "<main", "<header", "<h1", "<table", "<base", NULL };

enum ctk_article_format
ctk_article_sniff(const char *bytes, size_t n)
{
	char ascii[1025];
	const char *p, *end;
	size_t i, k = 0;
	int html_doctype = 0;

	/* An ASCII view of the start: UTF-16 keeps every other byte. */
	if (n >= 2 && ((unsigned char)bytes[0] == 0xFF ||
	    (unsigned char)bytes[0] == 0xFE)) {
		for (i = ((unsigned char)bytes[0] == 0xFF ? 2 : 3);
		    i < n && k < sizeof ascii - 1; i += 2)
			ascii[k++] = bytes[i] != '\0' ? bytes[i] : ' ';
	} else {
		i = n >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
		for (; i < n && k < sizeof ascii - 1; i++)
			ascii[k++] = bytes[i] != '\0' ? bytes[i] : ' ';
	}
	ascii[k] = '\0';
	p = ascii;
	end = ascii + k;
	while (p < end && isspace((unsigned char)*p))
		p++;
	if (starts_ci(p, end, "WARC/1."))
		return CTK_ARTICLE_WARC;
	p = skip_prolog(p, end, &html_doctype);
	if (starts_ci(p, end, "<rss") || starts_ci(p, end, "<rdf:rdf"))
		return CTK_ARTICLE_RSS;
	if (starts_ci(p, end, "<feed"))
		return CTK_ARTICLE_ATOM;
	if (html_doctype)
		return CTK_ARTICLE_HTML;
	for (i = 0; html_starts[i] != NULL; i++)
		if (starts_ci(p, end, html_starts[i]))
			return CTK_ARTICLE_HTML;
	return CTK_ARTICLE_UNKNOWN;
}

void
ctk_article_squeeze(ctk_buf *b)
{
	size_t i, k = 0;
	int space = 0;

	for (i = 0; i < b->len; i++) {
		char c = b->data[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f' || c == '\v') {
			space = k > 0;
			continue;
		}
		if (space)
			b->data[k++] = ' ';
		space = 0;
		b->data[k++] = c;
	}
	b->len = k;
	if (b->data != NULL)
		b->data[k] = '\0';
}

void
ctk_article_draft_init(ctk_article_draft *d)
{
	ctk_buf_init(&d->channel);
	ctk_buf_init(&d->date);
	ctk_buf_init(&d->author);
	ctk_buf_init(&d->title);
	ctk_buf_init(&d->url);
	ctk_buf_init(&d->lang);
	ctk_buf_init(&d->text);
	ctk_buf_init(&d->description);
}

void
ctk_article_draft_reset(ctk_article_draft *d)
{
	ctk_buf_reset(&d->channel);
	ctk_buf_reset(&d->date);
	ctk_buf_reset(&d->author);
	ctk_buf_reset(&d->title);
	ctk_buf_reset(&d->url);
	ctk_buf_reset(&d->lang);
	ctk_buf_reset(&d->text);
	ctk_buf_reset(&d->description);
}

void
ctk_article_draft_release(ctk_article_draft *d)
{
	ctk_buf_release(&d->channel);
	ctk_buf_release(&d->date);
	ctk_buf_release(&d->author);
	ctk_buf_release(&d->title);
	ctk_buf_release(&d->url);
	ctk_buf_release(&d->lang);
	ctk_buf_release(&d->text);
	ctk_buf_release(&d->description);
}

/* The host of an absolute URL, without user info and port. */
static void
url_host(const char *url, char *host, size_t size)
{
	const char *p = strstr(url, "://"), *end;
	size_t n;

	host[0] = '\0';
	if (p == NULL)
		return;
	p += 3;
	end = p + strcspn(p, "/?#");
	for (const char *at = p; at < end; at++)
		if (*at == '@')
			p = at + 1;
	n = strcspn(p, ":/?#");
	if (p + n > end)
		n = (size_t)(end - p);
	if (n >= size)
		n = size - 1;
	for (size_t i = 0; i < n; i++)
		host[i] = (char)tolower((unsigned char)p[i]);
	host[n] = '\0';
}

/* FNV-1a, 64 bits: a stable id for an article without URL. */
static uint64_t
fnv1a(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

int
ctk_article_draft_emit(ctk_article_draft *d, const ctk_article_opts *o,
    ctk_article_stats *st)
{
	char id[40], host[256];
	ctk_article a;
	uint64_t h;
	int rc;

	ctk_article_squeeze(&d->title);
	ctk_article_squeeze(&d->author);
	ctk_article_squeeze(&d->channel);
	ctk_article_squeeze(&d->url);
	ctk_article_squeeze(&d->description);
	if (d->url.len == 0) {
		h = fnv1a(14695981039346656037ULL, ctk_buf_str(&d->title),
		    d->title.len + 1);
		h = fnv1a(h, ctk_buf_str(&d->text), d->text.len);
		snprintf(id, sizeof id, "hash:%016llx", (unsigned long long)h);
	}
	url_host(ctk_buf_str(&d->url), host, sizeof host);
	memset(&a, 0, sizeof a);
	a.id = d->url.len > 0 ? ctk_buf_str(&d->url) : id;
	a.kind = "article";
	a.source = o->source != NULL ? o->source : "";
	a.channel = d->channel.len > 0 ? ctk_buf_str(&d->channel) : host;
	a.date = ctk_buf_str(&d->date);
	a.author = ctk_buf_str(&d->author);
	a.title = ctk_buf_str(&d->title);
	a.url = ctk_buf_str(&d->url);
	a.fwd_from = "";
	a.reply_to = "";
	a.lang = ctk_buf_str(&d->lang);
	a.text = ctk_buf_str(&d->text);
	a.description = ctk_buf_str(&d->description);
	rc = o->emit != NULL ? o->emit(o->ctx, &a) : 0;
	if (rc == 0 && st != NULL)
		st->n_articles++;
	return rc;
}

int
ctk_article_problem(const ctk_article_opts *o, ctk_article_stats *st,
    enum ctk_article_severity severity, const ctk_error *e, ctk_error *err)
{
	int rc;

	if (st != NULL) {
		if (severity == CTK_ARTICLE_WARN)
			st->n_warnings++;
		else
			st->n_rejected++;
	}
	if (o->report == NULL || (rc = o->report(o->ctx, severity, e)) == 0)
		return 0;
	if (err != NULL && err != e)
		*err = *e;
	return rc;
}

/* What the page says about itself, first value found wins. */
struct meta {
	ctk_buf og_title, title_tag, h1, site_name, canonical, og_url;
	ctk_buf published, time_pub, time_any, ld_date, ld_author, ld_site;
	ctk_buf ld_headline, author, byline, lang, meta_date;
	ctk_buf og_desc, meta_desc, twitter_desc, ld_desc;
	xmlNodePtr article_body, main, byline_node;
	xmlNodePtr articles[64];
	size_t n_articles;
};

#define META_BUFS(m) { &(m)->og_title, &(m)->title_tag, &(m)->h1, \
    &(m)->site_name, &(m)->canonical, &(m)->og_url, &(m)->published, \
    &(m)->time_pub, &(m)->time_any, &(m)->ld_date, &(m)->ld_author, \
    &(m)->ld_site, &(m)->ld_headline, &(m)->author, &(m)->byline, \
    &(m)->lang, &(m)->meta_date, &(m)->og_desc, &(m)->meta_desc, \
    &(m)->twitter_desc, &(m)->ld_desc }

static void
meta_release(struct meta *m)
{
	ctk_buf *bufs[] = META_BUFS(m);

	for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++)
		ctk_buf_release(bufs[i]);
}

/* Sets b to s (squeezed) unless b already holds something. */
static void
set_once(ctk_buf *b, const char *s)
{
	if (b->len > 0 || s == NULL)
		return;
	ctk_buf_append_str(b, s);
	ctk_article_squeeze(b);
}

static void
set_once_text(ctk_buf *b, xmlNodePtr n)
{
	if (b->len > 0)
		return;
	ctk_article_node_text(n, b);
	ctk_article_squeeze(b);
}

/* Preorder successor of n within root, without recursion. */
static xmlNodePtr
next_node(xmlNodePtr n, xmlNodePtr root, int descend)
{
	if (descend && n->children != NULL && n->type == XML_ELEMENT_NODE)
		return n->children;
	while (n != root && n->next == NULL)
		n = n->parent;
	return n == root ? NULL : n->next;
}

static void
meta_tag(struct meta *m, xmlNodePtr n)
{
	const char *key = ctk_article_attr(n, "property");
	const char *content = ctk_article_attr(n, "content");

	if (key == NULL)
		key = ctk_article_attr(n, "name");
	if (key == NULL || content == NULL)
		return;
	if (strcasecmp(key, "og:title") == 0)
		set_once(&m->og_title, content);
	else if (strcasecmp(key, "og:site_name") == 0)
		set_once(&m->site_name, content);
	else if (strcasecmp(key, "og:url") == 0)
		set_once(&m->og_url, content);
	else if (strcasecmp(key, "article:published_time") == 0 ||
	    strcasecmp(key, "datePublished") == 0)
		set_once(&m->published, content);
	else if (strcasecmp(key, "date") == 0 ||
	    strcasecmp(key, "dc.date") == 0 ||
	    strcasecmp(key, "dcterms.date") == 0 ||
	    strcasecmp(key, "pubdate") == 0 ||
	    strcasecmp(key, "publishdate") == 0)
		set_once(&m->meta_date, content);
	else if (strcasecmp(key, "author") == 0)
		set_once(&m->author, content);
	else if (strcasecmp(key, "og:description") == 0)
		set_once(&m->og_desc, content);
	else if (strcasecmp(key, "description") == 0)
		set_once(&m->meta_desc, content);
	else if (strcasecmp(key, "twitter:description") == 0)
		set_once(&m->twitter_desc, content);
	else if (strcasecmp(key, "article:author") == 0 &&
	    strstr(content, "://") == NULL)
		set_once(&m->author, content);
}

/* 1 when n sits in a comment area: its "author" is a reader. */
static int
in_comments(xmlNodePtr n)
{
	const char *v;

	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (((v = ctk_article_attr(n, "class")) != NULL &&
		    (strstr(v, "comment") != NULL ||
		    strstr(v, "respond") != NULL)) ||
		    ((v = ctk_article_attr(n, "id")) != NULL &&
		    (strstr(v, "comment") != NULL ||
		    strstr(v, "respond") != NULL)))
			return 1;
	return 0;
}

/* The attributes every element is looked at for, each the first of its
 * name (any case) as ctk_article_attr() gives it, read in one pass over
 * the attribute list instead of one pass per attribute. */
struct element_attrs {
	const char *itemprop, *role, *rel, *class_value;
};

static void
read_element_attrs(xmlNodePtr n, struct element_attrs *ea)
{
	static const char *const names[] = {
		"itemprop", "role", "rel", "class"
	};
	const char *v[4];

	ctk_article_attrs(n, names, v, 4);
	ea->itemprop = v[0];
	ea->role = v[1];
	ea->rel = v[2];
	ea->class_value = v[3];
}

/* An author element outside comment areas: "author" or "byline" in its
 * class, rel or itemprop. */
static int
is_byline(xmlNodePtr n, const struct element_attrs *ea)
{
	const char *v;
	int named;

	if (ea->rel != NULL && strcmp(ea->rel, "author") == 0)
		named = 1;
	else if (ea->itemprop != NULL && strcmp(ea->itemprop, "author") == 0)
		named = 1;
	else
		named = (v = ea->class_value) != NULL &&
		    (strstr(v, "byline") != NULL || strstr(v, "author") != NULL);
	return named && !in_comments(n);
}

/* JSON-LD: a string, an object with "name", or an array of them. */
static void
ld_name(yajl_val v, ctk_buf *out, int depth)
{
	const char *name_path[] = { "name", NULL };
	size_t i;

	if (v == NULL || depth > 4)
		return;
	if (YAJL_IS_STRING(v)) {
		if (out->len > 0)
			ctk_buf_append_str(out, ", ");
		ctk_buf_append_str(out, YAJL_GET_STRING(v));
	} else if (YAJL_IS_OBJECT(v)) {
		ld_name(yajl_tree_get(v, name_path, yajl_t_string), out,
		    depth + 1);
	} else if (YAJL_IS_ARRAY(v)) {
		for (i = 0; i < YAJL_GET_ARRAY(v)->len; i++)
			ld_name(YAJL_GET_ARRAY(v)->values[i], out, depth + 1);
	}
}

/* 1 when a JSON-LD object is the article itself: its @type names an
 * Article (NewsArticle, ReportageNewsArticle...) or a BlogPosting, or it
 * has a headline. The description of a WebSite or Organization object
 * describes the site, not the page. */
static int
ld_type_is_article(yajl_val t)
{
	const char *s = YAJL_IS_STRING(t) ? t->u.string : NULL;

	return s != NULL && (strstr(s, "Article") != NULL ||
	    strcmp(s, "BlogPosting") == 0);
}

static int
ld_is_article(yajl_val v)
{
	size_t i, j;

	if (!YAJL_IS_OBJECT(v))
		return 0;
	for (i = 0; i < v->u.object.len; i++) {
		const char *key = v->u.object.keys[i];
		yajl_val val = v->u.object.values[i];

		if (strcmp(key, "headline") == 0 && YAJL_IS_STRING(val))
			return 1;
		if (strcmp(key, "@type") != 0)
			continue;
		if (ld_type_is_article(val))
			return 1;
		for (j = 0; YAJL_IS_ARRAY(val) && j < YAJL_GET_ARRAY(val)->len;
		    j++)
			if (ld_type_is_article(YAJL_GET_ARRAY(val)->values[j]))
				return 1;
	}
	return 0;
}

static void
ld_visit(struct meta *m, yajl_val v, int depth)
{
	const char **keys;
	yajl_val *values;
	size_t i, n;

	if (v == NULL || depth > 8)
		return;
	if (YAJL_IS_ARRAY(v)) {
		for (i = 0; i < YAJL_GET_ARRAY(v)->len; i++)
			ld_visit(m, YAJL_GET_ARRAY(v)->values[i], depth + 1);
		return;
	}
	if (!YAJL_IS_OBJECT(v))
		return;
	/* read once: the analyzer cannot tell that the calls below leave
	 * v's type alone */
	keys = v->u.object.keys;
	values = v->u.object.values;
	n = v->u.object.len;
	for (i = 0; i < n; i++) {
		const char *key = keys[i];
		yajl_val val = values[i];

		if (strcmp(key, "datePublished") == 0 && YAJL_IS_STRING(val))
			set_once(&m->ld_date, YAJL_GET_STRING(val));
		else if (strcmp(key, "headline") == 0 && YAJL_IS_STRING(val))
			set_once(&m->ld_headline, YAJL_GET_STRING(val));
		else if (strcmp(key, "author") == 0 && m->ld_author.len == 0)
			ld_name(val, &m->ld_author, 0);
		else if (strcmp(key, "publisher") == 0 && m->ld_site.len == 0)
			ld_name(val, &m->ld_site, 3);
		else if (strcmp(key, "@graph") == 0)
			ld_visit(m, val, depth + 1);
		else if (strcmp(key, "description") == 0 &&
		    YAJL_IS_STRING(val) && m->ld_desc.len == 0 &&
		    ld_is_article(v))
			set_once(&m->ld_desc, YAJL_GET_STRING(val));
	}
}

static void
json_ld(struct meta *m, xmlNodePtr script)
{
	ctk_buf text = CTK_BUF_INIT;
	xmlNodePtr c;
	yajl_val root;
	char errbuf[128];

	for (c = script->children; c != NULL; c = c->next)
		if ((c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) && c->content != NULL)
			ctk_buf_append_str(&text, (const char *)c->content);
	root = yajl_tree_parse(ctk_buf_str(&text), errbuf, sizeof errbuf);
	ld_visit(m, root, 0);
	yajl_tree_free(root);
	ctk_buf_release(&text);
}

/* A byline is short: an author box or a page-wide class is not one. */
static void
byline(struct meta *m, xmlNodePtr n)
{
	static const char *const containers[] = { "html", "body", "main",
	    "article", "section", "meta", "link", "script", NULL };
	size_t i;

	for (i = 0; containers[i] != NULL; i++)
		if (strcmp((const char *)n->name, containers[i]) == 0)
			return;
	ctk_article_node_text(n, &m->byline);
	ctk_article_squeeze(&m->byline);
	if (m->byline.len > 120)
		ctk_buf_reset(&m->byline);
}

/* 1 when n is a descendant of ancestor (NULL: never). */
static int
inside(xmlNodePtr n, xmlNodePtr ancestor)
{
	if (ancestor == NULL)
		return 0;
	for (n = n->parent; n != NULL; n = n->parent)
		if (n == ancestor)
			return 1;
	return 0;
}

/* 1 when the element name may be one meta_element() looks for (they
 * start with a, h, l, m, s or t): most elements are not. */
static int
meta_name_candidate(const char *name)
{
	switch (name[0]) {
	case 'a': case 'h': case 'l': case 'm': case 's': case 't':
		return 1;
	default:
		return 0;
	}
}

/* What the element tells by its name: meta tags, <html lang>, the
 * canonical link, <title>, <h1>, JSON-LD, <time>, the containers. */
static void
meta_named(struct meta *m, xmlNodePtr n)
{
	const char *name = (const char *)n->name, *v;

	if (!meta_name_candidate(name))
		return;
	if (strcmp(name, "meta") == 0)
		meta_tag(m, n);
	else if (strcmp(name, "html") == 0)
		set_once(&m->lang, ctk_article_attr(n, "lang"));
	else if (strcmp(name, "link") == 0 &&
	    (v = ctk_article_attr(n, "rel")) != NULL &&
	    strcasecmp(v, "canonical") == 0)
		set_once(&m->canonical, ctk_article_attr(n, "href"));
	else if (strcmp(name, "title") == 0)
		set_once_text(&m->title_tag, n);
	else if (strcmp(name, "h1") == 0)
		set_once_text(&m->h1, n);
	else if (strcmp(name, "script") == 0 &&
	    (v = ctk_article_attr(n, "type")) != NULL &&
	    strcasecmp(v, "application/ld+json") == 0)
		json_ld(m, n);
	else if (strcmp(name, "time") == 0 &&
	    (v = ctk_article_attr(n, "datetime")) != NULL) {
		if (ctk_article_attr(n, "pubdate") != NULL ||
		    ((name = ctk_article_attr(n, "itemprop")) != NULL &&
		    strcmp(name, "datePublished") == 0))
			set_once(&m->time_pub, v);
		set_once(&m->time_any, v);
	} else if (strcmp(name, "article") == 0 &&
	    m->n_articles < sizeof m->articles / sizeof m->articles[0])
		m->articles[m->n_articles++] = n;
	else if (strcmp(name, "main") == 0 && m->main == NULL)
		m->main = n;
}

static void
meta_element(struct meta *m, xmlNodePtr n)
{
	struct element_attrs ea;
	const char *v;

	meta_named(m, n);
	read_element_attrs(n, &ea);
	if ((v = ea.itemprop) != NULL &&
	    strcmp(v, "articleBody") == 0 && m->article_body == NULL)
		m->article_body = n;
	if ((v = ea.role) != NULL &&
	    strcmp(v, "main") == 0 && m->main == NULL)
		m->main = n;
	/* a byline inside the one found is more precise ("By X" within
	 * "By X, Environment correspondent") */
	if ((m->byline.len == 0 || inside(n, m->byline_node)) &&
	    is_byline(n, &ea)) {
		ctk_buf_reset(&m->byline);
		byline(m, n);
		if (m->byline.len > 0)
			m->byline_node = n;
	}
}

static void
collect_meta(struct meta *m, xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), n;

	for (n = root; n != NULL; n = next_node(n, root, 1))
		if (n->type == XML_ELEMENT_NODE && n->name != NULL)
			meta_element(m, n);
}

/* Characters of visible text below n (bounded walk: stops counting past
 * limit to keep the choice linear). */
static size_t
text_size(xmlNodePtr n)
{
	size_t total = 0;
	xmlNodePtr c;

	for (c = n; c != NULL; c = next_node(c, n, c->type ==
	    XML_ELEMENT_NODE && strcmp((const char *)c->name, "script") != 0 &&
	    strcmp((const char *)c->name, "style") != 0))
		if (c->type == XML_TEXT_NODE && c->content != NULL)
			total += strlen((const char *)c->content);
	return total;
}

/* 1 when the page has a <body> with some visible text. */
static int
has_body_text(xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), n;

	for (n = root ? root->children : NULL; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "body") == 0) {
			ctk_buf text = CTK_BUF_INIT;
			int found;

			ctk_article_node_text(n, &text);
			found = text.len > 0;
			ctk_buf_release(&text);
			return found;
		}
	return 0;
}

/* The container of the article text and what kind it is. */
static xmlNodePtr
choose_root(const struct meta *m, xmlDocPtr doc, int *kind)
{
	xmlNodePtr best = NULL, root = xmlDocGetRootElement(doc), n;
	size_t best_size = 0, size, i;

	*kind = CTK_ARTICLE_ROOT_ARTICLE;
	if (m->article_body != NULL && text_size(m->article_body) >= 200)
		return m->article_body;
	for (i = 0; i < m->n_articles; i++) {
		size = text_size(m->articles[i]);
		if (size > best_size) {
			best = m->articles[i];
			best_size = size;
		}
	}
	if (best != NULL && best_size >= 200)
		return best;
	*kind = CTK_ARTICLE_ROOT_MAIN;
	if (m->main != NULL && text_size(m->main) >= 200)
		return m->main;
	*kind = CTK_ARTICLE_ROOT_BODY;
	for (n = root ? root->children : NULL; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "body") == 0)
			return n;
	return root;
}

/* "Par Jean Dupont" -> "Jean Dupont". */
static void
clean_byline(ctk_buf *b)
{
	static const char *const prefixes[] = { "by ", "par ", "von ", NULL };
	size_t i, n;

	for (i = 0; prefixes[i] != NULL; i++) {
		n = strlen(prefixes[i]);
		if (b->len > n && strncasecmp(b->data, prefixes[i], n) == 0) {
			memmove(b->data, b->data + n, b->len - n + 1);
			b->len -= n;
			break;
		}
	}
}

/* Resolves href against base (when both given) into out. */
static void
resolve_url(const char *href, const char *base, ctk_buf *out)
{
	xmlChar *abs = NULL;

	if (href == NULL || *href == '\0')
		return;
	if (base != NULL && *base != '\0')
		abs = xmlBuildURI((const xmlChar *)href, (const xmlChar *)base);
	ctk_buf_reset(out);
	ctk_buf_append_str(out, abs != NULL ? (const char *)abs : href);
	xmlFree(abs);
}

/* Letters and digits of s, lower-cased (ASCII), for comparing a site
 * name with a title suffix: "Le Monde" and "lemonde" are the same. */
static void
fold_name(const char *s, size_t n, char *out, size_t size)
{
	size_t k = 0;

	for (size_t i = 0; i < n && s[i] != '\0' && k + 1 < size; i++)
		if (isalnum((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80)
			out[k++] = (char)tolower((unsigned char)s[i]);
	out[k] = '\0';
}

/* 1 when suffix names the site: its name, its host ("www.lemonde.fr"),
 * or the host without "www." and top-level domain ("lemonde"). */
static int
names_site(const char *suffix, size_t n, const char *site,
    const char *base)
{
	char a[128], b[128], host[256];
	char *dot;

	fold_name(suffix, n, a, sizeof a);
	if (a[0] == '\0')
		return 0;
	fold_name(site, strlen(site), b, sizeof b);
	if (strcmp(a, b) == 0)
		return 1;
	url_host(base != NULL ? base : "", host, sizeof host);
	fold_name(host, strlen(host), b, sizeof b);
	if (b[0] != '\0' && strcmp(a, b) == 0)
		return 1;
	if ((dot = strrchr(host, '.')) != NULL)
		*dot = '\0';
	fold_name(strncmp(host, "www.", 4) == 0 ? host + 4 : host,
	    strlen(host), b, sizeof b);
	return b[0] != '\0' && strcmp(a, b) == 0;
}

/* "Title - Le Monde", "Title | Site", "Title – Site": the title without
 * its last part when that part names the site, or when what precedes it
 * is the page's h1. */
static void
strip_site_suffix(ctk_buf *title, const char *site, const char *base,
    const char *h1)
{
	static const char *const seps[] = { " - ", " | ", " \xe2\x80\x93 ",
	    " \xe2\x80\x94 ", " \xc2\xb7 ", " : ", NULL };
	const char *t = ctk_buf_str(title), *cut = NULL, *hit;
	size_t i, sep_len = 0;

	for (i = 0; seps[i] != NULL; i++)
		for (hit = strstr(t, seps[i]); hit != NULL;
		    hit = strstr(hit + 1, seps[i]))
			if (cut == NULL || hit > cut) {
				cut = hit;
				sep_len = strlen(seps[i]);
			}
	if (cut == NULL || cut == t)
		return;
	if (!names_site(cut + sep_len, strlen(cut + sep_len), site, base) &&
	    !(strlen(h1) == (size_t)(cut - t) &&
	    strncmp(h1, t, (size_t)(cut - t)) == 0))
		return;
	title->len = (size_t)(cut - t);
	title->data[title->len] = '\0';
}

static const char *
first(const ctk_buf *a, const ctk_buf *b, const ctk_buf *c)
{
	if (a != NULL && a->len > 0)
		return a->data;
	if (b != NULL && b->len > 0)
		return b->data;
	if (c != NULL && c->len > 0)
		return c->data;
	return "";
}

/* A declared language as its primary subtag, lower case: "fr-FR" -> "fr". */
static void
set_lang(ctk_buf *out, const char *lang)
{
	size_t i;

	for (i = 0; lang != NULL && isalpha((unsigned char)lang[i]) && i < 8;
	    i++)
		ctk_buf_append_char(out, (char)tolower((unsigned char)lang[i]));
}

static void
set_date(ctk_buf *out, const char *const *candidates, size_t n)
{
	char date[CTK_RFC3339_SIZE];

	for (size_t i = 0; i < n; i++)
		if (candidates[i] != NULL && *candidates[i] != '\0' &&
		    ctk_rfc3339_from_any(candidates[i], date) == 0) {
			ctk_buf_append_str(out, date);
			return;
		}
}

static void
fill_meta(ctk_article_draft *d, struct meta *m, const ctk_article_hints *h,
    const ctk_article_opts *o)
{
	const char *base = h != NULL && h->url != NULL ? h->url : o->base_url;
	const char *dates[5];

	/* with no address from outside, an absolute og:url is the base */
	if ((base == NULL || *base == '\0') && strstr(ctk_buf_str(&m->og_url),
	    "://") != NULL)
		base = m->og_url.data;

	ctk_buf_append_str(&d->channel, first(&m->site_name, &m->ld_site,
	    NULL));
	strip_site_suffix(&m->title_tag, ctk_buf_str(&d->channel), base,
	    ctk_buf_str(&m->h1));
	ctk_buf_append_str(&d->title, first(&m->og_title, &m->ld_headline,
	    m->title_tag.len > 0 ? &m->title_tag : &m->h1));
	if (m->canonical.len > 0)
		resolve_url(m->canonical.data, base, &d->url);
	else if (m->og_url.len > 0)
		resolve_url(m->og_url.data, base, &d->url);
	else if (base != NULL)
		ctk_buf_append_str(&d->url, base);
	dates[0] = first(&m->published, NULL, NULL);
	dates[1] = first(&m->time_pub, NULL, NULL);
	dates[2] = first(&m->ld_date, NULL, NULL);
	dates[3] = first(&m->time_any, NULL, NULL);
	dates[4] = first(&m->meta_date, NULL, NULL);
	set_date(&d->date, dates, 5);
	clean_byline(&m->byline);
	ctk_buf_append_str(&d->author, first(&m->author, &m->ld_author,
	    &m->byline));
	set_lang(&d->lang, first(&m->lang, NULL, NULL));
	ctk_buf_append_str(&d->description, first(&m->og_desc,
	    &m->meta_desc, &m->twitter_desc));
	if (d->description.len == 0)
		ctk_buf_append_str(&d->description, first(&m->ld_desc, NULL,
		    NULL));
}

/* No HTML_PARSE_NOBLANKS: the blank between two inline elements
 * ("<b>a</b> <i>b</i>") separates words. */
#define HTML_OPTIONS (HTML_PARSE_NONET | HTML_PARSE_NOERROR | \
    HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC | \
    HTML_PARSE_COMPACT)

/* Parses UTF-8 HTML; NULL when libxml2 gives nothing at all. *too_deep
 * (may be NULL) is set when libxml2 stopped at its nesting limit (256
 * elements), leaving out what lies deeper. */
static xmlDocPtr
parse_html(const char *utf8, size_t n, int *too_deep)
{
	htmlParserCtxtPtr ctxt;
	xmlDocPtr doc;

	if (too_deep != NULL)
		*too_deep = 0;
	if (n > INT_MAX || (ctxt = htmlNewParserCtxt()) == NULL)
		return NULL;
	doc = htmlCtxtReadMemory(ctxt, utf8, (int)n, NULL, "UTF-8",
	    HTML_OPTIONS);
	if (too_deep != NULL && ctxt->errNo == XML_ERR_INTERNAL_ERROR)
		*too_deep = 1;
	htmlFreeParserCtxt(ctxt);
	return doc;
}

static xmlNodePtr
body_of(xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), n;

	for (n = root ? root->children : NULL; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "body") == 0)
			return n;
	return root;
}

int
ctk_article_html_text(const char *utf8, size_t n, int raw, ctk_buf *out,
    ctk_error *err)
{
	xmlDocPtr doc;
	int rc;

	if (n == 0)
		return 0;
	if ((doc = parse_html(utf8, n, NULL)) == NULL)
		return ctk_error_set(err, CTK_EFORMAT, 0, 0,
		    "cannot parse HTML");
	rc = ctk_article_extract_tree(body_of(doc), CTK_ARTICLE_ROOT_BODY,
	    raw, NULL, "", out);
	xmlFreeDoc(doc);
	if (rc < 0)
		return ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
	return 0;
}

/* Converts the page to UTF-8 NFC, warning about an unknown charset. */
static int
page_utf8(const char *bytes, size_t n, const ctk_article_hints *h,
    const ctk_article_opts *o, ctk_article_stats *st, ctk_buf *utf8,
    ctk_error *err)
{
	char declared[64];
	const char *cs = NULL;
	ctk_charset_info info;
	ctk_error warn;
	int rc;

	if (h != NULL && h->charset != NULL && *h->charset != '\0')
		cs = h->charset;
	else if (ctk_charset_sniff_html(bytes, n, declared, sizeof declared))
		cs = declared;
	rc = ctk_charset_to_utf8(bytes, n, cs, 1, utf8, &info, err);
	if (rc == 0 && info.declared_unknown) {
		ctk_error_set(&warn, CTK_EFORMAT, 0, 0,
		    "unknown charset \"%s\", detected %s instead", cs,
		    info.used);
		rc = ctk_article_problem(o, st, CTK_ARTICLE_ERROR, &warn, err);
	}
	return rc;
}

/* Words that may sit between the capitalised words of a name. */
static const char *const particles[] = { "de", "du", "des", "d'",
    "d\xe2\x80\x99", "van", "von", "der", "le", "la", "di", "da", "del",
    "ben", "el", "al", NULL };

static int
name_char(const char *p, const char *end)
{
	unsigned char c = (unsigned char)*p;

	if (p >= end)
		return 0;
	if (isalpha(c) || c == '-' || c == '\'' || c == '.')
		return 1;
	/* letters beyond ASCII, and the typographic apostrophe */
	return c >= 0x80 && !(end - p >= 2 && c == 0xC2 &&
	    (unsigned char)p[1] == 0xA0) && !(end - p >= 3 && c == 0xE2 &&
	    (unsigned char)p[1] == 0x80 && (unsigned char)p[2] != 0x99);
}

/* A capital: ASCII, or Latin-1 capitals À..Þ (C3 80..C3 9E) and Œ. */
static int
capital(const char *p, const char *end)
{
	unsigned char c = (unsigned char)*p;

	if (isupper(c))
		return 1;
	return end - p >= 2 && ((c == 0xC3 && (unsigned char)p[1] >= 0x80 &&
	    (unsigned char)p[1] <= 0x9E) || (c == 0xC5 &&
	    (unsigned char)p[1] == 0x92));
}

/* Capitalised words that end a name rather than continue it. */
static const char *const name_stops[] = { "Publi\xc3\xa9", "Publi\xc3\xa9\x65",
    "Published", "Posted", "Updated", "Mis", "Modifi\xc3\xa9", "Photo",
    "Photos", "Source", "Lecture", "Read", "Les", "The", "On", "Et",
    "And", NULL };

/* 1 when the word p..w ends a name: a stop word, or a date begins. */
static int
ends_name(const char *p, const char *w, const char *end)
{
	int64_t t;

	for (size_t i = 0; name_stops[i] != NULL; i++)
		if (strlen(name_stops[i]) == (size_t)(w - p) &&
		    strncmp(p, name_stops[i], (size_t)(w - p)) == 0)
			return 1;
	return ctk_textdate_parse(p, (size_t)(end - p), NULL, &t) > 0;
}

/* One name: capitalised words, particles between them. Returns its end
 * (before a trailing particle) and the number of capitalised words. */
static const char *
one_name(const char *p, const char *end, int *n_words, int *all_caps)
{
	const char *name_end = p, *w;
	size_t i, len;

	*n_words = 0;
	*all_caps = 1;
	while (p < end && *n_words < 5) {
		for (w = p; name_char(w, end); w++)
			;
		if (w == p || ends_name(p, w, end))
			break;
		len = (size_t)(w - p);
		if (capital(p, end)) {
			for (const char *c = p; c < w; c++)
				if (islower((unsigned char)*c))
					*all_caps = 0;
			(*n_words)++;
			name_end = w;
		} else {
			for (i = 0; particles[i] != NULL; i++)
				if (strlen(particles[i]) == len &&
				    strncmp(p, particles[i], len) == 0)
					break;
			if (particles[i] == NULL)
				break;
		}
		if (w >= end || *w != ' ')
			break;
		p = w + 1;
	}
	return name_end;
}

/* The names after "Par", "By" or "Publié par" in a short block: "Claire
 * Dubœuf", "Fiona MacLeod, Tom Reilly" ("and", "et" and commas join). */
static int
names_after(const char *p, const char *end, ctk_buf *out)
{
	static const char *const joins[] = { ", ", " et ", " and ", " & ",
	    NULL };
	const char *name_end;
	int n_words, all_caps, found = 0;
	size_t i, n;

	for (;;) {
		name_end = one_name(p, end, &n_words, &all_caps);
		/* one word is a name only when it is an agency: "AFP" */
		if (n_words == 0 || (n_words == 1 && (!all_caps ||
		    name_end - p < 2)))
			return found;
		if (found)
			ctk_buf_append_str(out, ", ");
		ctk_buf_append(out, p, (size_t)(name_end - p));
		found = 1;
		for (i = 0; joins[i] != NULL; i++) {
			n = strlen(joins[i]);
			if ((size_t)(end - name_end) > n &&
			    strncmp(name_end, joins[i], n) == 0)
				break;
		}
		if (joins[i] == NULL)
			return found;
		p = name_end + strlen(joins[i]);
	}
}

/* A byline written in the text: a block under 160 bytes with "Par X",
 * "par X" (as in "Publié par X"), "By X" or "by X". */
static int
byline_in_block(const char *p, size_t n, ctk_buf *out)
{
	static const char *const keys[] = { "Par ", "par ", "By ", "by ",
	    "BY ", "PAR ", NULL };
	const char *end = p + n;
	size_t i, k;

	if (n >= 160)
		return 0;
	for (i = 0; i < n; i++) {
		if (i > 0 && p[i - 1] != ' ' && p[i - 1] != '\n' &&
		    p[i - 1] != '|' && p[i - 1] != '(')
			continue;
		for (k = 0; keys[k] != NULL; k++)
			if (n - i > strlen(keys[k]) &&
			    strncmp(p + i, keys[k], strlen(keys[k])) == 0 &&
			    names_after(p + i + strlen(keys[k]), end, out))
				return 1;
	}
	return 0;
}

/* For a page that declares no language: more French stopwords than
 * English ones in the first 4 KB of its text. */
static int
looks_french(const char *text, size_t n)
{
	size_t i = 0, start, count[2] = { 0, 0 };
	ctk_buf low = CTK_BUF_INIT;

	if (n > 4096)
		n = 4096;
	while (i < n) {
		while (i < n && !isalpha((unsigned char)text[i]) &&
		    (unsigned char)text[i] < 0x80)
			i++;
		start = i;
		while (i < n && (isalpha((unsigned char)text[i]) ||
		    (unsigned char)text[i] >= 0x80))
			i++;
		ctk_buf_reset(&low);
		if (i > start && ctk_article_lower(text + start, i - start,
		    &low) == 0) {
			int langs = ctk_article_stopword_langs(low.data,
			    low.len);

			count[0] += (langs & CTK_ARTICLE_STOP_FR) != 0;
			count[1] += (langs & CTK_ARTICLE_STOP_EN) != 0;
		}
	}
	ctk_buf_release(&low);
	return count[0] > count[1];
}

/* The zone of a date found in the text: --tz, else Paris for French. */
static ctk_tz *
text_zone(const ctk_article_opts *o, const char *lang, const ctk_buf *text,
    ctk_tz **opened)
{
	ctk_error err;

	*opened = NULL;
	if (o->tz != NULL)
		return o->tz;
	if (lang[0] != '\0' ? strncasecmp(lang, "fr", 2) != 0 :
	    !looks_french(ctk_buf_str(text), text->len))
		return NULL;
	if (o->tz_paris != NULL)
		return o->tz_paris;
	*opened = ctk_tz_open("Europe/Paris", &err);
	return *opened;
}

/* What the markup did not say, read from the visible text of the page:
 * the author from a byline, the date from a written date. */
static int
text_fallbacks(ctk_article_draft *d, const struct meta *m, xmlDocPtr doc,
    const ctk_article_opts *o)
{
	ctk_buf text = CTK_BUF_INIT;
	ctk_textdate_opts to;
	ctk_tz *opened;
	char date[CTK_RFC3339_SIZE];
	const char *p, *para, *lang = ctk_buf_str(&m->lang);
	int rc;

	if (d->author.len > 0 && d->date.len > 0)
		return 0;
	rc = ctk_article_extract_tree(body_of(doc), CTK_ARTICLE_ROOT_BODY, 1,
	    lang, "", &text);
	if (rc != 0) {
		ctk_buf_release(&text);
		return rc;
	}
	for (para = ctk_buf_str(&text); d->author.len == 0 && *para != '\0';
	    para = p[0] != '\0' ? p + 2 : p) {
		if ((p = strstr(para, "\n\n")) == NULL)
			p = para + strlen(para);
		byline_in_block(para, (size_t)(p - para), &d->author);
	}
	if (d->date.len == 0) {
		to.tz = text_zone(o, lang, &text, &opened);
		to.month_first = strncasecmp(lang, "en-us", 5) == 0 ||
		    strncasecmp(lang, "en_us", 5) == 0;
		if (ctk_textdate_find(ctk_buf_str(&text), text.len, &to,
		    date) == 0)
			ctk_buf_append_str(&d->date, date);
		ctk_tz_free(opened);
	}
	ctk_buf_release(&text);
	return 0;
}

int
ctk_article_from_html(const char *bytes, size_t n,
    const ctk_article_hints *hints, const ctk_article_opts *opts,
    ctk_article_stats *stats, ctk_error *err)
{
	ctk_buf utf8 = CTK_BUF_INIT;
	ctk_article_draft d;
	struct meta m;
	xmlDocPtr doc;
	xmlNodePtr root;
	ctk_error warn;
	int rc, kind, too_deep;

	if ((rc = page_utf8(bytes, n, hints, opts, stats, &utf8, err)) != 0) {
		ctk_buf_release(&utf8);
		return rc;
	}
	doc = parse_html(ctk_buf_str(&utf8), utf8.len, &too_deep);
	ctk_buf_release(&utf8);
	if (doc == NULL)
		return ctk_error_set(err, CTK_EFORMAT, 0, 0,
		    "cannot parse the page as HTML");
	if (too_deep) {
		ctk_error_set(&warn, CTK_ELIMIT, 0, 0, "elements nested deeper "
		    "than libxml2 allows (256): the text below is left out");
		if ((rc = ctk_article_problem(opts, stats, CTK_ARTICLE_WARN,
		    &warn, err)) != 0) {
			xmlFreeDoc(doc);
			return rc;
		}
	}
	memset(&m, 0, sizeof m);
	ctk_article_draft_init(&d);
	collect_meta(&m, doc);
	fill_meta(&d, &m, hints, opts);
	rc = text_fallbacks(&d, &m, doc, opts);
	/* the date of the fetch, last: a page is not newer than that */
	if (d.date.len == 0 && hints != NULL && hints->date != NULL)
		set_date(&d.date, &hints->date, 1);
	/* raw: every visible word of the page, not only the article */
	if (opts->raw) {
		root = body_of(doc);
		kind = CTK_ARTICLE_ROOT_BODY;
	} else
		root = choose_root(&m, doc, &kind);
	if (rc == 0)
		rc = ctk_article_extract_tree(root, kind, opts->raw,
		    ctk_buf_str(&d.lang), ctk_buf_str(&d.title), &d.text);
	if (rc != 0)
		ctk_error_set(err, rc, 0, 0, "out of memory");
	else if (d.text.len == 0 && !too_deep && !has_body_text(doc)) {
		ctk_error_set(&warn, CTK_EFORMAT, 1, 1, "page has no body "
		    "text (no <body>, or nothing visible in it): rejected");
		rc = ctk_article_problem(opts, stats, CTK_ARTICLE_ERROR, &warn,
		    err);
	} else if ((rc = ctk_article_draft_emit(&d, opts, stats)) != 0)
		ctk_error_set(err, rc, 0, 0, "stopped by the output");
	ctk_article_draft_release(&d);
	meta_release(&m);
	xmlFreeDoc(doc);
	return rc;
}

int
ctk_article_ingest_bytes(const char *bytes, size_t n,
    const ctk_article_opts *opts, ctk_article_stats *stats, ctk_error *err)
{
	switch (ctk_article_sniff(bytes, n)) {
	case CTK_ARTICLE_HTML:
		return ctk_article_from_html(bytes, n, NULL, opts, stats, err);
	case CTK_ARTICLE_RSS:
	case CTK_ARTICLE_ATOM:
		return ctk_feed_parse(bytes, n, opts, stats, err);
	case CTK_ARTICLE_WARC:
		return ctk_warc_ingest_bytes(bytes, n, opts, stats, err);
	default:
		return ctk_error_set(err, CTK_EFORMAT, 1, 1,
		    "not an HTML page, RSS or Atom feed, or WARC file");
	}
}

int
ctk_article_ingest_input(ctk_input *in, const ctk_article_opts *opts,
    ctk_article_stats *stats, ctk_error *err)
{
	ctk_buf all = CTK_BUF_INIT;
	const char *head;
	char chunk[65536];
	long got;
	int rc;

	if ((got = ctk_input_peek(in, &head, 1024, err)) < 0)
		return (int)got;
	switch (ctk_article_sniff(head, (size_t)got)) {
	case CTK_ARTICLE_WARC:
		return ctk_warc_ingest(in, opts, stats, err);
	case CTK_ARTICLE_UNKNOWN:
		return ctk_error_set(err, CTK_EFORMAT, 1, 1,
		    "not an HTML page, RSS or Atom feed, or WARC file");
	default:
		break;
	}
	while ((got = ctk_input_read(in, chunk, sizeof chunk, err)) > 0) {
		if (all.len + (size_t)got > CTK_ARTICLE_MAX_BYTES) {
			ctk_buf_release(&all);
			return ctk_error_set(err, CTK_ELIMIT, 0, 0,
			    "larger than %zu MB: not read",
			    CTK_ARTICLE_MAX_BYTES >> 20);
		}
		if (ctk_buf_append(&all, chunk, (size_t)got) < 0) {
			ctk_buf_release(&all);
			return ctk_error_set(err, CTK_ENOMEM, 0, 0,
			    "out of memory");
		}
	}
	rc = got < 0 ? (int)got :
	    ctk_article_ingest_bytes(ctk_buf_str(&all), all.len, opts, stats,
	    err);
	ctk_buf_release(&all);
	return rc;
}

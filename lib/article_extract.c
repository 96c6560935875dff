/*
 * article_extract: the main text of an HTML page (see article.h).
 *
 * The tree below the chosen container is cut into paragraphs at block
 * elements, walking iteratively (a page of a million nested tags must not
 * overflow the stack). Each paragraph is classified as jusText does
 * (Pomikálek 2011): link density > 0.2 or a copyright sign: bad; shorter
 * than 70 characters: short (bad if it holds a link); stopword density
 * >= 0.32: good when longer than 200 characters, else near-good; >= 0.30:
 * near-good; else bad. Then short and near-good paragraphs take the class
 * of their neighbours, and headings close before good text are kept.
 * Known boilerplate phrases are bad whatever their statistics.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/uchar.h>

#include "article_int.h"
#include "utf8.h"

#define LENGTH_LOW		70
#define LENGTH_HIGH		200
#define STOPWORDS_LOW		0.30
#define STOPWORDS_HIGH		0.32
#define MAX_LINK_DENSITY	0.2
#define MAX_HEADING_DISTANCE	200
#define PHRASE_MAX_CHARS	300	/* longer paragraphs are never
					 * dropped for a phrase they hold */

enum cls { SHORT, NEARGOOD, GOOD, BAD };

struct para {
	size_t off, len;	/* bytes in seg.text */
	size_t chars, link_chars;
	size_t words, stop[2];	/* once counted is set (count()) */
	int counted;
	int heading;
	enum cls cls, first_cls;
};

struct seg {
	int raw;
	int container_kind;
	xmlNodePtr root;
	ctk_buf text;		/* all paragraphs, back to back */
	struct para *paras;
	size_t n_paras, cap_paras;
	struct para cur;	/* being built: cur.off .. text.len */
	int space;		/* whitespace seen, not yet written */
	int link_depth, heading_depth;
	int oom;
};

static const char *const skipped_always[] = { "script", "style",
    "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "video", "audio", "head", "title", "select", "option",
    "textarea", "input", "button", "map", "area", "source", "track",
    "picture", "img", NULL };

static const char *const skipped_boilerplate[] = { "nav", "footer", "aside",
    "form", "figure", "figcaption", "dialog", "menu", "label", NULL };

static const char *const blocks[] = { "p", "div", "h1", "h2", "h3", "h4",
    "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre",
    "table", "tr", "td", "th", "caption", "thead", "tbody", "tfoot",
    "section", "article", "main", "header", "footer", "nav", "aside",
    "figure", "figcaption", "form", "fieldset", "address", "hr", "details",
    "summary", "center", "body", "html", "hgroup", "legend", NULL };

/* Substrings of class and id values naming boilerplate boxes. */
static const char *const boiler_class[] = { "share", "social", "cookie",
    "consent", "newsletter", "subscri", "paywall", "related", "comment",
    "promo", "advert", "sponsor", "banner", "breadcrumb", "sidebar",
    "popup", "modal", "signup", "outbrain", "taboola", "recommend",
    "abonne", "partage", "publicite", "lire-aussi", "read-more",
    "readmore", "see-also", "more-stories", "most-read", "most-popular",
    "toolbar", "sharing", "byline-tools", "inread", "sr-only",
    "visually-hidden", "screen-reader", "byline", "dateline", "timestamp",
    NULL };

/* Whole words of class and id values naming boilerplate boxes. */
static const char *const boiler_token[] = { "ad", "ads", "pub", "nav",
    "menu", "tags", "print", "hidden", "dfp", "widget", "date", NULL };

static const char *const boiler_role[] = { "navigation", "banner",
    "contentinfo", "complementary", "dialog", "alert", "search", NULL };

/* Paragraphs starting with these (lower case) are boilerplate. */
static const char *const phrase_prefix[] = { "lire aussi", "à lire aussi",
    "lire la suite", "voir aussi", "sur le même sujet", "publicité",
    "abonnez-vous", "inscrivez-vous", "s'abonner", "partager",
    "partagez", "réagir", "commentaires", "newsletter", "read more",
    "read also", "read next", "see also", "related:", "related articles",
    "related stories", "you might also like", "you may also like",
    "recommended", "sign up", "subscribe", "advertisement", "share this",
    "share on", "comments", "leave a comment", "follow us", "suivez-nous",
    "accept cookies", "accept all cookies", "accepter", "more from", NULL };

/* Paragraphs (not longer than PHRASE_MAX_CHARS) holding these are
 * boilerplate. */
static const char *const phrase_contains[] = {
    "sur un seul appareil à la fois", "réservé aux abonnés",
    "réservée aux abonnés", "de cet article à lire", "déjà abonné",
    "vous pouvez lire le monde", "tous droits réservés",
    "utilise des cookies", "utilisons des cookies",
    "accepter les cookies", "acceptez les cookies",
    "gestion des cookies", "sign up for our newsletter",
    "subscribe to our newsletter", "inscrivez-vous à notre newsletter",
    "leave a comment", "laisser un commentaire", "accept cookies",
    "we use cookies", "uses cookies", "cookie policy", "cookie settings",
    "all rights reserved", "already a subscriber", "subscribers only",
    "you might also like", "you may also like", "you have reached your",
    "article(s) gratuit", "newsletter", "abonnez-vous",
    "subscribe to continue", "je m'abonne", NULL };

/* Short paragraphs starting with these are datelines ("Publié le 6
 * septembre 2024 à 14h15", "Updated March 13, 2024"): metadata. */
static const char *const dateline_prefix[] = { "publié le", "publiée le",
    "publié par", "mis à jour le", "mis à jour :", "modifié le",
    "actualisé le", "published ", "published:", "updated ", "updated:",
    "posted ", "posted:", "last updated", NULL };

/*
 * Lists of substrings (boiler_class, phrase_contains) searched for all at
 * once: a bitmap of their first two bytes picks the places worth a
 * comparison, then only the substrings starting with that byte are
 * compared, instead of one strstr() per substring over every class value
 * and every short paragraph.
 */
#define MAX_NEEDLES 64

struct needles {
	const char *const *list;	/* NULL-terminated, each >= 2 bytes */
	size_t len[MAX_NEEDLES];
	unsigned char head[256];	/* 1 + first needle starting with a
					 * byte; 0: none */
	unsigned char next[MAX_NEEDLES];	/* 1 + next one; 0: none */
	unsigned char pairs[65536 / 8];	/* first two bytes seen */
};

static struct needles class_needles = { boiler_class, { 0 }, { 0 }, { 0 },
    { 0 } };
static struct needles phrase_needles = { phrase_contains, { 0 }, { 0 },
    { 0 }, { 0 } };
static pthread_once_t needles_once = PTHREAD_ONCE_INIT;

static unsigned
pair(const char *p)
{
	return (unsigned)(unsigned char)p[0] << 8 | (unsigned char)p[1];
}

static void
index_needles(struct needles *set)
{
	size_t i = 0;

	/* from the end, so that each list keeps the order of set->list */
	while (i < MAX_NEEDLES && set->list[i] != NULL)
		i++;
	while (i-- > 0) {
		unsigned char first = (unsigned char)set->list[i][0];
		unsigned k = pair(set->list[i]);

		set->len[i] = strlen(set->list[i]);
		set->next[i] = set->head[first];
		set->head[first] = (unsigned char)(i + 1);
		set->pairs[k / 8] |= (unsigned char)(1u << (k % 8));
	}
}

static void
build_needles(void)
{
	index_needles(&class_needles);
	index_needles(&phrase_needles);
}

/* Does the NUL-terminated h hold one of the needles of set? */
static int
holds_needle(struct needles *set, const char *h)
{
	size_t i, j, n = strlen(h);
	unsigned k;

	pthread_once(&needles_once, build_needles);
	for (i = 0; i + 1 < n; i++) {
		k = pair(h + i);
		if (!(set->pairs[k / 8] & (1u << (k % 8))))
			continue;
		for (j = set->head[(unsigned char)h[i]]; j != 0;
		    j = set->next[j - 1])
			if (set->len[j - 1] <= n - i &&
			    memcmp(h + i, set->list[j - 1], set->len[j - 1]) == 0)
				return 1;
	}
	return 0;
}

/* What an element name is, from one look-up (its lists above). */
enum {
	TAG_SKIPPED = 1 << 0,		/* skipped_always */
	TAG_BOILERPLATE = 1 << 1,	/* skipped_boilerplate */
	TAG_BLOCK = 1 << 2,		/* blocks */
	TAG_LINK = 1 << 3,		/* a */
	TAG_HEADING = 1 << 4,		/* h1 .. h6 */
	TAG_H1 = 1 << 5,
	TAG_BR = 1 << 6,
	TAG_HEADER = 1 << 7,
	TAG_CONTAINER = 1 << 8		/* article, main */
};

static ctk_article_wordset tags;
static pthread_once_t tags_once = PTHREAD_ONCE_INIT;

static void
add_tags(const char *const *list, unsigned flag)
{
	for (; *list != NULL; list++)
		ctk_article_wordset_add(&tags, *list, flag);
}

static void
build_tags(void)
{
	static const char *const headings[] = { "h1", "h2", "h3", "h4", "h5",
	    "h6", NULL };

	add_tags(skipped_always, TAG_SKIPPED);
	add_tags(skipped_boilerplate, TAG_BOILERPLATE);
	add_tags(blocks, TAG_BLOCK);
	add_tags(headings, TAG_HEADING);
	ctk_article_wordset_add(&tags, "a", TAG_LINK);
	ctk_article_wordset_add(&tags, "h1", TAG_H1);
	ctk_article_wordset_add(&tags, "br", TAG_BR);
	ctk_article_wordset_add(&tags, "header", TAG_HEADER);
	ctk_article_wordset_add(&tags, "article", TAG_CONTAINER);
	ctk_article_wordset_add(&tags, "main", TAG_CONTAINER);
}

/* The TAG_ flags of element n: an element is entered and left, and
 * comparing its name with five lists each time cost more than the rest
 * of the walk. */
static unsigned
tag_flags(xmlNodePtr n)
{
	const char *name = n->name != NULL ? (const char *)n->name : "";

	pthread_once(&tags_once, build_tags);
	return ctk_article_wordset_get(&tags, name, strlen(name));
}

static int
in_list(const char *name, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(name, *list) == 0)
			return 1;
	return 0;
}

/* The text of attribute a: "" when it has none. */
static const char *
attr_text(xmlAttrPtr a)
{
	if (a->children != NULL && a->children->type == XML_TEXT_NODE &&
	    a->children->content != NULL)
		return (const char *)a->children->content;
	return "";
}

const char *
ctk_article_attr(xmlNodePtr n, const char *name)
{
	const char *value;

	ctk_article_attrs(n, &name, &value, 1);
	return value;
}

void
ctk_article_attrs(xmlNodePtr n, const char *const *names,
    const char **values, size_t n_names)
{
	xmlAttrPtr a;
	size_t i;

	for (i = 0; i < n_names; i++)
		values[i] = NULL;
	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return;
	for (a = n->properties; a != NULL; a = a->next) {
		if (a->name == NULL)
			continue;
		for (i = 0; i < n_names; i++)
			if (strcasecmp((const char *)a->name, names[i]) == 0)
				break;
		if (i < n_names && values[i] == NULL)
			values[i] = attr_text(a);
	}
}

/* Is one of the whole words (split at non-alphanumerics) of v in list? */
static int
has_token(const char *v, const char *const *list)
{
	char word[32];
	size_t k;

	while (*v != '\0') {
		for (k = 0; *v != '\0' && ((*v >= 'a' && *v <= 'z') ||
		    (*v >= '0' && *v <= '9')); v++)
			if (k + 1 < sizeof word)
				word[k++] = *v;
		word[k] = '\0';
		if (k > 0 && in_list(word, list))
			return 1;
		if (*v != '\0')
			v++;
	}
	return 0;
}

static int
boiler_name(const char *value)
{
	char low[512];
	size_t i;

	if (value == NULL || *value == '\0')
		return 0;
	for (i = 0; value[i] != '\0' && i + 1 < sizeof low; i++)
		low[i] = (value[i] >= 'A' && value[i] <= 'Z') ?
		    (char)(value[i] - 'A' + 'a') : value[i];
	low[i] = '\0';
	if (holds_needle(&class_needles, low))
		return 1;
	return has_token(low, boiler_token);
}

/* The attributes skip() reads, each the first of its name (any case),
 * as ctk_article_attr() gives it, found in one pass over the list. */
struct skip_attrs {
	const char *hidden, *style, *role, *class_value, *id;
};

static void
read_skip_attrs(xmlNodePtr n, struct skip_attrs *sa)
{
	static const char *const names[] = {
		"hidden", "style", "role", "class", "id"
	};
	const char *v[5];

	ctk_article_attrs(n, names, v, 5);
	sa->hidden = v[0];
	sa->style = v[1];
	sa->role = v[2];
	sa->class_value = v[3];
	sa->id = v[4];
}

static int
hidden(const struct skip_attrs *sa)
{
	const char *style = sa->style;
	char squeezed[128];
	size_t k = 0;

	if (sa->hidden != NULL)
		return 1;
	if (style == NULL)
		return 0;
	for (; *style != '\0' && k + 1 < sizeof squeezed; style++)
		if (*style != ' ')
			squeezed[k++] = *style;
	squeezed[k] = '\0';
	return strstr(squeezed, "display:none") != NULL ||
	    strstr(squeezed, "visibility:hidden") != NULL;
}

/* Should the subtree of element n (whose TAG_ flags are given) be left
 * out? */
static int
skip(const struct seg *s, xmlNodePtr n, unsigned flags)
{
	struct skip_attrs sa;

	read_skip_attrs(n, &sa);
	if ((flags & TAG_SKIPPED) || hidden(&sa))
		return 1;
	if (s->raw || n == s->root)
		return 0;
	/* the h1 is the title, which has its own column */
	if (flags & (TAG_BOILERPLATE | TAG_H1))
		return 1;
	/* A page header is boilerplate; an article's own header holds its
	 * lead paragraph, left to the classifier. */
	if ((flags & TAG_HEADER) &&
	    s->container_kind != CTK_ARTICLE_ROOT_ARTICLE)
		return 1;
	if (sa.role != NULL && in_list(sa.role, boiler_role))
		return 1;
	if (flags & TAG_CONTAINER)
		return 0;
	return boiler_name(sa.class_value) || boiler_name(sa.id);
}

static void
flush(struct seg *s)
{
	struct para *p = &s->cur, *grown;

	s->space = 0;
	while (s->text.len > p->off && s->text.data[s->text.len - 1] == '\n')
		s->text.len--;
	p->len = s->text.len - p->off;
	if (p->len == 0 || p->chars == 0) {
		s->text.len = p->off;
		goto reset;
	}
	if (s->n_paras == s->cap_paras) {
		size_t cap = s->cap_paras ? 2 * s->cap_paras : 64;

		grown = realloc(s->paras, cap * sizeof *grown);
		if (grown == NULL) {
			s->oom = 1;
			goto reset;
		}
		s->paras = grown;
		s->cap_paras = cap;
	}
	s->paras[s->n_paras++] = *p;
reset:
	if (s->text.data != NULL)
		s->text.data[s->text.len] = '\0';
	memset(p, 0, sizeof *p);
	p->off = s->text.len;
}

/* The blanks add_text() squeezes: space, tab, LF, CR, FF. */
static int
blank(unsigned char c)
{
	return c <= ' ' && ((1ULL << c) & (1ULL << ' ' | 1ULL << '\t' |
	    1ULL << '\n' | 1ULL << '\r' | 1ULL << '\f')) != 0;
}

/* Appends text with whitespace squeezed, counting characters. Room is
 * made once per text node: this runs for every byte of every page. */
static void
add_text(struct seg *s, const char *t)
{
	size_t n = strlen(t), len, chars = 0, start;
	int space = s->space;
	unsigned char c;
	char *out;

	/* at most one space from earlier nodes, then never more than n */
	if (ctk_buf_grow(&s->text, n + 1) < 0) {
		s->oom = 1;
		return;
	}
	/* locals, not fields of s: a store through out (a char *) would
	 * make the compiler read them again for every byte */
	out = s->text.data;
	len = s->text.len;
	start = s->cur.off;
	while ((c = (unsigned char)*t) != '\0') {
		if (blank(c)) {
			space = 1;
			t++;
			continue;
		}
		if (space && len > start && out[len - 1] != '\n') {
			out[len++] = ' ';
			chars++;
		}
		space = 0;
		/* a run of other bytes, copied and counted in a tight loop */
		do {
			out[len++] = (char)c;
			chars += (c & 0xC0) != 0x80;
			c = (unsigned char)*++t;
		} while (c != '\0' && !blank(c));
	}
	out[len] = '\0';
	s->space = space;
	s->text.len = len;
	s->cur.chars += chars;
	if (s->link_depth > 0)
		s->cur.link_chars += chars;
	if (s->heading_depth > 0 && s->cur.chars > 0)
		s->cur.heading = 1;
}

/* Entering node n: 1 when its children are to be visited (and leave()
 * called after them), 0 when it is skipped. */
static int
enter(struct seg *s, xmlNodePtr n)
{
	unsigned flags;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content != NULL)
			add_text(s, (const char *)n->content);
		return 0;
	}
	if (n->type != XML_ELEMENT_NODE)
		return 0;
	flags = tag_flags(n);
	if (skip(s, n, flags))
		return 0;
	if (flags & TAG_BR) {
		s->space = 0;
		if (s->text.len > s->cur.off &&
		    ctk_buf_append_char(&s->text, '\n') < 0)
			s->oom = 1;
		return 0;
	}
	if (flags & TAG_BLOCK)
		flush(s);
	if (flags & TAG_LINK)
		s->link_depth++;
	if (flags & TAG_HEADING)
		s->heading_depth++;
	return 1;
}

static void
leave(struct seg *s, xmlNodePtr n)
{
	unsigned flags = tag_flags(n);

	if (flags & TAG_BLOCK)
		flush(s);
	if (flags & TAG_LINK)
		s->link_depth--;
	if (flags & TAG_HEADING)
		s->heading_depth--;
}

/* Visits the tree below root without recursion. */
static void
segment(struct seg *s)
{
	xmlNodePtr n = s->root->children;

	while (n != NULL && !s->oom) {
		int entered = enter(s, n);

		if (entered && n->children != NULL) {
			n = n->children;
			continue;
		}
		if (entered)
			leave(s, n);
		while (n->next == NULL) {
			n = n->parent;
			if (n == NULL || n == s->root)
				goto done;
			leave(s, n);
		}
		n = n->next;
	}
done:
	flush(s);
}

int
ctk_article_node_text(xmlNodePtr n, ctk_buf *out)
{
	struct seg s;
	int rc = 0;

	memset(&s, 0, sizeof s);
	ctk_buf_init(&s.text);
	s.raw = 1;
	s.root = n;
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
		add_text(&s, n->content ? (const char *)n->content : "");
	else
		segment(&s);
	flush(&s);
	for (size_t i = 0; i < s.n_paras && rc == 0; i++) {
		if (i > 0)
			rc = ctk_buf_append_char(out, ' ');
		if (rc == 0)
			rc = ctk_buf_append(out, s.text.data + s.paras[i].off,
			    s.paras[i].len);
	}
	if (s.oom)
		rc = -1;
	free(s.paras);
	ctk_buf_release(&s.text);
	return rc < 0 ? CTK_ENOMEM : 0;
}

/* isalnum() and tolower() of the C locale (ctk never sets another),
 * without a call per byte. */
static int
ascii_alnum(unsigned char c)
{
	return (unsigned)((c | 0x20) - 'a') < 26 || (unsigned)(c - '0') < 10;
}

static char
ascii_lower(unsigned char c)
{
	return (char)((unsigned)(c - 'A') < 26 ? c + ('a' - 'A') : c);
}

/* Counts the words of a paragraph and its French and English stopwords. */
static void
count_words(const char *s, size_t n, size_t *words, size_t stop[2])
{
	char word[64];
	size_t i = 0, k = 0, len;
	uint32_t cp;
	int inword = 0;

	*words = stop[0] = stop[1] = 0;
	while (i <= n) {
		/* ASCII, most of the text, without ICU */
		if (i < n && (unsigned char)s[i] < 0x80) {
			unsigned char c = (unsigned char)s[i];

			if (ascii_alnum(c)) {
				if (k + 1 < sizeof word)
					word[k++] = ascii_lower(c);
				inword = 1;
				i++;
				continue;
			}
			cp = c;
			len = 1;
		} else
			len = i < n ? ctk_utf8_decode(s + i, n - i, &cp) : 1;
		if (len == 0)
			len = 1;
		if (i < n && u_isalnum((UChar32)cp)) {
			char enc[4];
			size_t m = ctk_utf8_encode((uint32_t)u_tolower(
			    (UChar32)cp), enc);

			if (k + m < sizeof word) {
				memcpy(word + k, enc, m);
				k += m;
			}
			inword = 1;
		} else if (inword) {
			int langs = ctk_article_stopword_langs(word, k);

			(*words)++;
			stop[CTK_ARTICLE_LANG_FR] +=
			    (langs & CTK_ARTICLE_STOP_FR) != 0;
			stop[CTK_ARTICLE_LANG_EN] +=
			    (langs & CTK_ARTICLE_STOP_EN) != 0;
			k = 0;
			inword = 0;
		}
		i += len;
	}
}

int
ctk_article_lower(const char *s, size_t n, ctk_buf *out)
{
	size_t i = 0, len, m;
	uint32_t cp;
	char enc[4];

	while (i < n) {
		/* a run of ASCII in one go: most of the text */
		for (len = i; len < n && (unsigned char)s[len] < 0x80; len++)
			;
		if (len > i) {
			if (ctk_buf_grow(out, len - i) < 0)
				return -1;
			for (; i < len; i++)
				out->data[out->len++] =
				    ascii_lower((unsigned char)s[i]);
			out->data[out->len] = '\0';
			continue;
		}
		len = ctk_utf8_decode(s + i, n - i, &cp);
		if (len == 0)
			len = 1;
		m = ctk_utf8_encode((uint32_t)u_tolower((UChar32)cp), enc);
		if (ctk_buf_append(out, enc, m) < 0)
			return -1;
		i += len;
	}
	return 0;
}

/* low: a buffer for the lower-case text, reused from one paragraph to
 * the next. */
static int
boilerplate_phrase(const char *s, size_t n, size_t chars, ctk_buf *low)
{
	const char *l;
	int found = 0;
	size_t i;

	/* a long paragraph is only matched by its start */
	if (chars > PHRASE_MAX_CHARS && n > 64)
		n = 64;
	ctk_buf_reset(low);
	if (ctk_article_lower(s, n, low) < 0)
		return 0;
	l = ctk_buf_str(low);
	for (i = 0; phrase_prefix[i] != NULL && !found; i++)
		found = strncmp(l, phrase_prefix[i],
		    strlen(phrase_prefix[i])) == 0;
	if (!found && chars <= PHRASE_MAX_CHARS)
		found = holds_needle(&phrase_needles, l);
	for (i = 0; dateline_prefix[i] != NULL && !found &&
	    chars <= PHRASE_MAX_CHARS; i++)
		found = strncmp(l, dateline_prefix[i],
		    strlen(dateline_prefix[i])) == 0;
	if (!found && chars <= 3 * LENGTH_LOW)
		found = strstr(l, "©") != NULL || strstr(l, "(c) ") == l;
	return found;
}

/* The words and stopwords of paragraph p, counted on first use: the
 * choice of the language may need them all, the classification only
 * those that its other tests leave undecided. */
static const struct para *
count(struct seg *s, struct para *p)
{
	if (!p->counted) {
		count_words(s->text.data + p->off, p->len, &p->words, p->stop);
		p->counted = 1;
	}
	return p;
}

/* The class of p from its statistics alone (jusText). */
static enum cls
classify_stats(struct seg *s, struct para *p, int lang)
{
	double link_density, stop_density;

	link_density = (double)p->link_chars / (double)p->chars;
	if (link_density > MAX_LINK_DENSITY)
		return BAD;
	if (p->chars < LENGTH_LOW)
		return p->link_chars > 0 ? BAD : SHORT;
	count(s, p);
	stop_density = p->words ? (double)p->stop[lang] / (double)p->words :
	    0;
	if (stop_density >= STOPWORDS_HIGH)
		return p->chars > LENGTH_HIGH ? GOOD : NEARGOOD;
	if (stop_density >= STOPWORDS_LOW)
		return NEARGOOD;
	return BAD;
}

static void
classify(struct seg *s, int lang)
{
	ctk_buf low = CTK_BUF_INIT;
	struct para *p;

	for (size_t i = 0; i < s->n_paras; i++) {
		p = &s->paras[i];
		p->cls = classify_stats(s, p, lang);
		/* a boilerplate phrase makes it bad: no need to look for
		 * one in what is bad already */
		if (p->cls != BAD && boilerplate_phrase(s->text.data + p->off,
		    p->len, p->chars, &low))
			p->cls = BAD;
		p->first_cls = p->cls;
	}
	ctk_buf_release(&low);
}

/* The class of the nearest good or bad (or near-good) neighbour; the
 * edges of the page count as bad. */
static enum cls
neighbour(const struct seg *s, size_t i, int step, int ignore_neargood)
{
	size_t j = i;

	for (;;) {
		if ((step < 0 && j == 0) || (step > 0 && j + 1 >= s->n_paras))
			return BAD;
		j += (size_t)step;
		if (s->paras[j].cls == GOOD || s->paras[j].cls == BAD)
			return s->paras[j].cls;
		if (!ignore_neargood && s->paras[j].cls == NEARGOOD)
			return NEARGOOD;
	}
}

/* Does good text follow heading i within MAX_HEADING_DISTANCE? */
static int
good_follows(const struct seg *s, size_t i)
{
	size_t j, distance = 0;

	for (j = i + 1; j < s->n_paras && distance <= MAX_HEADING_DISTANCE;
	    j++) {
		if (s->paras[j].cls == GOOD)
			return 1;
		distance += s->paras[j].chars;
	}
	return 0;
}

static enum cls
revise_short(const struct seg *s, size_t i)
{
	enum cls prev = neighbour(s, i, -1, 1), next = neighbour(s, i, 1, 1);

	if (prev == GOOD && next == GOOD)
		return GOOD;
	if (prev == BAD && next == BAD)
		return BAD;
	if ((prev == BAD && neighbour(s, i, -1, 0) == NEARGOOD) ||
	    (next == BAD && neighbour(s, i, 1, 0) == NEARGOOD))
		return GOOD;
	return BAD;
}

static int
revise(struct seg *s)
{
	enum cls *next;
	size_t i, n = s->n_paras;

	for (i = 0; i < n; i++)
		if (s->paras[i].heading && s->paras[i].cls == SHORT &&
		    good_follows(s, i))
			s->paras[i].cls = NEARGOOD;
	if (n == 0)
		return 0;
	if ((next = malloc(n * sizeof *next)) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		next[i] = s->paras[i].cls == SHORT ? revise_short(s, i) :
		    s->paras[i].cls;
	for (i = 0; i < n; i++)
		s->paras[i].cls = next[i];
	for (i = 0; i < n; i++) {
		if (s->paras[i].cls != NEARGOOD)
			continue;
		next[i] = neighbour(s, i, -1, 1) == BAD &&
		    neighbour(s, i, 1, 1) == BAD ? BAD : GOOD;
	}
	for (i = 0; i < n; i++)
		s->paras[i].cls = next[i];
	free(next);
	for (i = 0; i < n; i++)
		if (s->paras[i].heading && s->paras[i].cls == BAD &&
		    s->paras[i].first_cls != BAD && good_follows(s, i))
			s->paras[i].cls = GOOD;
	return 0;
}

/* A short article of a few near-good paragraphs between boilerplate
 * comes out empty from the context rules (its edges count as bad): then
 * keep the paragraphs that looked like text on their own. */
static void
rescue_short_article(struct seg *s)
{
	size_t i;

	for (i = 0; i < s->n_paras; i++)
		if (s->paras[i].cls == GOOD)
			return;
	for (i = 0; i < s->n_paras; i++)
		if (s->paras[i].first_cls == NEARGOOD)
			s->paras[i].cls = GOOD;
}

/* The stopword list to use: the declared language, else the one with
 * more hits over the whole page. */
static int
choose_lang(struct seg *s, const char *lang)
{
	size_t i, total[2] = { 0, 0 };

	if (lang != NULL && strncasecmp(lang, "fr", 2) == 0)
		return CTK_ARTICLE_LANG_FR;
	if (lang != NULL && strncasecmp(lang, "en", 2) == 0)
		return CTK_ARTICLE_LANG_EN;
	for (i = 0; i < s->n_paras; i++) {
		const struct para *p = count(s, &s->paras[i]);

		total[0] += p->stop[0];
		total[1] += p->stop[1];
	}
	return total[0] >= total[1] ? CTK_ARTICLE_LANG_FR :
	    CTK_ARTICLE_LANG_EN;
}

int
ctk_article_extract_tree(xmlNodePtr root, int container_kind, int raw,
    const char *lang, const char *title, ctk_buf *out)
{
	struct seg s;
	size_t i, n_out = 0, title_len = title ? strlen(title) : 0;
	int rc = 0;

	memset(&s, 0, sizeof s);
	ctk_buf_init(&s.text);
	s.raw = raw;
	s.root = root;
	s.container_kind = container_kind;
	if (root != NULL)
		segment(&s);
	if (!raw && !s.oom) {
		classify(&s, choose_lang(&s, lang));
		if (revise(&s) < 0)
			s.oom = 1;
		rescue_short_article(&s);
	}
	for (i = 0; i < s.n_paras && !s.oom && rc == 0; i++) {
		struct para *p = &s.paras[i];

		if (!raw && p->cls != GOOD)
			continue;
		if (!raw && p->heading && title_len == p->len &&
		    memcmp(title, s.text.data + p->off, p->len) == 0)
			continue;
		if (n_out++ > 0 || out->len > 0)
			rc = ctk_buf_append(out, "\n\n", 2);
		if (rc == 0)
			rc = ctk_buf_append(out, s.text.data + p->off, p->len);
	}
	if (s.oom)
		rc = -1;
	free(s.paras);
	ctk_buf_release(&s.text);
	return rc < 0 ? CTK_ENOMEM : 0;
}

/*
 * tghtml: reader of Telegram Desktop HTML exports (messages.html,
 * messages2.html, ...), the lossy fallback when no JSON export exists. See
 * shared/formats/telegram-export.md section 2.
 *
 * A page holds at most 1000 messages, so it is parsed whole with libxml2's
 * HTML parser (network and external entities off) and its div.message
 * elements are walked in order. What the page lacks is rebuilt:
 * - "joined" messages have no sender: the last sender is carried forward;
 * - there is no chat id: the chat name is the key of message ids unless
 *   --chat-id gives the one of the JSON export;
 * - dates are wall-clock times in the title of div.date with the zone's
 *   STANDARD offset ("UTC+01:00" even in summer) or none (before
 *   2022-06): --tz ZONE, when given, wins and is applied with its summer
 *   time rules; else the written offset is used; else UTC.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "ingest.h"
#include "utf8.h"

struct hp {
	ctk_ingest *ix;
	const char *file;
	ctk_doc doc;
	ctk_buf chat, key, sender, fwd_sender, tmp, scratch;
	int stop;
};

/* ---- small DOM helpers ---- */

/* The value of attribute name of n, borrowed, or NULL. */
static const char *
attr(const xmlNode *n, const char *name)
{
	const xmlAttr *a;

	for (a = n->properties; a != NULL; a = a->next)
		if (strcmp((const char *)a->name, name) == 0)
			return a->children != NULL &&
			    a->children->content != NULL ?
			    (const char *)a->children->content : "";
	return NULL;
}

static int
has_class(const xmlNode *n, const char *cls)
{
	const char *c = attr(n, "class"), *p;
	size_t k = strlen(cls);

	if (c == NULL)
		return 0;
	for (p = c; (p = strstr(p, cls)) != NULL; p += k)
		if ((p == c || p[-1] == ' ') && (p[k] == '\0' || p[k] == ' '))
			return 1;
	return 0;
}

static int
is_elem(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

/* First element child of n with class cls (any depth when deep). */
static xmlNode *
find(xmlNode *n, const char *cls, int deep)
{
	xmlNode *c, *r;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (has_class(c, cls))
			return c;
		if (deep && (r = find(c, cls, 1)) != NULL)
			return r;
	}
	return NULL;
}

static void
trim_into(ctk_buf *out, const char *s, size_t n)
{
	while (n > 0 && strchr(" \t\r\n", s[0]) != NULL) {
		s++;
		n--;
	}
	while (n > 0 && strchr(" \t\r\n", s[n - 1]) != NULL)
		n--;
	ctk_buf_append(out, s, n);
}

/* The text directly inside n (not in child elements), trimmed. */
static void
own_text(xmlNode *n, ctk_buf *out, ctk_buf *tmp)
{
	xmlNode *c;

	ctk_buf_reset(tmp);
	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_TEXT_NODE && c->content != NULL)
			ctk_buf_append_str(tmp, (const char *)c->content);
	trim_into(out, tmp->data != NULL ? tmp->data : "", tmp->len);
}

/* ---- message text ---- */

static void
flatten(struct hp *p, xmlNode *n, ctk_buf *out);

static void
link_entity(struct hp *p, xmlNode *a, ctk_buf *out)
{
	const char *href = attr(a, "href"), *onclick = attr(a, "onclick");
	size_t start = out->len;
	const char *text;

	flatten(p, a, out);
	text = out->data != NULL ? out->data + start : "";
	if (onclick != NULL && strstr(onclick, "ShowHashtag") != NULL)
		ctk_doc_add_word(&p->doc, CTK_DOC_HASHTAGS, text,
		    out->len - start);
	else if (onclick != NULL && strstr(onclick, "ShowMentionName") != NULL)
		ctk_doc_add_word(&p->doc, CTK_DOC_MENTIONS, text,
		    out->len - start);
	else if (text[0] == '@' && href != NULL &&
	    strncmp(href, "https://t.me/", 13) == 0)
		ctk_doc_add_word(&p->doc, CTK_DOC_MENTIONS, text,
		    out->len - start);
	else if (href != NULL && (strncmp(href, "http://", 7) == 0 ||
	    strncmp(href, "https://", 8) == 0))
		ctk_doc_add_word(&p->doc, CTK_DOC_LINKS, href, strlen(href));
}

static void
flatten(struct hp *p, xmlNode *n, ctk_buf *out)
{
	xmlNode *c;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE && c->content != NULL)
			ctk_buf_append_str(out, (const char *)c->content);
		else if (is_elem(c, "br"))
			ctk_buf_append_char(out, '\n');
		else if (is_elem(c, "a"))
			link_entity(p, c, out);
		else if (c->type == XML_ELEMENT_NODE && !is_elem(c, "img"))
			flatten(p, c, out);
	}
}

static void
message_text(struct hp *p, xmlNode *text)
{
	ctk_buf *t = &p->tmp;

	ctk_buf_reset(t);
	flatten(p, text, t);
	trim_into(&p->doc.col[CTK_DOC_TEXT], t->data != NULL ? t->data : "",
	    t->len);
}

/* ---- dates ---- */

/* "DD.MM.YYYY HH:MM:SS[ UTC+hh:mm]" → Unix seconds (see the top). */
static int
parse_title_date(struct hp *p, const char *s, int64_t *t)
{
	int d, mo, y, h, mi, sec, oh, om, n = 0;
	char sign;
	const ctk_ingest_opts *o = p->ix->opts;

	if (sscanf(s, "%2d.%2d.%4d %2d:%2d:%2d%n", &d, &mo, &y, &h, &mi, &sec,
	    &n) != 6 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
	    mi > 59 || sec > 60)
		return -1;
	s += n;
	if (o->tz_given && o->tz != NULL) {
		*t = ctk_tz_to_utc(o->tz, y, mo, d, h, mi, sec);
		return 0;
	}
	*t = ctk_doc_utc_seconds(y, mo, d, h, mi, sec);
	if (sscanf(s, " UTC%c%2d:%2d", &sign, &oh, &om) == 3 &&
	    (sign == '+' || sign == '-')) {
		*t -= (sign == '-' ? -1 : 1) * (oh * 3600 + om * 60);
		return 0;
	}
	while (*s == ' ')
		s++;
	if (*s != '\0')
		return -1;
	if (o->tz != NULL)
		*t = ctk_tz_to_utc(o->tz, y, mo, d, h, mi, sec);
	return 0;
}

/* ---- messages ---- */

static int
report(struct hp *p, enum ctk_diag_level level, long line, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));

static int
report(struct hp *p, enum ctk_diag_level level, long line, const char *fmt,
    ...)
{
	char msg[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (ctk_ingest_report(p->ix, level, p->file, line, 0, "%s", msg))
		p->stop = 1;
	return p->stop;
}

static const char *
key(struct hp *p)
{
	if (p->key.len == 0) {
		if (p->ix->opts->chat_key != NULL)
			ctk_buf_append_str(&p->key, p->ix->opts->chat_key);
		else
			ctk_buf_append(&p->key, p->chat.data, p->chat.len);
	}
	return ctk_buf_str(&p->key);
}

static void
set_reply(struct hp *p, xmlNode *body)
{
	xmlNode *r = find(body, "reply_to", 0), *a;
	const char *href, *q;

	if (r == NULL)
		return;
	for (a = r->children; a != NULL && !is_elem(a, "a"); a = a->next)
		;
	if (a == NULL || (href = attr(a, "href")) == NULL ||
	    (q = strstr(href, "go_to_message")) == NULL)
		return;
	ctk_buf_printf(&p->doc.col[CTK_DOC_REPLY_TO], "%s:%ld", key(p),
	    strtol(q + 13, NULL, 10));
}

static const char *const media_classes[][2] = {
	{ "photo_wrap", "photo" }, { "video_file_wrap", "video_file" },
	{ "animated_wrap", "animation" }, { "sticker_wrap", "sticker" },
	{ "media_photo", "photo" }, { "media_video", "video_file" },
	{ "media_voice_message", "voice_message" },
	{ "media_audio_file", "audio_file" }, { "media_file", "file" },
	{ "media_contact", "contact" }, { "media_location", "location" },
	{ "media_live_location", "location" }, { "media_venue", "location" },
	{ "media_game", "game" }, { "media_invoice", "invoice" },
	{ "media_call", "call" }, { "media_poll", "poll" },
	{ "media_giveaway", "giveaway" },
};

/* The exporter's notes for a file it left out (NoFileDescription). */
static int
not_downloaded(struct hp *p, xmlNode *media)
{
	static const char *const classes[] = { "description", "status" };
	size_t i;

	for (i = 0; i < 2; i++) {
		xmlNode *n = find(media, classes[i], 1);
		const char *t;

		if (n == NULL)
			continue;
		ctk_buf_reset(&p->tmp);
		own_text(n, &p->tmp, &p->scratch);
		t = ctk_buf_str(&p->tmp);
		if (strstr(t, "Not included") != NULL ||
		    strstr(t, "Exceeds maximum size") != NULL ||
		    strstr(t, "Unavailable, please try") != NULL)
			return 1;
	}
	return 0;
}

/* media column: "KIND", "KIND:path", "KIND:not-downloaded" or, for a
 * poll, "poll:question" (as from the JSON export). */
static void
set_media(struct hp *p, xmlNode *wrap)
{
	xmlNode *c, *q;
	ctk_buf *m = &p->doc.col[CTK_DOC_MEDIA];
	const char *href;
	size_t i, n = sizeof media_classes / sizeof media_classes[0];

	for (c = wrap->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		for (i = 0; i < n && !has_class(c, media_classes[i][0]); i++)
			;
		if (i == n)
			continue;
		ctk_buf_append_str(m, media_classes[i][1]);
		href = attr(c, "href");
		if ((q = find(c, "question", 0)) != NULL) {
			ctk_buf_append_char(m, ':');
			own_text(q, m, &p->scratch);
		} else if (not_downloaded(p, c)) {
			ctk_buf_append_str(m, ":not-downloaded");
		} else if (href != NULL && href[0] != '\0' && href[0] != '#' &&
		    strstr(href, "://") == NULL) {
			ctk_buf_printf(m, ":%s", href);
		}
		return;
	}
}


static int
emit(struct hp *p, long id, long line)
{
	ctk_doc *d = &p->doc;

	ctk_buf_printf(&d->col[CTK_DOC_ID], "%s:%ld", key(p), id);
	ctk_doc_set_str(d, CTK_DOC_SOURCE, p->file);
	ctk_doc_set(d, CTK_DOC_CHANNEL, p->chat.data, p->chat.len);
	d->line = line;
	if (ctk_ingest_emit(p->ix, d) != 0)
		p->stop = 1;
	return p->stop;
}

/* div.message.service: exporter prose, no time of day in the page. */
static int
service_message(struct hp *p, xmlNode *m, long id)
{
	xmlNode *body = find(m, "body", 0);

	ctk_doc_reset(&p->doc);
	ctk_doc_set_str(&p->doc, CTK_DOC_KIND, "service");
	if (body != NULL)
		message_text(p, body);
	return emit(p, id, xmlGetLineNo(m));
}

/* The part of a message that may sit inside div.forwarded.body. */
static void
content(struct hp *p, xmlNode *box)
{
	xmlNode *n;

	if ((n = find(box, "media_wrap", 0)) != NULL)
		set_media(p, n);
	if ((n = find(box, "text", 0)) != NULL)
		message_text(p, n);
	if ((n = find(box, "signature", 0)) != NULL) {
		ctk_buf_reset(&p->doc.col[CTK_DOC_AUTHOR]);
		own_text(n, &p->doc.col[CTK_DOC_AUTHOR], &p->scratch);
	}
}

/* The name in a div.from_name, without the " via @bot" the exporter adds
 * (the JSON export has the bot apart, in via_bot). */
static void
sender_name(struct hp *p, xmlNode *from, ctk_buf *out)
{
	char *via;

	ctk_buf_reset(out);
	own_text(from, out, &p->scratch);
	if (out->len == 0 || (via = strstr(out->data, " via @")) == NULL ||
	    strchr(via + 6, ' ') != NULL)
		return;
	out->len = (size_t)(via - out->data);
	out->data[out->len] = '\0';
}

static int
default_message(struct hp *p, xmlNode *m, long id)
{
	xmlNode *body = find(m, "body", 0), *n, *fwd;
	const char *title;
	long line = xmlGetLineNo(m);
	int64_t t;

	ctk_doc_reset(&p->doc);
	if (body == NULL)
		return report(p, CTK_DIAG_ERROR, line, "message %ld has no "
		    "body; message skipped", id);
	if ((n = find(body, "from_name", 0)) != NULL)
		sender_name(p, n, &p->sender);
	else if (!has_class(m, "joined"))
		ctk_buf_reset(&p->sender);
	n = find(body, "date", 0);
	title = n != NULL ? attr(n, "title") : NULL;
	if (title == NULL)
		return report(p, CTK_DIAG_ERROR, line, "message %ld without "
		    "date; message skipped", id);
	if (parse_title_date(p, title, &t) != 0)
		return report(p, CTK_DIAG_ERROR, line, "message %ld: bad date "
		    "'%.40s'; message skipped", id, title);
	ctk_doc_set_str(&p->doc, CTK_DOC_KIND, "message");
	ctk_doc_set_date(&p->doc, t);
	ctk_doc_set(&p->doc, CTK_DOC_AUTHOR, p->sender.data, p->sender.len);
	set_reply(p, body);
	for (fwd = body->children; fwd != NULL; fwd = fwd->next)
		if (has_class(fwd, "forwarded") && has_class(fwd, "body"))
			break;
	if (fwd != NULL) {
		/* consecutive forwards from one origin name it only once */
		if ((n = find(fwd, "from_name", 0)) != NULL)
			sender_name(p, n, &p->fwd_sender);
		ctk_doc_set(&p->doc, CTK_DOC_FWD_FROM, p->fwd_sender.data,
		    p->fwd_sender.len);
		content(p, fwd);
	}
	content(p, body);
	return emit(p, id, line);
}

static int
message(struct hp *p, xmlNode *m)
{
	const char *idattr = attr(m, "id");
	char *end;
	long id;

	if (idattr == NULL || strncmp(idattr, "message", 7) != 0)
		return report(p, CTK_DIAG_ERROR, xmlGetLineNo(m), "message "
		    "without id; message skipped");
	id = strtol(idattr + 7, &end, 10);
	if (*end != '\0' || end == idattr + 7)
		return report(p, CTK_DIAG_ERROR, xmlGetLineNo(m), "bad message "
		    "id '%.40s'; message skipped", idattr);
	if (id < 0)	/* day separators have negative ids */
		return 0;
	if (has_class(m, "service"))
		return service_message(p, m, id);
	return default_message(p, m, id);
}

/* ---- pages ---- */

static void
page_chat_name(struct hp *p, xmlNode *root)
{
	xmlNode *h = find(root, "page_header", 1), *t;

	if (h == NULL || (t = find(h, "text", 1)) == NULL)
		return;
	ctk_buf_reset(&p->chat);
	ctk_buf_reset(&p->key);
	own_text(t, &p->chat, &p->scratch);
}

static int
walk_page(struct hp *p, xmlDoc *doc)
{
	xmlNode *root = xmlDocGetRootElement(doc), *history, *m;

	if (root == NULL || (history = find(root, "history", 1)) == NULL)
		return report(p, CTK_DIAG_ERROR, 0, "no div.history: not a "
		    "Telegram HTML export page");
	page_chat_name(p, root);
	/* a new page always starts un-joined, but be lenient */
	for (m = history->children; m != NULL && !p->stop; m = m->next)
		if (m->type == XML_ELEMENT_NODE && has_class(m, "message"))
			message(p, m);
	return p->stop;
}

/* libxml2 would silently read a page with invalid UTF-8 as Latin-1 from
 * there on: report the first bad byte and replace each bad one by U+FFFD
 * so that the rest of the page is still read as UTF-8. */
static int
repair_utf8(struct hp *p, ctk_buf *page)
{
	ctk_buf fixed = CTK_BUF_INIT;
	size_t bad, i = 0, k, line = 1, col = 1;
	uint32_t cp;

	if (page->len == 0 || ctk_utf8_valid(page->data, page->len, &bad))
		return 0;
	for (k = 0; k < bad; k++, col++)
		if (page->data[k] == '\n') {
			line++;
			col = 0;
		}
	if (ctk_ingest_report(p->ix, CTK_DIAG_ERROR, p->file, (long)line,
	    (long)col, "invalid UTF-8, replaced by U+FFFD"))
		p->stop = 1;
	while (i < page->len) {
		k = ctk_utf8_decode(page->data + i, page->len - i, &cp);
		if (k == 0) {
			if (ctk_buf_append(&fixed, "\xef\xbf\xbd", 3) != 0)
				goto nomem;
			i++;
		} else {
			if (ctk_buf_append(&fixed, page->data + i, k) != 0)
				goto nomem;
			i += k;
		}
	}
	ctk_buf_release(page);
	*page = fixed;
	return 0;
nomem:
	ctk_buf_release(&fixed);
	return -1;
}

/* The largest page held: --max-doc-size, and what libxml2 can take. */
static size_t
page_limit(const struct hp *p)
{
	size_t max = p->ix->opts->max_doc_size;

	return max > 0 && max < INT_MAX / 2 ? max : INT_MAX / 2;
}

static int
read_page(struct hp *p, ctk_input *in)
{
	ctk_buf all = CTK_BUF_INIT;
	char chunk[65536];
	ctk_error err;
	xmlDoc *doc;
	long n;
	int rc;

	p->file = ctk_input_name(in);
	while ((n = ctk_input_read(in, chunk, sizeof chunk, &err)) > 0) {
		/* libxml2 takes an int length; past the limit the rest of the
		 * page is read through, not held */
		if (all.len + (size_t)n > page_limit(p)) {
			while ((n = ctk_input_read(in, chunk, sizeof chunk,
			    &err)) > 0)
				;
			ctk_buf_release(&all);
			return n < 0 ? report(p, CTK_DIAG_ERROR, 0, "%s",
			    err.msg) : report(p, CTK_DIAG_ERROR, 0, "page "
			    "larger than the limit of %zu bytes "
			    "(--max-doc-size); skipped", page_limit(p));
		}
		if (ctk_buf_append(&all, chunk, (size_t)n) != 0)
			break;
	}
	if (n != 0) {
		ctk_buf_release(&all);
		return report(p, CTK_DIAG_ERROR, 0, "%s", n < 0 ? err.msg :
		    "out of memory");
	}
	if (repair_utf8(p, &all) != 0) {
		ctk_buf_release(&all);
		return report(p, CTK_DIAG_FATAL, 0, "out of memory");
	}
	doc = htmlReadMemory(all.data != NULL ? all.data : "", (int)all.len,
	    p->file, "UTF-8", HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER);
	ctk_buf_release(&all);
	if (doc == NULL)
		return report(p, CTK_DIAG_ERROR, 0, "cannot parse the HTML");
	rc = walk_page(p, doc);
	xmlFreeDoc(doc);
	return rc;
}

static void
hp_init(struct hp *p, ctk_ingest *ix)
{
	memset(p, 0, sizeof *p);
	p->ix = ix;
	ctk_doc_init(&p->doc);
}

static void
hp_release(struct hp *p)
{
	ctk_doc_release(&p->doc);
	ctk_buf_release(&p->chat);
	ctk_buf_release(&p->key);
	ctk_buf_release(&p->sender);
	ctk_buf_release(&p->fwd_sender);
	ctk_buf_release(&p->tmp);
	ctk_buf_release(&p->scratch);
}

int
ctk_tghtml_read_page(ctk_ingest *ix, ctk_input *in)
{
	struct hp p;
	int rc;

	hp_init(&p, ix);
	rc = read_page(&p, in);
	hp_release(&p);
	return rc || ix->stopped;
}

int
ctk_tghtml_read_pages(ctk_ingest *ix, char **paths, size_t n)
{
	struct hp p;
	size_t i;
	int rc = 0;

	hp_init(&p, ix);
	for (i = 0; i < n && rc == 0; i++) {
		ctk_error err;
		ctk_input *in = ctk_input_open(paths[i], &err);

		if (in == NULL) {
			rc = ctk_ingest_report(ix, CTK_DIAG_ERROR, paths[i], 0,
			    0, "%s", err.msg);
			continue;
		}
		ix->current = in;
		rc = read_page(&p, in);
		ix->current = NULL;
		ctk_input_close(in);
	}
	hp_release(&p);
	return rc || ix->stopped;
}

/*
 * report: counting (see report.h). Each document is tokenized once (word
 * and hashtag tokens, stopwords of French, English and the document's own
 * language removed) and handed to the ctk stats modules; report_html.c
 * turns their tables into the page.
 */
#include "report.h"
#include "report_int.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "period.h"
#include "store.h"

const char *const ctk_report_columns[] = { "id", "kind", "channel", "date",
	"url", "fwd_from", "lang", "text", "views", "links", "text_hash" };

ctk_report *
ctk_report_new(const ctk_report_opts *opts, ctk_error *err)
{
	ctk_report *r;

	if ((opts->since && !ctk_store_valid_date(opts->since)) ||
	    (opts->until && !ctk_store_valid_date(opts->until))) {
		ctk_error_set(err, CTK_EUSAGE, 0, 0, "bad date '%s' (expected "
		    "YYYY[-MM[-DD[THH:MM[:SS]]]])", opts->since &&
		    !ctk_store_valid_date(opts->since) ? opts->since :
		    opts->until);
		return NULL;
	}
	if (opts->ui_lang && strcmp(opts->ui_lang, "fr") != 0 &&
	    strcmp(opts->ui_lang, "en") != 0) {
		ctk_error_set(err, CTK_EUSAGE, 0, 0, "bad interface language "
		    "'%s' (fr or en)", opts->ui_lang);
		return NULL;
	}
	r = calloc(1, sizeof *r);
	if (r == NULL)
		goto nomem;
	r->o = *opts;
	ctk_buf_init(&r->words);
	ctk_buf_init(&r->tags);
	r->summary_all = ctk_summary_new(0);
	r->summary_channel = ctk_summary_new(1);
	r->langs = ctk_counter_new();
	r->terms_lang = ctk_freqtab_new(1, 0);
	r->terms_channel = ctk_freqtab_new(1, 0);
	r->terms_all = ctk_freqtab_new(0, 0);
	r->terms_ref = ctk_freqtab_new(0, 0);
	r->hashtags = ctk_freqtab_new(0, 0);
	r->days = ctk_timeline_new(CTK_PERIOD_DAY, 1);
	r->fwd = ctk_network_new(CTK_NET_FWD);
	r->domains = ctk_network_new(CTK_NET_DOMAIN);
	r->copies = ctk_counter_new();
	if (r->summary_all && r->summary_channel && r->langs &&
	    r->terms_lang && r->terms_channel && r->terms_all &&
	    r->terms_ref && r->hashtags && r->days && r->fwd && r->domains &&
	    r->copies)
		return r;
	ctk_report_free(r);
nomem:
	ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
	return NULL;
}

void
ctk_report_free(ctk_report *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n_toks; i++)
		ctk_tok_free(r->toks[i].tok);
	ctk_langid_free(r->langid);
	ctk_buf_release(&r->words);
	ctk_buf_release(&r->tags);
	free(r->word_ptrs);
	free(r->word_lens);
	free(r->segments);
	ctk_summary_free(r->summary_all);
	ctk_summary_free(r->summary_channel);
	ctk_counter_free(r->langs);
	ctk_freqtab_free(r->terms_lang);
	ctk_freqtab_free(r->terms_channel);
	ctk_freqtab_free(r->terms_all);
	ctk_freqtab_free(r->terms_ref);
	ctk_freqtab_free(r->hashtags);
	ctk_timeline_free(r->days);
	ctk_network_free(r->fwd);
	ctk_network_free(r->domains);
	for (i = 0; i < r->n_viewed; i++)
		ctk_report_notable_release(&r->viewed[i]);
	for (i = 0; i < r->n_copy_texts; i++)
		ctk_report_notable_release(&r->copy_texts[i]);
	free(r->copy_texts);
	ctk_counter_free(r->copies);
	free(r);
}

unsigned long
ctk_report_ndocs(const ctk_report *r)
{
	return r->n_docs;
}

/* ---- language and tokens ---- */

/* The primary subtag of a language code, lower-cased ("en-GB" -> "en"),
 * into out; "und" when it is not 2 or 3 letters. */
static void
primary_lang(const char *s, size_t len, char *out)
{
	size_t i;

	for (i = 0; i < len && i < 4 && isalpha((unsigned char)s[i]); i++)
		out[i] = (char)tolower((unsigned char)s[i]);
	if ((i == 2 || i == 3) && (i == len || s[i] == '-' || s[i] == '_')) {
		out[i] = '\0';
		return;
	}
	memcpy(out, "und", 4);
}

static int
doc_lang(ctk_report *r, const ctk_report_doc *d, char *out, int *classified,
    ctk_error *err)
{
	ctk_langid_result res;

	*classified = 0;
	if (d->lang.len > 0) {
		primary_lang(d->lang.s, d->lang.len, out);
		return 0;
	}
	if (d->text.len == 0) {
		memcpy(out, "und", 4);
		return 0;
	}
	if (r->langid == NULL &&
	    (r->langid = ctk_langid_open(r->o.langid_model, err)) == NULL)
		return CTK_EIO;
	ctk_langid_classify(r->langid, d->text.s, d->text.len, &res);
	*classified = 1;
	primary_lang(res.lang, strlen(res.lang), out);
	return 0;
}

/* The tokenizer of a language: words and hashtags, the stopwords of
 * French, English and that language (when a list is shipped) removed. */
static ctk_tok *
tokenizer(ctk_report *r, const char *lang, ctk_error *err)
{
	char spec[32], path[1024], name[32];
	ctk_tok_options o;
	ctk_tok *t;
	size_t i;

	for (i = 0; i < r->n_toks; i++)
		if (strcmp(r->toks[i].lang, lang) == 0)
			return r->toks[i].tok;
	if (r->n_toks == CTK_REPORT_MAX_TOKS)
		return r->toks[0].tok;	/* first language's: fr,en at least */
	ctk_tok_options_init(&o);
	o.types = CTK_TOK_BIT(CTK_TOK_WORD) | CTK_TOK_BIT(CTK_TOK_HASHTAG);
	o.lang = lang;
	if ((t = ctk_tok_new(&o, err)) == NULL)
		return NULL;
	strcpy(spec, "fr,en");
	snprintf(name, sizeof name, "stopwords/%s.txt", lang);
	if (strcmp(lang, "fr") != 0 && strcmp(lang, "en") != 0 &&
	    ctk_data_path(name, path, sizeof path) == 0)
		snprintf(spec, sizeof spec, "fr,en,%s", lang);
	if (ctk_tok_add_stopwords(t, spec, err) != 0) {
		ctk_tok_free(t);
		return NULL;
	}
	snprintf(r->toks[r->n_toks].lang, sizeof r->toks[0].lang, "%s", lang);
	r->toks[r->n_toks++].tok = t;
	return t;
}

struct collect {
	ctk_buf *words, *tags;
	size_t n_words;
};

static int
collect_token(const ctk_tok_token *tok, void *arg)
{
	struct collect *c = arg;
	ctk_buf *b = tok->type == CTK_TOK_HASHTAG ? c->tags : c->words;

	/* tokens never hold a space: a space-joined list splits back */
	if ((b->len > 0 && ctk_buf_append_char(b, ' ') != 0) ||
	    ctk_buf_append(b, tok->text, tok->len) != 0)
		return CTK_ENOMEM;
	c->n_words += tok->type != CTK_TOK_HASHTAG;
	return 0;
}

/* Room for cap tokens in the arrays of the current document. */
static int
grow_words(ctk_report *r, size_t cap)
{
	const char **ptrs;
	size_t *lens, *segments;

	/* each array is kept as soon as it has grown, so that a failure
	 * leaves nothing to leak */
	if ((ptrs = realloc(r->word_ptrs, cap * sizeof *ptrs)) == NULL)
		return CTK_ENOMEM;
	r->word_ptrs = ptrs;
	if ((lens = realloc(r->word_lens, cap * sizeof *lens)) == NULL)
		return CTK_ENOMEM;
	r->word_lens = lens;
	if ((segments = realloc(r->segments, cap * sizeof *segments)) == NULL)
		return CTK_ENOMEM;
	r->segments = segments;
	r->cap_words = cap;
	return 0;
}

/* Builds the ctk_doc of the word tokens held in r->words. */
static int
make_doc(ctk_report *r, size_t n_words, ctk_doc *doc)
{
	size_t i = 0, pos = 0, start;
	char *s = r->words.data;

	if (n_words > r->cap_words && grow_words(r, n_words * 2) != 0)
		return CTK_ENOMEM;
	while (i < n_words && pos < r->words.len) {
		start = pos;
		while (pos < r->words.len && s[pos] != ' ')
			pos++;
		s[pos++] = '\0';	/* the buffer stays NUL-terminated */
		r->word_ptrs[i] = s + start;
		r->word_lens[i] = pos - 1 - start;
		r->segments[i++] = 0;
	}
	memset(doc, 0, sizeof *doc);
	doc->stamp = ++r->stamp;
	doc->n_tokens = i;
	doc->tokens = r->word_ptrs;
	doc->lens = r->word_lens;
	doc->segment = r->segments;
	return 0;
}

static int
tokenize(ctk_report *r, const ctk_report_doc *d, const char *lang,
    ctk_doc *doc, ctk_error *err)
{
	struct collect c;
	ctk_tok *t = tokenizer(r, lang, err);
	int rc;

	if (t == NULL)
		return err->code ? err->code : CTK_ENOMEM;
	ctk_buf_reset(&r->words);
	ctk_buf_reset(&r->tags);
	c.words = &r->words;
	c.tags = &r->tags;
	c.n_words = 0;
	rc = ctk_tok_run(t, d->text.s, d->text.len, strcmp(lang, "und") ?
	    lang : NULL, collect_token, &c, err);
	if (rc == CTK_ELIMIT)
		rc = 0;		/* an overlong token is left out, as tokenize */
	if (rc != 0)
		return rc < 0 ? rc : CTK_ENOMEM;
	return make_doc(r, c.n_words, doc);
}

/* ---- filters ---- */

static int
str_eq(ctk_str s, const char *z)
{
	return s.len == strlen(z) && memcmp(s.s, z, s.len) == 0;
}

static int
date_cmp(ctk_str date, const char *bound, int until)
{
	size_t n = strlen(bound);
	int c = memcmp(date.s, bound, date.len < n ? date.len : n);

	if (c != 0)
		return c;
	if (until)	/* bound + "~" is above every date it prefixes */
		return -1;
	return (date.len > n) - (date.len < n);
}

static int
keep(const ctk_report *r, const ctk_report_doc *d, const char *lang)
{
	size_t i;

	if (r->o.lang && strcmp(lang, r->o.lang) != 0 &&
	    !str_eq(d->lang, r->o.lang))
		return 0;
	if (r->o.since && (d->date.len == 0 ||
	    date_cmp(d->date, r->o.since, 0) < 0))
		return 0;
	if (r->o.until && (d->date.len == 0 ||
	    date_cmp(d->date, r->o.until, 1) >= 0))
		return 0;
	if (r->o.n_channels == 0)
		return 1;
	for (i = 0; i < r->o.n_channels; i++)
		if (str_eq(d->channel, r->o.channels[i]))
			return 1;
	return 0;
}

/* ---- counting ---- */

static int
count_words(ctk_freqtab *t, ctk_str group, const ctk_doc *doc)
{
	size_t i;

	for (i = 0; i < doc->n_tokens; i++)
		if (ctk_freqtab_count(t, group.s, group.len, doc->tokens[i],
		    doc->lens[i], doc->stamp) != 0)
			return CTK_ENOMEM;
	return ctk_freqtab_add_total(t, group.s, group.len, 1,
	    (int64_t)doc->n_tokens);
}

static int
count_hashtags(ctk_report *r, const ctk_doc *doc)
{
	const char *s = r->tags.data, *e;
	int64_t n = 0;

	while (s != NULL && *s != '\0') {
		e = strchr(s, ' ');
		if (e == NULL)
			e = s + strlen(s);
		if (ctk_freqtab_count(r->hashtags, "", 0, s, (size_t)(e - s),
		    doc->stamp) != 0)
			return CTK_ENOMEM;
		n++;
		s = *e ? e + 1 : e;
	}
	return ctk_freqtab_add_total(r->hashtags, "", 0, 1, n);
}

static int
count_networks(ctk_report *r, const ctk_report_doc *d)
{
	const char *v[2];
	size_t l[2];

	v[0] = d->channel.s;
	l[0] = d->channel.len;
	v[1] = d->fwd_from.s;
	l[1] = d->fwd_from.len;
	if (ctk_network_add(r->fwd, v, l) != 0)
		return CTK_ENOMEM;
	v[1] = d->links.s;
	l[1] = d->links.len;
	return ctk_network_add(r->domains, v, l);
}

int
ctk_report_add(ctk_report *r, const ctk_report_doc *d, ctk_error *err)
{
	char lang[8];
	ctk_str lang_str, none = { "", 0 };
	ctk_doc doc;
	long ord;
	int rc, classified;

	if ((rc = doc_lang(r, d, lang, &classified, err)) != 0)
		return rc;
	if (!keep(r, d, lang))
		return 0;
	r->n_classified += (unsigned long)classified;
	if ((rc = tokenize(r, d, lang, &doc, err)) != 0)
		return rc;
	r->n_docs++;
	lang_str.s = lang;
	lang_str.len = strlen(lang);
	if (ctk_summary_add(r->summary_all, "", 0, &doc, d->date.s,
	    d->date.len) != 0 ||
	    ctk_summary_add(r->summary_channel, d->channel.s, d->channel.len,
	    &doc, d->date.s, d->date.len) != 0 ||
	    ctk_counter_add(r->langs, lang, lang_str.len, 1, doc.stamp) ==
	    NULL ||
	    count_words(r->terms_lang, lang_str, &doc) != 0 ||
	    count_words(r->terms_channel, d->channel, &doc) != 0 ||
	    (r->o.reference && count_words(r->terms_all, none, &doc)) ||
	    count_hashtags(r, &doc) != 0 || count_networks(r, d) != 0 ||
	    ctk_report_note_views(r, d) != 0 ||
	    ctk_report_note_copy(r, d) != 0)
		goto nomem;
	if (ctk_period_of_date(d->date.s, d->date.len, CTK_PERIOD_DAY,
	    &ord) != 0)
		r->n_undated++;
	else if (ctk_timeline_add(r->days, d->channel.s, d->channel.len, ord,
	    1) != 0)
		goto nomem;
	return 1;
nomem:
	return ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
}

int
ctk_report_add_reference(ctk_report *r, const ctk_report_doc *d,
    ctk_error *err)
{
	char lang[8];
	ctk_str none = { "", 0 };
	ctk_doc doc;
	int rc, classified;

	if ((rc = doc_lang(r, d, lang, &classified, err)) != 0)
		return rc;
	if (r->o.lang && strcmp(lang, r->o.lang) != 0 &&
	    !str_eq(d->lang, r->o.lang))
		return 0;
	if ((rc = tokenize(r, d, lang, &doc, err)) != 0)
		return rc;
	r->n_ref_docs++;
	if (count_words(r->terms_ref, none, &doc) != 0)
		return ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
	return 1;
}

/* ---- notable messages ---- */

void
ctk_report_notable_release(ctk_report_notable *n)
{
	free(n->text);
	free(n->channel);
	free(n->date);
	free(n->url);
	free(n->id);
	memset(n, 0, sizeof *n);
}

static char *
dup_str(ctk_str s, size_t max)
{
	char *p;

	if (s.len < max)
		max = s.len;
	p = malloc(max + 1);
	if (p == NULL)
		return NULL;
	memcpy(p, s.s, max);
	p[max] = '\0';
	return p;
}

/* Copies what the page shows of a message: the text up to
 * CTK_REPORT_EXCERPT_BYTES (the excerpt is cut again when rendered). */
static int
notable_fill(ctk_report_notable *n, const ctk_report_doc *d)
{
	n->text = dup_str(d->text, CTK_REPORT_EXCERPT_BYTES);
	n->channel = dup_str(d->channel, 512);
	n->date = dup_str(d->date, 64);
	n->url = dup_str(d->url, 2048);
	n->id = dup_str(d->id, 512);
	n->text_len = strlen(n->text ? n->text : "");
	if (n->text && n->channel && n->date && n->url && n->id)
		return 0;
	ctk_report_notable_release(n);
	return CTK_ENOMEM;
}

static int
parse_views(ctk_str s, int64_t *v)
{
	char buf[32], *end;
	long long x;

	if (s.len == 0 || s.len >= sizeof buf)
		return -1;
	memcpy(buf, s.s, s.len);
	buf[s.len] = '\0';
	errno = 0;
	x = strtoll(buf, &end, 10);
	if (*end != '\0' || errno != 0 || x < 0 || buf[0] < '0' ||
	    buf[0] > '9')
		return -1;
	*v = x;
	return 0;
}

/* Most viewed first; among equals the earlier, then the smaller id. */
static int
viewed_before(int64_t views, ctk_str date, ctk_str id,
    const ctk_report_notable *n)
{
	ctk_str nd = { n->date, strlen(n->date) };
	ctk_str ni = { n->id, strlen(n->id) };
	int c;

	if (views != n->count)
		return views > n->count;
	c = memcmp(date.s, nd.s, date.len < nd.len ? date.len : nd.len);
	if (c == 0)
		c = (date.len > nd.len) - (date.len < nd.len);
	if (c == 0)
		c = memcmp(id.s, ni.s, id.len < ni.len ? id.len : ni.len);
	if (c == 0)
		c = (id.len > ni.len) - (id.len < ni.len);
	return c < 0;
}

int
ctk_report_note_views(ctk_report *r, const ctk_report_doc *d)
{
	ctk_report_notable n;
	int64_t views;
	size_t pos;

	if (parse_views(d->views, &views) != 0)
		return 0;
	pos = r->n_viewed;
	while (pos > 0 && viewed_before(views, d->date, d->id,
	    &r->viewed[pos - 1]))
		pos--;
	if (pos >= CTK_REPORT_TOP_MESSAGES)
		return 0;
	memset(&n, 0, sizeof n);
	if (notable_fill(&n, d) != 0)
		return CTK_ENOMEM;
	n.count = views;
	if (r->n_viewed == CTK_REPORT_TOP_MESSAGES)
		ctk_report_notable_release(&r->viewed[--r->n_viewed]);
	memmove(&r->viewed[pos + 1], &r->viewed[pos],
	    (r->n_viewed - pos) * sizeof n);
	r->viewed[pos] = n;
	r->n_viewed++;
	return 0;
}

/* The earlier of two copies: by date, then id. */
static int
copy_earlier(const ctk_report_doc *d, const ctk_report_notable *n)
{
	size_t nd = strlen(n->date), ni = strlen(n->id);
	int c = memcmp(d->date.s, n->date, d->date.len < nd ? d->date.len :
	    nd);

	if (c == 0)
		c = (d->date.len > nd) - (d->date.len < nd);
	if (c == 0)
		c = memcmp(d->id.s, n->id, d->id.len < ni ? d->id.len : ni);
	if (c == 0)
		c = (d->id.len > ni) - (d->id.len < ni);
	return c < 0;
}

/* Texts seen more than once: the counter holds every text hash (count =
 * copies, docs = forwards, value = 1 + the day ordinal of the earliest
 * copy), and an excerpt is kept from the second copy on (aux = index +
 * 1), the earliest of the copies after the first, so that memory grows
 * with the repeated texts only. */
int
ctk_report_note_copy(ctk_report *r, const ctk_report_doc *d)
{
	ctk_counter_entry *e;
	ctk_report_notable *n;
	long ord;

	if (d->text_hash.len == 0)
		return 0;
	e = ctk_counter_get(r->copies, d->text_hash.s, d->text_hash.len, 1);
	if (e == NULL)
		return CTK_ENOMEM;
	e->count++;
	if (d->fwd_from.len > 0)
		e->docs++;
	if (ctk_period_of_date(d->date.s, d->date.len, CTK_PERIOD_DAY,
	    &ord) == 0 && (e->value == 0 || ord + 1 < e->value))
		e->value = (double)ord + 1;
	if (e->count == 1)
		return 0;
	if (e->count > 2) {
		n = &r->copy_texts[e->aux - 1];
		if (!copy_earlier(d, n))
			return 0;
		ctk_report_notable_release(n);
		return notable_fill(n, d);
	}
	if (r->n_copy_texts == r->cap_copy_texts) {
		size_t cap = r->cap_copy_texts ? r->cap_copy_texts * 2 : 16;

		n = realloc(r->copy_texts, cap * sizeof *n);
		if (n == NULL)
			return CTK_ENOMEM;
		r->copy_texts = n;
		r->cap_copy_texts = cap;
	}
	n = &r->copy_texts[r->n_copy_texts];
	memset(n, 0, sizeof *n);
	if (notable_fill(n, d) != 0)
		return CTK_ENOMEM;
	e->aux = (int64_t)++r->n_copy_texts;
	return 0;
}

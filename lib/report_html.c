/*
 * report_html: the page. Each section has the ctk stats module write its
 * table (ctk_report_capture), then renders that table: the numbers on the
 * page are the bytes ctk stats would print. Markup is XHTML-compatible
 * HTML5 (every element closed, only the five XML entities), so that both
 * browsers and XML parsers read it; text from the corpus only ever goes
 * through ctk_html_escape().
 */
#include "report_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "keyness.h"
#include "period.h"

#ifndef CTK_VERSION
#define CTK_VERSION "dev"
#endif

#define TOP_TERMS 20
#define TOP_KEYWORDS 15
#define TOP_LANGS 6
#define TOP_CHANNELS 8		/* series of the timeline, keyness targets */
#define TOP_NETWORK 30
#define EXCERPT_CHARS 280

/* ---- capturing the tables of the stats modules ---- */

static int
grow_cells(ctk_report_table *t, size_t need, size_t *cap)
{
	char **v;
	size_t c;

	if (need <= *cap)
		return 0;
	c = *cap ? *cap * 2 : 64;
	while (c < need)
		c *= 2;
	v = realloc(t->cells, c * sizeof *v);
	if (v == NULL)
		return CTK_ENOMEM;
	t->cells = v;
	*cap = c;
	return 0;
}

static int
read_table(ctk_tsv_reader *r, ctk_report_table *t)
{
	size_t i, cap = 0;
	ctk_error err;
	int rc;

	t->ncols = ctk_tsv_ncols(r);
	t->names = calloc(t->ncols + 1, sizeof *t->names);
	if (t->names == NULL)
		return CTK_ENOMEM;
	for (i = 0; i < t->ncols; i++)
		if ((t->names[i] = strdup(ctk_tsv_colname(r, i))) == NULL)
			return CTK_ENOMEM;
	while ((rc = ctk_tsv_read(r, &err)) == 1) {
		if (grow_cells(t, (t->nrows + 1) * t->ncols, &cap) != 0)
			return CTK_ENOMEM;
		for (i = 0; i < t->ncols; i++) {
			char *c = strdup(ctk_tsv_field(r, i, NULL));

			if (c == NULL)
				return CTK_ENOMEM;
			t->cells[t->nrows * t->ncols + i] = c;
		}
		t->nrows++;
	}
	return rc == 0 ? 0 : CTK_EIO;
}

int
ctk_report_capture(ctk_report_write_fn fn, void *arg, ctk_report_table *t)
{
	char *data = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&data, &size);
	ctk_tsv_writer *w = f ? ctk_tsv_writer_new(f, CTK_FORMAT_TSV) : NULL;
	ctk_tsv_reader *r = NULL;
	ctk_input *in = NULL;
	ctk_error err;
	int rc = CTK_ENOMEM;

	memset(t, 0, sizeof *t);
	if (w != NULL)
		rc = fn(arg, w);
	ctk_tsv_writer_free(w);
	if (f != NULL && fclose(f) != 0 && rc == 0)
		rc = CTK_EIO;
	if (rc == 0 && ((in = ctk_input_from_memory(data, size, "table",
	    &err)) == NULL || (r = ctk_tsv_reader_new(in, &err)) == NULL))
		rc = CTK_EIO;
	if (rc == 0)
		rc = read_table(r, t);
	ctk_tsv_reader_free(r);
	if (in != NULL)
		ctk_input_close(in);
	free(data);
	return rc;
}

void
ctk_report_table_release(ctk_report_table *t)
{
	size_t i;

	for (i = 0; t->names && i < t->ncols; i++)
		free(t->names[i]);
	for (i = 0; t->cells && i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->names);
	free(t->cells);
	memset(t, 0, sizeof *t);
}

const char *
ctk_report_cell(const ctk_report_table *t, size_t row, const char *name)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		if (strcmp(t->names[i], name) == 0)
			return row < t->nrows ? t->cells[row * t->ncols + i] :
			    "";
	return "";
}

/* The write functions of the modules, as ctk_report_write_fn. */
struct freq_arg { ctk_freqtab *t; int64_t top; };
struct key_arg { ctk_freqtab *target, *ref; const ctk_keyness_opts *o; };
struct net_arg { ctk_network *net; int nodes; };

static int
write_summary(void *a, ctk_tsv_writer *w)
{
	return ctk_summary_write(a, w, 0);
}

static int
write_freq(void *a, ctk_tsv_writer *w)
{
	struct freq_arg *f = a;

	return ctk_freqtab_write(f->t, w, 0, f->top);
}

static int
write_keyness(void *a, ctk_tsv_writer *w)
{
	struct key_arg *k = a;

	return ctk_keyness_write(k->target, k->ref, k->o, w);
}

static int
write_timeline(void *a, ctk_tsv_writer *w)
{
	return ctk_timeline_write(a, w);
}

static int
write_network(void *a, ctk_tsv_writer *w)
{
	struct net_arg *n = a;

	return n->nodes ? ctk_network_write_nodes(n->net, w, 0) :
	    ctk_network_write_edges(n->net, w, 0);
}

/* ---- labels ---- */

/* Labels are HTML fragments (trusted; < written &lt;). */
enum label {
	L_TITLE, L_CONTENTS, L_OVERVIEW, L_DOCUMENTS, L_CHANNELS, L_FIRST,
	L_LAST, L_LANGUAGES, L_TOKENS, L_TYPES, L_CLASSIFIED, L_UNDATED,
	L_LANG_CHART, L_LANGUAGE, L_SHARE, L_CHANNEL, L_ACTIVITY,
	L_PER_DAY, L_PER_WEEK, L_PER_MONTH, L_PERIOD, L_OTHERS, L_TERMS,
	L_TERMS_IN, L_RANK, L_TERM, L_COUNT, L_DOCS, L_PER_MILLION,
	L_KEYWORDS, L_KEY_VS_REF, L_KEY_VS_OTHERS, L_COUNT_TARGET,
	L_COUNT_REF, L_G2, L_LOG_RATIO, L_NO_KEYWORDS, L_ONE_CHANNEL,
	L_HASHTAGS, L_HASHTAG, L_DOMAINS, L_DOMAIN, L_LINKS, L_FORWARDS,
	L_FWD_SOURCE, L_FWD_COUNT, L_FWD_CHANNELS, L_NETWORK, L_EDGES,
	L_FROM, L_TO, L_WEIGHT, L_NOTABLE, L_MOST_VIEWED, L_VIEWS, L_DATE,
	L_MESSAGE, L_LINK, L_COPIED, L_COPIES, L_NONE, L_METHOD, L_SOURCE,
	L_FILTERS, L_GENERATED, L_REFERENCE, L_OPEN, L_NOTES_INTRO,
	L_TIMELINE_TABLE, L_NETWORK_NOTE, L_LINKING,
	L_COUNT_OF
};

static const char *const labels[L_COUNT_OF][2] = {
	{ "Corpus report", "Rapport sur le corpus" },
	{ "Contents", "Sommaire" },
	{ "Overview", "Vue d\xe2\x80\x99" "ensemble" },
	{ "Documents", "Documents" },
	{ "Channels", "Canaux" },
	{ "First date", "Premi\xc3\xa8re date" },
	{ "Last date", "Derni\xc3\xa8re date" },
	{ "Languages", "Langues" },
	{ "Word tokens (stopwords removed)",
	    "Occurrences de mots (mots vides retir\xc3\xa9s)" },
	{ "Distinct words", "Mots distincts" },
	{ "Documents whose language was identified by ctk",
	    "Documents dont ctk a identifi\xc3\xa9 la langue" },
	{ "Documents without a date", "Documents sans date" },
	{ "Documents per language", "Documents par langue" },
	{ "Language", "Langue" },
	{ "Share", "Part" },
	{ "Channel", "Canal" },
	{ "Activity", "Activit\xc3\xa9" },
	{ "Documents per day and channel", "Documents par jour et par canal" },
	{ "Documents per week and channel",
	    "Documents par semaine et par canal" },
	{ "Documents per month and channel", "Documents par mois et par canal" },
	{ "Period", "P\xc3\xa9riode" },
	{ "The other channels are left out of the chart; their totals are in "
	    "the table of channels.", "Les autres canaux ne sont pas dans le "
	    "graphique ; leurs totaux sont dans la table des canaux." },
	{ "Top terms per language", "Termes les plus fr\xc3\xa9quents par langue" },
	{ "Most frequent words in", "Mots les plus fr\xc3\xa9quents en" },
	{ "Rank", "Rang" },
	{ "Term", "Terme" },
	{ "Count", "Occurrences" },
	{ "Documents", "Documents" },
	{ "Per million", "Par million" },
	{ "Keywords", "Mots-cl\xc3\xa9s" },
	{ "Keywords of the corpus against", "Mots-cl\xc3\xa9s du corpus face \xc3\xa0" },
	{ "Keywords of this channel against the other channels",
	    "Mots-cl\xc3\xa9s de ce canal face aux autres canaux" },
	{ "Count here", "Occurrences ici" },
	{ "Count in the reference", "Occurrences dans la r\xc3\xa9" "f\xc3\xa9rence" },
	{ "G2", "G2" },
	{ "Log ratio", "Log ratio" },
	{ "No word is significantly more frequent (p &lt; 0.05).",
	    "Aucun mot n\xe2\x80\x99" "est significativement plus fr\xc3\xa9quent "
	    "(p &lt; 0,05)." },
	{ "Only one channel: give a reference corpus with --reference to see "
	    "keywords.", "Un seul canal : donnez un corpus de r\xc3\xa9" "f\xc3\xa9rence "
	    "avec --reference pour voir les mots-cl\xc3\xa9s." },
	{ "Top hashtags", "Hashtags les plus fr\xc3\xa9quents" },
	{ "Hashtag", "Hashtag" },
	{ "Top linked domains", "Domaines les plus li\xc3\xa9s" },
	{ "Domain", "Domaine" },
	{ "Links", "Liens" },
	{ "Forwards", "Transferts" },
	{ "Forwarded from", "Transf\xc3\xa9r\xc3\xa9 depuis" },
	{ "Forwarded messages", "Messages transf\xc3\xa9r\xc3\xa9s" },
	{ "Channels forwarding", "Canaux qui transf\xc3\xa8rent" },
	{ "Forward network (the most connected channels)",
	    "R\xc3\xa9seau des transferts (les canaux les plus reli\xc3\xa9s)" },
	{ "Edges of the drawing", "Liens du dessin" },
	{ "From (forwarded by)", "De (transf\xc3\xa9r\xc3\xa9 par)" },
	{ "To (forwarded from)", "Vers (transf\xc3\xa9r\xc3\xa9 depuis)" },
	{ "Forwards", "Transferts" },
	{ "Notable messages", "Messages remarquables" },
	{ "Most viewed messages", "Messages les plus vus" },
	{ "Views", "Vues" },
	{ "Date", "Date" },
	{ "Message", "Message" },
	{ "Link or id", "Lien ou identifiant" },
	{ "Texts posted most often (copies and forwards)",
	    "Textes publi\xc3\xa9s le plus souvent (copies et transferts)" },
	{ "Copies", "Copies" },
	{ "None in this corpus.", "Aucun dans ce corpus." },
	{ "How the numbers were computed", "Comment les chiffres sont calcul\xc3\xa9s" },
	{ "Source", "Source" },
	{ "Filters", "Filtres" },
	{ "Made with", "R\xc3\xa9" "alis\xc3\xa9 avec" },
	{ "Reference", "R\xc3\xa9" "f\xc3\xa9rence" },
	{ "open", "ouvrir" },
	{ "Every number comes from the code of ctk stats; the command that "
	    "gives the same table is named with each item.",
	    "Chaque nombre vient du code de ctk stats ; la commande qui donne "
	    "la m\xc3\xaame table est indiqu\xc3\xa9" "e pour chaque point." },
	{ "The numbers of the chart", "Les nombres du graphique" },
	{ "Arrows go from the channel that forwards to the source it forwards "
	    "from; the thicker, the more forwards. Layout: force-directed "
	    "(Fruchterman and Reingold 1991).",
	    "Les fl\xc3\xa8" "ches vont du canal qui transf\xc3\xa8re vers la "
	    "source transf\xc3\xa9r\xc3\xa9" "e ; plus elles sont \xc3\xa9paisses, plus "
	    "il y a de transferts. Disposition : par forces (Fruchterman et "
	    "Reingold 1991)." },
	{ "Channels linking to it", "Canaux qui y renvoient" },
};

/* ---- the page ---- */

struct page {
	ctk_report *r;
	ctk_buf out;
	int fr;
	int failed;
	ctk_report_table summary, channels, terms, hashtags, fwd_nodes,
	    fwd_edges, domain_nodes, days;
};

static const char *
L(const struct page *p, enum label l)
{
	return labels[l][p->fr];
}

/* French puts a space before a colon. */
static const char *
colon(const struct page *p)
{
	return p->fr ? "\xc2\xa0: " : ": ";
}

static void
put(struct page *p, const char *s)
{
	if (ctk_buf_append_str(&p->out, s) != 0)
		p->failed = 1;
}

static void
putf(struct page *p, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0 || ctk_buf_append(&p->out, tmp, (size_t)n < sizeof tmp ?
	    (size_t)n : sizeof tmp - 1) != 0)
		p->failed = 1;
}

static void
text(struct page *p, const char *s)
{
	if (ctk_html_escape(&p->out, s, strlen(s)) != 0)
		p->failed = 1;
}

/* A date cut to its day: 2024-09-06T12:15:00Z -> 2024-09-06. */
static void
day(struct page *p, const char *date)
{
	if (ctk_html_escape(&p->out, date, strlen(date) > 10 ? 10 :
	    strlen(date)) != 0)
		p->failed = 1;
}

static void
th(struct page *p, enum label l)
{
	putf(p, "<th scope=\"col\">%s</th>", L(p, l));
}

static void
td(struct page *p, const char *s, int number)
{
	put(p, number ? "<td class=\"n\">" : "<td>");
	text(p, s);
	put(p, "</td>");
}

static void
section_open(struct page *p, const char *id, enum label l)
{
	putf(p, "<section id=\"%s\" aria-labelledby=\"h-%s\">\n"
	    "<h2 id=\"h-%s\">%s</h2>\n", id, id, id, L(p, l));
}

static const char css[] =
    ":root{color-scheme:light}"
    "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;"
    "line-height:1.45;color:#1a1a1a;background:#fff;margin:0 auto;"
    "max-width:62rem;padding:0 1rem 3rem}"
    "h1{font-size:1.8rem;margin:1.5rem 0 .3rem}"
    "h2{font-size:1.35rem;border-bottom:2px solid #1f77b4;"
    "padding-bottom:.2rem;margin-top:2.2rem}"
    "h3{font-size:1.1rem;margin:1.4rem 0 .4rem}"
    ".meta{color:#555;margin:.2rem 0}"
    "nav ol{columns:2;padding-left:1.2rem}"
    "dl.facts{display:grid;grid-template-columns:minmax(0,max-content) "
    "minmax(6rem,1fr);gap:.2rem 1rem}dl.facts dt{font-weight:600}"
    "dl.facts dd{margin:0;white-space:nowrap}"
    "figure{margin:1rem 0}figcaption{font-style:italic;color:#444}"
    "svg{max-width:100%;height:auto;display:block}"
    ".scroll{overflow-x:auto}"
    "table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.92rem}"
    "caption{text-align:left;font-weight:600;padding:.3rem 0}"
    "th,td{border-bottom:1px solid #ddd;padding:.25rem .6rem;"
    "text-align:left;vertical-align:top}"
    "th{background:#f2f5f8}td.n{text-align:right;"
    "font-variant-numeric:tabular-nums}"
    "td.msg{max-width:32rem;overflow-wrap:anywhere}"
    ".cols{display:flex;flex-wrap:wrap;gap:0 2rem}"
    "a{color:#0b57a4}"
    "td.d{white-space:nowrap}dl.notes dt{font-weight:600;margin-top:.6rem}"
    "dl.notes dd{margin-left:1.2rem}"
    "@media (max-width:40rem){nav ol{columns:1}body{padding:0 .5rem}}"
    "@media print{nav{display:none}a{color:inherit}"
    "h2{break-after:avoid}figure,table{break-inside:avoid}"
    "body{max-width:none}}";

static void
page_head(struct page *p)
{
	const char *title = p->r->o.title ? p->r->o.title : L(p, L_TITLE);

	putf(p, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
	    "lang=\"%s\" xml:lang=\"%s\">\n<head>\n<meta charset=\"utf-8\"/>\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\"/>\n<meta name=\"generator\" content=\"ctk-report "
	    CTK_VERSION "\"/>\n<title>", p->fr ? "fr" : "en",
	    p->fr ? "fr" : "en");
	text(p, title);
	put(p, "</title>\n<style>");
	put(p, css);
	put(p, "</style>\n</head>\n<body>\n<header>\n<h1>");
	text(p, title);
	put(p, "</h1>\n");
	if (p->r->o.source) {
		putf(p, "<p class=\"meta\">%s%s", L(p, L_SOURCE), colon(p));
		text(p, p->r->o.source);
		put(p, "</p>\n");
	}
	if (p->r->o.reference) {
		putf(p, "<p class=\"meta\">%s%s", L(p, L_REFERENCE), colon(p));
		text(p, p->r->o.reference);
		put(p, "</p>\n");
	}
}

static void
filter_item(struct page *p, int *n, const char *name, const char *value)
{
	put(p, (*n)++ ? "; " : "");
	put(p, name);
	text(p, value);
}

static void
filters_line(struct page *p)
{
	const ctk_report_opts *o = &p->r->o;
	size_t i;
	int n = 0;

	if (o->n_channels == 0 && !o->since && !o->until && !o->lang)
		return;
	putf(p, "<p class=\"meta\">%s%s", L(p, L_FILTERS), colon(p));
	for (i = 0; i < o->n_channels; i++)
		filter_item(p, &n, "--channel ", o->channels[i]);
	if (o->since)
		filter_item(p, &n, "--since ", o->since);
	if (o->until)
		filter_item(p, &n, "--until ", o->until);
	if (o->lang)
		filter_item(p, &n, "--lang ", o->lang);
	put(p, "</p>\n");
}

static void
nav(struct page *p)
{
	static const struct { const char *id; enum label l; } toc[] = {
		{ "overview", L_OVERVIEW }, { "activity", L_ACTIVITY },
		{ "terms", L_TERMS }, { "keywords", L_KEYWORDS },
		{ "hashtags", L_HASHTAGS }, { "domains", L_DOMAINS },
		{ "forwards", L_FORWARDS }, { "notable", L_NOTABLE },
		{ "method", L_METHOD },
	};
	size_t i;

	putf(p, "<p class=\"meta\">%s ctk-report " CTK_VERSION "</p>\n"
	    "</header>\n<nav aria-label=\"%s\">\n<h2>%s</h2>\n<ol>\n",
	    L(p, L_GENERATED), L(p, L_CONTENTS), L(p, L_CONTENTS));
	for (i = 0; i < sizeof toc / sizeof toc[0]; i++)
		putf(p, "<li><a href=\"#%s\">%s</a></li>\n", toc[i].id,
		    L(p, toc[i].l));
	put(p, "</ol>\n</nav>\n<main>\n");
}

/* ---- overview ---- */

static void
fact(struct page *p, enum label l, const char *value, int is_date)
{
	putf(p, "<dt>%s</dt><dd>", L(p, l));
	if (*value == '\0')
		put(p, "\xe2\x80\x94");	/* an em dash: no value */
	else if (is_date)
		day(p, value);
	else
		text(p, value);
	put(p, "</dd>\n");
}

static void
languages(struct page *p)
{
	ctk_counter_entry **v = ctk_counter_sorted(p->r->langs);
	size_t n = ctk_counter_size(p->r->langs), i, shown;
	const char *names[32];
	double values[32];
	char num[32];

	if (v == NULL)
		return;
	shown = n < 32 ? n : 32;
	for (i = 0; i < shown; i++) {
		names[i] = v[i]->key;
		values[i] = (double)v[i]->count;
	}
	put(p, "<figure>\n");
	if (ctk_report_bars_svg(&p->out, names, values, shown,
	    L(p, L_LANG_CHART), "fig-langs") != 0)
		p->failed = 1;
	putf(p, "<figcaption>%s</figcaption>\n</figure>\n"
	    "<div class=\"scroll\"><table>\n<caption>%s</caption>\n<thead><tr>",
	    L(p, L_LANG_CHART), L(p, L_LANG_CHART));
	th(p, L_LANGUAGE);
	th(p, L_DOCUMENTS);
	th(p, L_SHARE);
	put(p, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		put(p, "<tr>");
		td(p, v[i]->key, 0);
		snprintf(num, sizeof num, "%lld", (long long)v[i]->count);
		td(p, num, 1);
		snprintf(num, sizeof num, "%.1f %%", 100.0 *
		    (double)v[i]->count / (double)p->r->n_docs);
		td(p, num, 1);
		put(p, "</tr>\n");
	}
	put(p, "</tbody>\n</table></div>\n");
	free(v);
}

static void
channel_table(struct page *p)
{
	const ctk_report_table *t = &p->channels;
	size_t i;

	putf(p, "<div class=\"scroll\"><table>\n<caption>%s</caption>\n"
	    "<thead><tr>", L(p, L_CHANNELS));
	th(p, L_CHANNEL);
	th(p, L_DOCUMENTS);
	th(p, L_TOKENS);
	th(p, L_FIRST);
	th(p, L_LAST);
	put(p, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < t->nrows; i++) {
		put(p, "<tr>");
		td(p, ctk_report_cell(t, i, "group"), 0);
		td(p, ctk_report_cell(t, i, "documents"), 1);
		td(p, ctk_report_cell(t, i, "tokens"), 1);
		put(p, "<td class=\"d\">");
		day(p, ctk_report_cell(t, i, "first_date"));
		put(p, "</td><td class=\"d\">");
		day(p, ctk_report_cell(t, i, "last_date"));
		put(p, "</td></tr>\n");
	}
	put(p, "</tbody>\n</table></div>\n");
}

static void
overview(struct page *p)
{
	const ctk_report_table *s = &p->summary;
	char num[32];

	section_open(p, "overview", L_OVERVIEW);
	put(p, "<dl class=\"facts\">\n");
	fact(p, L_DOCUMENTS, s->nrows ? ctk_report_cell(s, 0, "documents") :
	    "0", 0);
	snprintf(num, sizeof num, "%zu", p->channels.nrows);
	fact(p, L_CHANNELS, num, 0);
	fact(p, L_FIRST, ctk_report_cell(s, 0, "first_date"), 1);
	fact(p, L_LAST, ctk_report_cell(s, 0, "last_date"), 1);
	snprintf(num, sizeof num, "%zu", ctk_counter_size(p->r->langs));
	fact(p, L_LANGUAGES, num, 0);
	fact(p, L_TOKENS, s->nrows ? ctk_report_cell(s, 0, "tokens") : "0",
	    0);
	fact(p, L_TYPES, s->nrows ? ctk_report_cell(s, 0, "types") : "0", 0);
	snprintf(num, sizeof num, "%lu", p->r->n_classified);
	fact(p, L_CLASSIFIED, num, 0);
	snprintf(num, sizeof num, "%lu", p->r->n_undated);
	fact(p, L_UNDATED, num, 0);
	put(p, "</dl>\n");
	putf(p, "<h3>%s</h3>\n", L(p, L_LANGUAGES));
	languages(p);
	putf(p, "<h3>%s</h3>\n", L(p, L_CHANNELS));
	channel_table(p);
	put(p, "</section>\n");
}

/* ---- activity ---- */

/* Day, week or month from the span of the dates: about 5 to 60 bars. */
static enum ctk_period_unit
choose_unit(const ctk_report_table *days)
{
	enum ctk_period_unit u;
	long lo, hi;

	if (days->nrows == 0 || ctk_period_parse_label(ctk_report_cell(days,
	    0, "period"), &u, &lo) != 0 || ctk_period_parse_label(
	    ctk_report_cell(days, days->nrows - 1, "period"), &u, &hi) != 0)
		return CTK_PERIOD_WEEK;
	if (hi - lo <= 31)
		return CTK_PERIOD_DAY;
	return hi - lo <= 182 ? CTK_PERIOD_WEEK : CTK_PERIOD_MONTH;
}

static int
is_top_channel(const struct page *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->channels.nrows && i < TOP_CHANNELS; i++)
		if (strcmp(ctk_report_cell(&p->channels, i, "group"), name) ==
		    0)
			return 1;
	return 0;
}

/* The chart's timeline: the daily counts of the TOP_CHANNELS busiest
 * channels regrouped by the chosen unit (a sum of the others would dwarf
 * them; their totals are in the channel table). */
static ctk_timeline *
chart_timeline(struct page *p, enum ctk_period_unit unit)
{
	ctk_timeline *t = ctk_timeline_new(unit, 1);
	const ctk_report_table *d = &p->days;
	const char *g;
	size_t i;
	long ord;

	for (i = 0; t && i < d->nrows; i++) {
		g = ctk_report_cell(d, i, "group");
		if (!is_top_channel(p, g))
			continue;
		if (ctk_period_of_date(ctk_report_cell(d, i, "period"), 10,
		    unit, &ord) != 0)
			continue;
		if (ctk_timeline_add(t, g, strlen(g), ord,
		    atoll(ctk_report_cell(d, i, "count"))) != 0) {
			ctk_timeline_free(t);
			return NULL;
		}
	}
	return t;
}

/* The SVG of ctk stats timeline --plot, without its XML declaration. */
static void
timeline_svg(struct page *p, ctk_timeline *t, const char *title)
{
	char *data = NULL, *start;
	size_t size = 0;
	FILE *f = open_memstream(&data, &size);

	if (f == NULL || ctk_timeline_svg(t, f, title) != 0) {
		p->failed = 1;
		if (f)
			fclose(f);
		free(data);
		return;
	}
	fclose(f);
	/* the chart is an image with a name for screen readers */
	start = strstr(data, "<svg");
	if (start) {
		put(p, "<svg role=\"img\" aria-label=\"");
		text(p, title);
		put(p, "\"");
		put(p, start + 4);
	}
	free(data);
}

/* The chart's table: one row per period, one column per series. */
static void
timeline_table(struct page *p, const ctk_report_table *t, const char *cap)
{
	size_t n_groups = 0, n_periods, i, j;
	const char *first;

	if (t->nrows == 0)
		return;
	first = ctk_report_cell(t, 0, "group");
	for (i = 0; i < t->nrows; i++)
		if (strcmp(ctk_report_cell(t, i, "group"), first) == 0)
			n_groups++;
	n_periods = n_groups;
	if (n_periods == 0)	/* cannot happen: row 0 matches itself */
		return;
	n_groups = t->nrows / n_periods;
	putf(p, "<div class=\"scroll\"><table>\n<caption>%s%s",
	    L(p, L_TIMELINE_TABLE), colon(p));
	text(p, cap);
	put(p, "</caption>\n<thead><tr>");
	th(p, L_PERIOD);
	for (j = 0; j < n_groups; j++) {
		put(p, "<th scope=\"col\">");
		text(p, ctk_report_cell(t, j * n_periods, "group"));
		put(p, "</th>");
	}
	put(p, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < n_periods; i++) {
		put(p, "<tr><th scope=\"row\">");
		text(p, ctk_report_cell(t, i, "period"));
		put(p, "</th>");
		for (j = 0; j < n_groups; j++)
			td(p, ctk_report_cell(t, j * n_periods + i, "count"), 1);
		put(p, "</tr>\n");
	}
	put(p, "</tbody>\n</table></div>\n");
}

static void
activity(struct page *p)
{
	enum ctk_period_unit unit = choose_unit(&p->days);
	enum label cap = unit == CTK_PERIOD_DAY ? L_PER_DAY :
	    unit == CTK_PERIOD_WEEK ? L_PER_WEEK : L_PER_MONTH;
	ctk_timeline *t;
	ctk_report_table tab;

	section_open(p, "activity", L_ACTIVITY);
	if (p->days.nrows == 0) {
		putf(p, "<p>%s</p>\n</section>\n", L(p, L_NONE));
		return;
	}
	if ((t = chart_timeline(p, unit)) == NULL) {
		p->failed = 1;
		return;
	}
	put(p, "<figure>\n");
	timeline_svg(p, t, L(p, cap));
	putf(p, "<figcaption>%s", L(p, cap));
	if (p->channels.nrows > TOP_CHANNELS)
		putf(p, " (%d / %zu). %s", TOP_CHANNELS, p->channels.nrows,
		    L(p, L_OTHERS));
	put(p, "</figcaption>\n</figure>\n");
	if (ctk_report_capture(write_timeline, t, &tab) != 0)
		p->failed = 1;
	else
		timeline_table(p, &tab, L(p, cap));
	ctk_report_table_release(&tab);
	ctk_timeline_free(t);
	put(p, "</section>\n");
}

/* ---- terms ---- */

static void
freq_rows(struct page *p, const ctk_report_table *t, const char *group,
    enum label term_label, const char *caption)
{
	size_t i;

	put(p, "<div class=\"scroll\"><table>\n<caption>");
	text(p, caption);
	put(p, "</caption>\n<thead><tr>");
	th(p, L_RANK);
	th(p, term_label);
	th(p, L_COUNT);
	th(p, L_DOCS);
	th(p, L_PER_MILLION);
	put(p, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < t->nrows; i++) {
		if (group && strcmp(ctk_report_cell(t, i, "group"), group) != 0)
			continue;
		put(p, "<tr>");
		td(p, ctk_report_cell(t, i, "rank"), 1);
		td(p, ctk_report_cell(t, i, "term"), 0);
		td(p, ctk_report_cell(t, i, "count"), 1);
		td(p, ctk_report_cell(t, i, "docs"), 1);
		td(p, ctk_report_cell(t, i, "per_million"), 1);
		put(p, "</tr>\n");
	}
	put(p, "</tbody>\n</table></div>\n");
}

static void
terms(struct page *p)
{
	ctk_counter_entry **v = ctk_counter_sorted(p->r->langs);
	size_t n = ctk_counter_size(p->r->langs), i, shown = 0;
	char cap[128];

	section_open(p, "terms", L_TERMS);
	put(p, "<div class=\"cols\">\n");
	for (i = 0; v && i < n && shown < TOP_LANGS; i++) {
		const char *lang = v[i]->key;
		size_t k, found = 0;

		for (k = 0; k < p->terms.nrows && !found; k++)
			found = strcmp(ctk_report_cell(&p->terms, k, "group"),
			    lang) == 0;
		if (!found)
			continue;
		snprintf(cap, sizeof cap, "%s %s", L(p, L_TERMS_IN), lang);
		put(p, "<div>\n");
		freq_rows(p, &p->terms, lang, L_TERM, cap);
		put(p, "</div>\n");
		shown++;
	}
	put(p, "</div>\n");
	if (shown == 0)
		putf(p, "<p>%s</p>\n", L(p, L_NONE));
	free(v);
	put(p, "</section>\n");
}

/* ---- keywords ---- */

static void
keyword_table(struct page *p, const ctk_report_table *k, const char *cap)
{
	size_t i, shown = 0;

	for (i = 0; i < k->nrows; i++)
		shown += strcmp(ctk_report_cell(k, i, "direction"), "+") == 0;
	if (shown == 0) {
		put(p, "<p>");
		text(p, cap);
		putf(p, "%s%s</p>\n", colon(p), L(p, L_NO_KEYWORDS));
		return;
	}
	put(p, "<div class=\"scroll\"><table>\n<caption>");
	text(p, cap);
	put(p, "</caption>\n<thead><tr>");
	th(p, L_TERM);
	th(p, L_COUNT_TARGET);
	th(p, L_COUNT_REF);
	th(p, L_G2);
	th(p, L_LOG_RATIO);
	put(p, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < k->nrows; i++) {
		if (strcmp(ctk_report_cell(k, i, "direction"), "+") != 0)
			continue;
		put(p, "<tr>");
		td(p, ctk_report_cell(k, i, "term"), 0);
		td(p, ctk_report_cell(k, i, "count_target"), 1);
		td(p, ctk_report_cell(k, i, "count_ref"), 1);
		td(p, ctk_report_cell(k, i, "g2_4term"), 1);
		td(p, ctk_report_cell(k, i, "log_ratio"), 1);
		put(p, "</tr>\n");
	}
	put(p, "</tbody>\n</table></div>\n");
}

static void
keyness_opts(ctk_keyness_opts *o)
{
	memset(o, 0, sizeof *o);
	o->g2_4term = 1;
	o->sort = CTK_KEY_G2;
	o->top = TOP_KEYWORDS;
	o->alpha = 0.05;
	o->correction = CTK_CORRECT_NONE;
}

/* Loads the rows of one channel (only) or of all the others (except) from
 * the channel table, as `ctk stats keyness --target CHANNEL` does. */
static int
load_side(const char *data, size_t size, ctk_freqtab *t, const char *only,
    const char *except)
{
	ctk_error err;
	ctk_input *in = ctk_input_from_memory(data, size, "freq", &err);
	ctk_tsv_reader *r = in ? ctk_tsv_reader_new(in, &err) : NULL;
	int rc = r ? ctk_freqtab_load_header(t, r, "group", &err) : CTK_EIO;

	while (rc == 0 && (rc = ctk_tsv_read(r, &err)) == 1)
		rc = ctk_freqtab_load_row(t, r, 1, only, except, &err);
	ctk_tsv_reader_free(r);
	if (in)
		ctk_input_close(in);
	return rc;
}

static void
channel_keywords(struct page *p, const char *data, size_t size,
    const char *channel)
{
	ctk_freqtab *target = ctk_freqtab_new(0, 0);
	ctk_freqtab *ref = ctk_freqtab_new(0, 0);
	ctk_keyness_opts o;
	struct key_arg ka;
	ctk_report_table k;

	keyness_opts(&o);
	ka.target = target;
	ka.ref = ref;
	ka.o = &o;
	if (target == NULL || ref == NULL ||
	    load_side(data, size, target, channel, NULL) != 0 ||
	    load_side(data, size, ref, NULL, channel) != 0 ||
	    ctk_report_capture(write_keyness, &ka, &k) != 0) {
		p->failed = 1;
	} else {
		put(p, "<h3>");
		text(p, channel);
		put(p, "</h3>\n");
		keyword_table(p, &k, L(p, L_KEY_VS_OTHERS));
		ctk_report_table_release(&k);
	}
	ctk_freqtab_free(target);
	ctk_freqtab_free(ref);
}

static void
keywords(struct page *p)
{
	ctk_keyness_opts o;
	struct key_arg ka;
	ctk_report_table k;
	char *data = NULL, cap[512];
	size_t size = 0, i;
	FILE *f;
	ctk_tsv_writer *w;

	section_open(p, "keywords", L_KEYWORDS);
	if (p->r->o.reference) {
		keyness_opts(&o);
		ka.target = p->r->terms_all;
		ka.ref = p->r->terms_ref;
		ka.o = &o;
		snprintf(cap, sizeof cap, "%s %s", L(p, L_KEY_VS_REF),
		    p->r->o.reference);
		if (ctk_report_capture(write_keyness, &ka, &k) != 0)
			p->failed = 1;
		else
			keyword_table(p, &k, cap);
		ctk_report_table_release(&k);
	} else if (p->channels.nrows < 2) {
		putf(p, "<p>%s</p>\n", L(p, L_ONE_CHANNEL));
	} else if ((f = open_memstream(&data, &size)) != NULL) {
		/* the freq --by channel table, as a file would hold it */
		w = ctk_tsv_writer_new(f, CTK_FORMAT_TSV);
		if (w == NULL || ctk_freqtab_write(p->r->terms_channel, w, 0,
		    0) != 0)
			p->failed = 1;
		ctk_tsv_writer_free(w);
		fclose(f);
		for (i = 0; !p->failed && i < p->channels.nrows &&
		    i < TOP_CHANNELS; i++)
			channel_keywords(p, data, size,
			    ctk_report_cell(&p->channels, i, "group"));
		free(data);
	} else {
		p->failed = 1;
	}
	put(p, "</section>\n");
}

/* ---- hashtags, domains, forwards ---- */

static void
hashtags(struct page *p)
{
	section_open(p, "hashtags", L_HASHTAGS);
	if (p->hashtags.nrows == 0)
		putf(p, "<p>%s</p>\n", L(p, L_NONE));
	else
		freq_rows(p, &p->hashtags, NULL, L_HASHTAG, L(p, L_HASHTAGS));
	put(p, "</section>\n");
}

/* Rows of a node table that are targets (in_weight > 0), at most top;
 * only pure targets (out_weight 0) when pure is set. */
static void
target_rows(struct page *p, const ctk_report_table *t, enum label name,
    enum label count, enum label sources, int pure, const char *cap)
{
	size_t i, shown = 0;

	put(p, "<div class=\"scroll\"><table>\n<caption>");
	text(p, cap);
	put(p, "</caption>\n<thead><tr>");
	th(p, name);
	th(p, count);
	th(p, sources);
	put(p, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < t->nrows && shown < TOP_TERMS; i++) {
		if (strcmp(ctk_report_cell(t, i, "in_weight"), "0") == 0 ||
		    (pure && strcmp(ctk_report_cell(t, i, "out_weight"),
		    "0") != 0))
			continue;
		put(p, "<tr>");
		td(p, ctk_report_cell(t, i, "node"), 0);
		td(p, ctk_report_cell(t, i, "in_weight"), 1);
		td(p, ctk_report_cell(t, i, "in_degree"), 1);
		put(p, "</tr>\n");
		shown++;
	}
	put(p, "</tbody>\n</table></div>\n");
}

static void
domains(struct page *p)
{
	section_open(p, "domains", L_DOMAINS);
	if (p->domain_nodes.nrows == 0)
		putf(p, "<p>%s</p>\n", L(p, L_NONE));
	else
		target_rows(p, &p->domain_nodes, L_DOMAIN, L_LINKS,
		    L_LINKING, 1, L(p, L_DOMAINS));
	put(p, "</section>\n");
}

static int
in_top_nodes(const ctk_report_table *nodes, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(ctk_report_cell(nodes, i, "node"), name) == 0)
			return 1;
	return 0;
}

static void
network_edges(struct page *p, size_t n)
{
	const ctk_report_table *e = &p->fwd_edges;
	size_t i;

	putf(p, "<div class=\"scroll\"><table>\n<caption>%s</caption>\n"
	    "<thead><tr>", L(p, L_EDGES));
	th(p, L_FROM);
	th(p, L_TO);
	th(p, L_WEIGHT);
	put(p, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < e->nrows; i++) {
		if (!in_top_nodes(&p->fwd_nodes, n, ctk_report_cell(e, i,
		    "source")) || !in_top_nodes(&p->fwd_nodes, n,
		    ctk_report_cell(e, i, "target")))
			continue;
		put(p, "<tr>");
		td(p, ctk_report_cell(e, i, "source"), 0);
		td(p, ctk_report_cell(e, i, "target"), 0);
		td(p, ctk_report_cell(e, i, "weight"), 1);
		put(p, "</tr>\n");
	}
	put(p, "</tbody>\n</table></div>\n");
}

static void
forwards(struct page *p)
{
	size_t n = p->fwd_nodes.nrows < TOP_NETWORK ? p->fwd_nodes.nrows :
	    TOP_NETWORK;

	section_open(p, "forwards", L_FORWARDS);
	if (p->fwd_edges.nrows == 0) {
		putf(p, "<p>%s</p>\n</section>\n", L(p, L_NONE));
		return;
	}
	target_rows(p, &p->fwd_nodes, L_FWD_SOURCE, L_FWD_COUNT,
	    L_FWD_CHANNELS, 0, L(p, L_FWD_SOURCE));
	putf(p, "<h3>%s</h3>\n<figure>\n", L(p, L_NETWORK));
	if (ctk_report_network_svg(&p->out, &p->fwd_nodes, n, &p->fwd_edges,
	    L(p, L_NETWORK)) != 0)
		p->failed = 1;
	putf(p, "<figcaption>%s</figcaption>\n</figure>\n",
	    L(p, L_NETWORK_NOTE));
	network_edges(p, n);
	put(p, "</section>\n");
}

/* ---- notable messages ---- */

/* Only web links become anchors: a javascript: or data: URL in the
 * corpus stays text. */
static int
web_url(const char *u)
{
	return strncmp(u, "https://", 8) == 0 || strncmp(u, "http://", 7) == 0;
}

static void
message_cells(struct page *p, const ctk_report_notable *m)
{
	put(p, "<td class=\"d\">");
	day(p, m->date);
	put(p, "</td>");
	td(p, m->channel, 0);
	put(p, "<td class=\"msg\">");
	if (ctk_html_escape_excerpt(&p->out, m->text, m->text_len,
	    EXCERPT_CHARS) != 0)
		p->failed = 1;
	put(p, "</td><td>");
	if (web_url(m->url)) {
		put(p, "<a href=\"");
		text(p, m->url);
		putf(p, "\">%s</a>", L(p, L_OPEN));
	} else {
		text(p, m->id);
	}
	put(p, "</td>");
}

static void
notable_head(struct page *p, enum label cap, enum label count)
{
	putf(p, "<div class=\"scroll\"><table>\n<caption>%s</caption>\n"
	    "<thead><tr>", L(p, cap));
	th(p, count);
	th(p, L_DATE);
	th(p, L_CHANNEL);
	th(p, L_MESSAGE);
	th(p, L_LINK);
	put(p, "</tr></thead>\n<tbody>\n");
}

static int
copy_cmp(const void *pa, const void *pb)
{
	const ctk_counter_entry *a = *(ctk_counter_entry *const *)pa;
	const ctk_counter_entry *b = *(ctk_counter_entry *const *)pb;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	if (a->docs != b->docs)
		return a->docs > b->docs ? -1 : 1;
	return ctk_counter_keycmp(a, b);
}

static void
copied(struct page *p)
{
	size_t n = ctk_counter_size(p->r->copies), i, k = 0;
	ctk_counter_entry **v = malloc((n + 1) * sizeof *v);
	char num[32];

	if (v == NULL) {
		p->failed = 1;
		return;
	}
	for (i = 0; i < n; i++)
		if (ctk_counter_at(p->r->copies, i)->aux > 0)
			v[k++] = ctk_counter_at(p->r->copies, i);
	qsort(v, k, sizeof *v, copy_cmp);
	if (k == 0) {
		putf(p, "<p>%s%s%s</p>\n", L(p, L_COPIED), colon(p), L(p, L_NONE));
		free(v);
		return;
	}
	putf(p, "<div class=\"scroll\"><table>\n<caption>%s</caption>\n"
	    "<thead><tr>", L(p, L_COPIED));
	th(p, L_COPIES);
	th(p, L_FORWARDS);
	th(p, L_FIRST);
	th(p, L_MESSAGE);
	put(p, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < k && i < CTK_REPORT_TOP_MESSAGES; i++) {
		const ctk_report_notable *m = &p->r->copy_texts[v[i]->aux - 1];

		put(p, "<tr>");
		snprintf(num, sizeof num, "%lld", (long long)v[i]->count);
		td(p, num, 1);
		snprintf(num, sizeof num, "%lld", (long long)v[i]->docs);
		td(p, num, 1);
		num[0] = '\0';
		if (v[i]->value > 0)
			ctk_period_label(CTK_PERIOD_DAY, (long)v[i]->value - 1,
			    num, sizeof num);
		put(p, "<td class=\"d\">");
		text(p, num);
		put(p, "</td><td class=\"msg\">");
		if (ctk_html_escape_excerpt(&p->out, m->text, m->text_len,
		    EXCERPT_CHARS) != 0)
			p->failed = 1;
		put(p, "</td></tr>\n");
	}
	put(p, "</tbody>\n</table></div>\n");
	free(v);
}

static void
notable(struct page *p)
{
	char num[32];
	size_t i;

	section_open(p, "notable", L_NOTABLE);
	if (p->r->n_viewed == 0) {
		putf(p, "<p>%s%s%s</p>\n", L(p, L_MOST_VIEWED), colon(p),
		    L(p, L_NONE));
	} else {
		notable_head(p, L_MOST_VIEWED, L_VIEWS);
		for (i = 0; i < p->r->n_viewed; i++) {
			put(p, "<tr>");
			snprintf(num, sizeof num, "%lld",
			    (long long)p->r->viewed[i].count);
			td(p, num, 1);
			message_cells(p, &p->r->viewed[i]);
			put(p, "</tr>\n");
		}
		put(p, "</tbody>\n</table></div>\n");
	}
	copied(p);
	put(p, "</section>\n");
}

/* ---- method notes ---- */

static const char *const notes[][2] = {
	{ "<dt>Documents, dates, word tokens, distinct words</dt><dd>As "
	  "<code>ctk stats summary</code>: dates are RFC 3339 UTC and "
	  "compared as text. Tokens are those of <code>ctk tokenize "
	  "--stopwords fr,en --types word</code> (ICU word boundaries, NFC, "
	  "Unicode case folding); the stopword list of the document\xe2\x80\x99s "
	  "own language is removed too when ctk ships one.</dd>",
	  "<dt>Documents, dates, occurrences, mots distincts</dt><dd>Comme "
	  "<code>ctk stats summary</code> : les dates sont en RFC 3339 UTC et "
	  "compar\xc3\xa9" "es comme du texte. Les mots sont ceux de <code>ctk "
	  "tokenize --stopwords fr,en --types word</code> (fronti\xc3\xa8res de "
	  "mots ICU, NFC, pliage de casse Unicode) ; la liste de mots vides "
	  "de la langue du document est aussi retir\xc3\xa9" "e quand ctk en "
	  "fournit une.</dd>" },
	{ "<dt>Languages</dt><dd>The <code>lang</code> column; when it is "
	  "empty, <code>ctk classify lang</code> (naive Bayes over character "
	  "1- to 4-grams; <code>und</code> below a confidence of 0.5).</dd>",
	  "<dt>Langues</dt><dd>La colonne <code>lang</code> ; quand elle est "
	  "vide, <code>ctk classify lang</code> (Bayes na\xc3\xaf" "f sur les "
	  "n-grammes de 1 \xc3\xa0 4 caract\xc3\xa8res ; <code>und</code> sous une "
	  "confiance de 0,5).</dd>" },
	{ "<dt>Activity</dt><dd><code>ctk stats timeline --by channel "
	  "--unit day|week|month</code>: days when the dates span a month or "
	  "less, ISO 8601 weeks (Monday to Sunday) up to six months, months "
	  "beyond; periods without documents count 0.</dd>",
	  "<dt>Activit\xc3\xa9</dt><dd><code>ctk stats timeline --by channel "
	  "--unit day|week|month</code> : jours quand les dates couvrent un "
	  "mois ou moins, semaines ISO 8601 (lundi \xc3\xa0 dimanche) jusqu\xe2\x80\x99"
	  "\xc3\xa0 six mois, mois au-del\xc3\xa0 ; une p\xc3\xa9riode sans document "
	  "compte 0.</dd>" },
	{ "<dt>Top terms, hashtags</dt><dd><code>ctk stats freq --by lang "
	  "--top 20</code>: count = occurrences, documents = documents "
	  "containing the term, per million = count \xc3\x97 10\xe2\x81\xb6 / "
	  "word tokens of the language; rank = 1 + the number of terms with a "
	  "larger count. Hashtags are the hashtag tokens, case-folded, per "
	  "million of all hashtags.</dd>",
	  "<dt>Termes fr\xc3\xa9quents, hashtags</dt><dd><code>ctk stats freq "
	  "--by lang --top 20</code> : occurrences, documents contenant le "
	  "terme, par million = occurrences \xc3\x97 10\xe2\x81\xb6 / occurrences "
	  "de mots de la langue ; rang = 1 + le nombre de termes plus "
	  "fr\xc3\xa9quents. Les hashtags sont les jetons hashtag, casse "
	  "pli\xc3\xa9" "e, par million de hashtags.</dd>" },
	{ "<dt>Keywords</dt><dd><code>ctk stats keyness --target CHANNEL "
	  "--alpha 0.05 --top 15</code> on the word counts by channel (or the "
	  "corpus against the reference). For a word seen a times in a target "
	  "of n1 words and b times in a reference of n2 words, G2 = 2 \xce\xa3 O "
	  "ln(O/E) over the four cells of the table [[a, b], [n1 \xe2\x88\x92 a, "
	  "n2 \xe2\x88\x92 b]] (Dunning 1993, Computational Linguistics 19); "
	  "p is the chi-square tail with one degree of freedom, and only words "
	  "relatively more frequent in the target with p &lt; 0.05 are shown "
	  "(not corrected for the many words tested: a G2 above 15.13 is "
	  "p &lt; 0.0001). Log ratio = log2((a/n1) / (b/n2)), a zero count "
	  "taken as 0.5 (Hardie 2014): each point doubles the ratio.</dd>",
	  "<dt>Mots-cl\xc3\xa9s</dt><dd><code>ctk stats keyness --target CANAL "
	  "--alpha 0.05 --top 15</code> sur les occurrences par canal (ou le "
	  "corpus face \xc3\xa0 la r\xc3\xa9" "f\xc3\xa9rence). Pour un mot vu a fois "
	  "dans une cible de n1 mots et b fois dans une r\xc3\xa9" "f\xc3\xa9rence de "
	  "n2 mots, G2 = 2 \xce\xa3 O ln(O/E) sur les quatre cases du tableau "
	  "[[a, b], [n1 \xe2\x88\x92 a, n2 \xe2\x88\x92 b]] (Dunning 1993, "
	  "Computational Linguistics 19) ; p est la queue du khi-deux \xc3\xa0 un "
	  "degr\xc3\xa9 de libert\xc3\xa9, et seuls les mots relativement plus "
	  "fr\xc3\xa9quents dans la cible avec p &lt; 0,05 sont montr\xc3\xa9s (sans "
	  "correction pour le grand nombre de mots test\xc3\xa9s : un G2 "
	  "sup\xc3\xa9rieur \xc3\xa0 15,13 donne p &lt; 0,0001). Log ratio = "
	  "log2((a/n1) / (b/n2)), un compte nul valant 0,5 (Hardie 2014) : "
	  "chaque point double le rapport.</dd>" },
	{ "<dt>Domains, forwards</dt><dd><code>ctk stats network domain "
	  "--nodes</code> (host of each URL of the <code>links</code> column, "
	  "lower-cased, without www.) and <code>ctk stats network fwd</code> "
	  "(channel \xe2\x86\x92 <code>fwd_from</code>, one per forwarded "
	  "message); the drawing keeps the 30 nodes of largest total weight.</dd>",
	  "<dt>Domaines, transferts</dt><dd><code>ctk stats network domain "
	  "--nodes</code> (h\xc3\xb4te de chaque URL de la colonne "
	  "<code>links</code>, en minuscules, sans www.) et <code>ctk stats "
	  "network fwd</code> (canal \xe2\x86\x92 <code>fwd_from</code>, un par "
	  "message transf\xc3\xa9r\xc3\xa9) ; le dessin garde les 30 n\xc5\x93uds de "
	  "plus grand poids total.</dd>" },
	{ "<dt>Notable messages</dt><dd>The <code>views</code> column as "
	  "exported; copies are documents with the same <code>text_hash</code> "
	  "(the text after NFC, case folding and white space folding), "
	  "forwards the copies that have a <code>fwd_from</code>.</dd>",
	  "<dt>Messages remarquables</dt><dd>La colonne <code>views</code> "
	  "telle qu\xe2\x80\x99" "export\xc3\xa9" "e ; les copies sont les documents de "
	  "m\xc3\xaame <code>text_hash</code> (le texte apr\xc3\xa8s NFC, pliage de "
	  "casse et des espaces), les transferts les copies qui ont un "
	  "<code>fwd_from</code>.</dd>" },
};

static void
method(struct page *p)
{
	size_t i;

	section_open(p, "method", L_METHOD);
	putf(p, "<p>%s</p>\n<dl class=\"notes\">\n", L(p, L_NOTES_INTRO));
	for (i = 0; i < sizeof notes / sizeof notes[0]; i++) {
		put(p, notes[i][p->fr]);
		put(p, "\n");
	}
	put(p, "</dl>\n</section>\n");
}

/* ---- putting it together ---- */

static int
capture_all(struct page *p)
{
	struct freq_arg terms = { p->r->terms_lang, TOP_TERMS };
	struct freq_arg tags = { p->r->hashtags, TOP_TERMS };
	struct net_arg fn = { p->r->fwd, 1 }, fe = { p->r->fwd, 0 };
	struct net_arg dn = { p->r->domains, 1 };
	int rc;

	if ((rc = ctk_report_capture(write_summary, p->r->summary_all,
	    &p->summary)) != 0 ||
	    (rc = ctk_report_capture(write_summary, p->r->summary_channel,
	    &p->channels)) != 0 ||
	    (rc = ctk_report_capture(write_freq, &terms, &p->terms)) != 0 ||
	    (rc = ctk_report_capture(write_freq, &tags, &p->hashtags)) != 0 ||
	    (rc = ctk_report_capture(write_network, &fn, &p->fwd_nodes)) != 0 ||
	    (rc = ctk_report_capture(write_network, &fe, &p->fwd_edges)) != 0 ||
	    (rc = ctk_report_capture(write_network, &dn, &p->domain_nodes)) !=
	    0 ||
	    (rc = ctk_report_capture(write_timeline, p->r->days, &p->days)) !=
	    0)
		return rc;
	return 0;
}

/* The channel table, busiest first (then by name): the order of the
 * timeline series and of the keyword sections. */
static void
sort_channels(ctk_report_table *t)
{
	size_t i, j, k, nc = t->ncols;
	char **tmp;

	if (t->nrows < 2 || (tmp = malloc(nc * sizeof *tmp)) == NULL)
		return;
	/* insertion sort: summary rows come sorted by name, so a stable
	 * sort by documents keeps names in order among equals */
	for (i = 1; i < t->nrows; i++) {
		long long d = atoll(ctk_report_cell(t, i, "documents"));

		memcpy(tmp, &t->cells[i * nc], nc * sizeof *tmp);
		for (j = i; j > 0 && atoll(ctk_report_cell(t, j - 1,
		    "documents")) < d; j--)
			memcpy(&t->cells[j * nc], &t->cells[(j - 1) * nc],
			    nc * sizeof *tmp);
		for (k = 0; k < nc; k++)
			t->cells[j * nc + k] = tmp[k];
	}
	free(tmp);
}

static int
main_lang_is_fr(ctk_report *r)
{
	ctk_counter_entry **v = ctk_counter_sorted(r->langs);
	size_t i;
	int fr = 0;

	/* the most frequent identified language; und does not count */
	for (i = 0; v && i < ctk_counter_size(r->langs); i++) {
		if (strcmp(v[i]->key, "und") == 0)
			continue;
		fr = strcmp(v[i]->key, "fr") == 0;
		break;
	}
	free(v);
	return fr;
}

int
ctk_report_write(ctk_report *r, FILE *f, ctk_error *err)
{
	struct page p;
	int rc;

	memset(&p, 0, sizeof p);
	p.r = r;
	ctk_buf_init(&p.out);
	p.fr = r->o.ui_lang ? strcmp(r->o.ui_lang, "fr") == 0 :
	    main_lang_is_fr(r);
	rc = capture_all(&p);
	if (rc == 0) {
		sort_channels(&p.channels);
		page_head(&p);
		filters_line(&p);
		nav(&p);
		overview(&p);
		activity(&p);
		terms(&p);
		keywords(&p);
		hashtags(&p);
		domains(&p);
		forwards(&p);
		notable(&p);
		method(&p);
		put(&p, "</main>\n</body>\n</html>\n");
		rc = p.failed ? CTK_ENOMEM : 0;
	}
	if (rc == 0 && (fwrite(p.out.data, 1, p.out.len, f) != p.out.len ||
	    fflush(f) != 0))
		rc = CTK_EIO;
	ctk_report_table_release(&p.summary);
	ctk_report_table_release(&p.channels);
	ctk_report_table_release(&p.terms);
	ctk_report_table_release(&p.hashtags);
	ctk_report_table_release(&p.fwd_nodes);
	ctk_report_table_release(&p.fwd_edges);
	ctk_report_table_release(&p.domain_nodes);
	ctk_report_table_release(&p.days);
	ctk_buf_release(&p.out);
	if (rc != 0)
		ctk_error_set(err, rc, 0, 0, rc == CTK_EIO ?
		    "cannot write the report" : "out of memory");
	return rc;
}

/*
 * timeline: counts in a counter keyed "group\0ordinal"; groups in a
 * second counter so that they can be listed in order; the ordinal range
 * is tracked as counts arrive.
 */
#include "timeline.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "counter.h"
#include "xml.h"

struct ctk_timeline {
	enum ctk_period_unit unit;
	int unit_known;
	int grouped;
	ctk_counter *cells, *groups;
	long lo, hi;
	int any;
	int bars;		/* the chart being drawn has bars */
	ctk_buf key;
	int col_group, col_period, col_count;
};

ctk_timeline *
ctk_timeline_new(enum ctk_period_unit unit, int grouped)
{
	ctk_timeline *t = calloc(1, sizeof *t);

	if (t == NULL)
		return NULL;
	t->unit = unit;
	t->grouped = grouped;
	t->cells = ctk_counter_new();
	t->groups = ctk_counter_new();
	ctk_buf_init(&t->key);
	if (t->cells == NULL || t->groups == NULL) {
		ctk_timeline_free(t);
		return NULL;
	}
	return t;
}

void
ctk_timeline_free(ctk_timeline *t)
{
	if (t == NULL)
		return;
	ctk_counter_free(t->cells);
	ctk_counter_free(t->groups);
	ctk_buf_release(&t->key);
	free(t);
}

enum ctk_period_unit
ctk_timeline_unit(const ctk_timeline *t)
{
	return t->unit;
}

int
ctk_timeline_set_unit(ctk_timeline *t, enum ctk_period_unit unit)
{
	t->unit = unit;
	t->unit_known = 1;
	return 0;
}

static int
cell_key(ctk_timeline *t, const char *group, size_t group_len, long ord)
{
	ctk_buf_reset(&t->key);
	if (ctk_buf_append(&t->key, group, group_len) != 0 ||
	    ctk_buf_append_char(&t->key, '\0') != 0 ||
	    ctk_buf_printf(&t->key, "%ld", ord) != 0)
		return -1;
	return 0;
}

int
ctk_timeline_add(ctk_timeline *t, const char *group, size_t group_len,
    long ordinal, int64_t count)
{
	ctk_counter_entry *e;

	if (!t->grouped)
		group_len = 0;
	if (ctk_counter_get(t->groups, group, group_len, 1) == NULL ||
	    cell_key(t, group, group_len, ordinal) != 0 ||
	    (e = ctk_counter_get(t->cells, t->key.data, t->key.len, 1)) ==
	    NULL)
		return CTK_ENOMEM;
	e->count += count;
	if (!t->any || ordinal < t->lo)
		t->lo = ordinal;
	if (!t->any || ordinal > t->hi)
		t->hi = ordinal;
	t->any = 1;
	return 0;
}

static int
group_cmp(const void *pa, const void *pb)
{
	return ctk_counter_keycmp(*(ctk_counter_entry *const *)pa,
	    *(ctk_counter_entry *const *)pb);
}

/* The groups sorted bytewise; the caller frees the array. */
static ctk_counter_entry **
sorted_groups(ctk_timeline *t, size_t *n)
{
	ctk_counter_entry **v;
	size_t i;

	*n = ctk_counter_size(t->groups);
	v = malloc((*n + 1) * sizeof *v);
	if (v == NULL)
		return NULL;
	for (i = 0; i < *n; i++)
		v[i] = ctk_counter_at(t->groups, i);
	qsort(v, *n, sizeof *v, group_cmp);
	return v;
}

static int64_t
cell(ctk_timeline *t, const ctk_counter_entry *g, long ord)
{
	ctk_counter_entry *e;

	if (cell_key(t, g->key, g->len, ord) != 0)
		return 0;
	e = ctk_counter_get(t->cells, t->key.data, t->key.len, 0);
	return e ? e->count : 0;
}

int
ctk_timeline_write(ctk_timeline *t, ctk_tsv_writer *w)
{
	const char *names[] = { "group", "period", "count" };
	ctk_counter_entry **groups;
	char label[32], num[32];
	size_t n, i;
	long ord;
	int len;

	ctk_tsv_writer_header(w, t->grouped ? names : names + 1,
	    t->grouped ? 3 : 2);
	if (!t->any)
		return ctk_tsv_writer_status(w) == 0 ? 0 : CTK_EIO;
	groups = sorted_groups(t, &n);
	if (groups == NULL)
		return CTK_ENOMEM;
	for (i = 0; i < n; i++) {
		for (ord = t->lo; ord <= t->hi; ord++) {
			if (t->grouped)
				ctk_tsv_writer_field(w, groups[i]->key,
				    groups[i]->len);
			ctk_period_label(t->unit, ord, label, sizeof label);
			ctk_tsv_writer_field(w, label, strlen(label));
			len = snprintf(num, sizeof num, "%" PRId64,
			    cell(t, groups[i], ord));
			ctk_tsv_writer_field(w, num, (size_t)len);
			ctk_tsv_writer_end_record(w);
		}
	}
	free(groups);
	return ctk_tsv_writer_status(w) == 0 ? 0 : CTK_EIO;
}

int
ctk_timeline_load_header(ctk_timeline *t, const ctk_tsv_reader *r,
    ctk_error *err)
{
	t->col_group = ctk_tsv_col(r, "group");
	t->col_period = ctk_tsv_col(r, "period");
	t->col_count = ctk_tsv_col(r, "count");
	if (t->col_period < 0 || t->col_count < 0)
		return ctk_error_set(err, CTK_EFORMAT, 1, 0,
		    "not a timeline: columns period and count are needed");
	return 0;
}

int
ctk_timeline_load_row(ctk_timeline *t, const ctk_tsv_reader *r,
    ctk_error *err)
{
	const char *group = "", *period, *count_s;
	size_t group_len = 0;
	enum ctk_period_unit unit;
	long ord;
	long long count;
	char *end;

	if (t->col_group >= 0)
		group = ctk_tsv_field(r, (size_t)t->col_group, &group_len);
	period = ctk_tsv_field(r, (size_t)t->col_period, NULL);
	count_s = ctk_tsv_field(r, (size_t)t->col_count, NULL);
	if (ctk_period_parse_label(period, &unit, &ord) != 0)
		return ctk_error_set(err, CTK_EFORMAT, ctk_tsv_line(r), 0,
		    "not a period label: '%s'", period);
	if (t->unit_known && unit != t->unit)
		return ctk_error_set(err, CTK_EFORMAT, ctk_tsv_line(r), 0,
		    "period '%s' is not of the unit of the first table",
		    period);
	ctk_timeline_set_unit(t, unit);
	errno = 0;
	count = strtoll(count_s, &end, 10);
	if (*count_s < '0' || *count_s > '9' || *end != '\0' || errno != 0)
		return ctk_error_set(err, CTK_EFORMAT, ctk_tsv_line(r), 0,
		    "count is not a non-negative integer: '%s'", count_s);
	return ctk_timeline_add(t, group, group_len, ord, count) == 0 ? 0 :
	    ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
}

/* ---- SVG chart ---- */

#define SVG_W 900
#define SVG_H 420
#define PLOT_X 70
#define PLOT_Y 40
#define PLOT_W 600
#define PLOT_H 300

static int64_t
max_count(ctk_timeline *t, ctk_counter_entry **groups, size_t n)
{
	int64_t m = 0, c;
	size_t i;
	long ord;

	for (i = 0; i < n; i++) {
		for (ord = t->lo; ord <= t->hi; ord++) {
			c = cell(t, groups[i], ord);
			if (c > m)
				m = c;
		}
	}
	return m;
}

/* Lines run from edge to edge; bars sit in the middle of equal slots. */
static double
x_of(const ctk_timeline *t, long ord)
{
	long span = t->hi - t->lo;

	if (t->bars)
		return PLOT_X + ((double)(ord - t->lo) + 0.5) * PLOT_W /
		    (double)(span + 1);
	return PLOT_X + (span > 0 ? (double)(ord - t->lo) * PLOT_W / span :
	    PLOT_W / 2.0);
}

static void
svg_axes(ctk_timeline *t, FILE *f, int64_t top)
{
	char label[32];
	long ord, step = (t->hi - t->lo) / 6 + 1;
	int i;

	fprintf(f, "<g stroke=\"#444\" stroke-width=\"1\">\n"
	    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n"
	    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n</g>\n",
	    PLOT_X, PLOT_Y + PLOT_H, PLOT_X + PLOT_W, PLOT_Y + PLOT_H,
	    PLOT_X, PLOT_Y, PLOT_X, PLOT_Y + PLOT_H);
	fputs("<g font-family=\"sans-serif\" font-size=\"11\" fill=\"#222\">\n",
	    f);
	for (i = 0; i <= 4; i++) {
		double y = PLOT_Y + PLOT_H - (double)i * PLOT_H / 4;

		fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
		    "stroke=\"#ddd\"/>\n<text x=\"%d\" y=\"%.1f\" "
		    "text-anchor=\"end\">%.0f</text>\n", PLOT_X, y,
		    PLOT_X + PLOT_W, y, PLOT_X - 6, y + 4,
		    (double)top * i / 4);
	}
	for (ord = t->lo; ord <= t->hi; ord += step) {
		ctk_period_label(t->unit, ord, label, sizeof label);
		fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">"
		    "%s</text>\n", x_of(t, ord), PLOT_Y + PLOT_H + 18, label);
	}
	fputs("</g>\n", f);
}

static void
svg_series(ctk_timeline *t, FILE *f, const ctk_counter_entry *g,
    int64_t top, const char *color)
{
	long ord;
	double y;

	fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
	    "points=\"", color);
	for (ord = t->lo; ord <= t->hi; ord++) {
		y = PLOT_Y + PLOT_H - (double)cell(t, g, ord) * PLOT_H /
		    (double)top;
		fprintf(f, "%s%.1f,%.1f", ord > t->lo ? " " : "", x_of(t, ord),
		    y);
	}
	fputs("\"/>\n", f);
	if (t->hi - t->lo > 60)
		return;
	for (ord = t->lo; ord <= t->hi; ord++) {
		y = PLOT_Y + PLOT_H - (double)cell(t, g, ord) * PLOT_H /
		    (double)top;
		fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" "
		    "fill=\"%s\"/>\n", x_of(t, ord), y, color);
	}
}

/* One series alone reads best as bars, one per period. */
static void
svg_bars(ctk_timeline *t, FILE *f, const ctk_counter_entry *g, int64_t top,
    const char *color)
{
	long ord, n = t->hi - t->lo + 1;
	double w = (double)PLOT_W / (double)n * 0.8, h;

	if (w > 40)
		w = 40;
	for (ord = t->lo; ord <= t->hi; ord++) {
		h = (double)cell(t, g, ord) * PLOT_H / (double)top;
		fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"%.1f\" fill=\"%s\"/>\n", x_of(t, ord) - w / 2,
		    PLOT_Y + PLOT_H - h, w, h, color);
	}
}

int
ctk_timeline_svg(ctk_timeline *t, FILE *f, const char *title)
{
	static const char *const colors[] = { "#1f77b4", "#d62728",
	    "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
	    "#bcbd22", "#17becf" };
	ctk_counter_entry **groups;
	size_t n, i;
	int64_t top;

	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%d\" viewBox=\"0 0 %d %d\">\n"
	    "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
	    "<text x=\"%d\" y=\"24\" font-family=\"sans-serif\" "
	    "font-size=\"15\">", SVG_W, SVG_H, SVG_W, SVG_H, PLOT_X);
	ctk_xml_text(f, title, strlen(title));
	fputs("</text>\n", f);
	groups = t->any ? sorted_groups(t, &n) : NULL;
	if (t->any && groups == NULL)
		return CTK_ENOMEM;
	if (groups != NULL) {
		top = max_count(t, groups, n);
		if (top == 0)
			top = 1;
		t->bars = n == 1;
		svg_axes(t, f, top);
		for (i = 0; i < n; i++) {
			const char *color = colors[i % 10];

			if (n == 1)
				svg_bars(t, f, groups[i], top, color);
			else
				svg_series(t, f, groups[i], top, color);
			fprintf(f, "<rect x=\"%d\" y=\"%zu\" width=\"12\" "
			    "height=\"12\" fill=\"%s\"/>\n<text x=\"%d\" "
			    "y=\"%zu\" font-family=\"sans-serif\" "
			    "font-size=\"12\">", PLOT_X + PLOT_W + 20,
			    PLOT_Y + i * 20, color, PLOT_X + PLOT_W + 38,
			    PLOT_Y + i * 20 + 11);
			if (t->grouped)
				ctk_xml_text(f, groups[i]->key, groups[i]->len);
			else
				fputs("count", f);
			fputs("</text>\n", f);
		}
		free(groups);
	}
	fputs("</svg>\n", f);
	return ferror(f) ? CTK_EIO : 0;
}

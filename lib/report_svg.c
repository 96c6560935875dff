/*
 * report_svg: the charts of the report that ctk stats does not draw: a
 * horizontal bar chart and the forward network. Inline SVG for an
 * XHTML-compatible page: every label escaped, sizes in width/height and a
 * viewBox so that CSS can shrink the chart in a narrow window.
 */
#include "report_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"

/* The drawing being written; failed is set when memory runs out. */
struct svg {
	ctk_buf *out;
	int failed;
};

static void
put(struct svg *s, const char *text)
{
	if (ctk_buf_append_str(s->out, text) != 0)
		s->failed = 1;
}

static void
esc(struct svg *s, const char *text)
{
	if (ctk_html_escape(s->out, text, strlen(text)) != 0)
		s->failed = 1;
}

static void
putf(struct svg *s, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0 || ctk_buf_append(s->out, tmp, (size_t)n < sizeof tmp ?
	    (size_t)n : sizeof tmp - 1) != 0)
		s->failed = 1;
}

static void
svg_open(struct svg *s, int w, int h, const char *title, const char *id)
{
	putf(s, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
	    "aria-labelledby=\"%s\"><title id=\"%s\">", w, h, w, h, id, id);
	esc(s, title);
	put(s, "</title>\n");
}

int
ctk_report_bars_svg(ctk_buf *out, const char *const *labels,
    const double *values, size_t n, const char *title, const char *id)
{
	const int row = 22, left = 140, width = 560, bar_w = 360;
	struct svg s = { out, 0 };
	double top = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (values[i] > top)
			top = values[i];
	if (top <= 0)
		top = 1;
	svg_open(&s, width, (int)n * row + 10, title, id);
	put(&s, "<g font-family=\"sans-serif\" "
	    "font-size=\"13\">\n");
	for (i = 0; i < n; i++) {
		double w = values[i] / top * bar_w;
		int y = 5 + (int)i * row;

		putf(&s, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">",
		    left - 8, y + 15);
		esc(&s, labels[i]);
		putf(&s, "</text><rect x=\"%d\" y=\"%d\" width=\"%.1f\" "
		    "height=\"16\" fill=\"#1f77b4\"/><text x=\"%.1f\" y=\"%d\">"
		    "%.0f</text>\n", left, y + 2, w < 1 ? 1 : w,
		    left + (w < 1 ? 1 : w) + 6, y + 15, values[i]);
	}
	put(&s, "</g></svg>\n");
	return s.failed ? CTK_ENOMEM : 0;
}

/* ---- the forward network ---- */

#define NET_W 760
#define NET_H 560
#define NET_ITER 300

typedef struct node {
	const char *name;
	double x, y, dx, dy, weight;
} node;

typedef struct link {
	size_t a, b;
	double w;
} link;

static long
node_of(const node *v, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0)
			return (long)i;
	return -1;
}

/* Fruchterman and Reingold (1991): repulsion k^2/d between every pair,
 * attraction d^2/k along edges, moves capped by a temperature that cools
 * linearly. Starting on a circle makes the result deterministic. */
static void
layout(node *v, size_t n, const link *e, size_t ne)
{
	const double pi = 3.14159265358979323846;
	double k = sqrt((double)NET_W * NET_H / (double)(n ? n : 1)) * 0.6;
	double t = NET_W / 10.0, d, dx, dy, f;
	size_t i, j, it;

	for (i = 0; i < n; i++) {
		v[i].x = NET_W / 2.0 + NET_W / 3.0 * cos(2 * pi * (double)i /
		    (double)n);
		v[i].y = NET_H / 2.0 + NET_H / 3.0 * sin(2 * pi * (double)i /
		    (double)n);
	}
	for (it = 0; it < NET_ITER; it++) {
		for (i = 0; i < n; i++)
			v[i].dx = v[i].dy = 0;
		for (i = 0; i < n; i++) {
			for (j = i + 1; j < n; j++) {
				dx = v[i].x - v[j].x;
				dy = v[i].y - v[j].y;
				d = sqrt(dx * dx + dy * dy) + 0.01;
				f = k * k / d;
				v[i].dx += dx / d * f;
				v[i].dy += dy / d * f;
				v[j].dx -= dx / d * f;
				v[j].dy -= dy / d * f;
			}
		}
		for (i = 0; i < ne; i++) {
			node *a = &v[e[i].a], *b = &v[e[i].b];

			dx = a->x - b->x;
			dy = a->y - b->y;
			d = sqrt(dx * dx + dy * dy) + 0.01;
			f = d * d / k;
			a->dx -= dx / d * f;
			a->dy -= dy / d * f;
			b->dx += dx / d * f;
			b->dy += dy / d * f;
		}
		for (i = 0; i < n; i++) {
			/* a weak pull to the centre keeps parts together */
			v[i].dx += (NET_W / 2.0 - v[i].x) * 0.05;
			v[i].dy += (NET_H / 2.0 - v[i].y) * 0.05;
			d = sqrt(v[i].dx * v[i].dx + v[i].dy * v[i].dy) + 0.01;
			f = d < t ? d : t;
			v[i].x += v[i].dx / d * f;
			v[i].y += v[i].dy / d * f;
		}
		t = NET_W / 10.0 * (1.0 - (double)(it + 1) / NET_ITER) + 0.5;
	}
}

/* Scales the layout into the drawing, margins left for the labels. */
static void
fit(node *v, size_t n, int height)
{
	double x0 = 1e300, x1 = -1e300, y0 = 1e300, y1 = -1e300, sx, sy;
	size_t i;

	for (i = 0; i < n; i++) {
		x0 = fmin(x0, v[i].x);
		x1 = fmax(x1, v[i].x);
		y0 = fmin(y0, v[i].y);
		y1 = fmax(y1, v[i].y);
	}
	sx = x1 - x0 > 1 ? (NET_W - 240.0) / (x1 - x0) : 1;
	sy = y1 - y0 > 1 ? (height - 80.0) / (y1 - y0) : 1;
	for (i = 0; i < n; i++) {
		v[i].x = x1 - x0 > 1 ? 120 + (v[i].x - x0) * sx : NET_W / 2.0;
		v[i].y = y1 - y0 > 1 ? 30 + (v[i].y - y0) * sy : height / 2.0;
	}
}

static void
draw(struct svg *s, const node *v, size_t n, const link *e, size_t ne,
    double max_w, double max_nw)
{
	size_t i;

	put(s, "<defs><marker id=\"arrow\" viewBox=\"0 0 10 "
	    "10\" refX=\"10\" refY=\"5\" markerWidth=\"9\" markerHeight=\"9\" "
	    "markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#888\"/>"
	    "</marker></defs>\n<g stroke=\"#888\" fill=\"none\">\n");
	for (i = 0; i < ne; i++) {
		const node *a = &v[e[i].a], *b = &v[e[i].b];
		double dx = b->x - a->x, dy = b->y - a->y;
		double d = sqrt(dx * dx + dy * dy) + 0.01;
		double rb = 4 + 10 * sqrt(b->weight / max_nw);

		putf(s, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke-width=\"%.1f\" "
		    "marker-end=\"url(#arrow)\"/>\n", a->x, a->y,
		    b->x - dx / d * rb, b->y - dy / d * rb,
		    1 + 3 * e[i].w / max_w);
	}
	put(s, "</g>\n<g font-family=\"sans-serif\" "
	    "font-size=\"12\">\n");
	for (i = 0; i < n; i++) {
		double r = 4 + 10 * sqrt(v[i].weight / max_nw);

		/* labels under their node, on a white halo over edges */
		putf(s, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" "
		    "fill=\"#d62728\" fill-opacity=\"0.8\"/><text x=\"%.1f\" "
		    "y=\"%.1f\" text-anchor=\"middle\" paint-order=\"stroke\" "
		    "stroke=\"#fff\" stroke-width=\"3\">", v[i].x, v[i].y, r,
		    v[i].x, v[i].y + r + 13);
		esc(s, v[i].name);
		put(s, "</text>\n");
	}
	put(s, "</g>\n");
}

int
ctk_report_network_svg(ctk_buf *out, const ctk_report_table *nodes,
    size_t n, const ctk_report_table *edges, const char *title)
{
	node *v = calloc(n + 1, sizeof *v);
	link *e = calloc(edges->nrows + 1, sizeof *e);
	struct svg s = { out, 0 };
	double max_w = 1, max_nw = 1;
	size_t i, ne = 0;
	int height;
	long a, b;

	if (v == NULL || e == NULL) {
		free(v);
		free(e);
		return CTK_ENOMEM;
	}
	for (i = 0; i < n; i++) {
		v[i].name = ctk_report_cell(nodes, i, "node");
		v[i].weight = atof(ctk_report_cell(nodes, i, "in_weight")) +
		    atof(ctk_report_cell(nodes, i, "out_weight"));
		max_nw = fmax(max_nw, v[i].weight);
	}
	for (i = 0; i < edges->nrows; i++) {
		a = node_of(v, n, ctk_report_cell(edges, i, "source"));
		b = node_of(v, n, ctk_report_cell(edges, i, "target"));
		if (a < 0 || b < 0 || a == b)
			continue;
		e[ne].a = (size_t)a;
		e[ne].b = (size_t)b;
		e[ne].w = atof(ctk_report_cell(edges, i, "weight"));
		max_w = fmax(max_w, e[ne].w);
		ne++;
	}
	/* a few nodes need less room than thirty */
	height = n <= 4 ? 200 : n <= 10 ? 380 : NET_H;
	layout(v, n, e, ne);
	fit(v, n, height);
	svg_open(&s, NET_W, height, title, "fig-network");
	draw(&s, v, n, e, ne, max_w, max_nw);
	put(&s, "</svg>\n");
	free(v);
	free(e);
	return s.failed ? CTK_ENOMEM : 0;
}

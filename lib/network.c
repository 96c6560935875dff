/*
 * network: edges in a counter keyed "source\0target". Node tables are
 * computed at output time from the edges kept (after --min-count), so
 * that degrees describe the graph actually written.
 */
#include "network.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "utf8.h"
#include "counter.h"
#include "xml.h"

struct ctk_network {
	enum ctk_network_kind kind;
	ctk_counter *edges;
	ctk_buf key, tmp;
	int col_source, col_target, col_weight;
	/* one document's hashtags */
	struct tag { const char *s; size_t len; } *tags;
	size_t n_tags, cap_tags;
};

typedef struct edge {
	const char *s, *t;
	size_t slen, tlen;
	int64_t w;
} edge;

int
ctk_network_kind_parse(const char *name, enum ctk_network_kind *kind)
{
	static const char *const names[] = { "fwd", "mention", "hashtag",
	    "domain" };
	int i;

	for (i = 0; i < 4; i++) {
		if (strcmp(name, names[i]) == 0) {
			*kind = (enum ctk_network_kind)i;
			return 0;
		}
	}
	return -1;
}

const char *const *
ctk_network_columns(enum ctk_network_kind kind, size_t *n)
{
	static const char *const fwd[] = { "channel", "fwd_from" };
	static const char *const mention[] = { "author", "channel",
	    "mentions" };
	static const char *const hashtag[] = { "hashtags" };
	static const char *const domain[] = { "channel", "links" };

	switch (kind) {
	case CTK_NET_FWD:
		*n = 2;
		return fwd;
	case CTK_NET_MENTION:
		*n = 3;
		return mention;
	case CTK_NET_HASHTAG:
		*n = 1;
		return hashtag;
	default:
		*n = 2;
		return domain;
	}
}

ctk_network *
ctk_network_new(enum ctk_network_kind kind)
{
	ctk_network *net = calloc(1, sizeof *net);

	if (net == NULL)
		return NULL;
	net->kind = kind;
	ctk_buf_init(&net->key);
	ctk_buf_init(&net->tmp);
	net->edges = ctk_counter_new();
	if (net->edges == NULL) {
		free(net);
		return NULL;
	}
	return net;
}

void
ctk_network_free(ctk_network *net)
{
	if (net == NULL)
		return;
	ctk_counter_free(net->edges);
	ctk_buf_release(&net->key);
	ctk_buf_release(&net->tmp);
	free(net->tags);
	free(net);
}

int
ctk_network_add_edge(ctk_network *net, const char *source, size_t slen,
    const char *target, size_t tlen, int64_t weight)
{
	ctk_counter_entry *e;

	ctk_buf_reset(&net->key);
	if (ctk_buf_append(&net->key, source, slen) != 0 ||
	    ctk_buf_append_char(&net->key, '\0') != 0 ||
	    ctk_buf_append(&net->key, target, tlen) != 0 ||
	    (e = ctk_counter_get(net->edges, net->key.data, net->key.len,
	    1)) == NULL)
		return CTK_ENOMEM;
	e->count += weight;
	return 0;
}

/* Next space-separated item of s[*pos..len); 0 when none is left. */
static int
next_item(const char *s, size_t len, size_t *pos, const char **item,
    size_t *item_len)
{
	while (*pos < len && s[*pos] == ' ')
		(*pos)++;
	if (*pos >= len)
		return 0;
	*item = s + *pos;
	while (*pos < len && s[*pos] != ' ')
		(*pos)++;
	*item_len = (size_t)(s + *pos - *item);
	return 1;
}

/* The host of a URL, lower-cased, without "www.", into net->tmp. */
static int
url_host(ctk_network *net, const char *url, size_t len)
{
	const char *p = url, *end = url + len, *h;
	size_t i;

	for (i = 0; i + 2 < len; i++) {
		if (memcmp(url + i, "://", 3) == 0) {
			p = url + i + 3;
			break;
		}
	}
	h = p;
	while (h < end && *h != '/' && *h != '?' && *h != '#')
		h++;
	/* drop user info and port */
	for (i = (size_t)(h - p); i > 0; i--) {
		if (p[i - 1] == '@') {
			p += i;
			break;
		}
	}
	ctk_buf_reset(&net->tmp);
	for (; p < h && *p != ':'; p++) {
		if (ctk_buf_append_char(&net->tmp,
		    (char)tolower((unsigned char)*p)) != 0)
			return -1;
	}
	if (net->tmp.len > 4 && memcmp(net->tmp.data, "www.", 4) == 0) {
		memmove(net->tmp.data, net->tmp.data + 4, net->tmp.len - 4);
		net->tmp.len -= 4;
		net->tmp.data[net->tmp.len] = '\0';
	}
	return 0;
}

static int
add_items(ctk_network *net, const char *source, size_t slen,
    const char *list, size_t len)
{
	const char *item;
	size_t pos = 0, item_len;

	if (slen == 0)
		return 0;
	while (next_item(list, len, &pos, &item, &item_len)) {
		if (net->kind == CTK_NET_DOMAIN) {
			if (url_host(net, item, item_len) != 0)
				return CTK_ENOMEM;
			if (net->tmp.len == 0)
				continue;
			item = net->tmp.data;
			item_len = net->tmp.len;
		} else if (*item == '@') {
			item++;
			item_len--;
		}
		if (item_len > 0 && ctk_network_add_edge(net, source, slen,
		    item, item_len, 1) != 0)
			return CTK_ENOMEM;
	}
	return 0;
}

static int
tag_cmp(const void *pa, const void *pb)
{
	const struct tag *a = pa, *b = pb;
	int r = memcmp(a->s, b->s, a->len < b->len ? a->len : b->len);

	if (r != 0)
		return r;
	return (a->len > b->len) - (a->len < b->len);
}

/* Each pair of distinct hashtags of a document counts once. */
static int
add_cooccurrences(ctk_network *net, const char *list, size_t len)
{
	const char *item;
	size_t pos = 0, item_len, i, j, n = 0;

	net->n_tags = 0;
	while (next_item(list, len, &pos, &item, &item_len)) {
		if (net->n_tags == net->cap_tags) {
			size_t cap = net->cap_tags ? net->cap_tags * 2 : 16;
			struct tag *t = realloc(net->tags, cap * sizeof *t);

			if (t == NULL)
				return CTK_ENOMEM;
			net->tags = t;
			net->cap_tags = cap;
		}
		net->tags[net->n_tags].s = item;
		net->tags[net->n_tags++].len = item_len;
	}
	if (net->n_tags < 2)
		return 0;
	qsort(net->tags, net->n_tags, sizeof *net->tags, tag_cmp);
	for (i = 0; i < net->n_tags; i++) {
		if (n == 0 || tag_cmp(&net->tags[n - 1], &net->tags[i]) != 0)
			net->tags[n++] = net->tags[i];
	}
	for (i = 0; i < n; i++) {
		for (j = i + 1; j < n; j++) {
			if (ctk_network_add_edge(net, net->tags[i].s,
			    net->tags[i].len, net->tags[j].s, net->tags[j].len,
			    1) != 0)
				return CTK_ENOMEM;
		}
	}
	return 0;
}

int
ctk_network_add(ctk_network *net, const char *const *v, const size_t *lens)
{
	switch (net->kind) {
	case CTK_NET_FWD:
		if (lens[0] == 0 || lens[1] == 0)
			return 0;
		return ctk_network_add_edge(net, v[0], lens[0], v[1], lens[1],
		    1);
	case CTK_NET_MENTION:
		if (lens[0] > 0)
			return add_items(net, v[0], lens[0], v[2], lens[2]);
		return add_items(net, v[1], lens[1], v[2], lens[2]);
	case CTK_NET_HASHTAG:
		return add_cooccurrences(net, v[0], lens[0]);
	default:
		return add_items(net, v[0], lens[0], v[1], lens[1]);
	}
}

static int
edge_cmp(const void *pa, const void *pb)
{
	const edge *a = pa, *b = pb;
	int r;

	if (a->w != b->w)
		return a->w > b->w ? -1 : 1;
	r = ctk_bytes_cmp(a->s, a->slen, b->s, b->slen);
	return r != 0 ? r : ctk_bytes_cmp(a->t, a->tlen, b->t, b->tlen);
}

/* The edges kept, sorted; the caller frees the array. */
static edge *
sorted_edges(ctk_network *net, int64_t min_weight, size_t *n)
{
	size_t total = ctk_counter_size(net->edges), i;
	edge *v = malloc((total + 1) * sizeof *v);

	*n = 0;
	if (v == NULL)
		return NULL;
	for (i = 0; i < total; i++) {
		const ctk_counter_entry *e = ctk_counter_at(net->edges, i);
		edge *x = &v[*n];

		if (e->count < min_weight)
			continue;
		x->s = e->key;
		x->slen = strlen(e->key);
		x->t = e->key + x->slen + 1;
		x->tlen = e->len - x->slen - 1;
		x->w = e->count;
		(*n)++;
	}
	qsort(v, *n, sizeof *v, edge_cmp);
	return v;
}

static void
write_int(ctk_tsv_writer *w, int64_t v)
{
	char num[32];
	int len = snprintf(num, sizeof num, "%" PRId64, v);

	ctk_tsv_writer_field(w, num, (size_t)len);
}

int
ctk_network_write_edges(ctk_network *net, ctk_tsv_writer *w,
    int64_t min_weight)
{
	const char *names[] = { "source", "target", "weight" };
	size_t n, i;
	edge *v = sorted_edges(net, min_weight, &n);

	if (v == NULL)
		return CTK_ENOMEM;
	ctk_tsv_writer_header(w, names, 3);
	for (i = 0; i < n; i++) {
		ctk_tsv_writer_field(w, v[i].s, v[i].slen);
		ctk_tsv_writer_field(w, v[i].t, v[i].tlen);
		write_int(w, v[i].w);
		ctk_tsv_writer_end_record(w);
	}
	free(v);
	return ctk_tsv_writer_status(w) == 0 ? 0 : CTK_EIO;
}

/* Node totals, kept in counter entries: count = out weight, aux = in
 * weight, docs = out degree, last_doc = in degree. */
static ctk_counter *
node_table(const edge *v, size_t n)
{
	ctk_counter *nodes = ctk_counter_new();
	ctk_counter_entry *a, *b;
	size_t i;

	if (nodes == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		a = ctk_counter_get(nodes, v[i].s, v[i].slen, 1);
		b = a ? ctk_counter_get(nodes, v[i].t, v[i].tlen, 1) : NULL;
		if (b == NULL) {
			ctk_counter_free(nodes);
			return NULL;
		}
		a->count += v[i].w;
		a->docs++;
		b->aux += v[i].w;
		b->last_doc++;
	}
	return nodes;
}

static int
node_cmp(const void *pa, const void *pb)
{
	const ctk_counter_entry *a = *(ctk_counter_entry *const *)pa;
	const ctk_counter_entry *b = *(ctk_counter_entry *const *)pb;
	int64_t wa = a->count + a->aux, wb = b->count + b->aux;
	uint64_t da = (uint64_t)a->docs + a->last_doc;
	uint64_t db = (uint64_t)b->docs + b->last_doc;

	if (wa != wb)
		return wa > wb ? -1 : 1;
	if (da != db)
		return da > db ? -1 : 1;
	return ctk_counter_keycmp(a, b);
}

static ctk_counter_entry **
sorted_nodes(ctk_counter *nodes)
{
	size_t n = ctk_counter_size(nodes), i;
	ctk_counter_entry **v = malloc((n + 1) * sizeof *v);

	if (v == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		v[i] = ctk_counter_at(nodes, i);
	qsort(v, n, sizeof *v, node_cmp);
	return v;
}

int
ctk_network_write_nodes(ctk_network *net, ctk_tsv_writer *w,
    int64_t min_weight)
{
	const char *directed[] = { "node", "in_degree", "out_degree",
	    "in_weight", "out_weight" };
	const char *undirected[] = { "node", "degree", "weight" };
	int undir = net->kind == CTK_NET_HASHTAG;
	ctk_counter *nodes;
	ctk_counter_entry **v = NULL;
	size_t n, i;
	edge *e = sorted_edges(net, min_weight, &n);

	nodes = e ? node_table(e, n) : NULL;
	v = nodes ? sorted_nodes(nodes) : NULL;
	if (v == NULL) {
		free(e);
		ctk_counter_free(nodes);
		return CTK_ENOMEM;
	}
	ctk_tsv_writer_header(w, undir ? undirected : directed, undir ? 3 : 5);
	for (i = 0; i < ctk_counter_size(nodes); i++) {
		ctk_tsv_writer_field(w, v[i]->key, v[i]->len);
		if (undir) {
			write_int(w, v[i]->docs + (int64_t)v[i]->last_doc);
			write_int(w, v[i]->count + v[i]->aux);
		} else {
			write_int(w, (int64_t)v[i]->last_doc);
			write_int(w, v[i]->docs);
			write_int(w, v[i]->aux);
			write_int(w, v[i]->count);
		}
		ctk_tsv_writer_end_record(w);
	}
	free(v);
	free(e);
	ctk_counter_free(nodes);
	return ctk_tsv_writer_status(w) == 0 ? 0 : CTK_EIO;
}

static size_t
node_index(ctk_counter *nodes, const char *s, size_t len)
{
	return (size_t)ctk_counter_get(nodes, s, len, 0)->value;
}

int
ctk_network_write_graphml(ctk_network *net, FILE *f, int64_t min_weight)
{
	ctk_counter *nodes;
	ctk_counter_entry **v = NULL;
	size_t n, i;
	edge *e = sorted_edges(net, min_weight, &n);

	nodes = e ? node_table(e, n) : NULL;
	v = nodes ? sorted_nodes(nodes) : NULL;
	if (v == NULL) {
		free(e);
		ctk_counter_free(nodes);
		return CTK_ENOMEM;
	}
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
	    "<key id=\"label\" for=\"node\" attr.name=\"label\" "
	    "attr.type=\"string\"/>\n<key id=\"weight\" for=\"edge\" "
	    "attr.name=\"weight\" attr.type=\"double\"/>\n"
	    "<graph id=\"G\" edgedefault=\"%s\">\n",
	    net->kind == CTK_NET_HASHTAG ? "undirected" : "directed");
	for (i = 0; i < ctk_counter_size(nodes); i++) {
		v[i]->value = (double)i;
		fprintf(f, "<node id=\"n%zu\"><data key=\"label\">", i);
		ctk_xml_text(f, v[i]->key, v[i]->len);
		fputs("</data></node>\n", f);
	}
	for (i = 0; i < n; i++)
		fprintf(f, "<edge source=\"n%zu\" target=\"n%zu\"><data "
		    "key=\"weight\">%" PRId64 "</data></edge>\n",
		    node_index(nodes, e[i].s, e[i].slen),
		    node_index(nodes, e[i].t, e[i].tlen), e[i].w);
	fputs("</graph>\n</graphml>\n", f);
	free(v);
	free(e);
	ctk_counter_free(nodes);
	return ferror(f) ? CTK_EIO : 0;
}

int
ctk_network_load_header(ctk_network *net, const ctk_tsv_reader *r,
    ctk_error *err)
{
	net->col_source = ctk_tsv_col(r, "source");
	net->col_target = ctk_tsv_col(r, "target");
	net->col_weight = ctk_tsv_col(r, "weight");
	if (net->col_source < 0 || net->col_target < 0 || net->col_weight < 0)
		return ctk_error_set(err, CTK_EFORMAT, 1, 0,
		    "not an edge list: columns source, target and weight "
		    "are needed");
	return 0;
}

int
ctk_network_load_row(ctk_network *net, const ctk_tsv_reader *r,
    ctk_error *err)
{
	size_t slen, tlen;
	const char *s = ctk_tsv_field(r, (size_t)net->col_source, &slen);
	const char *t = ctk_tsv_field(r, (size_t)net->col_target, &tlen);
	const char *ws = ctk_tsv_field(r, (size_t)net->col_weight, NULL);
	char *end;
	long long wt;

	errno = 0;
	wt = strtoll(ws, &end, 10);
	if (*ws < '0' || *ws > '9' || *end != '\0' || errno != 0)
		return ctk_error_set(err, CTK_EFORMAT, ctk_tsv_line(r), 0,
		    "weight is not a non-negative integer: '%s'", ws);
	if (ctk_network_add_edge(net, s, slen, t, tlen, wt) != 0)
		return ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
	return 0;
}

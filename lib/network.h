/*
 * network: weighted edge lists drawn from the document stream.
 *   fwd      channel -> fwd_from (weight: forwarded messages)
 *   mention  author, or channel when author is empty -> mentioned name
 *            (a leading @ removed; weight: mentions)
 *   hashtag  hashtag -- hashtag, both in one document (undirected: source
 *            is the bytewise smaller; weight: documents)
 *   domain   channel -> host of each link (lower-cased, "www." removed;
 *            weight: links)
 * Edges: source target weight, by weight descending, then source and
 * target bytewise. Nodes: node in_degree out_degree in_weight out_weight
 * (hashtag: node degree weight), by weight then degree descending, then
 * node. GraphML for Gephi carries the weight as an edge attribute.
 */
#ifndef CTK_NETWORK_H
#define CTK_NETWORK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"
#include "tsv.h"

enum ctk_network_kind {
	CTK_NET_FWD,
	CTK_NET_MENTION,
	CTK_NET_HASHTAG,
	CTK_NET_DOMAIN
};

int ctk_network_kind_parse(const char *name, enum ctk_network_kind *kind);

/* The stream columns a kind reads, in the order ctk_network_add wants
 * them: fwd: channel fwd_from; mention: author channel mentions; hashtag:
 * hashtags; domain: channel links. */
const char *const *ctk_network_columns(enum ctk_network_kind kind,
    size_t *n);

typedef struct ctk_network ctk_network;

ctk_network *ctk_network_new(enum ctk_network_kind kind);
void ctk_network_free(ctk_network *net);

/* Adds the edges of one document from its column values. 0 or
 * CTK_ENOMEM. */
int ctk_network_add(ctk_network *net, const char *const *values,
    const size_t *lens);

/* Adds weight to the edge source -> target (merge). */
int ctk_network_add_edge(ctk_network *net, const char *source, size_t slen,
    const char *target, size_t tlen, int64_t weight);

int ctk_network_write_edges(ctk_network *net, ctk_tsv_writer *w,
    int64_t min_weight);
int ctk_network_write_nodes(ctk_network *net, ctk_tsv_writer *w,
    int64_t min_weight);
int ctk_network_write_graphml(ctk_network *net, FILE *f,
    int64_t min_weight);

/* Merging edge lists: header (source target weight) and rows. */
int ctk_network_load_header(ctk_network *net, const ctk_tsv_reader *r,
    ctk_error *err);
int ctk_network_load_row(ctk_network *net, const ctk_tsv_reader *r,
    ctk_error *err);

#endif

/*
 * dispersion: how evenly terms spread over the parts of a corpus (the
 * values of a column such as channel, or the documents themselves).
 *
 * Output columns: term count docs parts range range_pct juilland_d, one
 * row per term in the order given: count = occurrences, docs = documents
 * containing the term, parts = number of parts holding tokens (an empty
 * document is not a part), range = parts containing
 * the term, range_pct = 100 range / parts, juilland_d as in assoc.h
 * (empty when undefined: fewer than two parts, or a term never seen).
 */
#ifndef CTK_DISPERSION_H
#define CTK_DISPERSION_H

#include <stddef.h>

#include "docstream.h"
#include "tsv.h"

typedef struct ctk_dispersion ctk_dispersion;

/* terms are copied (give them folded). */
ctk_dispersion *ctk_dispersion_new(const char *const *terms, size_t n);
void ctk_dispersion_free(ctk_dispersion *d);

/* Adds a document belonging to part. 0 or CTK_ENOMEM. */
int ctk_dispersion_add(ctk_dispersion *d, const char *part, size_t part_len,
    const ctk_doc *doc);

int ctk_dispersion_write(ctk_dispersion *d, ctk_tsv_writer *w, int exact);

#endif

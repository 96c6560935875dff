/*
 * model: a trained supervised text classifier (multinomial naive Bayes or
 * logistic regression over hashed features, see ctk_features.h), its
 * training set in memory, prediction, and the .ctkm file format.
 *
 * Both kinds share one shape: per class two numbers, and per feature
 * bucket seen in training (a "row") one number per class. Prediction is
 *	score(c) = bias(c) + sum over the document's buckets b of x_b w(b,c)
 * followed by a softmax, where for naive Bayes x is the count vector,
 * bias(c) = log(docs(c) / docs), w(b,c) = log((n(b,c) + alpha) /
 * (total(c) + alpha R)) with R the number of rows; and for logistic
 * regression x is the count vector scaled to unit Euclidean length and
 * bias and w are the learnt weights. Buckets that were never seen in
 * training are ignored.
 *
 * File format, version 1 (all integers little-endian, floats IEEE 754
 * binary64 little-endian):
 *	0   4  magic "CTKM"
 *	4   4  format version (1)
 *	8   8  length of the whole file in bytes
 *	16  4  kind: 1 naive Bayes, 2 logistic regression
 *	20  4  hash bits k (buckets 0 .. 2^k - 1)
 *	24  4  n-gram order (1 unigrams, 2 unigrams and bigrams)
 *	28  4  number of classes C
 *	32  4  number of rows R
 *	36  8  alpha (naive Bayes smoothing) or L2 strength (logistic)
 *	44     C class names, each a 4-byte length and its UTF-8 bytes,
 *	       in byte order
 *	       C numbers a(c): documents of class c (NB) or bias (LR)
 *	       C numbers t(c): total feature count of c (NB) or 0 (LR)
 *	       R 4-byte buckets, strictly increasing
 *	       R x C numbers, row by row: n(b,c) (NB) or w(b,c) (LR)
 *	end-4 4 CRC-32 (the zlib polynomial) of every byte before it
 */
#ifndef CTK_MODEL_H
#define CTK_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "ctk_features.h"
#include "error.h"

#define CTK_MODEL_VERSION 1

enum ctk_model_kind {
	CTK_MODEL_NB = 1,
	CTK_MODEL_LOGREG = 2
};

typedef struct ctk_model {
	int kind;
	unsigned bits;
	unsigned ngrams;
	double param;		/* alpha (NB) or L2 strength (LR) */
	size_t n_classes;
	char **classes;		/* sorted by bytes */
	double *class_a;	/* docs (NB) or bias (LR), per class */
	double *class_t;	/* total count (NB) or 0 (LR), per class */
	size_t n_rows;
	size_t cap_rows;
	uint32_t *row_bucket;	/* increasing once finished */
	double *row_value;	/* n_rows x n_classes */
	int32_t *index;		/* 2^bits entries: bucket -> row or -1 */
	double *bias;		/* derived scores, see above */
	double *weight;		/* n_rows x n_classes, derived */
} ctk_model;

/* A labelled training set in memory: documents as sparse feature vectors
 * and class indexes. */
typedef struct ctk_dataset {
	size_t n_docs;
	size_t cap_docs;
	size_t *offset;		/* features of doc i: [offset[i], offset[i+1]) */
	size_t *label;		/* class index of doc i */
	uint32_t *bucket;
	float *value;
	size_t n_feats;
	size_t cap_feats;
	char **classes;
	size_t n_classes;
	size_t cap_classes;
} ctk_dataset;

void ctk_dataset_init(ctk_dataset *ds);
void ctk_dataset_release(ctk_dataset *ds);
/* Adds one document with features v and class label[0..len). */
int ctk_dataset_add(ctk_dataset *ds, const ctk_fvec *v, const char *label,
    size_t len, ctk_error *err);
/* Sorts the class names by bytes and renumbers the labels; call once all
 * documents are in, before training. */
void ctk_dataset_sort_classes(ctk_dataset *ds);
/* Number of documents of each class, into count[0..n_classes). */
void ctk_dataset_class_counts(const ctk_dataset *ds, const size_t *docs,
    size_t n, size_t *count);

typedef struct ctk_train_options {
	int kind;		/* CTK_MODEL_NB or CTK_MODEL_LOGREG */
	unsigned bits;		/* as given to ctk_features_hash */
	unsigned ngrams;
	double alpha;		/* NB additive smoothing (> 0) */
	double l2;		/* LR L2 strength (>= 0) */
	double rate;		/* LR initial learning rate (> 0) */
	unsigned epochs;	/* LR passes over the data (> 0) */
	uint64_t seed;		/* LR shuffling */
} ctk_train_options;

/* Sets the documented defaults (NB, 20 bits, bigrams, ...). */
void ctk_train_options_default(ctk_train_options *o);

/* Trains on the documents docs[0..n) of ds (all classes of ds are kept,
 * even those without a document in docs). Returns NULL with err filled
 * when there is no document. Free with ctk_model_free(). */
ctk_model *ctk_model_train(const ctk_dataset *ds, const size_t *docs,
    size_t n, const ctk_train_options *o, ctk_error *err);
void ctk_model_free(ctk_model *m);

/* Class probabilities of the document v, into prob[0..n_classes). */
void ctk_model_predict(const ctk_model *m, const ctk_fvec *v, double *prob);
/* The k most probable classes in order (ties: class order) into
 * top[0..k); k <= n_classes. */
void ctk_model_top(const ctk_model *m, const double *prob, size_t *top,
    size_t k);

/* Writes m to path (through a temporary file renamed into place). */
int ctk_model_save(const ctk_model *m, const char *path, ctk_error *err);
/* Serializes m into out (appending). */
int ctk_model_serialize(const ctk_model *m, struct ctk_buf *out,
    ctk_error *err);
/* Reads a model; NULL with err filled when the file cannot be read, is
 * not a model, is truncated or corrupt, or is of a newer version. */
ctk_model *ctk_model_load(const char *path, ctk_error *err);
ctk_model *ctk_model_parse(const unsigned char *data, size_t len,
    ctk_error *err);

/* ---- for nbayes.c and logreg.c ---- */

/* A model with the given shape and no rows; classes are copied. */
ctk_model *ctk_model_new(int kind, unsigned bits, unsigned ngrams,
    char *const *classes, size_t n_classes, ctk_error *err);
/* Row of bucket b, created (values 0) when absent; -1 out of memory. */
long ctk_model_row(ctk_model *m, uint32_t b);
/* Sorts the rows by bucket and computes the derived scores. */
int ctk_model_finish(ctk_model *m, ctk_error *err);

/* Trainers behind ctk_model_train (nbayes.c, logreg.c). */
ctk_model *ctk_nb_train(const ctk_dataset *ds, const size_t *docs, size_t n,
    const ctk_train_options *o, ctk_error *err);
ctk_model *ctk_logreg_train(const ctk_dataset *ds, const size_t *docs,
    size_t n, const ctk_train_options *o, ctk_error *err);

#endif

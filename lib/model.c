/*
 * model: the shared shape of the classifiers, the training set, prediction
 * and the .ctkm file format (documented in model.h and ctk-classify(1)).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "buf.h"
#include "model.h"
#include "utf8.h"

static int
nomem(ctk_error *err)
{
	return ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
}

/* ---- training set ---- */

void
ctk_dataset_init(ctk_dataset *ds)
{
	memset(ds, 0, sizeof *ds);
}

void
ctk_dataset_release(ctk_dataset *ds)
{
	size_t i;

	for (i = 0; i < ds->n_classes; i++)
		free(ds->classes[i]);
	free(ds->classes);
	free(ds->offset);
	free(ds->label);
	free(ds->bucket);
	free(ds->value);
	memset(ds, 0, sizeof *ds);
}


static long
class_of(ctk_dataset *ds, const char *label, size_t len)
{
	size_t i;
	char *name;

	for (i = ds->n_classes; i-- > 0;)
		if (strlen(ds->classes[i]) == len &&
		    memcmp(ds->classes[i], label, len) == 0)
			return (long)i;
	if (ctk_grow_array((void **)&ds->classes, &ds->cap_classes, ds->n_classes + 1,
	    sizeof *ds->classes) < 0 || (name = malloc(len + 1)) == NULL)
		return -1;
	memcpy(name, label, len);
	name[len] = '\0';
	ds->classes[ds->n_classes] = name;
	return (long)ds->n_classes++;
}

int
ctk_dataset_add(ctk_dataset *ds, const ctk_fvec *v, const char *label,
    size_t len, ctk_error *err)
{
	size_t cap_offset = ds->cap_docs, cap_label = ds->cap_docs;
	long c;

	if ((c = class_of(ds, label, len)) < 0)
		return nomem(err);
	if (ctk_grow_array((void **)&ds->offset, &cap_offset, ds->n_docs + 2,
	    sizeof *ds->offset) < 0 ||
	    ctk_grow_array((void **)&ds->label, &cap_label, ds->n_docs + 2,
	    sizeof *ds->label) < 0)
		return nomem(err);
	ds->cap_docs = cap_offset < cap_label ? cap_offset : cap_label;
	{
		size_t cap_b = ds->cap_feats, cap_v = ds->cap_feats;

		if (ctk_grow_array((void **)&ds->bucket, &cap_b, ds->n_feats + v->n,
		    sizeof *ds->bucket) < 0 ||
		    ctk_grow_array((void **)&ds->value, &cap_v, ds->n_feats + v->n,
		    sizeof *ds->value) < 0)
			return nomem(err);
		ds->cap_feats = cap_b < cap_v ? cap_b : cap_v;
	}
	if (ds->n_docs == 0)
		ds->offset[0] = 0;
	memcpy(ds->bucket + ds->n_feats, v->bucket, v->n * sizeof *v->bucket);
	memcpy(ds->value + ds->n_feats, v->value, v->n * sizeof *v->value);
	ds->n_feats += v->n;
	ds->label[ds->n_docs] = (size_t)c;
	ds->offset[++ds->n_docs] = ds->n_feats;
	return 0;
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
ctk_dataset_sort_classes(ctk_dataset *ds)
{
	char **sorted;
	size_t *newidx, i, j;

	if (ds->n_classes < 2)
		return;
	sorted = malloc(ds->n_classes * sizeof *sorted);
	newidx = malloc(ds->n_classes * sizeof *newidx);
	if (sorted == NULL || newidx == NULL) {
		free(sorted);
		free(newidx);
		return;		/* order stays that of first appearance */
	}
	memcpy(sorted, ds->classes, ds->n_classes * sizeof *sorted);
	qsort(sorted, ds->n_classes, sizeof *sorted, cmp_name);
	for (i = 0; i < ds->n_classes; i++)
		for (j = 0; j < ds->n_classes; j++)
			if (sorted[j] == ds->classes[i])
				newidx[i] = j;
	for (i = 0; i < ds->n_docs; i++)
		ds->label[i] = newidx[ds->label[i]];
	memcpy(ds->classes, sorted, ds->n_classes * sizeof *sorted);
	free(sorted);
	free(newidx);
}

void
ctk_dataset_class_counts(const ctk_dataset *ds, const size_t *docs, size_t n,
    size_t *count)
{
	size_t i;

	memset(count, 0, ds->n_classes * sizeof *count);
	for (i = 0; i < n; i++)
		count[ds->label[docs[i]]]++;
}

/* ---- the model ---- */

void
ctk_train_options_default(ctk_train_options *o)
{
	o->kind = CTK_MODEL_NB;
	o->bits = 20;
	o->ngrams = 2;
	o->alpha = 0.1;
	o->l2 = 1e-6;
	o->rate = 2.0;
	o->epochs = 20;
	o->seed = 1;
}

void
ctk_model_free(ctk_model *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->n_classes; i++)
		free(m->classes[i]);
	free(m->classes);
	free(m->class_a);
	free(m->class_t);
	free(m->row_bucket);
	free(m->row_value);
	free(m->index);
	free(m->bias);
	free(m->weight);
	free(m);
}

ctk_model *
ctk_model_new(int kind, unsigned bits, unsigned ngrams, char *const *classes,
    size_t n_classes, ctk_error *err)
{
	ctk_model *m = calloc(1, sizeof *m);
	size_t i, nb = (size_t)1 << bits;

	if (m == NULL)
		goto fail;
	m->kind = kind;
	m->bits = bits;
	m->ngrams = ngrams;
	m->n_classes = n_classes;
	m->classes = calloc(n_classes ? n_classes : 1, sizeof *m->classes);
	m->class_a = calloc(n_classes ? n_classes : 1, sizeof *m->class_a);
	m->class_t = calloc(n_classes ? n_classes : 1, sizeof *m->class_t);
	m->index = malloc(nb * sizeof *m->index);
	if (m->classes == NULL || m->class_a == NULL || m->class_t == NULL ||
	    m->index == NULL)
		goto fail;
	for (i = 0; i < n_classes; i++)
		if ((m->classes[i] = strdup(classes[i])) == NULL)
			goto fail;
	memset(m->index, 0xff, nb * sizeof *m->index);	/* all -1 */
	return m;
fail:
	ctk_model_free(m);
	nomem(err);
	return NULL;
}

long
ctk_model_row(ctk_model *m, uint32_t b)
{
	size_t r, ncap;
	void *p;

	if (m->index[b] >= 0)
		return m->index[b];
	if (m->n_rows == m->cap_rows) {
		ncap = m->cap_rows ? 2 * m->cap_rows : 1024;
		if ((p = realloc(m->row_bucket, ncap * sizeof *m->row_bucket))
		    == NULL)
			return -1;
		m->row_bucket = p;
		if ((p = realloc(m->row_value, ncap * m->n_classes *
		    sizeof *m->row_value)) == NULL)
			return -1;
		m->row_value = p;
		m->cap_rows = ncap;
	}
	r = m->n_rows++;
	m->row_bucket[r] = b;
	memset(m->row_value + r * m->n_classes, 0,
	    m->n_classes * sizeof *m->row_value);
	m->index[b] = (int32_t)r;
	return (long)r;
}

/* Puts the rows in bucket order, walking the index. */
static int
sort_rows(ctk_model *m)
{
	size_t nb = (size_t)1 << m->bits, b, r = 0, C = m->n_classes;
	uint32_t *bucket = malloc((m->n_rows ? m->n_rows : 1) * sizeof *bucket);
	double *value = malloc((m->n_rows ? m->n_rows : 1) * C * sizeof *value);

	if (bucket == NULL || value == NULL) {
		free(bucket);
		free(value);
		return -1;
	}
	for (b = 0; b < nb; b++) {
		if (m->index[b] < 0)
			continue;
		bucket[r] = (uint32_t)b;
		/* an index entry >= 0 means row_value holds that row */
		/* NOLINTNEXTLINE(clang-analyzer-core.NonNullParamChecker) */
		memcpy(value + r * C, m->row_value + (size_t)m->index[b] * C,
		    C * sizeof *value);
		m->index[b] = (int32_t)r++;
	}
	free(m->row_bucket);
	free(m->row_value);
	m->row_bucket = bucket;
	m->row_value = value;
	m->cap_rows = m->n_rows;
	return 0;
}

static void
derive_nb(ctk_model *m)
{
	size_t C = m->n_classes, c, r;
	double docs = 0, denom;

	for (c = 0; c < C; c++)
		docs += m->class_a[c];
	for (c = 0; c < C; c++) {
		m->bias[c] = m->class_a[c] > 0 ? log(m->class_a[c] / docs) :
		    -HUGE_VAL;
		denom = log(m->class_t[c] + m->param * (double)m->n_rows);
		for (r = 0; r < m->n_rows; r++)
			m->weight[r * C + c] =
			    log(m->row_value[r * C + c] + m->param) - denom;
	}
}

int
ctk_model_finish(ctk_model *m, ctk_error *err)
{
	size_t C = m->n_classes, n = m->n_rows ? m->n_rows : 1;

	if (sort_rows(m) < 0)
		return nomem(err);
	free(m->bias);
	free(m->weight);
	m->bias = malloc(C * sizeof *m->bias);
	m->weight = malloc(n * C * sizeof *m->weight);
	if (m->bias == NULL || m->weight == NULL)
		return nomem(err);
	if (m->kind == CTK_MODEL_NB) {
		derive_nb(m);
	} else {
		memcpy(m->bias, m->class_a, C * sizeof *m->bias);
		memcpy(m->weight, m->row_value, m->n_rows * C *
		    sizeof *m->weight);
	}
	return 0;
}

ctk_model *
ctk_model_train(const ctk_dataset *ds, const size_t *docs, size_t n,
    const ctk_train_options *o, ctk_error *err)
{
	if (n == 0 || ds->n_classes == 0) {
		ctk_error_set(err, CTK_EUSAGE, 0, 0,
		    "no labelled documents to train on");
		return NULL;
	}
	if (o->kind == CTK_MODEL_LOGREG)
		return ctk_logreg_train(ds, docs, n, o, err);
	return ctk_nb_train(ds, docs, n, o, err);
}

void
ctk_model_predict(const ctk_model *m, const ctk_fvec *v, double *prob)
{
	size_t C = m->n_classes, c, i;
	double scale = 1, norm = 0, max = -HUGE_VAL, sum = 0;
	const double *w;
	int32_t r;

	if (m->kind == CTK_MODEL_LOGREG) {
		for (i = 0; i < v->n; i++)
			norm += (double)v->value[i] * v->value[i];
		scale = norm > 0 ? 1 / sqrt(norm) : 1;
	}
	memcpy(prob, m->bias, C * sizeof *prob);
	for (i = 0; i < v->n; i++) {
		if (v->bucket[i] >> m->bits != 0 ||
		    (r = m->index[v->bucket[i]]) < 0)
			continue;
		w = m->weight + (size_t)r * C;
		for (c = 0; c < C; c++)
			prob[c] += scale * v->value[i] * w[c];
	}
	for (c = 0; c < C; c++)
		if (prob[c] > max)
			max = prob[c];
	for (c = 0; c < C; c++)
		sum += prob[c] = exp(prob[c] - max);
	for (c = 0; c < C; c++)
		prob[c] /= sum;
}

void
ctk_model_top(const ctk_model *m, const double *prob, size_t *top, size_t k)
{
	size_t i, j, best;
	int taken;

	for (i = 0; i < k; i++) {
		best = m->n_classes;
		for (j = 0; j < m->n_classes; j++) {
			size_t t;

			for (taken = 0, t = 0; t < i; t++)
				if (top[t] == j)
					taken = 1;
			if (!taken && (best == m->n_classes ||
			    prob[j] > prob[best]))
				best = j;
		}
		top[i] = best;
	}
}

/* ---- the file format ---- */

static int
put_u32(ctk_buf *b, uint32_t x)
{
	unsigned char p[4];
	int i;

	for (i = 0; i < 4; i++)
		p[i] = (unsigned char)(x >> (8 * i));
	return ctk_buf_append(b, p, 4);
}

static int
put_u64(ctk_buf *b, uint64_t x)
{
	unsigned char p[8];
	int i;

	for (i = 0; i < 8; i++)
		p[i] = (unsigned char)(x >> (8 * i));
	return ctk_buf_append(b, p, 8);
}

static int
put_f64(ctk_buf *b, double d)
{
	uint64_t x;

	memcpy(&x, &d, 8);
	return put_u64(b, x);
}

int
ctk_model_serialize(const ctk_model *m, ctk_buf *b, ctk_error *err)
{
	size_t C = m->n_classes, i, start = b->len, len_at;
	int rc = 0;
	uint64_t total;
	unsigned char *p;

	rc |= ctk_buf_append(b, "CTKM", 4);
	rc |= put_u32(b, CTK_MODEL_VERSION);
	len_at = b->len;
	rc |= put_u64(b, 0);	/* the length, filled in below */
	rc |= put_u32(b, (uint32_t)m->kind);
	rc |= put_u32(b, m->bits);
	rc |= put_u32(b, m->ngrams);
	rc |= put_u32(b, (uint32_t)C);
	rc |= put_u32(b, (uint32_t)m->n_rows);
	rc |= put_f64(b, m->param);
	for (i = 0; i < C; i++) {
		rc |= put_u32(b, (uint32_t)strlen(m->classes[i]));
		rc |= ctk_buf_append_str(b, m->classes[i]);
	}
	for (i = 0; i < C; i++)
		rc |= put_f64(b, m->class_a[i]);
	for (i = 0; i < C; i++)
		rc |= put_f64(b, m->class_t[i]);
	for (i = 0; i < m->n_rows; i++)
		rc |= put_u32(b, m->row_bucket[i]);
	for (i = 0; i < m->n_rows * C; i++)
		rc |= put_f64(b, m->row_value[i]);
	if (rc != 0)
		return nomem(err);
	total = (uint64_t)(b->len - start + 4);
	p = (unsigned char *)b->data + len_at;
	for (i = 0; i < 8; i++)
		p[i] = (unsigned char)(total >> (8 * i));
	if (put_u32(b, (uint32_t)crc32(0L, (const Bytef *)b->data + start,
	    (uInt)(b->len - start))) < 0)
		return nomem(err);
	return 0;
}

int
ctk_model_save(const ctk_model *m, const char *path, ctk_error *err)
{
	ctk_buf b = CTK_BUF_INIT, tmp = CTK_BUF_INIT;
	FILE *f;
	int rc;

	if ((rc = ctk_model_serialize(m, &b, err)) < 0)
		goto out;
	if (ctk_buf_printf(&tmp, "%s.tmp", path) < 0) {
		rc = nomem(err);
		goto out;
	}
	if ((f = fopen(tmp.data, "wb")) == NULL) {
		rc = ctk_error_set(err, CTK_EIO, 0, 0,
		    "cannot open for writing: %s", strerror(errno));
		goto out;
	}
	if (fwrite(b.data, 1, b.len, f) != b.len || fclose(f) != 0) {
		rc = ctk_error_set(err, CTK_EIO, 0, 0, "cannot write: %s",
		    strerror(errno));
		remove(tmp.data);
		goto out;
	}
	if (rename(tmp.data, path) != 0) {
		rc = ctk_error_set(err, CTK_EIO, 0, 0, "cannot rename %s: %s",
		    tmp.data, strerror(errno));
		remove(tmp.data);
	}
out:
	ctk_buf_release(&b);
	ctk_buf_release(&tmp);
	return rc;
}

/* A cursor over the bytes of a model file that knows where it ran out. */
struct cursor {
	const unsigned char *p;
	size_t len, at;
	int short_read;
};

static uint64_t
get_le(struct cursor *c, int n)
{
	uint64_t x = 0;
	int i;

	if (c->len - c->at < (size_t)n) {
		c->short_read = 1;
		c->at = c->len;
		return 0;
	}
	for (i = 0; i < n; i++)
		x |= (uint64_t)c->p[c->at + (size_t)i] << (8 * i);
	c->at += (size_t)n;
	return x;
}

static double
get_f64(struct cursor *c)
{
	uint64_t x = get_le(c, 8);
	double d;

	memcpy(&d, &x, 8);
	return d;
}

static int
corrupt(ctk_error *err, const char *what)
{
	return ctk_error_set(err, CTK_EFORMAT, 0, 0,
	    "corrupt model file: %s", what);
}

/* Magic, version, length and checksum: everything that can be checked
 * before the content is trusted. */
static int
check_envelope(const unsigned char *data, size_t len, ctk_error *err)
{
	struct cursor c = { data, len, 4, 0 };
	uint64_t version, declared;
	uint32_t sum;

	if (memcmp(data, "CTKM", len < 4 ? len : 4) != 0)
		return ctk_error_set(err, CTK_EFORMAT, 0, 0,
		    "not a ctk model file (no CTKM magic number)");
	if (len < 16)
		return ctk_error_set(err, CTK_EFORMAT, 0, 0,
		    "truncated model file (%zu bytes)", len);
	version = get_le(&c, 4);
	declared = get_le(&c, 8);
	if (version > CTK_MODEL_VERSION)
		return ctk_error_set(err, CTK_EFORMAT, 0, 0,
		    "model file format version %llu is newer than this ctk "
		    "reads (%d): use a newer ctk", (unsigned long long)version,
		    CTK_MODEL_VERSION);
	if (version == 0)
		return corrupt(err, "format version 0");
	if (declared > len)
		return ctk_error_set(err, CTK_EFORMAT, 0, 0,
		    "truncated model file: %zu bytes of %llu", len,
		    (unsigned long long)declared);
	if (declared < len)
		return corrupt(err, "bytes after the end of the model");
	sum = (uint32_t)crc32(0L, (const Bytef *)data, (uInt)(len - 4));
	c.at = len - 4;
	if ((uint32_t)get_le(&c, 4) != sum)
		return corrupt(err, "checksum mismatch");
	return 0;
}

static int
parse_names(struct cursor *c, ctk_model *m, ctk_error *err)
{
	size_t i;
	uint64_t n;

	for (i = 0; i < m->n_classes; i++) {
		n = get_le(c, 4);
		if (c->short_read || n > c->len - c->at)
			return corrupt(err, "class name runs past the end");
		/* names come from TSV fields: a NUL byte would cut the name
		 * short when it is written again (found by fuzzing) */
		if (memchr(c->p + c->at, '\0', (size_t)n) != NULL ||
		    !ctk_utf8_valid((const char *)c->p + c->at, (size_t)n, NULL))
			return corrupt(err, "class name is not UTF-8 text");
		if ((m->classes[i] = malloc((size_t)n + 1)) == NULL)
			return nomem(err);
		memcpy(m->classes[i], c->p + c->at, (size_t)n);
		m->classes[i][n] = '\0';
		c->at += (size_t)n;
	}
	return 0;
}

static int
parse_body(struct cursor *c, ctk_model *m, ctk_error *err)
{
	size_t C = m->n_classes, i, n = m->n_rows;
	int rc;

	if ((rc = parse_names(c, m, err)) < 0)
		return rc;
	/* the sizes must match the bytes left, checked before allocating */
	if ((c->len - 4 - c->at) / 8 < 2 * C ||
	    (c->len - 4 - c->at - 16 * C) / (4 + 8 * C) != n ||
	    (c->len - 4 - c->at - 16 * C) % (4 + 8 * C) != 0)
		return corrupt(err, "size does not match the row count");
	m->row_bucket = malloc((n ? n : 1) * sizeof *m->row_bucket);
	m->row_value = malloc((n ? n : 1) * C * sizeof *m->row_value);
	if (m->row_bucket == NULL || m->row_value == NULL)
		return nomem(err);
	m->cap_rows = n;
	for (i = 0; i < C; i++)
		m->class_a[i] = get_f64(c);
	for (i = 0; i < C; i++)
		m->class_t[i] = get_f64(c);
	for (i = 0; i < n; i++) {
		m->row_bucket[i] = (uint32_t)get_le(c, 4);
		if (m->row_bucket[i] >> m->bits != 0 ||
		    (i > 0 && m->row_bucket[i] <= m->row_bucket[i - 1]))
			return corrupt(err, "bucket out of order or range");
		m->index[m->row_bucket[i]] = (int32_t)i;
	}
	for (i = 0; i < n * C; i++)
		m->row_value[i] = get_f64(c);
	for (i = 1; i < C; i++)
		/* parse_names filled every class name or failed */
		if (strcmp(m->classes[i - 1], m->classes[i]) >= 0)	/* NOLINT(clang-analyzer-core.NonNullParamChecker) */
			return corrupt(err, "class names out of order");
	return 0;
}

ctk_model *
ctk_model_parse(const unsigned char *data, size_t len, ctk_error *err)
{
	struct cursor c = { data, len, 16, 0 };
	uint32_t kind, bits, ngrams, C, R;
	ctk_model *m;
	double param;

	if (check_envelope(data, len, err) < 0)
		return NULL;
	kind = (uint32_t)get_le(&c, 4);
	bits = (uint32_t)get_le(&c, 4);
	ngrams = (uint32_t)get_le(&c, 4);
	C = (uint32_t)get_le(&c, 4);
	R = (uint32_t)get_le(&c, 4);
	param = get_f64(&c);
	if (c.short_read || (kind != CTK_MODEL_NB && kind != CTK_MODEL_LOGREG) ||
	    bits < CTK_FEATURES_MIN_BITS || bits > CTK_FEATURES_MAX_BITS ||
	    ngrams < 1 || ngrams > 2 || C == 0 || C > len || R > len) {
		corrupt(err, "bad header fields");
		return NULL;
	}
	if ((m = calloc(1, sizeof *m)) == NULL) {
		nomem(err);
		return NULL;
	}
	m->n_classes = C;	/* set before anything that ctk_model_free sees */
	if ((m->classes = calloc(C, sizeof *m->classes)) == NULL)
		m->n_classes = 0;
	m->kind = (int)kind;
	m->bits = bits;
	m->ngrams = ngrams;
	m->param = param;
	m->n_rows = R;
	m->class_a = calloc(C, sizeof *m->class_a);
	m->class_t = calloc(C, sizeof *m->class_t);
	m->index = malloc(((size_t)1 << bits) * sizeof *m->index);
	if (m->classes == NULL || m->class_a == NULL || m->class_t == NULL ||
	    m->index == NULL) {
		nomem(err);
		goto fail;
	}
	memset(m->index, 0xff, ((size_t)1 << bits) * sizeof *m->index);
	if (parse_body(&c, m, err) < 0 || ctk_model_finish(m, err) < 0)
		goto fail;
	return m;
fail:
	ctk_model_free(m);
	return NULL;
}

ctk_model *
ctk_model_load(const char *path, ctk_error *err)
{
	ctk_buf b = CTK_BUF_INIT;
	char chunk[65536];
	size_t n;
	FILE *f = fopen(path, "rb");
	ctk_model *m = NULL;

	if (f == NULL) {
		ctk_error_set(err, CTK_EIO, 0, 0, "cannot open: %s",
		    strerror(errno));
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (ctk_buf_append(&b, chunk, n) < 0) {
			nomem(err);
			goto out;
		}
	if (ferror(f)) {
		ctk_error_set(err, CTK_EIO, 0, 0, "cannot read: %s",
		    strerror(errno));
		goto out;
	}
	m = ctk_model_parse((const unsigned char *)ctk_buf_str(&b), b.len, err);
out:
	fclose(f);
	ctk_buf_release(&b);
	return m;
}

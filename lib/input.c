/*
 * input: buffered reading with transparent gzip (see input.h).
 *
 * The decompressed bytes live in one buffer [start, end); a line longer
 * than the buffer makes it grow, so a 50 MB field is one allocation, not
 * a failure. Raw file bytes go through a fixed buffer into zlib.
 */
#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define RAW_SIZE (256 * 1024)
#define BUF_MIN (256 * 1024)

struct ctk_input {
	char *name;
	int fd;			/* -1 when reading from memory */
	int own_fd;
	const unsigned char *mem;
	size_t mem_len, mem_pos;
	int64_t size;

	unsigned char *raw;	/* raw bytes read from fd */
	size_t raw_pos, raw_len;
	int raw_eof;
	uint64_t raw_consumed;

	int gz;			/* 1 once gzip magic was seen */
	int gz_member_done;	/* the last inflate() returned Z_STREAM_END */
	z_stream zs;

	char *buf;		/* decompressed bytes */
	size_t start, end, cap;
	int eof;		/* no more decompressed bytes will come */
	int failed;
	ctk_error failure;

	uint64_t offset;
	long line;
	int touched;		/* something was consumed */
	size_t max_line;	/* 0: lines of any length */
};

static int
fail(ctk_input *in, ctk_error *err, const char *fmt, const char *detail)
{
	in->failed = 1;
	ctk_error_set(&in->failure, CTK_EIO, in->line + 1, 0, fmt, detail);
	if (err != NULL)
		*err = in->failure;
	return CTK_EIO;
}

/* read(2), or a copy from memory for ctk_input_from_memory(). */
static ssize_t
read_source(ctk_input *in, unsigned char *dst, size_t n)
{
	ssize_t got;

	if (in->fd < 0) {
		if (n > in->mem_len - in->mem_pos)
			n = in->mem_len - in->mem_pos;
		memcpy(dst, in->mem + in->mem_pos, n);
		in->mem_pos += n;
		return (ssize_t)n;
	}
	do
		got = read(in->fd, dst, n);
	while (got < 0 && errno == EINTR);
	return got;
}

static int
fill_raw(ctk_input *in, ctk_error *err)
{
	ssize_t n;

	if (in->raw_pos < in->raw_len || in->raw_eof)
		return 0;
	n = read_source(in, in->raw, RAW_SIZE);
	if (n < 0)
		return fail(in, err, "read error: %s", strerror(errno));
	in->raw_pos = 0;
	in->raw_len = (size_t)n;
	if (n == 0)
		in->raw_eof = 1;
	return 0;
}

static int
detect_gzip(ctk_input *in, ctk_error *err)
{
	/* Two reads at most: a pipe may hand us one byte at a time. */
	while (in->raw_len < 2 && !in->raw_eof) {
		ssize_t n = read_source(in, in->raw + in->raw_len,
		    RAW_SIZE - in->raw_len);
		if (n < 0)
			return fail(in, err, "read error: %s", strerror(errno));
		if (n == 0)
			in->raw_eof = 1;
		in->raw_len += (size_t)n;
	}
	if (in->raw_len >= 2 && in->raw[0] == 0x1f && in->raw[1] == 0x8b) {
		if (inflateInit2(&in->zs, 15 + 16) != Z_OK)
			return fail(in, err, "%s", "cannot start gzip decoder");
		in->gz = 1;
	}
	return 0;
}

/* fd < 0 reads from mem[0..mem_len) instead of a descriptor. */
static ctk_input *
input_new(int fd, int own_fd, const void *mem, size_t mem_len,
    const char *name, ctk_error *err)
{
	ctk_input *in = calloc(1, sizeof *in);
	struct stat st;

	if (in == NULL || (in->name = strdup(name)) == NULL ||
	    (in->raw = malloc(RAW_SIZE)) == NULL ||
	    (in->buf = malloc(BUF_MIN + 1)) == NULL) {
		if (in != NULL) {
			free(in->name);
			free(in->raw);
			free(in);
		}
		ctk_error_set(err, CTK_ENOMEM, 0, 0, "out of memory");
		return NULL;
	}
	in->cap = BUF_MIN;
	in->fd = fd;
	in->own_fd = own_fd;
	in->mem = mem;
	in->mem_len = mem_len;
	in->size = fd < 0 ? (int64_t)mem_len : -1;
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		in->size = (int64_t)st.st_size;
	if (detect_gzip(in, err) < 0) {
		in->own_fd = 0;
		ctk_input_close(in);
		return NULL;
	}
	return in;
}

ctk_input *
ctk_input_from_fd(int fd, const char *name, ctk_error *err)
{
	return input_new(fd, 0, NULL, 0, name, err);
}

ctk_input *
ctk_input_from_memory(const void *data, size_t len, const char *name,
    ctk_error *err)
{
	return input_new(-1, 0, data, len, name, err);
}

ctk_input *
ctk_input_open(const char *path, ctk_error *err)
{
	struct stat st;
	ctk_input *in;
	int fd;

	if (path == NULL || strcmp(path, "-") == 0)
		return input_new(STDIN_FILENO, 0, NULL, 0, "<stdin>", err);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		ctk_error_set(err, CTK_EIO, 0, 0, "cannot open: %s",
		    strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		ctk_error_set(err, CTK_EIO, 0, 0, "is a directory");
		return NULL;
	}
	in = input_new(fd, 1, NULL, 0, path, err);
	if (in == NULL)
		close(fd);
	return in;
}

/* Room for at least `want` bytes after end, moving data to the front or
 * growing the buffer. */
static int
make_room(ctk_input *in, size_t want, ctk_error *err)
{
	size_t used = in->end - in->start;
	char *p;

	if (in->cap - in->end >= want)
		return 0;
	if (in->start > 0) {
		memmove(in->buf, in->buf + in->start, used);
		in->start = 0;
		in->end = used;
		if (in->cap - in->end >= want)
			return 0;
	}
	if (in->cap > ((size_t)-1 - 1) / 2)
		return fail(in, err, "%s", "line too long");
	p = realloc(in->buf, in->cap * 2 + 1);
	if (p == NULL)
		return fail(in, err, "%s", "out of memory for a long line");
	in->buf = p;
	in->cap *= 2;
	return 0;
}

static int
skip_member_gap(ctk_input *in, ctk_error *err)
{
	/* After a member: either another member starts, or only NUL padding
	 * (some tools pad to a block size) or nothing is left. */
	for (;;) {
		if (fill_raw(in, err) < 0)
			return CTK_EIO;
		if (in->raw_pos == in->raw_len)
			return 0;
		if (in->raw[in->raw_pos] != 0)
			break;
		in->raw_pos++;
		in->raw_consumed++;
	}
	if (in->raw[in->raw_pos] != 0x1f)
		return fail(in, err, "%s", "trailing garbage after gzip data");
	inflateReset(&in->zs);
	in->gz_member_done = 0;
	return 0;
}

static int
fill_gzip(ctk_input *in, ctk_error *err)
{
	int rc;

	if (in->gz_member_done && skip_member_gap(in, err) < 0)
		return CTK_EIO;
	if (in->gz_member_done) {	/* clean end after the last member */
		in->eof = 1;
		return 0;
	}
	if (fill_raw(in, err) < 0)
		return CTK_EIO;
	if (in->raw_pos == in->raw_len)
		return fail(in, err, "%s",
		    "truncated gzip data (unexpected end of file)");
	in->zs.next_in = in->raw + in->raw_pos;
	in->zs.avail_in = (uInt)(in->raw_len - in->raw_pos);
	in->zs.next_out = (unsigned char *)in->buf + in->end;
	in->zs.avail_out = (uInt)(in->cap - in->end);
	rc = inflate(&in->zs, Z_NO_FLUSH);
	in->raw_consumed += (in->raw_len - in->raw_pos) - in->zs.avail_in;
	in->raw_pos = in->raw_len - in->zs.avail_in;
	in->end = in->cap - in->zs.avail_out;
	if (rc == Z_STREAM_END)
		in->gz_member_done = 1;
	else if (rc != Z_OK && rc != Z_BUF_ERROR)
		return fail(in, err, "corrupt gzip data: %s",
		    in->zs.msg ? in->zs.msg : "inflate failed");
	return 0;
}

/* Adds decompressed bytes after end; sets eof when none will come. */
static int
fill(ctk_input *in, ctk_error *err)
{
	size_t n;

	if (in->failed) {
		if (err != NULL) {
			*err = in->failure;
			err->line = in->line + 1;	/* where it is seen */
		}
		return CTK_EIO;
	}
	if (make_room(in, 4096, err) < 0)
		return CTK_EIO;
	if (in->gz)
		return fill_gzip(in, err);
	if (fill_raw(in, err) < 0)
		return CTK_EIO;
	n = in->raw_len - in->raw_pos;
	if (n == 0) {
		in->eof = 1;
		return 0;
	}
	if (n > in->cap - in->end)
		n = in->cap - in->end;
	memcpy(in->buf + in->end, in->raw + in->raw_pos, n);
	in->raw_pos += n;
	in->raw_consumed += n;
	in->end += n;
	return 0;
}

void
ctk_input_set_max_line(ctk_input *in, size_t max)
{
	in->max_line = max;
}

/* Drops the rest of a line longer than max_line without holding it, so
 * that a hostile file (a gzip bomb without newlines) cannot take the
 * memory. */
static int
skip_long_line(ctk_input *in, ctk_error *err)
{
	uint64_t n = 0;
	char *nl;

	for (;;) {
		nl = memchr(in->buf + in->start, '\n', in->end - in->start);
		if (nl != NULL) {
			n += (size_t)(nl - (in->buf + in->start)) + 1;
			in->start = (size_t)(nl - in->buf) + 1;
			break;
		}
		n += in->end - in->start;
		in->start = in->end;
		if (in->eof)
			break;
		if (fill(in, err) < 0)
			return CTK_EIO;
	}
	in->offset += n;
	in->line++;
	return ctk_error_set(err, CTK_ELIMIT, in->line, 0, "line longer than "
	    "the limit of %zu bytes; skipped", in->max_line);
}

int
ctk_input_getline(ctk_input *in, char **line, size_t *len, ctk_error *err)
{
	size_t scanned = 0;
	char *nl;

	in->touched = 1;
	for (;;) {
		nl = memchr(in->buf + in->start + scanned, '\n',
		    in->end - in->start - scanned);
		if (nl != NULL)
			break;
		scanned = in->end - in->start;
		if (in->max_line > 0 && scanned > in->max_line)
			return skip_long_line(in, err);
		if (in->eof) {
			if (scanned == 0)
				return 0;
			nl = in->buf + in->end;	/* last line, no '\n' */
			break;
		}
		if (fill(in, err) < 0)
			return CTK_EIO;
	}
	if (in->max_line > 0 && (size_t)(nl - (in->buf + in->start)) >
	    in->max_line)
		return skip_long_line(in, err);
	*line = in->buf + in->start;
	*len = (size_t)(nl - *line);
	in->offset += *len + (nl < in->buf + in->end);
	in->start = (size_t)(nl - in->buf) + (nl < in->buf + in->end);
	if (in->start > in->end)
		in->start = in->end;
	*nl = '\0';	/* the buffer has one spare byte past cap */
	in->line++;
	return 1;
}

long
ctk_input_read(ctk_input *in, void *dst, size_t n, ctk_error *err)
{
	size_t have;

	in->touched = 1;
	while (in->start == in->end && !in->eof) {
		in->start = in->end = 0;
		if (fill(in, err) < 0)
			return CTK_EIO;
	}
	have = in->end - in->start;
	if (n > have)
		n = have;
	if (n > (size_t)0x7fffffff)
		n = 0x7fffffff;
	memcpy(dst, in->buf + in->start, n);
	in->start += n;
	in->offset += n;
	return (long)n;
}

long
ctk_input_peek(ctk_input *in, const char **data, size_t want, ctk_error *err)
{
	if (in->touched)
		return ctk_error_set(err, CTK_EUSAGE, 0, 0,
		    "peek after reading");
	if (want > BUF_MIN)
		want = BUF_MIN;
	/* an error after some bytes (a truncated gzip file) is left for
	 * the reads to report, after the lines before it */
	while (in->end - in->start < want && !in->eof)
		if (fill(in, err) < 0) {
			if (in->end > in->start)
				break;
			return CTK_EIO;
		}
	*data = in->buf + in->start;
	return (long)(in->end - in->start < want ? in->end - in->start : want);
}

const char *
ctk_input_name(const ctk_input *in)
{
	return in->name;
}

long
ctk_input_line(const ctk_input *in)
{
	return in->line;
}

uint64_t
ctk_input_offset(const ctk_input *in)
{
	return in->offset;
}

uint64_t
ctk_input_raw_offset(const ctk_input *in)
{
	return in->raw_consumed;
}

int64_t
ctk_input_size(const ctk_input *in)
{
	return in->size;
}

int
ctk_input_is_gzip(const ctk_input *in)
{
	return in->gz;
}

void
ctk_input_close(ctk_input *in)
{
	if (in == NULL)
		return;
	if (in->gz)
		inflateEnd(&in->zs);
	if (in->own_fd)
		close(in->fd);
	free(in->raw);
	free(in->buf);
	free(in->name);
	free(in);
}

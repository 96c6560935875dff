/*
 * tgjson: reader of Telegram Desktop JSON exports (result.json), both the
 * single-chat shape ({name, type, id, messages}) and the full-account shape
 * (chats.list[] and left_chats.list[]). See shared/formats/telegram-export.md.
 *
 * The file is never loaded whole: chunks from ctk_input_read() go through a
 * small repair filter and then to yajl's event parser, and a stack of
 * frames says where each event sits (chat, message, text part, ...). One
 * message is kept at a time, so memory does not depend on the file size.
 *
 * The repair filter (lenient mode, the default) rewrites what the exporter
 * gets wrong before yajl sees it: "\xHH" escapes become "\u00HH", raw
 * control bytes in strings are escaped, a bare word in value position
 * (the unquoted document_id of tdesktop 4.1.1) is quoted, an unknown
 * escape keeps its backslash. It also replaces invalid UTF-8 by U+FFFD and
 * remembers where, so that the message holding it is rejected with a
 * position. A chunk that needs nothing of this (the usual case) is handed
 * to yajl as it is, without a copy.
 *
 * Line and column numbers cost nothing until a diagnostic needs one: the
 * line at the start of each chunk is carried over, and a position inside
 * the current chunk is found by counting its newlines then.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "ingest.h"
#include "utf8.h"

#define CHUNK (256 * 1024)
#define MAX_FRAMES 64

enum role {
	R_SKIP, R_CHAT, R_CHATS, R_CHATLIST, R_MSGS, R_MSG, R_TEXT, R_ENT,
	R_POLL, R_LOC, R_CONTACT
};

enum key {
	K_OTHER, K_NAME, K_TYPE, K_ID, K_MESSAGES, K_CHATS, K_LEFT_CHATS,
	K_LIST, K_DATE, K_DATE_UNIX, K_EDITED, K_EDITED_UNIX, K_FROM, K_ACTOR,
	K_AUTHOR, K_FWD, K_REPLY_ID, K_REPLY_PEER, K_ACTION, K_INFO_TEXT,
	K_TEXT, K_PHOTO, K_FILE, K_MEDIA_TYPE, K_STICKER_EMOJI, K_VIEWS,
	K_POLL, K_QUESTION, K_LOCATION, K_CONTACT, K_LATITUDE, K_LONGITUDE,
	K_FIRST_NAME, K_LAST_NAME, K_PHONE, K_HREF
};

#define K(name) name, sizeof(name) - 1
static const struct {
	const char *name;
	size_t len;
	enum key key;
} key_names[] = {
	{ K("name"), K_NAME }, { K("type"), K_TYPE }, { K("id"), K_ID },
	{ K("messages"), K_MESSAGES }, { K("chats"), K_CHATS },
	{ K("left_chats"), K_LEFT_CHATS }, { K("list"), K_LIST },
	{ K("date"), K_DATE }, { K("date_unixtime"), K_DATE_UNIX },
	{ K("edited"), K_EDITED }, { K("edited_unixtime"), K_EDITED_UNIX },
	{ K("from"), K_FROM }, { K("actor"), K_ACTOR },
	{ K("author"), K_AUTHOR }, { K("forwarded_from"), K_FWD },
	{ K("reply_to_message_id"), K_REPLY_ID },
	{ K("reply_to_peer_id"), K_REPLY_PEER }, { K("action"), K_ACTION },
	{ K("information_text"), K_INFO_TEXT }, { K("text"), K_TEXT },
	{ K("photo"), K_PHOTO }, { K("file"), K_FILE },
	{ K("media_type"), K_MEDIA_TYPE },
	{ K("sticker_emoji"), K_STICKER_EMOJI }, { K("views"), K_VIEWS },
	{ K("poll"), K_POLL }, { K("question"), K_QUESTION },
	{ K("location_information"), K_LOCATION },
	{ K("contact_information"), K_CONTACT },
	{ K("latitude"), K_LATITUDE }, { K("longitude"), K_LONGITUDE },
	{ K("first_name"), K_FIRST_NAME }, { K("last_name"), K_LAST_NAME },
	{ K("phone_number"), K_PHONE }, { K("href"), K_HREF },
};
#undef K

/* Entity types of the exporter that need nothing beyond their text. */
static const char *const plain_entities[] = {
	"plain", "unknown", "bold", "italic", "code", "pre", "underline",
	"strikethrough", "blockquote", "bank_card", "spoiler", "custom_emoji",
	"email", "phone", "cashtag", "bot_command",
};

struct frame {
	enum role role;
	enum key key;		/* last key seen in this object */
	ctk_buf *target;	/* R_TEXT: where the parts go */
	int entities;		/* R_TEXT: collect links, tags, mentions */
};

enum fstate { F_OUT, F_STR, F_ESC, F_XHEX, F_BARE };

/* A place in the filtered stream where invalid UTF-8 was replaced. */
struct badpos {
	uint64_t off;
	long line, col;
};

enum mbuf {
	MB_FROM,
	MB_ACTOR,
	MB_AUTHOR,
	MB_FWD,
	MB_REPLY_ID,
	MB_REPLY_PEER,
	MB_ACTION,
	MB_MEDIA_KIND,
	MB_MEDIA_DETAIL,
	MB_FILE,
	MB_PHOTO,
	MB_POLL_Q,
	MB_LAT,
	MB_LON,
	MB_FIRST,
	MB_LAST,
	MB_TYPE,
	MB_BAD_MSG,
	MB_INFO,
	MB_N
};

struct msg {
	int has_id, has_unix, has_local, has_edit_unix, has_edit_local;
	int text_seen, text_dups, bad, unsupported, is_service;
	char id[32];
	int64_t unix_date, local_date, edit_unix, edit_local;
	ctk_buf b[MB_N];
	uint64_t start_off;
	long line, col;
};

struct jp {
	ctk_ingest *ix;
	ctk_input *in;
	const char *file;
	yajl_handle h;

	/* repair filter */
	enum fstate fs;
	int expect_value;
	unsigned long strings_opened;	/* to see a chunk inside one string */
	unsigned char pend[4];	/* incomplete UTF-8 sequence */
	size_t npend, want;
	char hex[2];
	int nhex;
	ctk_buf bare;
	ctk_buf out;
	const char *fed;	/* what yajl gets: out, or the input itself */
	size_t fed_len;		/* when nothing needed a repair */
	unsigned long repairs;
	long repair_line, repair_col;
	char repair_what[48];
	struct badpos *bad;
	size_t nbad, badcap, badhead;
	/* input position of the byte being filtered, found only when a
	 * repair needs it: raw_cur is at (fline, fcol); the chunk starts at
	 * (fline0, fcol0) */
	const unsigned char *raw;
	size_t raw_i, raw_cur, raw_len;
	long fline, fcol, fline0, fcol0;
	size_t escaped_nl;	/* raw newlines in strings, escaped */
	size_t *esc_off;	/* where, in this filtered chunk */
	size_t esc_cap;

	/* position of yajl events in the filtered stream */
	const char *chunk;
	size_t chunk_len;
	uint64_t chunk_base;
	long line, col;		/* position of the chunk's first byte */

	struct frame st[MAX_FRAMES];
	int depth;		/* frames in use */
	int skip_depth;		/* nesting beyond MAX_FRAMES */

	ctk_buf chat_name, chat_id, chat_type, chat_key;
	int chat_public;
	struct msg m;
	ctk_doc doc;
	ctk_buf ent_type, ent_text, ent_href, dup_sink;
	char warned[16][24];
	int nwarned;
	unsigned long n_unsupported;
	int saw_messages;
	int stop;
};

/*
 * Positions are computed only when a diagnostic needs one: the line at the
 * start of each chunk is kept, and a position inside the chunk is found by
 * counting its newlines. Eight bytes are counted at once; the exact
 * zero-byte test below has no false positives.
 */
static size_t
count_newlines(const char *s, size_t n, size_t *last)
{
	size_t i = 0, count = 0;
	uint64_t v, t;

	for (; i + 8 <= n; i += 8) {
		memcpy(&v, s + i, 8);
		v ^= 0x0a0a0a0a0a0a0a0aULL;
		t = ((v & 0x7f7f7f7f7f7f7f7fULL) + 0x7f7f7f7f7f7f7f7fULL) | v;
		t = ~t & 0x8080808080808080ULL;
		count += (size_t)(((t >> 7) * 0x0101010101010101ULL) >> 56);
	}
	for (; i < n; i++)
		count += s[i] == '\n';
	if (count > 0 && last != NULL) {
		for (i = n; s[i - 1] != '\n'; i--)
			;
		*last = i - 1;
	}
	return count;
}

/* ---- positions ---- */

/* Line and column of byte off (global filtered offset) of this chunk. */
static void
pos_at(struct jp *p, uint64_t off, long *line, long *col)
{
	size_t k = 0, last = 0, nl, i;

	if (p->chunk != NULL && off > p->chunk_base)
		k = (size_t)(off - p->chunk_base);
	if (k > p->chunk_len)
		k = p->chunk_len;
	nl = p->chunk != NULL ? count_newlines(p->chunk, k, &last) : 0;
	if (nl > 0)
		last++;		/* first byte of the line */
	for (i = 0; i < p->escaped_nl && p->esc_off[i] < k; i++) {
		nl++;
		if (p->esc_off[i] + 6 > last)	/* after its \u000a */
			last = p->esc_off[i] + 6;
	}
	*line = p->line + (long)nl;
	*col = nl > 0 ? (long)(k - last) + 1 : p->col + (long)k;
}

/* Global offset of the last byte of the token yajl is at. */
static uint64_t
event_off(struct jp *p)
{
	size_t at = p->chunk != NULL ? yajl_get_bytes_consumed(p->h) : 0;

	return p->chunk_base + (at > 0 ? at - 1 : 0);
}

static void
here(struct jp *p, long *line, long *col)
{
	pos_at(p, event_off(p), line, col);
}

/* The start position of the open message, while its chunk is here. */
static void
msg_pos(struct jp *p)
{
	if (p->m.line == 0 && p->m.start_off >= p->chunk_base)
		pos_at(p, p->m.start_off, &p->m.line, &p->m.col);
}

static int
report(struct jp *p, enum ctk_diag_level level, long line, long col,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int
report(struct jp *p, enum ctk_diag_level level, long line, long col,
    const char *fmt, ...)
{
	char msg[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (ctk_ingest_report(p->ix, level, p->file, line, col, "%s", msg))
		p->stop = 1;
	return p->stop;
}

/* ---- the repair filter ---- */

static void
filter_advance(struct jp *p, size_t to)
{
	size_t last = 0, nl;

	if (to <= p->raw_cur)
		return;
	nl = count_newlines((const char *)p->raw + p->raw_cur,
	    to - p->raw_cur, &last);
	if (nl > 0) {
		p->fline += (long)nl;
		p->fcol = (long)(to - p->raw_cur - last);
	} else {
		p->fcol += (long)(to - p->raw_cur);
	}
	p->raw_cur = to;
}

/* back: how many bytes before the current one the bad construct began
 * (the backslash of "\\xHH"), when they are in the same chunk */
static void
note_repair(struct jp *p, const char *what, size_t back)
{
	if (p->repairs++ == 0) {
		filter_advance(p, p->raw_i >= back ? p->raw_i - back : 0);
		p->repair_line = p->fline;
		p->repair_col = p->fcol;
		snprintf(p->repair_what, sizeof p->repair_what, "%s", what);
	}
}

static void
put(struct jp *p, const void *s, size_t n)
{
	memcpy(p->out.data + p->out.len, s, n);
	p->out.len += n;
}

static void
put_u00(struct jp *p, unsigned v)
{
	char e[8];

	snprintf(e, sizeof e, "\\u%04x", v & 0xff);
	put(p, e, 6);
}

static int
note_bad_utf8(struct jp *p)
{
	if (p->nbad - p->badhead == p->badcap || p->bad == NULL) {
		size_t live = p->nbad - p->badhead;
		size_t cap = p->badcap ? p->badcap * 2 : 16;
		struct badpos *nb = malloc(cap * sizeof *nb);

		if (nb == NULL)
			return -1;
		/* live > 0 implies p->bad != NULL (clang-analyzer
		 * does not see it) */
		if (live > 0)
			/* NOLINTNEXTLINE(clang-analyzer-core.NonNullParamChecker) */
			memcpy(nb, p->bad + p->badhead, live * sizeof *nb);
		free(p->bad);
		p->bad = nb;
		p->badcap = cap;
		p->nbad = live;
		p->badhead = 0;
	}
	p->bad[p->nbad].off = p->chunk_base + p->out.len;
	filter_advance(p, p->raw_i);
	p->bad[p->nbad].line = p->fline;
	p->bad[p->nbad].col = p->fcol;
	p->nbad++;
	return 0;
}

/* A byte >= 0x80 inside a string: collect a sequence, check it whole. */
static void
utf8_byte(struct jp *p, unsigned char c)
{
	uint32_t cp;

	if (p->npend == 0) {
		p->want = ctk_utf8_seq_len(c);
		if (p->want < 2) {
			note_bad_utf8(p);
			put(p, "\xef\xbf\xbd", 3);
			return;
		}
	} else if ((c & 0xc0) != 0x80) {
		note_bad_utf8(p);
		put(p, "\xef\xbf\xbd", 3);
		p->npend = 0;
		if (c >= 0x80)
			utf8_byte(p, c);
		return;
	}
	p->pend[p->npend++] = c;
	if (p->npend < p->want)
		return;
	if (ctk_utf8_decode((const char *)p->pend, p->npend, &cp) ==
	    p->npend) {
		put(p, p->pend, p->npend);
	} else {
		note_bad_utf8(p);
		put(p, "\xef\xbf\xbd", 3);
	}
	p->npend = 0;
}

/* An ASCII byte arrived while a UTF-8 sequence was incomplete. */
static void
flush_pending(struct jp *p)
{
	if (p->npend == 0)
		return;
	note_bad_utf8(p);
	put(p, "\xef\xbf\xbd", 3);
	p->npend = 0;
}

/* A raw newline inside a string is escaped, so the filtered stream has
 * one line less: remember where, for positions. */
static void
note_escaped_newline(struct jp *p)
{
	if (p->escaped_nl == p->esc_cap) {
		size_t cap = p->esc_cap ? p->esc_cap * 2 : 16;
		size_t *n = realloc(p->esc_off, cap * sizeof *n);

		if (n == NULL)
			return;
		p->esc_off = n;
		p->esc_cap = cap;
	}
	p->esc_off[p->escaped_nl++] = p->out.len;
}

static int
is_hex(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

static void
end_bare(struct jp *p)
{
	size_t n = p->bare.len, i;

	while (n > 0 && (p->bare.data[n - 1] == ' ' ||
	    p->bare.data[n - 1] == '\t' || p->bare.data[n - 1] == '\r'))
		n--;
	if (ctk_buf_grow(&p->out, 2 * n + 2) != 0)
		return;
	put(p, "\"", 1);
	for (i = 0; i < n; i++) {
		char c = p->bare.data[i];

		if (c == '"' || c == '\\')
			put(p, "\\", 1);
		put(p, &c, 1);
	}
	put(p, "\"", 1);
	ctk_buf_reset(&p->bare);
	p->fs = F_OUT;
}

static void
filter_string_byte(struct jp *p, unsigned char c)
{
	if (c >= 0x80) {
		utf8_byte(p, c);
		return;
	}
	flush_pending(p);
	if (c == '"') {
		p->fs = F_OUT;
		put(p, &c, 1);
	} else if (c == '\\') {
		p->fs = F_ESC;
	} else if (c < 0x20) {
		if (!p->ix->opts->lenient) {
			put(p, &c, 1);	/* yajl will reject it */
			return;
		}
		note_repair(p, "control character in a string", 0);
		if (c == '\n')
			note_escaped_newline(p);
		put_u00(p, c);
	} else {
		put(p, &c, 1);
	}
}

static void
filter_escape_byte(struct jp *p, unsigned char c)
{
	p->fs = F_STR;
	if (strchr("\"\\/bfnrtu", c) != NULL && c != '\0') {
		put(p, "\\", 1);
		put(p, &c, 1);
	} else if (c == 'x' && p->ix->opts->lenient) {
		p->fs = F_XHEX;
		p->nhex = 0;
	} else if (p->ix->opts->lenient) {
		note_repair(p, "invalid escape", 1);
		put(p, "\\\\", 2);
		filter_string_byte(p, c);
	} else {
		put(p, "\\", 1);
		put(p, &c, 1);
	}
}

static void
filter_xhex_byte(struct jp *p, unsigned char c)
{
	if (is_hex(c)) {
		p->hex[p->nhex++] = (char)c;
		if (p->nhex == 2) {
			char h[3] = { p->hex[0], p->hex[1], '\0' };

			note_repair(p, "\\xHH escape", 3);
			put_u00(p, (unsigned)strtoul(h, NULL, 16));
			p->fs = F_STR;
		}
		return;
	}
	note_repair(p, "invalid escape", 1);
	put(p, "\\\\x", 3);
	put(p, p->hex, (size_t)p->nhex);
	p->fs = F_STR;
	filter_string_byte(p, c);
}

static void
filter_out_byte(struct jp *p, unsigned char c)
{
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
		put(p, &c, 1);
		return;
	}
	if (p->expect_value && p->ix->opts->lenient &&
	    strchr("\"{[-0123456789tfn", c) == NULL) {
		note_repair(p, "unquoted value", 0);
		p->fs = F_BARE;
		ctk_buf_append_char(&p->bare, (char)c);
		p->expect_value = 0;
		return;
	}
	p->expect_value = c == ':';
	if (c == '"') {
		p->fs = F_STR;
		p->strings_opened++;
	}
	put(p, &c, 1);
}

/*
 * Word-at-a-time scanning (SWAR) for the fast paths: eight bytes are
 * checked at once for the bytes that end a plain run.
 */
#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL
#define HAS_ZERO(v) (((v) - ONES) & ~(v) & HIGHS)
#define HAS_BYTE(v, b) HAS_ZERO((v) ^ (ONES * (b)))

/* Index of the first byte at or after i that may end a run between
 * strings: '"' or ':'. */
static size_t
skip_structure(const unsigned char *in, size_t i, size_t n)
{
	uint64_t v;

	while (i + 8 <= n) {
		memcpy(&v, in + i, 8);
		if (HAS_BYTE(v, '"') || HAS_BYTE(v, ':'))
			break;
		i += 8;
	}
	while (i < n && in[i] != '"' && in[i] != ':')
		i++;
	return i;
}

/* Index of the first byte at or after i that is not plain printable ASCII
 * inside a string: '"', '\\', a control byte or a byte >= 0x80. */
static size_t
skip_ascii(const unsigned char *in, size_t i, size_t n)
{
	uint64_t v;

	while (i + 8 <= n) {
		memcpy(&v, in + i, 8);
		if (HAS_BYTE(v, '"') || HAS_BYTE(v, '\\') ||
		    (((v - ONES * 0x20) | v) & HIGHS))
			break;
		i += 8;
	}
	while (i < n && in[i] >= 0x20 && in[i] < 0x80 && in[i] != '"' &&
	    in[i] != '\\')
		i++;
	return i;
}

/* One byte through the handlers of the repair filter (the slow path). */
static void
filter_byte(struct jp *p, unsigned char c)
{
	switch (p->fs) {
	case F_STR:
		filter_string_byte(p, c);
		break;
	case F_ESC:
		filter_escape_byte(p, c);
		break;
	case F_XHEX:
		filter_xhex_byte(p, c);
		break;
	case F_BARE:
		if (c == ',' || c == '}' || c == ']' || c == '\n') {
			end_bare(p);
			filter_out_byte(p, c);
		} else if (c >= 0x20) {
			ctk_buf_append_char(&p->bare, (char)c);
		}
		break;
	case F_OUT:
		filter_out_byte(p, c);
		break;
	}
}

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/*
 * Scans bytes that pass unchanged, from i, following the string state;
 * returns where a byte needs the slow path (or n). Valid JSON goes
 * through here whole, and is then copied with one memcpy.
 */
static size_t
scan_plain(struct jp *p, const unsigned char *in, size_t i, size_t n)
{
	uint32_t cp;
	size_t k;

	while (i < n) {
		if (p->fs == F_OUT && p->expect_value) {
			while (i < n && is_space(in[i]))
				i++;
			if (i == n || (p->ix->opts->lenient &&
			    strchr("\"{[-0123456789tfn", in[i]) == NULL))
				return i;
			p->expect_value = 0;
		} else if (p->fs == F_OUT) {
			if ((i = skip_structure(in, i, n)) == n)
				return n;
			if (in[i] == '"') {
				p->fs = F_STR;
				p->strings_opened++;
			} else {
				p->expect_value = 1;
			}
			i++;
		} else if (p->fs == F_STR && p->npend == 0) {
			if ((i = skip_ascii(in, i, n)) == n)
				return n;
			if (in[i] == '"') {
				p->fs = F_OUT;
				i++;
			} else if (in[i] == '\\' && i + 1 < n &&
			    strchr("\"\\/bfnrtu", in[i + 1]) != NULL &&
			    in[i + 1] != '\0') {
				i += 2;
			} else if (in[i] >= 0x80 && (k = ctk_utf8_decode(
			    (const char *)in + i, n - i, &cp)) > 0) {
				i += k;
			} else {
				return i;
			}
		} else {
			return i;
		}
	}
	return n;
}

/* Rewrites in[0..n) into p->out (emptied first). */
static int
filter(struct jp *p, const unsigned char *in, size_t n)
{
	size_t i = 0, j;

	ctk_buf_reset(&p->out);
	if (ctk_buf_grow(&p->out, n * 6 + 64) != 0)
		return -1;
	p->raw = in;
	p->raw_len = n;
	p->raw_cur = 0;
	p->fline = p->fline0;
	p->fcol = p->fcol0;
	p->escaped_nl = 0;
	while (i < n) {
		j = scan_plain(p, in, i, n);
		if (i == 0 && j == n) {
			p->fed = (const char *)in;	/* no copy */
			p->fed_len = n;
			return 0;
		}
		put(p, in + i, j - i);
		if (j == n)
			break;
		p->raw_i = j;
		filter_byte(p, in[j]);
		i = j + 1;
	}
	p->out.data[p->out.len] = '\0';
	p->fed = p->out.data;
	p->fed_len = p->out.len;
	return 0;
}

/* ---- message state ---- */


static void
msg_reset(struct msg *m)
{
	int i;

	for (i = 0; i < MB_N; i++)
		ctk_buf_reset(&m->b[i]);
	m->has_id = m->has_unix = m->has_local = 0;
	m->has_edit_unix = m->has_edit_local = 0;
	m->text_seen = m->text_dups = m->bad = m->unsupported = 0;
	m->is_service = 0;
	m->id[0] = '\0';
}

static void
msg_release(struct msg *m)
{
	int i;

	for (i = 0; i < MB_N; i++)
		ctk_buf_release(&m->b[i]);
}

/* Marks the message rejected; the first reason is the one reported. */
static void
msg_bad(struct jp *p, const char *why)
{
	if (p->m.bad++ == 0)
		ctk_buf_append_str(&p->m.b[MB_BAD_MSG], why);
}

static int
parse_int(const char *s, size_t len, int64_t *v)
{
	char tmp[32], *end;

	if (len == 0 || len >= sizeof tmp)
		return -1;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	*v = strtoll(tmp, &end, 10);
	return *end == '\0' ? 0 : -1;
}

/* "YYYY-MM-DDTHH:MM:SS", local time of the exporting machine. */
static int
parse_local(struct jp *p, const char *s, size_t len, int64_t *t)
{
	int f[6], i, k = 0;
	const char *q = s;
	const char seps[] = "--T::";

	if (len != 19)
		return -1;
	for (i = 0; i < 6; i++) {
		int width = i == 0 ? 4 : 2, j;

		f[i] = 0;
		for (j = 0; j < width; j++, q++) {
			if (*q < '0' || *q > '9')
				return -1;
			f[i] = f[i] * 10 + (*q - '0');
		}
		if (i < 5 && *q++ != seps[k++])
			return -1;
	}
	if (f[1] < 1 || f[1] > 12 || f[2] < 1 || f[2] > 31 || f[3] > 23 ||
	    f[4] > 59 || f[5] > 60)
		return -1;
	if (p->ix->opts->tz != NULL)
		*t = ctk_tz_to_utc(p->ix->opts->tz, f[0], f[1], f[2], f[3],
		    f[4], f[5]);
	else
		*t = ctk_doc_utc_seconds(f[0], f[1], f[2], f[3], f[4], f[5]);
	return 0;
}

static void
set_date(struct jp *p, enum key k, const char *s, size_t len, int number)
{
	struct msg *m = &p->m;
	int64_t t;
	int unix_key = k == K_DATE_UNIX || k == K_EDITED_UNIX;
	int ok = unix_key ? parse_int(s, len, &t) == 0 :
	    !number && parse_local(p, s, len, &t) == 0;

	if (!ok) {
		if (k == K_DATE || k == K_DATE_UNIX)
			msg_bad(p, unix_key ? "bad date_unixtime" : "bad date");
		return;
	}
	switch (k) {
	case K_DATE: m->local_date = t; m->has_local = 1; break;
	case K_DATE_UNIX: m->unix_date = t; m->has_unix = 1; break;
	case K_EDITED: m->edit_local = t; m->has_edit_local = 1; break;
	default: m->edit_unix = t; m->has_edit_unix = 1; break;
	}
}

static int
is_placeholder(const char *s, size_t len)
{
	return len > 0 && s[0] == '(';
}

static void
set_media_file(ctk_buf *b, const char *s, size_t len)
{
	ctk_buf_reset(b);
	if (is_placeholder(s, len))
		ctk_buf_append_str(b, "not-downloaded");
	else
		ctk_buf_append(b, s, len);
}

/* First text wins over a later duplicate key (tdesktop 5.9 writes `text`
 * twice in star-gift service messages), unless the first was empty. */
static ctk_buf *
text_target(struct jp *p)
{
	ctk_buf *t = &p->doc.col[CTK_DOC_TEXT];

	if (p->m.text_seen++ > 0) {
		if (p->ix->opts->lenient && p->repairs++ == 0) {
			here(p, &p->repair_line, &p->repair_col);
			snprintf(p->repair_what, sizeof p->repair_what,
			    "duplicate text key");
		}
		if (t->len > 0) {
			ctk_buf_reset(&p->dup_sink);
			return &p->dup_sink;
		}
	}
	ctk_buf_reset(t);
	ctk_buf_reset(&p->doc.col[CTK_DOC_LINKS]);
	ctk_buf_reset(&p->doc.col[CTK_DOC_HASHTAGS]);
	ctk_buf_reset(&p->doc.col[CTK_DOC_MENTIONS]);
	return t;
}

static void
msg_string(struct jp *p, enum key k, const char *s, size_t len)
{
	struct msg *m = &p->m;
	ctk_buf *b = NULL;

	switch (k) {
	case K_ID:
		msg_bad(p, "message id is a string");
		return;
	case K_TYPE: b = &m->b[MB_TYPE]; break;
	case K_DATE: case K_DATE_UNIX: case K_EDITED: case K_EDITED_UNIX:
		set_date(p, k, s, len, 0);
		return;
	case K_FROM: b = &m->b[MB_FROM]; break;
	case K_ACTOR: b = &m->b[MB_ACTOR]; break;
	case K_AUTHOR: b = &m->b[MB_AUTHOR]; break;
	case K_FWD: b = &m->b[MB_FWD]; break;
	case K_REPLY_PEER: b = &m->b[MB_REPLY_PEER]; break;
	case K_ACTION: b = &m->b[MB_ACTION]; break;
	case K_INFO_TEXT:
		/* a custom service message: no action key, its text here */
		if (m->b[MB_ACTION].len == 0)
			ctk_buf_append_str(&m->b[MB_ACTION], "custom");
		b = &m->b[MB_INFO];
		break;
	case K_TEXT: b = text_target(p); break;
	case K_PHOTO: set_media_file(&m->b[MB_PHOTO], s, len); return;
	case K_FILE: set_media_file(&m->b[MB_FILE], s, len); return;
	case K_MEDIA_TYPE: b = &m->b[MB_MEDIA_KIND]; break;
	case K_STICKER_EMOJI: b = &m->b[MB_MEDIA_DETAIL]; break;
	case K_VIEWS: b = &p->doc.col[CTK_DOC_VIEWS]; break;
	default: return;
	}
	ctk_buf_reset(b);
	ctk_buf_append(b, s, len);
}

static void
msg_number(struct jp *p, enum key k, const char *s, size_t len)
{
	struct msg *m = &p->m;
	int64_t v;

	switch (k) {
	case K_ID:
		if (parse_int(s, len, &v) != 0) {
			msg_bad(p, "message id is not an integer");
			return;
		}
		snprintf(m->id, sizeof m->id, "%lld", (long long)v);
		m->has_id = 1;
		return;
	case K_DATE_UNIX: case K_EDITED_UNIX:
		set_date(p, k, s, len, 1);
		return;
	case K_DATE:
		msg_bad(p, "bad date");
		return;
	case K_REPLY_ID:
		ctk_buf_reset(&m->b[MB_REPLY_ID]);
		ctk_buf_append(&m->b[MB_REPLY_ID], s, len);
		return;
	case K_VIEWS:
		ctk_doc_set(&p->doc, CTK_DOC_VIEWS, s, len);
		return;
	case K_TEXT:
		msg_bad(p, "text is a number, not a string or an array");
		return;
	default:
		return;
	}
}

/* ---- chats ---- */

static void
chat_reset(struct jp *p)
{
	ctk_buf_reset(&p->chat_name);
	ctk_buf_reset(&p->chat_id);
	ctk_buf_reset(&p->chat_type);
	ctk_buf_reset(&p->chat_key);
}

/* The key of message ids: the chat id, else its name, else its type. */
static const char *
chat_key(struct jp *p)
{
	ctk_buf *k = &p->chat_key;

	if (k->len > 0)
		return k->data;
	if (p->chat_id.len > 0)
		ctk_buf_append(k, p->chat_id.data, p->chat_id.len);
	else if (p->chat_name.len > 0)
		ctk_buf_append(k, p->chat_name.data, p->chat_name.len);
	else if (p->chat_type.len > 0)
		ctk_buf_append(k, p->chat_type.data, p->chat_type.len);
	else
		ctk_buf_append_str(k, "chat");
	return k->data;
}

static void
chat_scalar(struct jp *p, enum key k, const char *s, size_t len)
{
	switch (k) {
	case K_NAME:
		ctk_buf_reset(&p->chat_name);
		ctk_buf_append(&p->chat_name, s, len);
		break;
	case K_ID:
		ctk_buf_reset(&p->chat_id);
		ctk_buf_append(&p->chat_id, s, len);
		break;
	case K_TYPE:
		ctk_buf_reset(&p->chat_type);
		ctk_buf_append(&p->chat_type, s, len);
		break;
	default:
		return;
	}
	ctk_buf_reset(&p->chat_key);
}

/* ---- entities ---- */

static int
known_plain_entity(const char *type)
{
	size_t i;

	for (i = 0; i < sizeof plain_entities / sizeof plain_entities[0]; i++)
		if (strcmp(type, plain_entities[i]) == 0)
			return 1;
	return 0;
}

/* Unknown entity types keep their text but lose their meaning (a link's
 * href, a hashtag's column): an error, so the exit status tells, once per
 * type and file. */
static void
warn_entity(struct jp *p, const char *type)
{
	long line, col;
	int i;

	for (i = 0; i < p->nwarned; i++)
		if (strncmp(p->warned[i], type, sizeof p->warned[i] - 1) == 0)
			return;
	if (p->nwarned < 16)
		snprintf(p->warned[p->nwarned++], sizeof p->warned[0], "%s",
		    type);
	here(p, &line, &col);
	report(p, CTK_DIAG_ERROR, line, col,
	    "unknown text entity type '%.40s' (its text is kept)", type);
}

static void
end_entity(struct jp *p, struct frame *text)
{
	const char *type = ctk_buf_str(&p->ent_type);
	ctk_doc *d = &p->doc;

	ctk_buf_append(text->target, p->ent_text.data, p->ent_text.len);
	if (!text->entities)
		return;
	if (strcmp(type, "link") == 0)
		ctk_doc_add_word(d, CTK_DOC_LINKS, p->ent_text.data,
		    p->ent_text.len);
	else if (strcmp(type, "text_link") == 0)
		ctk_doc_add_word(d, CTK_DOC_LINKS, p->ent_href.data,
		    p->ent_href.len);
	else if (strcmp(type, "hashtag") == 0)
		ctk_doc_add_word(d, CTK_DOC_HASHTAGS, p->ent_text.data,
		    p->ent_text.len);
	else if (strcmp(type, "mention") == 0 ||
	    strcmp(type, "mention_name") == 0)
		ctk_doc_add_word(d, CTK_DOC_MENTIONS, p->ent_text.data,
		    p->ent_text.len);
	else if (!known_plain_entity(type))
		warn_entity(p, type);
}

/* ---- yajl events ---- */

static struct frame *
top(struct jp *p)
{
	return p->depth > 0 ? &p->st[p->depth - 1] : NULL;
}

static void
msg_scalar(struct jp *p, enum key k, const char *s, size_t len,
    int is_number, int is_null)
{
	if (is_null) {
		/* a deleted account: named as the HTML export names it */
		if (k == K_FROM || k == K_FWD)
			msg_string(p, k, "Deleted Account", 15);
		if (k == K_TEXT || k == K_ID)
			msg_bad(p, k == K_ID ? "message id is null" :
			    "text is null");
	} else if (is_number) {
		msg_number(p, k, s, len);
	} else {
		msg_string(p, k, s, len);
	}
}

static void
scalar(struct jp *p, const char *s, size_t len, int is_number, int is_null)
{
	struct frame *f = top(p);

	if (f == NULL || p->skip_depth > 0)
		return;
	switch (f->role) {
	case R_CHAT:
		if (!is_null)
			chat_scalar(p, f->key, s, len);
		break;
	case R_MSG:
		msg_scalar(p, f->key, s, len, is_number, is_null);
		break;
	case R_TEXT:
		if (is_number || is_null)
			msg_bad(p, "text array holds a value that is neither "
			    "a string nor an entity");
		else
			ctk_buf_append(f->target, s, len);
		break;
	case R_ENT:
		if (f->key == K_TYPE)
			ctk_buf_append(&p->ent_type, s, len);
		else if (f->key == K_TEXT)
			ctk_buf_append(&p->ent_text, s, len);
		else if (f->key == K_HREF)
			ctk_buf_append(&p->ent_href, s, len);
		break;
	case R_POLL:
		if (f->key == K_QUESTION && !is_null)
			ctk_buf_append(&p->m.b[MB_POLL_Q], s, len);
		break;
	case R_LOC:
		if (f->key == K_LATITUDE)
			ctk_buf_append(&p->m.b[MB_LAT], s, len);
		else if (f->key == K_LONGITUDE)
			ctk_buf_append(&p->m.b[MB_LON], s, len);
		break;
	case R_CONTACT:
		if (f->key == K_FIRST_NAME)
			ctk_buf_append(&p->m.b[MB_FIRST], s, len);
		else if (f->key == K_LAST_NAME)
			ctk_buf_append(&p->m.b[MB_LAST], s, len);
		break;
	default:
		break;
	}
}

static int
on_null(void *ctx)
{
	scalar(ctx, "", 0, 0, 1);
	return !((struct jp *)ctx)->stop;
}

static int
on_boolean(void *ctx, int v)
{
	struct jp *p = ctx;
	struct frame *f = top(p);

	if (f != NULL && p->skip_depth == 0 && f->role == R_MSG &&
	    f->key == K_TEXT)
		msg_bad(p, "text is a boolean, not a string or an array");
	(void)v;
	return !p->stop;
}

static int
on_number(void *ctx, const char *s, size_t len)
{
	scalar(ctx, s, len, 1, 0);
	return !((struct jp *)ctx)->stop;
}

static int
on_string(void *ctx, const unsigned char *s, size_t len)
{
	scalar(ctx, (const char *)s, len, 0, 0);
	return !((struct jp *)ctx)->stop;
}

static int
on_key(void *ctx, const unsigned char *s, size_t len)
{
	struct jp *p = ctx;
	struct frame *f = top(p);
	size_t i;

	if (f == NULL || p->skip_depth > 0)
		return 1;
	f->key = K_OTHER;
	/* no key of interest is longer; most keys differ at the first byte */
	if (len > 24)
		return 1;
	for (i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (key_names[i].len == len &&
		    (unsigned char)key_names[i].name[0] == s[0] &&
		    memcmp(key_names[i].name, s, len) == 0) {
			f->key = key_names[i].key;
			break;
		}
	return 1;
}

static void
msg_start(struct jp *p)
{
	ctk_doc_reset(&p->doc);
	msg_reset(&p->m);
	p->m.start_off = event_off(p);
	p->m.line = p->m.col = 0;
}

/* Did the filter replace invalid UTF-8 before offset end? */
static struct badpos *
bad_utf8_before(struct jp *p, uint64_t end)
{
	struct badpos *first = NULL;

	while (p->badhead < p->nbad && p->bad[p->badhead].off <= end) {
		if (first == NULL && p->bad[p->badhead].off >= p->m.start_off)
			first = &p->bad[p->badhead];
		else if (first == NULL)
			report(p, CTK_DIAG_WARN, p->bad[p->badhead].line,
			    p->bad[p->badhead].col, "invalid UTF-8 outside "
			    "a message replaced by U+FFFD");
		p->badhead++;
	}
	return first;
}

static void
set_media(struct jp *p)
{
	ctk_buf *b = p->m.b;
	ctk_buf *out = &p->doc.col[CTK_DOC_MEDIA];
	const char *kind = NULL;
	ctk_buf *detail = NULL;

	if (b[MB_PHOTO].len > 0) {
		kind = "photo";
		detail = &b[MB_PHOTO];
	} else if (b[MB_FILE].len > 0 || b[MB_MEDIA_KIND].len > 0) {
		kind = b[MB_MEDIA_KIND].len > 0 ? b[MB_MEDIA_KIND].data :
		    "file";
		detail = b[MB_MEDIA_DETAIL].len > 0 ? &b[MB_MEDIA_DETAIL] :
		    &b[MB_FILE];
	} else if (b[MB_POLL_Q].len > 0) {
		kind = "poll";
		detail = &b[MB_POLL_Q];
	} else if (b[MB_LAT].len > 0) {
		kind = "location";
		ctk_buf_append_str(&b[MB_LAT], ",");
		ctk_buf_append(&b[MB_LAT], b[MB_LON].data, b[MB_LON].len);
		detail = &b[MB_LAT];
	} else if (b[MB_FIRST].len > 0 || b[MB_LAST].len > 0) {
		kind = "contact";
		if (b[MB_FIRST].len > 0 && b[MB_LAST].len > 0)
			ctk_buf_append_char(&b[MB_FIRST], ' ');
		ctk_buf_append(&b[MB_FIRST], b[MB_LAST].data, b[MB_LAST].len);
		detail = &b[MB_FIRST];
	}
	if (kind == NULL)
		return;
	ctk_buf_append_str(out, kind);
	if (detail != NULL && detail->len > 0) {
		ctk_buf_append_char(out, ':');
		ctk_buf_append(out, detail->data, detail->len);
	}
}

static void
set_reply(struct jp *p)
{
	struct msg *m = &p->m;
	ctk_buf *r = &p->doc.col[CTK_DOC_REPLY_TO];
	const char *peer = ctk_buf_str(&m->b[MB_REPLY_PEER]);

	if (m->b[MB_REPLY_ID].len == 0)
		return;
	/* a cross-chat reply names the chat as "channel<N>", "user<N>"... */
	while (*peer != '\0' && (*peer < '0' || *peer > '9'))
		peer++;
	ctk_buf_append_str(r, *peer != '\0' ? peer : chat_key(p));
	ctk_buf_append_char(r, ':');
	ctk_buf_append(r, m->b[MB_REPLY_ID].data, m->b[MB_REPLY_ID].len);
}

static void
fill_doc(struct jp *p)
{
	struct msg *m = &p->m;
	ctk_doc *d = &p->doc;
	const char *key = chat_key(p);
	char date[32];
	ctk_buf *author;

	ctk_buf_append_str(&d->col[CTK_DOC_ID], key);
	ctk_buf_append_char(&d->col[CTK_DOC_ID], ':');
	ctk_buf_append_str(&d->col[CTK_DOC_ID], m->id);
	ctk_doc_set_str(d, CTK_DOC_KIND, m->is_service ? "service" : "message");
	ctk_doc_set_str(d, CTK_DOC_SOURCE, p->file);
	if (p->chat_name.len > 0)
		ctk_doc_set(d, CTK_DOC_CHANNEL, p->chat_name.data,
		    p->chat_name.len);
	else if (strcmp(ctk_buf_str(&p->chat_type), "saved_messages") == 0)
		ctk_doc_set_str(d, CTK_DOC_CHANNEL, "Saved Messages");
	ctk_doc_set_date(d, m->has_unix ? m->unix_date : m->local_date);
	if (m->has_edit_unix || m->has_edit_local)
		ctk_doc_set(d, CTK_DOC_EDITED, date, ctk_doc_format_date(
		    m->has_edit_unix ? m->edit_unix : m->edit_local, date));
	author = m->b[MB_AUTHOR].len > 0 ? &m->b[MB_AUTHOR] :
	    m->b[MB_FROM].len > 0 ? &m->b[MB_FROM] : &m->b[MB_ACTOR];
	ctk_doc_set(d, CTK_DOC_AUTHOR, author->data, author->len);
	ctk_doc_set(d, CTK_DOC_FWD_FROM, m->b[MB_FWD].data, m->b[MB_FWD].len);
	set_reply(p);
	set_media(p);
	if (m->is_service)
		ctk_doc_set(d, CTK_DOC_ACTION, m->b[MB_ACTION].data,
		    m->b[MB_ACTION].len);
	if (p->ix->opts->username != NULL && m->id[0] != '-' &&
	    strncmp(ctk_buf_str(&p->chat_type), "public_", 7) == 0)
		ctk_buf_printf(&d->col[CTK_DOC_URL], "https://t.me/%s/%s",
		    p->ix->opts->username, m->id);
}

static void
finish_message(struct jp *p)
{
	struct msg *m = &p->m;
	const char *type = ctk_buf_str(&m->b[MB_TYPE]);
	struct badpos *bad;
	uint64_t end;

	end = event_off(p);
	bad = bad_utf8_before(p, end);
	if (strcmp(type, "unsupported") == 0) {
		p->n_unsupported++;
		return;
	}
	m->is_service = strcmp(type, "service") == 0;
	if (bad != NULL) {
		report(p, CTK_DIAG_ERROR, bad->line, bad->col, "invalid UTF-8 "
		    "in message %s; message skipped", m->has_id ? m->id : "?");
		return;
	}
	if (!m->bad && !m->has_id)
		msg_bad(p, "message without id");
	if (!m->bad && !m->has_unix && !m->has_local)
		msg_bad(p, "message without date");
	if (m->bad) {
		msg_pos(p);
		report(p, CTK_DIAG_ERROR, m->line, m->col, "%s%s%s; message "
		    "skipped", m->b[MB_BAD_MSG].data,
		    m->has_id ? " in message " : "", m->has_id ? m->id : "");
		return;
	}
	if (!m->is_service && strcmp(type, "message") != 0) {
		msg_pos(p);
		report(p, CTK_DIAG_WARN, m->line, m->col, "message %s has "
		    "unknown type '%.40s'; read as a message", m->id, type);
	}
	if (p->doc.col[CTK_DOC_TEXT].len == 0 && m->b[MB_INFO].len > 0)
		ctk_doc_set(&p->doc, CTK_DOC_TEXT, m->b[MB_INFO].data,
		    m->b[MB_INFO].len);
	fill_doc(p);
	p->doc.line = m->line;
	p->doc.colno = m->col;
	if (ctk_ingest_emit(p->ix, &p->doc) != 0)
		p->stop = 1;
}

static enum role
child_role(struct jp *p, struct frame *f, int is_map)
{
	if (f == NULL)
		return is_map ? R_CHAT : R_SKIP;
	switch (f->role) {
	case R_CHAT:
		if (f->key == K_MESSAGES && !is_map)
			return R_MSGS;
		if ((f->key == K_CHATS || f->key == K_LEFT_CHATS) && is_map)
			return R_CHATS;
		return R_SKIP;
	case R_CHATS:
		return f->key == K_LIST && !is_map ? R_CHATLIST : R_SKIP;
	case R_CHATLIST:
		return is_map ? R_CHAT : R_SKIP;
	case R_MSGS:
		return is_map ? R_MSG : R_SKIP;
	case R_MSG:
		if (f->key == K_TEXT) {
			if (!is_map)
				return R_TEXT;
			msg_bad(p, "text is an object, not a string or an "
			    "array");
			return R_SKIP;
		}
		if (f->key == K_POLL && is_map)
			return R_POLL;
		if (f->key == K_LOCATION && is_map)
			return R_LOC;
		if (f->key == K_CONTACT && is_map)
			return R_CONTACT;
		return R_SKIP;
	case R_TEXT:
		if (is_map)
			return R_ENT;
		msg_bad(p, "text array holds an array");
		return R_SKIP;
	case R_POLL:
		return f->key == K_QUESTION && !is_map ? R_TEXT : R_SKIP;
	default:
		return R_SKIP;
	}
}

static int
start(struct jp *p, int is_map)
{
	struct frame *f = top(p), *n;
	enum role role;

	if (p->skip_depth > 0) {
		p->skip_depth++;
		return !p->stop;
	}
	role = child_role(p, f, is_map);
	if (role == R_SKIP || p->depth == MAX_FRAMES) {
		p->skip_depth = 1;
		return !p->stop;
	}
	n = &p->st[p->depth++];
	n->role = role;
	n->key = K_OTHER;
	n->target = NULL;
	n->entities = 0;
	if (role == R_CHAT && f != NULL)
		chat_reset(p);
	else if (role == R_MSGS)
		p->saw_messages = 1;
	else if (role == R_MSG)
		msg_start(p);
	else if (role == R_ENT) {
		ctk_buf_reset(&p->ent_type);
		ctk_buf_reset(&p->ent_text);
		ctk_buf_reset(&p->ent_href);
	} else if (role == R_TEXT && f->role == R_POLL) {
		ctk_buf_reset(&p->m.b[MB_POLL_Q]);
		n->target = &p->m.b[MB_POLL_Q];
	} else if (role == R_TEXT) {
		n->target = text_target(p);
		n->entities = n->target == &p->doc.col[CTK_DOC_TEXT];
	}
	return !p->stop;
}

static int
end(struct jp *p)
{
	struct frame *f;

	if (p->skip_depth > 0) {
		p->skip_depth--;
		return !p->stop;
	}
	if (p->depth == 0)
		return !p->stop;
	f = &p->st[--p->depth];
	if (f->role == R_ENT && p->depth > 0)
		end_entity(p, &p->st[p->depth - 1]);
	else if (f->role == R_MSG)
		finish_message(p);
	return !p->stop;
}

static int on_start_map(void *ctx) { return start(ctx, 1); }
static int on_start_array(void *ctx) { return start(ctx, 0); }
static int on_end_map(void *ctx) { return end(ctx); }
static int on_end_array(void *ctx) { return end(ctx); }

static const yajl_callbacks callbacks = {
	on_null, on_boolean, NULL, NULL, on_number, on_string,
	on_start_map, on_key, on_end_map, on_start_array, on_end_array
};

/* ---- driving ---- */

static void
jp_init(struct jp *p, ctk_ingest *ix, ctk_input *in)
{
	memset(p, 0, sizeof *p);
	p->ix = ix;
	p->in = in;
	p->file = ctk_input_name(in);
	p->fline = p->fline0 = 1;
	p->fcol = p->fcol0 = 1;
	p->line = 1;
	p->col = 1;
	ctk_doc_init(&p->doc);
}

static void
jp_release(struct jp *p)
{
	size_t i, n;
	ctk_buf *b[] = { &p->bare, &p->out, &p->chat_name, &p->chat_id,
	    &p->chat_type, &p->chat_key, &p->ent_type, &p->ent_text,
	    &p->ent_href, &p->dup_sink };

	for (i = 0; i < sizeof b / sizeof b[0]; i++)
		ctk_buf_release(b[i]);
	msg_release(&p->m);
	(void)n;
	ctk_doc_release(&p->doc);
	free(p->bad);
	free(p->esc_off);
	if (p->h != NULL)
		yajl_free(p->h);
}

/* Is a message open (its frame on the stack)? */
static int
in_message(struct jp *p)
{
	int i;

	for (i = 0; i < p->depth; i++)
		if (p->st[i].role == R_MSG)
			return 1;
	return 0;
}

/* yajl's message without its "parse error: " prefix, newline and period. */
static void
syntax_error(struct jp *p, const unsigned char *text, size_t len, int at_end)
{
	unsigned char *e = yajl_get_error(p->h, 0, text, len);
	char *msg = (char *)e, *colon, open[80] = "";
	long line, col;
	size_t n;

	if ((colon = strstr(msg, "error: ")) != NULL)
		msg = colon + 7;
	n = strcspn(msg, "\n");
	while (n > 0 && (msg[n - 1] == '.' || msg[n - 1] == ' '))
		n--;
	here(p, &line, &col);
	if (in_message(p)) {
		msg_pos(p);
		snprintf(open, sizeof open, "; the message at line %ld "
		    "column %ld is incomplete and was skipped", p->m.line,
		    p->m.col);
	}
	if (at_end || strstr(msg, "premature EOF") != NULL)
		report(p, CTK_DIAG_ERROR, line, col, "unexpected end of file "
		    "(truncated export?)%s", open);
	else
		report(p, CTK_DIAG_ERROR, line, col, "JSON syntax error: "
		    "%.*s%s; the rest of the file is skipped", (int)n, msg,
		    open);
	yajl_free_error(p->h, e);
}

static void
final_warnings(struct jp *p)
{
	if (p->repairs > 0 && p->ix->opts->lenient)
		report(p, CTK_DIAG_WARN, p->repair_line, p->repair_col,
		    "repaired %lu invalid JSON construct%s written by the "
		    "exporter (first: %s)", p->repairs, p->repairs > 1 ? "s" :
		    "", p->repair_what);
	if (!p->saw_messages)
		report(p, CTK_DIAG_WARN, 0, 0, "no messages array found: "
		    "not a Telegram export?");
	if (p->n_unsupported > 0)
		report(p, CTK_DIAG_WARN, 0, 0, "skipped %lu message%s of type "
		    "'unsupported' (the export holds no content for them)",
		    p->n_unsupported, p->n_unsupported > 1 ? "s" : "");
}

/* Carries the line and column of both streams over to the next chunk.
 * They differ only by the raw newlines that the filter escaped. */
static void
chunk_end(struct jp *p)
{
	size_t raw_nl, i;

	pos_at(p, p->chunk_base + p->chunk_len, &p->line, &p->col);
	raw_nl = count_newlines(p->chunk, p->chunk_len, NULL) +
	    p->escaped_nl;
	if (raw_nl == 0) {
		p->fcol0 += (long)p->raw_len;
	} else {
		for (i = p->raw_len; i > 0 && p->raw[i - 1] != '\n'; i--)
			;
		p->fline0 += (long)raw_nl;
		p->fcol0 = (long)(p->raw_len - i) + 1;
	}
	/* a later feed without filter (the end of file) adds nothing */
	p->raw_len = 0;
	p->escaped_nl = 0;
}

/* Feeds one filtered chunk to yajl; returns 0, or -1 after an error. */
static int
feed(struct jp *p)
{
	yajl_status st;

	p->chunk = p->fed;
	p->chunk_len = p->fed_len;
	st = yajl_parse(p->h, (const unsigned char *)p->fed, p->fed_len);
	if (st == yajl_status_error)
		syntax_error(p, (const unsigned char *)p->fed, p->fed_len, 0);
	if (in_message(p))
		msg_pos(p);
	chunk_end(p);
	p->chunk_base += p->fed_len;
	p->chunk = NULL;
	p->chunk_len = 0;
	return st == yajl_status_ok ? 0 : -1;
}

/*
 * Adaptive chunks. yajl keeps a token that runs past the end of a chunk
 * and lexes it again from its first byte when the next chunk comes, so a
 * string of L bytes read in chunks of a fixed size C costs L^2 / 2C (a
 * 100 MB string took half a minute). When a whole chunk lay inside one
 * token (a string, or the digits of a number) begun before it, the next
 * read is twice as large: a token then spans O(log L) chunks and the
 * lexing is linear. The first chunk that is not wholly inside a token
 * brings the size back to CHUNK and frees the larger buffer, so memory
 * stays what it was for everything but the long token itself (which
 * yajl holds whole anyway).
 */
struct reader {
	unsigned char *raw;
	size_t cap;		/* size of raw */
	size_t want;		/* bytes to read next, <= cap */
	int number_tail;	/* the last chunk ended in a number's bytes */
	int pending;		/* a read error kept for the next call */
	ctk_error err;
};

static int
in_string(const struct jp *p)
{
	return p->fs == F_STR || p->fs == F_ESC || p->fs == F_XHEX;
}

static int
is_number_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' ||
	    c == 'e' || c == 'E';
}

/* Whether raw[0..n), just fed, lay wholly inside one token begun before
 * it: a string open before and after it, none opened in it; or the
 * continuation of a number. */
static int
inside_one_token(const struct jp *p, const unsigned char *raw, size_t n,
    int string_before, unsigned long opened_before, int number_before)
{
	size_t i;

	if (string_before)
		return in_string(p) && p->strings_opened == opened_before;
	if (!number_before || p->fs != F_OUT)
		return 0;
	for (i = 0; i < n && is_number_byte(raw[i]); i++)
		;
	return i == n;
}

/* Sets the size of the next read, reallocating the buffer; when memory
 * is short the buffer keeps its size (slower, not wrong). */
static void
reader_size(struct reader *r, size_t want)
{
	unsigned char *raw;

	if (want != r->cap && (raw = realloc(r->raw, want)) != NULL) {
		r->raw = raw;
		r->cap = want;
	}
	r->want = want < r->cap ? want : r->cap;
}

/* Reads the next chunk: one read of the usual size as it comes; a grown
 * chunk is filled whole. A read error after some bytes of a grown chunk
 * is kept for the next call, so that the bytes before it are parsed. */
static long
read_chunk(struct reader *r, ctk_input *in, ctk_error *err)
{
	size_t got = 0;
	long n;

	if (r->pending) {
		r->pending = 0;
		*err = r->err;
		return CTK_EIO;
	}
	do {
		n = ctk_input_read(in, r->raw + got, r->want - got, err);
		if (n < 0) {
			if (got == 0)
				return n;
			r->err = *err;
			r->pending = 1;
			break;
		}
		got += (size_t)n;
	} while (n > 0 && got < r->want && r->want > CHUNK);
	return (long)got;
}

int
ctk_tgjson_read(ctk_ingest *ix, ctk_input *in)
{
	struct jp p;
	struct reader r = { NULL, CHUNK, CHUNK, 0, 0, { 0 } };
	ctk_error err;
	unsigned long opened;
	int in_str, one_token;
	long n;
	int rc = 0;

	if ((r.raw = malloc(CHUNK)) == NULL)
		return ctk_ingest_report(ix, CTK_DIAG_FATAL, NULL, 0, 0,
		    "out of memory"), -1;
	jp_init(&p, ix, in);
	p.h = yajl_alloc(&callbacks, NULL, &p);
	yajl_config(p.h, yajl_dont_validate_strings, 1);
	while ((n = read_chunk(&r, in, &err)) > 0) {
		in_str = in_string(&p);
		opened = p.strings_opened;
		if (filter(&p, r.raw, (size_t)n) != 0 || feed(&p) != 0)
			break;
		one_token = inside_one_token(&p, r.raw, (size_t)n, in_str,
		    opened, r.number_tail);
		r.number_tail = p.fs == F_OUT &&
		    is_number_byte(r.raw[(size_t)n - 1]);
		if (one_token && r.want <= SIZE_MAX / 4)
			reader_size(&r, r.want * 2);
		else if (r.cap != CHUNK)
			reader_size(&r, CHUNK);
	}
	if (n < 0) {
		report(&p, CTK_DIAG_ERROR, err.line, err.col, "%s", err.msg);
	} else if (n == 0 && !p.stop) {
		ctk_buf_reset(&p.out);
		if (p.fs == F_BARE && ctk_buf_grow(&p.out, 2) == 0)
			end_bare(&p);
		p.fed = ctk_buf_str(&p.out);
		p.fed_len = p.out.len;
		if (p.out.len == 0 || feed(&p) == 0) {
			p.chunk = p.fed;
			if (yajl_complete_parse(p.h) != yajl_status_ok)
				syntax_error(&p, NULL, 0, 1);
			p.chunk = NULL;
		}
	}
	final_warnings(&p);
	rc = p.stop;
	jp_release(&p);
	free(r.raw);
	return rc;
}

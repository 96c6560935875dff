/*
 * suggest: nearest-name suggestions for usage errors (see suggest.h).
 */
#include "suggest.h"

#include <string.h>

size_t
ctk_suggest_distance(const char *a, const char *b)
{
	/* three rows of the dynamic programme: two back, one back, this */
	size_t rows[3][CTK_SUGGEST_MAX_LEN + 1];
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2], *t;
	size_t la = strlen(a), lb = strlen(b), i, j, cost, best;

	if (la > CTK_SUGGEST_MAX_LEN || lb > CTK_SUGGEST_MAX_LEN)
		return (size_t)-1;
	for (j = 0; j <= lb; j++)
		prev[j] = j;
	for (i = 1; i <= la; i++) {
		cur[0] = i;
		for (j = 1; j <= lb; j++) {
			cost = a[i - 1] != b[j - 1];
			best = prev[j - 1] + cost;
			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < best)
				best = prev2[j - 2] + 1;
			cur[j] = best;
		}
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb];
}

static size_t
max_distance(const char *word)
{
	size_t len = strlen(word);

	if (len <= 4)
		return 1;
	return len <= 8 ? 2 : 3;
}

const char *
ctk_suggest(const char *word, const char *const *candidates, size_t n)
{
	const char *best = NULL;
	size_t best_d = max_distance(word) + 1, d, i;

	for (i = 0; i < n; i++) {
		d = ctk_suggest_distance(word, candidates[i]);
		if (d < best_d) {
			best_d = d;
			best = candidates[i];
		}
	}
	return best;
}

const char *
ctk_suggest_long_option(const char *name, const struct option *longopts)
{
	const char *best = NULL;
	size_t best_d = max_distance(name) + 1, d, i;

	for (i = 0; longopts[i].name != NULL; i++) {
		d = ctk_suggest_distance(name, longopts[i].name);
		if (d < best_d) {
			best_d = d;
			best = longopts[i].name;
		}
	}
	return best;
}

/* The long options whose name starts with the len bytes of name, as
 * "--a, --b" in list, the first in *first; returns how many there are. */
static size_t
prefix_matches(ctk_buf *list, const char *name, size_t len,
    const struct option *longopts, const struct option **first)
{
	size_t i, n = 0;

	*first = NULL;
	for (i = 0; longopts[i].name != NULL; i++) {
		if (strncmp(longopts[i].name, name, len) != 0)
			continue;
		if (*first == NULL)
			*first = &longopts[i];
		if (n++ > 0)
			ctk_buf_append_str(list, ", ");
		ctk_buf_printf(list, "--%s", longopts[i].name);
	}
	return n;
}

static const struct option *
find_long(const char *name, size_t len, const struct option *longopts)
{
	size_t i;

	for (i = 0; longopts[i].name != NULL; i++) {
		if (strlen(longopts[i].name) == len &&
		    strncmp(longopts[i].name, name, len) == 0)
			return &longopts[i];
	}
	return NULL;
}

static int
long_message(ctk_buf *msg, const char *arg, const struct option *longopts)
{
	char name[CTK_SUGGEST_MAX_LEN + 1];
	const char *eq, *near;
	const struct option *o, *first;
	ctk_buf list = CTK_BUF_INIT;
	size_t len, n_prefix;
	int rc;

	arg += 2;
	eq = strchr(arg, '=');
	len = eq != NULL ? (size_t)(eq - arg) : strlen(arg);
	n_prefix = prefix_matches(&list, arg, len, longopts, &first);
	o = find_long(arg, len, longopts);
	/* an unambiguous abbreviation is the option it abbreviates */
	if (o == NULL && n_prefix == 1)
		o = first;
	if (o == NULL && n_prefix > 1) {
		rc = ctk_buf_printf(msg, "option '--%.*s' is ambiguous: %s",
		    (int)len, arg, ctk_buf_str(&list));
		ctk_buf_release(&list);
		return rc;
	}
	ctk_buf_release(&list);
	if (o != NULL && eq != NULL && o->has_arg == no_argument)
		return ctk_buf_printf(msg, "option '--%s' takes no value",
		    o->name);
	if (o != NULL)
		return ctk_buf_printf(msg, "option '--%s' needs a value",
		    o->name);
	rc = ctk_buf_printf(msg, "unknown option '--%.*s'", (int)len, arg);
	if (rc != 0 || len > CTK_SUGGEST_MAX_LEN)
		return rc;
	memcpy(name, arg, len);
	name[len] = '\0';
	near = ctk_suggest_long_option(name, longopts);
	if (near != NULL)
		rc = ctk_buf_printf(msg, "; did you mean '--%s'?", near);
	return rc;
}

int
ctk_suggest_option_message(ctk_buf *msg, const char *arg, int optopt,
    const char *shortopts, const struct option *longopts)
{
	const char *p;

	if (arg != NULL && strncmp(arg, "--", 2) == 0)
		return long_message(msg, arg, longopts);
	p = optopt > 0 && optopt != ':' ? strchr(shortopts, optopt) : NULL;
	if (p != NULL && p[1] == ':')
		return ctk_buf_printf(msg, "option '-%c' needs a value",
		    optopt);
	if (optopt > 32 && optopt < 127)
		return ctk_buf_printf(msg, "unknown option '-%c'", optopt);
	return ctk_buf_printf(msg, "unknown option");
}

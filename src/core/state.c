/* state.c: the text form of check's state (see state.h for a sample). */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "core/state.h"
#include "lib/parse.h"

#define MAGIC STATE_HEADER "1"

/* FNV-1a, 64 bits: enough to tell a damaged file from an intact one. */
static uint64_t
fnv1a(const char *p, size_t n)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);

	while (n--) {
		h ^= (unsigned char)*p++;
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

static void
put_hex(struct buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	if (n == 0) {
		buf_putc(out, '-');
		return;
	}
	for (i = 0; i < n; i++) {
		buf_putc(out, hex[(unsigned char)s[i] >> 4]);
		buf_putc(out, hex[(unsigned char)s[i] & 15]);
	}
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* A hex field ("-" = empty) into dst (size bytes, NUL-terminated). */
static bool
scan_hexstr(const char **pp, const char *end, char *dst, size_t size, size_t *outlen)
{
	const char *p = skip_blanks(*pp, end);
	size_t n = 0;

	if (p < end && *p == '-' && (p + 1 == end || p[1] == ' ')) {
		dst[0] = '\0';
		*outlen = 0;
		*pp = p + 1;
		return true;
	}
	while (p + 1 < end && hexval(p[0]) >= 0 && hexval(p[1]) >= 0) {
		if (n + 1 >= size)
			return false;
		dst[n++] = (char)(hexval(p[0]) << 4 | hexval(p[1]));
		p += 2;
	}
	if (n == 0 || (p < end && *p != ' '))
		return false;
	dst[n] = '\0';
	*outlen = n;
	*pp = p;
	return true;
}

/* "-" or a number. */
static bool
scan_opt_u64(const char **pp, const char *end, bool *have, uint64_t *v)
{
	const char *p = skip_blanks(*pp, end);

	if (p < end && *p == '-') {
		*have = false;
		*v = 0;
		*pp = p + 1;
		return true;
	}
	*have = true;
	return scan_u64(pp, end, v);
}

static bool
at_end(const char *p, const char *end)
{
	return skip_blanks(p, end) == end;
}

/* One "key values" line into st; false when malformed or unknown. */
static bool
parse_line(const char *line, size_t n, struct check_state *st, const char **why)
{
	const char *p = line, *end = line + n;
	uint64_t a, b, c;

	*why = "malformed line";
	if (starts_with(p, end, "boot_id ")) {
		p += 8;
		if ((size_t)(end - p) >= sizeof(st->boot_id) || end == p)
			return false;
		memcpy(st->boot_id, p, (size_t)(end - p));
		st->boot_id[end - p] = '\0';
		return strspn(st->boot_id, "0123456789abcdef-") == (size_t)(end - p);
	}
	if (starts_with(p, end, "uptime_ms ")) {
		p += 10;
		return scan_u64(&p, end, &st->uptime_ms) && at_end(p, end);
	}
	if (starts_with(p, end, "wall ")) {
		int64_t w;

		p += 5;
		if (!scan_i64(&p, end, &w) || !at_end(p, end))
			return false;
		st->wall = w;
		return true;
	}
	if (starts_with(p, end, "oom_kill ")) {
		p += 9;
		return scan_opt_u64(&p, end, &st->have_oom_kill, &st->oom_kill) && at_end(p, end);
	}
	if (starts_with(p, end, "kmsg_seq ")) {
		p += 9;
		return scan_opt_u64(&p, end, &st->have_kmsg_seq, &st->kmsg_seq) && at_end(p, end);
	}
	if (starts_with(p, end, "predictions ")) {
		p += 12;
		if (!scan_u64(&p, end, &a) || !scan_u64(&p, end, &b) || !scan_u64(&p, end, &c) ||
		    !at_end(p, end))
			return false;
		st->confirmed = a;
		st->missed = b;
		st->unpredicted = c;
		return true;
	}
	if (starts_with(p, end, "baseline_ms ")) {
		p += 12;
		return scan_u64(&p, end, &st->baseline_ms) && at_end(p, end);
	}
	if (starts_with(p, end, "task ")) {
		struct state_task *t;

		p += 5;
		if (st->ntasks == STATE_MAX_TASKS) {
			*why = "too many task lines";
			return false;
		}
		if (!scan_u64(&p, end, &a) || a == 0 || a > INT32_MAX ||
		    !scan_u64(&p, end, &b) || !scan_u64(&p, end, &c) || !at_end(p, end))
			return false;
		t = &st->tasks[st->ntasks++];
		t->pid = (int)a;
		t->start = b;
		t->mem_kb = c;
		return true;
	}
	if (starts_with(p, end, "predict ")) {
		struct state_prediction *pr;
		size_t len;

		p += 8;
		if (st->npred == STATE_MAX_PREDICTIONS) {
			*why = "too many predict lines";
			return false;
		}
		pr = &st->pred[st->npred];
		if (!scan_hexstr(&p, end, pr->scope, sizeof(pr->scope), &len) ||
		    memchr(pr->scope, '\0', len) != NULL ||
		    !scan_u64(&p, end, &a) || a == 0 || a > INT32_MAX ||
		    !scan_hexstr(&p, end, pr->comm, sizeof(pr->comm), &pr->comm_len) ||
		    !at_end(p, end))
			return false;
		pr->pid = (int)a;
		st->npred++;
		return true;
	}
	*why = "unknown line";
	return false;
}

int
state_parse(const char *buf, size_t len, struct check_state *st, unsigned *lineno,
    const char **why)
{
	struct lines it;
	const char *line, *end_line = NULL;
	size_t n;
	bool ended = false;

	memset(st, 0, sizeof(*st));
	*lineno = 0;
	lines_init(&it, buf, len);
	if (!lines_next(&it, &line, &n) || n != strlen(MAGIC) || memcmp(line, MAGIC, n) != 0) {
		*lineno = 1;
		*why = "not an oomrisk state file (version 1)";
		return -1;
	}
	while (lines_next(&it, &line, &n)) {
		if (ended) {
			*lineno = it.lineno;
			*why = "text after the end line";
			return -1;
		}
		if (starts_with(line, line + n, "end ")) {
			const char *p = line + 4;
			uint64_t sum;

			if (!scan_hex(&p, line + n, &sum) || p != line + n) {
				*lineno = it.lineno;
				*why = "malformed end line";
				return -1;
			}
			if (sum != fnv1a(buf, (size_t)(line - buf))) {
				*why = "checksum mismatch: the file was changed or damaged";
				return -1;
			}
			end_line = line;
			ended = true;
			continue;
		}
		if (!parse_line(line, n, st, why)) {
			*lineno = it.lineno;
			return -1;
		}
	}
	if (end_line == NULL) {
		*why = "no end line: the file is truncated";
		return -1;
	}
	if (st->boot_id[0] == '\0') {
		*why = "no boot_id line";
		return -1;
	}
	return 0;
}

void
state_format(const struct check_state *st, struct buf *out)
{
	size_t start = out->len, i;

	buf_puts(out, MAGIC "\n");
	buf_printf(out, "boot_id %s\n", st->boot_id[0] ? st->boot_id : "-");
	buf_printf(out, "uptime_ms %" PRIu64 "\n", st->uptime_ms);
	buf_printf(out, "wall %" PRId64 "\n", st->wall);
	if (st->have_oom_kill)
		buf_printf(out, "oom_kill %" PRIu64 "\n", st->oom_kill);
	else
		buf_puts(out, "oom_kill -\n");
	if (st->have_kmsg_seq)
		buf_printf(out, "kmsg_seq %" PRIu64 "\n", st->kmsg_seq);
	else
		buf_puts(out, "kmsg_seq -\n");
	buf_printf(out, "predictions %" PRIu64 " %" PRIu64 " %" PRIu64 "\n", st->confirmed,
	    st->missed, st->unpredicted);
	buf_printf(out, "baseline_ms %" PRIu64 "\n", st->baseline_ms);
	for (i = 0; i < st->ntasks && i < STATE_MAX_TASKS; i++)
		buf_printf(out, "task %d %" PRIu64 " %" PRIu64 "\n", st->tasks[i].pid,
		    st->tasks[i].start, st->tasks[i].mem_kb);
	for (i = 0; i < st->npred && i < STATE_MAX_PREDICTIONS; i++) {
		const struct state_prediction *p = &st->pred[i];

		buf_puts(out, "predict ");
		put_hex(out, p->scope, strnlen(p->scope, sizeof(p->scope)));
		buf_printf(out, " %d ", p->pid);
		put_hex(out, p->comm, p->comm_len < sizeof(p->comm) ? p->comm_len : 0);
		buf_putc(out, '\n');
	}
	buf_printf(out, "end %016" PRIx64 "\n", fnv1a(out->data + start, out->len - start));
}

const struct state_prediction *
state_prediction_for(const struct check_state *st, const char *scope)
{
	size_t i;

	for (i = 0; i < st->npred; i++)
		if (strcmp(st->pred[i].scope, scope) == 0)
			return &st->pred[i];
	return NULL;
}

/* prefix.c: split a log line into its prefix and the kernel's message. */
#include "config.h"

#include <string.h>

#include "lib/parse.h"
#include "log/prefix.h"

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static const char *
skip_digits(const char *p, const char *end)
{
	while (p < end && is_digit(*p))
		p++;
	return p;
}

/* "[  128.496873]": the uptime inside, or NULL. */
static const char *
match_uptime(const char *p, const char *end, struct span *up)
{
	const char *q, *start;

	if (p >= end || *p != '[')
		return NULL;
	q = p + 1;
	while (q < end && *q == ' ')
		q++;
	start = q;
	q = skip_digits(q, end);
	if (q == start || q >= end || *q != '.')
		return NULL;
	q = skip_digits(q + 1, end);
	if (q >= end || *q != ']' || q[-1] == '.')
		return NULL;
	up->p = start;
	up->len = (size_t)(q - start);
	return q + 1;
}

/* "hh:mm:ss" at p. */
static bool
is_clock(const char *p, const char *end)
{
	return end - p >= 8 && is_digit(p[0]) && is_digit(p[1]) && p[2] == ':' &&
	    is_digit(p[3]) && is_digit(p[4]) && p[5] == ':' && is_digit(p[6]) && is_digit(p[7]);
}

/* dmesg -T: "[<anything with hh:mm:ss>]", at most 48 bytes inside. */
static const char *
match_ctime(const char *p, const char *end, struct span *t)
{
	const char *q;
	bool clock = false;

	if (p >= end || *p != '[')
		return NULL;
	for (q = p + 1; q < end && q - p < 50 && *q != ']'; q++)
		if (is_clock(q, end))
			clock = true;
	if (q >= end || *q != ']' || !clock)
		return NULL;
	t->p = p + 1;
	t->len = (size_t)(q - p - 1);
	return q + 1;
}

/* "Jun  4 17:19:10" or "Oct 12 19:00:20.123456" followed by a space. */
static const char *
match_bsd_time(const char *p, const char *end)
{
	const char *q;

	if (end - p < 15 || !is_alpha(p[0]) || !is_alpha(p[1]) || !is_alpha(p[2]) || p[3] != ' ')
		return NULL;
	q = p + 4;
	if (*q == ' ')
		q++;
	if (!is_digit(*q))
		return NULL;
	q = skip_digits(q, end);
	if (q - p > 6 || q >= end || *q != ' ')
		return NULL;
	q++;
	if (!is_clock(q, end))
		return NULL;
	q += 8;
	if (q < end && *q == '.')
		q = skip_digits(q + 1, end);
	return q < end && *q == ' ' ? q : NULL;
}

/* "2023-10-12T19:00:20[.frac][Z|+hh:mm|+hhmm]" followed by a space. */
static const char *
match_iso_time(const char *p, const char *end)
{
	const char *q;

	if (end - p < 19 || !is_digit(p[0]) || !is_digit(p[1]) || !is_digit(p[2]) ||
	    !is_digit(p[3]) || p[4] != '-' || !is_digit(p[5]) || !is_digit(p[6]) || p[7] != '-' ||
	    !is_digit(p[8]) || !is_digit(p[9]) || (p[10] != 'T' && p[10] != ' ') ||
	    !is_clock(p + 11, end))
		return NULL;
	q = p + 19;
	while (q < end && *q != ' ')
		q++;
	return q < end ? q : NULL;
}

static bool
span_is(const char *p, const char *e, const char *s)
{
	size_t n = strlen(s);

	return (size_t)(e - p) == n && memcmp(p, s, n) == 0;
}

/*
 * After a syslog/journal timestamp: "[host] tag: msg" (or RFC 5424
 * "host app procid msgid sd msg").  Fills src/host/msg.
 */
static void
parse_after_time(const char *p, const char *end, bool rfc5424, struct logline *out)
{
	const char *t1 = p, *e1 = token_end(t1, end), *t2, *e2, *m;

	out->syslog = true;
	if (rfc5424) {
		/* HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA MSG */
		int i;

		out->host.p = t1;
		out->host.len = (size_t)(e1 - t1);
		t2 = e1 < end ? e1 + 1 : end;
		e2 = token_end(t2, end);
		m = e2;
		for (i = 0; i < 3 && m < end; i++)
			m = token_end(m + 1, end);
		out->src = span_is(t2, e2, "kernel") ? LL_KERNEL : LL_OTHER;
		out->msg.p = m < end ? m + 1 : end;
		out->msg.len = (size_t)(end - out->msg.p);
		return;
	}
	if (e1 > t1 && e1[-1] == ':') {
		/* "Jan  5 15:19:27 kernel: ..." (no host field) */
		t2 = t1;
		e2 = e1;
	} else {
		out->host.p = t1;
		out->host.len = (size_t)(e1 - t1);
		t2 = e1 < end ? e1 + 1 : end;
		e2 = token_end(t2, end);
	}
	m = e2 < end ? e2 + 1 : end;
	if (span_is(t2, e2, "kernel:")) {
		out->src = LL_KERNEL;
		/* RHEL 6 with some rsyslog templates: "kernel: : [uptime] msg" */
		if (end - m >= 3 && m[0] == ':' && m[1] == ' ' && m[2] == '[')
			m += 2;
		if (m < end && *m == '[') {
			const char *q = match_uptime(m, end, &out->uptime);

			if (q != NULL)
				m = q < end && *q == ' ' ? q + 1 : q;
		}
	} else {
		out->src = LL_OTHER;
	}
	out->msg.p = m;
	out->msg.len = (size_t)(end - m);
}

/* "prio,seq,usec,flags[,more];msg" */
static bool
match_kmsg(const char *p, const char *end, struct logline *out)
{
	const char *q = p, *us;
	int i;

	for (i = 0; i < 3; i++) {
		const char *d = q;

		q = skip_digits(q, end);
		if (q == d || q >= end || *q != ',')
			return false;
		if (i == 2) {
			us = d;
			out->uptime.p = us;
			out->uptime.len = (size_t)(q - d);
		}
		q++;
	}
	while (q < end && *q != ';' && *q != ' ')
		q++;
	if (q >= end || *q != ';')
		return false;
	out->kmsg = true;
	out->src = LL_KERNEL;
	out->msg.p = q + 1;
	out->msg.len = (size_t)(end - q - 1);
	return true;
}

void
prefix_parse(const char *line, size_t len, struct logline *out)
{
	const char *p = line, *end = line + len, *q;
	bool rfc5424 = false;

	memset(out, 0, sizeof(*out));
	out->src = LL_BARE;
	out->msg.p = line;
	out->msg.len = len;
	if (len == 0)
		return;

	if (is_digit(*p) && match_kmsg(p, end, out))
		return;
	/* Console loglevel "<4>", or an RFC 5424 "<PRI>1 ". */
	if (*p == '<' && end - p >= 3 && is_digit(p[1])) {
		q = skip_digits(p + 1, end);
		if (q < end && *q == '>' && q - p <= 4) {
			p = q + 1;
			if (end - p > 2 && p[0] == '1' && p[1] == ' ' && match_iso_time(p + 2, end)) {
				p += 2;
				rfc5424 = true;
			} else {
				out->src = LL_KERNEL;
				out->msg.p = p;
				out->msg.len = (size_t)(end - p);
			}
		}
	}
	if (p < end && *p == '[') {
		struct span up = { 0 }, t = { 0 };

		if ((q = match_uptime(p, end, &up)) != NULL) {
			const char *m = q < end && *q == ' ' ? q + 1 : q;
			const char *e1 = token_end(m, end), *t2 = e1 < end ? e1 + 1 : end;

			out->uptime = up;
			out->src = LL_KERNEL;
			/* journalctl -o short-monotonic: "[ 8523.3] host kernel: msg" */
			if (span_is(t2, token_end(t2, end), "kernel:")) {
				out->host.p = m;
				out->host.len = (size_t)(e1 - m);
				out->syslog = true;
				m = token_end(t2, end);
				m = m < end ? m + 1 : end;
			}
			out->msg.p = m;
			out->msg.len = (size_t)(end - m);
			return;
		}
		if ((q = match_ctime(p, end, &t)) != NULL) {
			out->time = t;
			out->src = LL_KERNEL;
			out->msg.p = q < end && *q == ' ' ? q + 1 : q;
			out->msg.len = (size_t)(end - out->msg.p);
			return;
		}
		return;
	}
	if ((q = match_bsd_time(p, end)) != NULL || (q = match_iso_time(p, end)) != NULL) {
		out->time.p = p;
		out->time.len = (size_t)(q - p);
		parse_after_time(q + 1, end, rfc5424, out);
		return;
	}
}

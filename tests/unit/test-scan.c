/*
 * test-scan: the SSE2 anchor search finds an anchor on the same line as a
 * plain memmem() search, on the real logs and on generated text where
 * anchors sit at every alignment, cut at buffer ends, and pairs of their
 * bytes appear without the anchor; newline counting against a byte loop.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "log/anchor.h"
#include "tap.h"

/* The anchors, in enum anchor_id order. */
static const char *const words[] = {
	"invoked oom-killer", "oom-kill:", "ut of memory", "allocation failure",
	"result of limit", "tgid total_vm", "ainted", "illed process", "ill process", "oom.group",
	"OOM encountered",
};
#define NWORDS (sizeof(words) / sizeof(words[0]))

/* Line number (0-based) of the first line holding any word, or -1. */
static long
ref_line(const char *p, const char *end)
{
	const char *best = NULL;
	size_t i;
	long line = 0;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		const char *h = memmem(p, (size_t)(end - p), words[i], strlen(words[i]));

		if (h != NULL && (best == NULL || h < best))
			best = h;
	}
	if (best == NULL)
		return -1;
	for (; p < best; p++)
		line += *p == '\n';
	return line;
}

/*
 * Short texts of pieces and anchors, each in a buffer of its exact length
 * (so a read past its end is an error under the sanitizers): the anchor
 * found is on the reference's line, and where that line holds one anchor
 * only, it is that one, at its place, with its id.
 */
static void
exact_texts(uint64_t *rng, const char *const *noise, size_t nnoise)
{
	int k, bad = 0, exact = 0;

	for (k = 0; k < 30000; k++) {
		struct buf b = BUF_INIT;
		int n, j, id = -1;
		char *t;
		const char *h, *nl, *lend, *only = NULL;
		size_t w, only_w = 0;
		long line;

		*rng ^= *rng << 13, *rng ^= *rng >> 7, *rng ^= *rng << 17;
		n = (int)(*rng % 8);
		for (j = 0; j < n; j++) {
			*rng ^= *rng << 13, *rng ^= *rng >> 7, *rng ^= *rng << 17;
			if (*rng % 5 == 0)
				buf_puts(&b, words[(*rng >> 8) % NWORDS]);
			else
				buf_puts(&b, noise[(*rng >> 8) % nnoise]);
		}
		t = malloc(b.len + 1);
		memcpy(t, buf_str(&b), b.len);
		h = anchor_find_id(t, t + b.len, &id);
		line = ref_line(t, t + b.len);
		if ((h == NULL) != (line < 0))
			bad++;
		if (h != NULL && line >= 0) {
			const char *ls = t;
			int count = 0;
			long l;

			for (l = 0; l < line; l++)
				ls = (const char *)memchr(ls, '\n', (size_t)(t + b.len - ls)) + 1;
			nl = memchr(ls, '\n', (size_t)(t + b.len - ls));
			lend = nl != NULL ? nl : t + b.len;
			for (w = 0; w < NWORDS; w++) {
				const char *x = ls;

				while ((x = memmem(x, (size_t)(lend - x), words[w], strlen(words[w]))) != NULL) {
					if (count++ == 0)
						only = x, only_w = w;
					x++;
				}
			}
			if (h < ls || h >= lend)
				bad++;
			else if (count == 1 && (h != only || id != (int)only_w))
				bad++;
			exact += count == 1;
		}
		free(t);
		buf_free(&b);
	}
	is_int(bad, 0, "short texts in exact buffers: same line, the one anchor with its id (%d)",
	    exact);
}

static long
scan_line(const char *p, const char *end)
{
	const char *h = anchor_find(p, end);
	long line = 0;

	if (h == NULL)
		return -1;
	for (; p < h; p++)
		line += *p == '\n';
	return line;
}

static uint64_t
ref_newlines(const char *p, const char *end)
{
	uint64_t n = 0;

	for (; p < end; p++)
		n += *p == '\n';
	return n;
}

int
main(void)
{
	static const char *const logs[] = {
		"oom-logs/001-rhel6-2.6.32-phpfpm-global-swapfull.log",
		"oom-logs/015-arm64-5.4-slab-kmemleak-order1-nokillable-panic-mail.log",
		"oom-logs/027-ubuntu-4.x-vagrant-cgexec-memcg-v1-nohead.log",
		"oom-logs/033-rhel7-3.10-k8s-allocfail-order5-numa2-rsyslog-interleaved.log",
		"oom-logs/035-ubuntu-6.x-cgroupv2-memcg-journalctl-f-tail.log",
	};
	static const char *const noise[] = {
		"f.......y", "_m", "f l", "a....d", "o..-", "f....r", "\n", " ", "of memor", "tgid total_v",
		"oom-kil", "ainte", "xxxxxxxxxxxxxxx", "allocation failur", "d pro", "illed proces",
		"oom.grou", "OOM encountere", "ill proces", "nted", "OM e", "oces", "om.g", "Kill", "\t",
		"o", "O", "n", "s", "-", "e", "l",
	};
	uint64_t rng = 88172645463325252ULL;
	size_t i, len;
	int k, bad = 0, badn = 0;

	for (i = 0; i < sizeof(logs) / sizeof(logs[0]); i++) {
		char *buf = fixture_load(logs[i], &len);
		const char *p = buf, *end = buf + len;
		int lines = 0, agree = 1;

		/* From every line start, as the reader would call it. */
		while (p < end) {
			if (scan_line(p, end) != ref_line(p, end))
				agree = 0;
			p = memchr(p, '\n', (size_t)(end - p));
			p = p ? p + 1 : end;
			lines++;
		}
		ok(agree, "%s: same line as memmem from each of %d line starts", logs[i], lines);
		is_int(anchor_count_newlines(buf, end), ref_newlines(buf, end), "%s: newlines", logs[i]);
		free(buf);
	}
	for (k = 0; k < 3000; k++) {
		struct buf b = BUF_INIT;
		int n = (int)(rng % 40), j;

		for (j = 0; j < n; j++) {
			rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
			if (rng % 9 == 0)
				buf_puts(&b, words[(rng >> 8) % NWORDS]);
			else
				buf_puts(&b, noise[(rng >> 8) % (sizeof(noise) / sizeof(noise[0]))]);
		}
		for (j = 0; j <= (int)b.len && j < 40; j++) {
			const char *s = buf_str(&b);

			/* Any start is fine for the comparison: count lines from it. */
			if (scan_line(s + j, s + b.len) != ref_line(s + j, s + b.len))
				bad++;
			if (anchor_count_newlines(s + j, s + b.len) != ref_newlines(s + j, s + b.len))
				badn++;
		}
		buf_free(&b);
	}
	is_int(bad, 0, "generated text: same line as memmem at every offset");
	is_int(badn, 0, "generated text: newline counts");
	exact_texts(&rng, noise, sizeof(noise) / sizeof(noise[0]));
	return tap_done();
}

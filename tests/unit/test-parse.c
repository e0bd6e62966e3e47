/*
 * test-parse: lib/parse's searches and number readers against plain
 * references.  find_strn() picks which of the needle's bytes to look for
 * (not a blank or a quote) and which to compare next: on random text of a
 * small alphabet, with needles that begin with blanks and quotes or are
 * nothing else, at every position, it must find what a byte-by-byte search
 * finds.  scan_u64() and scan_i64() against strtoull()/strtoll() at the
 * edges of their range.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/parse.h"
#include "tap.h"

/* A random number below n (tap.h's sequence). */
static size_t
below(size_t n)
{
	return (size_t)(tap_rand() >> 32) % n;
}

/* The first n-byte match in [p, end), byte by byte. */
static const char *
ref_find(const char *p, const char *end, const char *needle, size_t n)
{
	for (; (size_t)(end - p) >= n; p++)
		if (memcmp(p, needle, n) == 0)
			return p;
	return NULL;
}

static void
random_text(char *s, size_t n, const char *alphabet)
{
	size_t i, k = strlen(alphabet);

	for (i = 0; i < n; i++)
		s[i] = alphabet[below(k)];
}

/* u64 text as strtoull() reads it, or false when it does not fit or has no digit. */
static int
ref_u64(const char *s, uint64_t *v)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s < '0' || *s > '9')
		return 0;
	errno = 0;
	*v = strtoull(s, &e, 10);
	return errno == 0;
}

static int
ref_i64(const char *s, int64_t *v)
{
	char *e;
	const char *d = s;

	while (*d == ' ' || *d == '\t')
		d++;
	if (*d == '-' || *d == '+')
		d++;
	if (*d < '0' || *d > '9')
		return 0;
	errno = 0;
	*v = strtoll(s, &e, 10);
	return errno == 0;
}

int
main(void)
{
	static const char *const fixed[] = {
		" invoked oom-killer:", "\"MESSAGE\"", "#012", "\\x0a", "+0x", " ", "  ", "\"",
		"\" \"", " \"a", "a", "ab", " a ", "\"\"x",
	};
	static const char *const u64s[] = {
		"0", "7", "  42 kB", "18446744073709551615", "18446744073709551616",
		"18446744073709551620", "99999999999999999999", "1844674407370955161", "00000000000000000000012",
		"", "x", " \t9",
	};
	static const char *const i64s[] = {
		"0", "-0", "+5", "-9223372036854775808", "-9223372036854775809",
		"9223372036854775807", "9223372036854775808", "-", "+", "  -12kB", "--1",
	};
	char hay[256], needle[8];
	size_t i, f;
	int t, bad = 0, tries = 0;

	/* Needles of the alphabet's bytes, blanks and quotes first among them. */
	for (t = 0; t < 200000; t++) {
		size_t hn = below(sizeof(hay)), nn = 1 + below(6);
		const char *a = t % 2 ? " \"ab" : " \"a\t";

		random_text(hay, hn, a);
		random_text(needle, nn, a);
		if (find_strn(hay, hay + hn, needle, nn) != ref_find(hay, hay + hn, needle, nn))
			bad++;
		tries++;
	}
	ok(bad == 0, "find_strn: the byte-by-byte search's result on %d random texts (%d differ)",
	    tries, bad);

	bad = 0;
	for (f = 0; f < sizeof(fixed) / sizeof(fixed[0]); f++) {
		size_t n = strlen(fixed[f]);

		for (i = 0; i < 2000; i++) {
			size_t hn = below(sizeof(hay)), at = hn > 0 ? below(hn) : 0;

			random_text(hay, hn, " \"#0x+12aMESAGinvokd");
			if (at + n <= hn && below(2))
				memcpy(hay + at, fixed[f], n);
			if (find_strn(hay, hay + hn, fixed[f], n) != ref_find(hay, hay + hn, fixed[f], n) ||
			    find_str(hay, hay + hn, fixed[f]) != ref_find(hay, hay + hn, fixed[f], n))
				bad++;
		}
	}
	ok(bad == 0, "find_strn, find_str: the log's needles planted at random places (%d differ)",
	    bad);
	ok(find_strn(hay, hay, "x", 0) == hay, "find_strn: the empty needle is found at the start");
	ok(find_str(hay, hay, "x") == NULL, "find_str: nothing is found in nothing");

	for (i = 0; i < sizeof(u64s) / sizeof(u64s[0]); i++) {
		const char *p = u64s[i];
		uint64_t got = 0, want = 0;
		int g = scan_u64(&p, u64s[i] + strlen(u64s[i]), &got), w = ref_u64(u64s[i], &want);

		ok(g == w && (!g || got == want), "scan_u64(\"%s\"): %s %" PRIu64, u64s[i],
		    g ? "reads" : "refuses", got);
	}
	for (i = 0; i < sizeof(i64s) / sizeof(i64s[0]); i++) {
		const char *p = i64s[i];
		int64_t got = 0, want = 0;
		int g = scan_i64(&p, i64s[i] + strlen(i64s[i]), &got), w = ref_i64(i64s[i], &want);

		ok(g == w && (!g || got == want), "scan_i64(\"%s\"): %s %" PRId64, i64s[i],
		    g ? "reads" : "refuses", got);
	}
	{
		/* The end bounds the digits: "12345" cut after "123". */
		const char *s = "12345", *p = s;
		uint64_t v = 0;

		ok(scan_u64(&p, s + 3, &v) && v == 123 && p == s + 3, "scan_u64 stops at the end it is given");
	}
	return tap_done();
}

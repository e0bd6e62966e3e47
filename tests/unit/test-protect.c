/*
 * test-protect: protect patterns (issue 11, finding 11): what is refused
 * (backreferences, stray ')', repetitions that expand past 4096 parts),
 * and that matching as "^.*(PATTERN)" means exactly what an unanchored
 * search for PATTERN means, on a table of patterns and texts, in the C
 * locale and with invalid UTF-8 in a UTF-8 locale.
 */
#include "config.h"

#include <locale.h>
#include <regex.h>

#include "core/protect.h"
#include "lib/xalloc.h"
#include "tap.h"

/* protect_add's error for pattern ("" when accepted). */
static const char *
add(struct protect_list *l, const char *pattern)
{
	static struct buf err = BUF_INIT;

	buf_reset(&err);
	protect_list_free(l);
	if (protect_add(l, pattern, 0, &err) == 0)
		return "";
	return buf_str(&err);
}

static void
test_refused(void)
{
	struct protect_list l = { 0 };

	is_str(add(&l, "(a*)*\\1b"), "'(a*)*\\\\1b': backreference \\1: glibc matches it by "
	    "backtracking, which takes minutes on a long command line",
	    "a backreference is refused");
	is_str(add(&l, "^(.*) \\9$"), "'^(.*) \\\\9$': backreference \\9: glibc matches it by "
	    "backtracking, which takes minutes on a long command line", "\\9 too");
	is_str(add(&l, "[\\1]x"), "", "\\1 inside brackets is two characters, not a backreference");
	is_str(add(&l, "a\\.b\\\\1"), "", "an escaped backslash before a digit is no backreference");
	is_str(add(&l, "a)b"), "'a)b': ')' without '(' (write \\) for the character)",
	    "a stray ')' (glibc: literal; wrapped: it would close our group)");
	is_str(add(&l, "(a{1,255}){1,255}"), "'(a{1,255}){1,255}': its repetitions expand "
	    "to more than 4096 parts", "(a{1,255}){1,255}: 156 MB to compile, refused");
	is_str(add(&l, "(a{1,1000}){1,1000}"), "'(a{1,1000}){1,1000}': its repetitions expand "
	    "to more than 4096 parts", "(a{1,1000}){1,1000}: over 4 GB to compile, refused");
	is_str(add(&l, "((a{1,32}){1,32}){1,32}"), "'((a{1,32}){1,32}){1,32}': its repetitions "
	    "expand to more than 4096 parts", "nested bounds multiply");
	is_str(add(&l, "(a{1,60}){1,60}"), "", "(a{1,60}){1,60} is within the limit");
	is_str(add(&l, "a{1000}b{1000}c{1000}"), "", "repetitions one after another add up");
	is_str(add(&l, "x{4097}"), "'x{4097}': its repetitions expand to more than 4096 parts",
	    "one bound past the limit");
	/* Two repetitions in a row, and repeating what can match nothing (issue 11). */
	is_str(add(&l, "a**"), "'a**': two repetitions in a row, such as a** or a+{2} (POSIX "
	    "leaves their meaning undefined)", "a**");
	ok(*add(&l, "a+{2}") != '\0' && *add(&l, "x?*") != '\0', "a+{2}, x?*");
	is_str(add(&l, "(a*)*"), "'(a*)*': repeats a part that can match nothing, such as (a*)* "
	    "or (a?)? (write a* or a?): glibc can take minutes to compile those", "(a*)*");
	ok(*add(&l, "(x?)+") != '\0' && *add(&l, "(^)*") != '\0' && *add(&l, "(a|)*") != '\0' &&
	    *add(&l, "(a*){2}") != '\0' && *add(&l, "(\\<)+") != '\0' && *add(&l, "()*") != '\0',
	    "(x?)+, (^)*, (a|)*, (a*){2}, (\\<)+, ()*");
	ok(*add(&l, "(a*)?") != '\0' && *add(&l, "(a?)?") != '\0', "(a*)?, (a?)?");
	ok(*add(&l, "(a*b)*") == '\0' && *add(&l, "(a|b)*") == '\0' && *add(&l, "(a+)+x") == '\0' &&
	    *add(&l, "a*b*c*") == '\0' && *add(&l, "(ab)?c") == '\0',
	    "but (a*b)*, (a|b)*, (a+)+x, a*b*c* and (ab)?c are fine");
	{
		/* fuzz-audit's findings: 2 GB in regcomp, then over 10 s in it. */
		char p[160];

		snprintf(p, sizeof(p), "121331=0=+.42%.*s", 100,
		    "++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++"
		    "++++++++++++++++++++++++++++++++++++");
		ok(*add(&l, p) != '\0', "'2' and a hundred '+' is refused");
		snprintf(p, sizeof(p), "\306%.*sn", 91,
		    "****************************************************************************"
		    "***************************************");
		ok(*add(&l, p) != '\0', "91 '*' in a row is refused");
	}
	/* Each (...)+ doubles what it repeats (glibc: x+ is x x*). */
	is_str(add(&l, "((((((((((((x+)+)+)+)+)+)+)+)+)+)+)+)"),
	    "'((((((((((((x+)+)+)+)+)+)+)+)+)+)+)+)': its repetitions expand to more than "
	    "4096 parts", "(x+)+ nested 12 deep: over 2^12 copies");
	is_str(add(&l, "((((((((((x+)+)+)+)+)+)+)+)+)+)"), "", "10 deep: within the limit");
	is_str(add(&l, "a{2"), "'a{2': Unmatched \\{", "a '{' that is no bound: regcomp's error");
	is_str(add(&l, "postgres("), "'postgres(': Unmatched ( or \\(", "regcomp's own error");
	is_str(add(&l, ""), "an empty pattern would match every process", "empty");
	is_str(add(&l, "a\nb"), "a newline in the pattern", "a newline (from --protect)");
	protect_list_free(&l);
}

/* An unanchored search for pattern, as regexec does it without our help. */
static int
plain_match(const char *pattern, const char *text)
{
	regex_t re;
	int m;

	if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB) != 0)
		return -1;
	m = regexec(&re, text, 0, NULL, 0) == 0;
	regfree(&re);
	return m;
}

static void
test_same_meaning(void)
{
	static const char *const patterns[] = {
		"postgres", "^postgres", "postgres$", "^/usr/bin/postgres -D", "sshd: .*@pts",
		"a|^b", "b$|^a", "(^a|x)", "(a|b$)c?", "^$", "^", "$", "x*", "[]a]", "[^]a]b",
		"[[:digit:]]+ -[a-z]", "\\(x\\)", "(a)(b)", "java .*-Xmx[0-9]+[gG]",
		"^(python3?|perl) ", "( |^)-D ", "\\.conf$", "[.]", "a{2,3}", "(ab){2}",
		"[[:space:]]", "[[:cntrl:]]", "a.b", "^.$", "[^a]",
	};
	static const char *const texts[] = {
		"", "a", "b", "x", "ab", "ba", "abab", "aab", "]a", "]b", "/usr/bin/postgres -D /srv",
		"postgres", "xpostgres", "postgres x", "sshd: root@pts/0", "sshd: root@notty",
		"python3 -m http.server", "perl -e 1", "java -Xmx4g -jar x.jar", "foo -D bar",
		"(x) y", "/etc/x.conf", "12 -d", "a.b", "aaa", "\n", "a\nb", "b\na",
		"x\npostgres", "postgres\nx", "\r\n",
	};
	struct protect_list l = { 0 };
	size_t i, j, bad = 0, n = 0;

	for (i = 0; i < ARRAY_SIZE(patterns); i++) {
		if (*add(&l, patterns[i]) != '\0') {
			ok(0, "'%s' is accepted", patterns[i]);
			continue;
		}
		for (j = 0; j < ARRAY_SIZE(texts); j++) {
			int want = plain_match(patterns[i], texts[j]);
			int got = protect_match(&l, texts[j], strlen(texts[j])) != NULL;

			n++;
			if (got != want) {
				bad++;
				printf("# '%s' on '%s': %d, plain regexec %d\n", patterns[i],
				    texts[j], got, want);
			}
		}
	}
	is_int(bad, 0, "'^.*(P)' matches exactly where P matches (%zu pattern/text pairs)", n);
	ok(*add(&l, "postgres") == '\0' && protect_match(&l, "postgres -D /x", 8) != NULL,
	    "only len bytes are matched");
	ok(protect_match(&l, "xx postgres", 2) == NULL, "and not beyond");
	protect_list_free(&l);
}

static void
test_multibyte(void)
{
	struct protect_list l = { 0 };

	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) {
		ok(1, "# SKIP no C.UTF-8 locale");
		return;
	}
	add(&l, "postgres");
	ok(protect_match(&l, "\xff postgres -D", 14) != NULL,
	    "UTF-8 locale: a match after an invalid byte is found");
	add(&l, "^postgres");
	ok(protect_match(&l, "\xff postgres -D", 14) == NULL, "and ^ still anchors");
	add(&l, "caf. ");
	ok(protect_match(&l, "caf\xc3\xa9 au lait", 13) != NULL, "'.' matches a whole character");
	ok(protect_match(&l, "caf\xc3 au lait", 12) != NULL, "and an invalid byte, as '?'");
	add(&l, "p.stgres");
	ok(protect_match(&l, "\xe2\x80 x p\xc3\xb6stgres", 15) != NULL,
	    "a truncated sequence before the match");
	setlocale(LC_CTYPE, "C");
	protect_list_free(&l);
}

/*
 * Hostile text against patterns that made glibc's unanchored search take
 * seconds to minutes (protect.c): matched once from the start, they
 * answer; the time lives in bench/regex.c, not here.
 */
static void
test_hostile(void)
{
	static char text[PROTECT_MATCH_MAX + 1];
	struct protect_list l = { 0 };

	memset(text, 'a', PROTECT_MATCH_MAX);
	text[PROTECT_MATCH_MAX - 1] = '!';
	add(&l, "([a-z]+ ?){1,100}$");
	ok(protect_match(&l, text, PROTECT_MATCH_MAX) == NULL, "([a-z]+ ?){1,100}$ on 8 KiB");
	add(&l, "((a|aa)+)+$");
	ok(protect_match(&l, text, PROTECT_MATCH_MAX) == NULL, "((a|aa)+)+$ on 8 KiB");
	text[PROTECT_MATCH_MAX - 1] = 'a';
	ok(protect_match(&l, text, PROTECT_MATCH_MAX) != NULL, "and it matches when it should");
	protect_list_free(&l);
}

int
main(void)
{
	test_refused();
	test_same_meaning();
	test_multibyte();
	test_hostile();
	return tap_done();
}

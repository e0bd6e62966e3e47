/* release.c: kernel release strings ("6.1.0-18-amd64", "3.10.0-1160.el7.x86_64"). */
#include "config.h"

#include <stdlib.h>

#include "proc/release.h"

/* Parse "A.B.C" from the start of a release; C defaults to 0. */
bool
release_parse(const char *s, int *a, int *b, int *c)
{
	char *end;
	long v;

	v = strtol(s, &end, 10);
	if (end == s || *end != '.' || v < 2 || v > 99)
		return false;
	*a = (int)v;
	s = end + 1;
	v = strtol(s, &end, 10);
	if (end == s || v < 0 || v > 999)
		return false;
	*b = (int)v;
	*c = 0;
	if (*end == '.') {
		s = end + 1;
		v = strtol(s, &end, 10);
		if (end != s && v >= 0 && v < 100000)
			*c = (int)v;
	}
	return true;
}

int
release_code(int a, int b, int c)
{
	return a * 1000000 + b * 1000 + (c > 999 ? 999 : c);
}

int
release_version_code(const char *release)
{
	int a, b, c;

	if (release == NULL || !release_parse(release, &a, &b, &c))
		return -1;
	return release_code(a, b, c);
}

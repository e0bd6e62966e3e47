/*
 * fuzz-audit: the parsers behind `audit` and the what-if options:
 * /proc/swaps, sizes, "PID=VALUE" / "PID=SIZE" arguments, systemd unit
 * names taken from cgroup paths, and protect patterns (--protect): the
 * walk that refuses backreferences and over-large expansions runs on any
 * bytes before regcomp() does, and an accepted pattern is matched against
 * the input as a command line.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/oomgroup.h"
#include "core/protect.h"
#include "core/whatif.h"
#include "lib/buf.h"
#include "lib/parse.h"
#include "proc/swaps.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct swaps sw;
	struct whatif_list wl = { 0 };
	struct buf err = BUF_INIT;
	char *s = malloc(size + 1), unit[64];
	uint64_t bytes;
	unsigned line;

	swaps_parse((const char *)data, size, &sw, &line);
	parse_size((const char *)data, (const char *)data + size, &bytes);
	/* Command-line arguments are C strings: stop at the first NUL. */
	memcpy(s, data, size);
	s[size] = '\0';
	{
		struct protect_list pl = { 0 };

		if (protect_add(&pl, s, 0, &err) == 0)
			protect_match(&pl, (const char *)data, size);
		protect_list_free(&pl);
	}
	buf_reset(&err);
	whatif_add_adj(&wl, s, &err);
	whatif_add_grow(&wl, s, &err);
	cgroup_unit_name(s, unit, sizeof(unit));
	whatif_list_free(&wl);
	buf_free(&err);
	free(s);
	return 0;
}

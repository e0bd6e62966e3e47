/*
 * fuzz-audit: the parsers behind `audit` and the what-if options:
 * /proc/swaps, sizes, "PID=VALUE" / "PID=SIZE" arguments and systemd unit
 * names taken from cgroup paths.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/oomgroup.h"
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
	whatif_add_adj(&wl, s, &err);
	whatif_add_grow(&wl, s, &err);
	cgroup_unit_name(s, unit, sizeof(unit));
	whatif_list_free(&wl);
	buf_free(&err);
	free(s);
	return 0;
}

/*
 * fuzz-check: the parsers of check's inputs that come from outside:
 * oomrisk.conf (inih through our line reader, and the level syntax), the
 * state file, kernel log kill lines and raw /dev/kmsg records,
 * /proc/PID/stat and memory.stat.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/conf.h"
#include "core/memcg.h"
#include "core/state.h"
#include "core/threshold.h"
#include "log/kills.h"
#include "proc/status.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	static struct check_state st;
	struct conf c;
	struct buf err = BUF_INIT, out = BUF_INIT;
	struct kill_list kills = { 0 };
	struct kmsg_window w;
	struct oom_kill_event ev;
	struct thr_value v;
	const char *why;
	unsigned line;
	uint64_t u;
	char *s;
	int m;

	conf_init(&c);
	conf_parse(buf, size, "fuzz.conf", &c, &err);
	conf_free(&c);
	if (state_parse(buf, size, &st, &line, &why) == 0)
		state_format(&st, &out);	/* what parses must format */
	kills_parse_line(buf, size, &ev);
	kills_from_kmsg(buf, size, 0, &kills, &w);
	kills_free(&kills);
	pid_stat_starttime(buf, size, &u);
	cgroup_stat_value(buf, size, "inactive_file", &u);
	/* Level values are NUL-terminated strings (inih hands them over so). */
	s = malloc(size + 1);
	memcpy(s, buf, size);
	s[size] = '\0';
	for (m = 0; m < M_NMEASURES; m++) {
		buf_reset(&err);
		if (thr_parse(m, s, &v, &err) == 0)
			thr_format(&out, &v);
	}
	parse_duration(s, &u);
	free(s);
	buf_free(&err);
	buf_free(&out);
	return 0;
}

/*
 * test-state: check's state file: round trip, and every kind of damage
 * (truncation at each byte, a changed byte, junk) is recognised.
 */
#include "config.h"

#include "core/state.h"
#include "tap.h"

static void
sample(struct check_state *st)
{
	memset(st, 0, sizeof(*st));
	snprintf(st->boot_id, sizeof(st->boot_id), "614f003b-fc82-4626-a298-82d3dc9044d8");
	st->uptime_ms = 2206970;
	st->wall = 1795314718;
	st->have_oom_kill = true;
	st->oom_kill = 49;
	st->have_kmsg_seq = true;
	st->kmsg_seq = 4281;
	st->confirmed = 3;
	st->missed = 1;
	st->unpredicted = 7;
	st->have_status = true;
	st->status = 1;
	st->baseline_ms = 2206000;
	st->ntasks = 2;
	st->tasks[0] = (struct state_task){ 9011, 220362, 2220 };
	st->tasks[1] = (struct state_task){ 1169, 3830, 4688 };
	st->npred = 2;
	st->pred[0].pid = 9011;
	memcpy(st->pred[0].comm, "a b\033\n", 5);
	st->pred[0].comm_len = 5;
	snprintf(st->pred[1].scope, sizeof(st->pred[1].scope), "/oomrisk-test-1,x y");
	st->pred[1].pid = 42;
}

int
main(void)
{
	struct check_state a, b;
	struct buf t = BUF_INIT, t2 = BUF_INIT;
	const char *why;
	unsigned line;
	size_t i;
	int bad = 0;

	sample(&a);
	state_format(&a, &t);
	is_int(state_parse(t.data, t.len, &b, &line, &why), 0, "formatted state parses");
	state_format(&b, &t2);
	is_str(buf_str(&t2), buf_str(&t), "round trip is exact");
	is_int(b.ntasks, 2, "tasks");
	is_int(b.tasks[1].mem_kb, 4688, "task size");
	is_int(b.pred[0].comm_len, 5, "a name with a space, ESC and newline survives");
	ok(memcmp(b.pred[0].comm, "a b\033\n", 5) == 0, "exactly");
	is_str(b.pred[1].scope, "/oomrisk-test-1,x y", "a cgroup path with comma and space");
	ok(state_prediction_for(&b, "") == &b.pred[0], "global prediction");
	ok(state_prediction_for(&b, "/nope") == NULL, "no prediction for another scope");
	is_int(b.confirmed + b.missed + b.unpredicted, 11, "counters");
	ok(b.have_status && b.status == 1, "the run's status (for --notify-on-change)");
	ok(strstr(buf_str(&t), "\nstatus 1\n") != NULL, "as a 'status' line");

	/* A file of a version before the status line: still a state, status unknown. */
	a.have_status = false;
	buf_reset(&t);
	state_format(&a, &t);
	ok(strstr(buf_str(&t), "status") == NULL, "no status: no 'status' line");
	is_int(state_parse(t.data, t.len, &b, &line, &why), 0, "a state without it parses");
	ok(!b.have_status, "and says it has no status");
	is_int(state_parse("oomrisk-state 1\nboot_id ab\nstatus 3\n", 36, &b, &line, &why), -1,
	    "status 3 (UNKNOWN is never saved) is malformed");
	is_int(line, 3, "named by line");
	a.have_status = true;
	buf_reset(&t);
	state_format(&a, &t);

	/* Every truncation is detected (a killed writer, were rename not atomic). */
	for (i = 0; i < t.len - 1; i++)
		if (state_parse(t.data, i, &b, &line, &why) == 0)
			bad++;
	is_int(bad, 0, "no truncated prefix parses");
	is_int(state_parse(t.data, t.len - 1, &b, &line, &why), 0,
	    "only the final newline missing: still complete");
	/* Every single changed byte is detected. */
	for (i = 0, bad = 0; i < t.len; i++) {
		char saved = t.data[i];

		t.data[i] ^= 0x04;
		if (state_parse(t.data, t.len, &b, &line, &why) == 0)
			bad++;
		t.data[i] = saved;
	}
	is_int(bad, 0, "no changed byte goes unnoticed");
	t.data[t.len - 2] ^= 1;
	state_parse(t.data, t.len, &b, &line, &why);
	is_str(why, "checksum mismatch: the file was changed or damaged", "the reason");
	is_int(state_parse("hello\n", 6, &b, &line, &why), -1, "not a state file");
	is_int(line, 1, "line 1");
	is_int(state_parse("oomrisk-state 1\nboot_id x\nbogus 1\n", 34, &b, &line, &why), -1,
	    "unknown line");
	is_int(line, 2, "named by line (boot_id x is not hex)");
	buf_free(&t);
	buf_free(&t2);
	return tap_done();
}

/* test-growth: memory growth per second between refreshes, by pid. */
#include "config.h"

#include "core/growth.h"
#include "tap.h"

int
main(void)
{
	struct growth g;
	double r = 0;
	int pid, missing = 0, wrong = 0;

	growth_init(&g);
	growth_begin(&g, 10.0, 3);
	ok(!growth_record(&g, 100, 1000, &r), "first refresh: no rate yet");
	growth_record(&g, 200, 5000, &r);
	growth_begin(&g, 12.0, 3);
	ok(growth_record(&g, 100, 3000, &r), "second refresh: rate known");
	ok(r == 1000.0, "2000 kB in 2 s = 1000 kB/s (%g)", r);
	ok(growth_record(&g, 200, 4000, &r) && r == -500.0, "shrinking: -500 kB/s");
	ok(!growth_record(&g, 300, 1, &r), "a new task has no rate");
	ok(growth_lookup(&g, 100, &r) && r == 1000.0, "lookup after record");
	growth_begin(&g, 13.0, 3);
	growth_record(&g, 300, 1025, &r);
	ok(r == 1024.0, "rate over the last interval only (1 s)");
	ok(!growth_lookup(&g, 100, &r), "a task gone this refresh has no rate");
	ok(!growth_record(&g, 0, 1, &r) && !growth_record(&g, -5, 1, &r), "pid <= 0 ignored");

	/* Far more tasks than expected: the table grows and keeps them all. */
	growth_begin(&g, 20.0, 10);
	for (pid = 1; pid <= 20000; pid++)
		growth_record(&g, pid, (uint64_t)pid, &r);
	growth_begin(&g, 21.0, 20000);
	for (pid = 1; pid <= 20000; pid++)
		if (!growth_record(&g, pid, (uint64_t)pid * 2, &r))
			missing++;
		else if (r != (double)pid)
			wrong++;
	is_int(missing, 0, "20000 tasks all found in the previous refresh");
	is_int(wrong, 0, "each grew by its pid in 1 s");
	ok(g.cur.cap >= 40000 && (g.cur.cap & (g.cur.cap - 1)) == 0, "capacity a power of two");
	growth_free(&g);
	return tap_done();
}

/* clock.c: the clocks oomrisk reads. */
#include "config.h"

#include <time.h>

#include "sys/clock.h"

double
now_monotonic(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

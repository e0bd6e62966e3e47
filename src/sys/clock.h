/* clock.h: the clocks oomrisk reads. */
#ifndef OOMRISK_SYS_CLOCK_H
#define OOMRISK_SYS_CLOCK_H

#include <stdint.h>

/* Monotonic clock in seconds. */
double now_monotonic(void);

/* The wall clock, in microseconds since the epoch. */
int64_t now_realtime_usec(void);

/*
 * When the machine booted, in microseconds since the epoch: the realtime
 * clock less the boottime clock.  An estimate for the kernel log's
 * timestamps: they stop while the machine is suspended, boottime does not,
 * and the wall clock may have been set since.  -1 if the clocks fail.
 */
int64_t boot_time_usec(void);

#endif

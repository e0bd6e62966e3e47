/* clock.h: the clocks oomrisk reads. */
#ifndef OOMRISK_SYS_CLOCK_H
#define OOMRISK_SYS_CLOCK_H

/* Monotonic clock in seconds. */
double now_monotonic(void);

#endif

/*
 * growth.h: memory growth per second of each task between two refreshes.
 * Two open-addressing tables keyed by pid (this refresh, the previous
 * one) that are swapped and reused, so a refresh loop allocates only when
 * the task count grows past what it has seen.  Pure.
 */
#ifndef OOMRISK_CORE_GROWTH_H
#define OOMRISK_CORE_GROWTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct growth_slot {
	int pid;		/* 0 = empty */
	uint64_t kb;
};

struct growth_table {
	struct growth_slot *slots;
	size_t cap;		/* a power of two, or 0 */
	size_t n;
};

struct growth {
	struct growth_table cur, prev;
	double t_cur, t_prev;	/* when each was taken; t_prev < 0: none yet */
};

void growth_init(struct growth *g);
void growth_free(struct growth *g);

/*
 * Start a new refresh at time now for up to expected tasks: the current
 * table becomes the previous one.
 */
void growth_begin(struct growth *g, double now, size_t expected);

/*
 * Record a task's memory (kB) in this refresh.  Returns true and sets
 * *kb_per_s when the task was also recorded in the previous refresh.
 */
bool growth_record(struct growth *g, int pid, uint64_t kb, double *kb_per_s);

/* The rate recorded for pid in this refresh, if both refreshes saw it. */
bool growth_lookup(const struct growth *g, int pid, double *kb_per_s);

#endif

/* psi.h: parse pressure stall information (/proc/pressure/memory). */
#ifndef OOMRISK_PROC_PSI_H
#define OOMRISK_PROC_PSI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct psi_line {
	bool present;
	uint64_t avg10, avg60, avg300;	/* hundredths of a percent: 1234 = 12.34% */
	uint64_t total_us;		/* cumulative stall time */
};

struct psi {
	struct psi_line some, full;
};

/* Returns 0, or -1 (with *lineno) when a line is malformed or none is found. */
int psi_parse(const char *buf, size_t len, struct psi *p, unsigned *lineno);

#endif

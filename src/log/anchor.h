/*
 * anchor.h: find, fast, the lines of a big log that can matter to the OOM
 * report parser while no report is open.  Pure: buffer in, pointer out.
 *
 * The anchors are substrings every such line holds: "invoked oom-killer",
 * "oom-kill:", "ut of memory", "allocation failure", "result of limit",
 * "tgid total_vm", "ainted" (a CPU line naming the kernel release), "illed
 * process" and "ill process" (kill lines printed without their header:
 * rate limits, grep; "sharing same memory" kills), "oom.group" (a group kill) and "OOM
 * encountered" (kubelet's event of a kill).
 * With SSE2 one pass over the buffer tests, 16 bytes at a time, a rare
 * pair of bytes from each anchor at their distance in it, and only checks
 * the whole anchor where a pair matches; without SSE2, and on a text
 * shorter than a block, it looks for the pair byte by byte.
 */
#ifndef OOMRISK_LOG_ANCHOR_H
#define OOMRISK_LOG_ANCHOR_H

#include <stddef.h>
#include <stdint.h>

/* The anchors, in the order of anchor.c's table. */
enum anchor_id {
	AN_INVOKED, AN_OOM_KILL, AN_OUT_OF_MEMORY, AN_ALLOC_FAILURE, AN_LIMIT, AN_DUMP_HEADER,
	AN_TAINTED, AN_KILLED, AN_KILL, AN_OOM_GROUP, AN_ENCOUNTERED,
};

/*
 * An anchor on the first line of [p, end) that holds one (p must be at a
 * line start), or NULL.
 */
const char *anchor_find(const char *p, const char *end);

/* The same, and which anchor it is (enum anchor_id) in *id. */
const char *anchor_find_id(const char *p, const char *end, int *id);

/* Newlines in [p, end). */
uint64_t anchor_count_newlines(const char *p, const char *end);

#endif

/*
 * prefix.h: take one physical log line apart into its prefix (who logged
 * it, where, when) and the kernel's message.  Pure: text in, struct out;
 * the pointers point into the caller's line.
 *
 * No list of formats: the prefix is a run of elements, each recognised by
 * its own shape, in any order and number, and the message is what follows
 * the last one.  Elements (examples from real logs, see tests/oom-logs):
 *   4,7005,192206114689,-;              /dev/kmsg record header
 *   <4>  <6>1                           console level, RFC 5424 version
 *   kern  :warn  :                      dmesg -x facility and level
 *   kern.warn                           busybox logread facility.level
 *   Jun  4 17:19:10  2023-10-12T19:00:20.1+00:00  07-13 08:41:51.341
 *   Thu 2023-08-17 17:29:27 CEST  1697137220.123456
 *                                       a date and a clock, any locale
 *   [  128.496873]  [309805.658142s]    uptime (dmesg, Android)
 *   [ven. nov. 28 07:26:44 2025]        dmesg -T in any locale
 *   [  T460]  [  C3]                    printk caller id
 *   [pid:1361,cpu5,sManagerService]     a vendor's own field: any bracket
 *                                       whose content is not a message's
 *   ...  …                              an author's elision
 *   > >                                 mail quoting
 *   host kernel:   kernel:   kernel[0]: the syslog host and tag
 *   stdout F                            Kubernetes (CRI) container log
 * A bracket is part of the message, not the prefix, when it holds a number
 * only (a task-dump row "[  788]"), "pid" (the dump header), a '<' (a
 * stack address) or another bracket.  A syslog tag of another program
 * ("CRON[1]:", "/usr/bin/lock:") makes the line LL_OTHER.
 *
 * What the element rule cannot know, the report assembler learns from the
 * lines whose message it can find by content (prefix_learn_extra()).
 */
#ifndef OOMRISK_LOG_PREFIX_H
#define OOMRISK_LOG_PREFIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum logline_src {
	LL_BARE,	/* no prefix at all: the message itself (or a continuation) */
	LL_KERNEL,	/* a prefix (that names the kernel, or names nobody) */
	LL_OTHER,	/* a syslog/journal line from another program */
};

enum pfx_kind {
	PK_NONE, PK_KMSG, PK_LEVEL, PK_FACLEV, PK_TIME, PK_UPTIME, PK_CTIME, PK_CALLER,
	PK_VENDOR, PK_ELLIPSIS, PK_QUOTE, PK_CRI, PK_HOST, PK_TAG, PK_OTHERTAG, PK_RFC5424,
	PK_NUMBER,	/* a bracket holding a number only (prefix only when learned) */
	PK_WORD,	/* any other token (prefix only when learned) */
};

struct span {
	const char *p;
	size_t len;
};

#define PFX_MAX 12

struct pfx_elem {
	uint8_t kind;		/* enum pfx_kind */
	uint32_t start, end;	/* offsets in the line */
};

struct logline {
	enum logline_src src;
	bool kmsg;		/* a raw /dev/kmsg record: "\x0a" splits lines */
	bool syslog;		/* rsyslog may have written "#012" for newlines */
	unsigned indent;	/* blanks before the first element or the message */
	struct span host;	/* empty when the format has none */
	struct span time;	/* wall clock as printed, or empty */
	struct span uptime;	/* seconds since boot as printed, or empty */
	struct span msg;
	int nelem;
	struct pfx_elem elem[PFX_MAX];
	uint32_t shape;		/* the element kinds in order: tells streams apart */
};

/* Split line[0..len) (no newline) into prefix and message. */
void prefix_parse(const char *line, size_t len, struct logline *out);

/*
 * prefix_parse() without its shortcut (the quick test that no prefix
 * element can begin a line): every line goes through the lexer.  The
 * result is the same; tests compare the two.
 */
void prefix_parse_full(const char *line, size_t len, struct logline *out);

/*
 * prefix_parse() with a memo of the prefixes of lines before: when a line
 * begins with the same prefix as one of them, byte for byte but for the
 * digits of its clock, uptime and caller id, the prefix is not lexed again (a
 * report's lines share one).  The prefix of the last line is tried first;
 * then those filed under the line's first bytes (streams of other hosts or
 * tools interleaved, each keeps its own).  The result is prefix_parse()'s.
 * Zero the memo before first use.
 */
#define PREFIX_MEMO_MAX 128
#define PREFIX_MEMO_SETS 32		/* a power of two */
#define PREFIX_MEMO_WAYS 2

struct prefix_memo_entry {
	bool valid;
	bool tagged, timed;		/* the lexer's state after the prefix */
	int guard;
	uint32_t len;			/* the prefix: text[0..len), to its last element's end */
	uint32_t cmp;			/* text[0..cmp) is compared: len + 1 with the blank after */
	uint32_t start;			/* where the last element run began */
	uint32_t host, time, uptime;	/* offsets of ll's spans */
	struct logline ll;		/* the parse of the line, up to its message */
	/*
	 * The line fits where lo[i] <= line[i] <= hi[i] for i < cmp: the kept
	 * byte, or '0' and '9' for a digit of a clock, uptime or caller id.
	 */
	uint8_t lo[PREFIX_MEMO_MAX], hi[PREFIX_MEMO_MAX];
};

struct prefix_memo {
	struct prefix_memo_entry *last;	/* the entry the last line fitted, or NULL */
	uint8_t older[PREFIX_MEMO_SETS];	/* per set, the way to replace next */
	uint64_t first[16];		/* a filter of the entries' first 4 bytes, hashed */
	struct prefix_memo_entry e[PREFIX_MEMO_SETS * PREFIX_MEMO_WAYS];
};

void prefix_parse_memo(struct prefix_memo *m, const char *line, size_t len, struct logline *out);

/*
 * A stream's prefix beyond the element rule, learned from a line whose
 * message was found by its content: up to PFX_EXTRA tokens (numbers in
 * brackets, or words taken literally), e.g. a vendor's "[1361]" or the
 * "Warning OOMKilling 2m kernel-monitor, node" of a Kubernetes event.
 */
#define PFX_EXTRA 8
#define PFX_WORD 32

struct pfx_extra {
	int n;
	uint8_t kind[PFX_EXTRA];	/* PK_NUMBER, PK_VENDOR or PK_WORD */
	char word[PFX_EXTRA][PFX_WORD];	/* PK_WORD: the token */
};

/*
 * The message of ll's line really begins at msg (found by content, at or
 * after ll->msg.p): describe the tokens in between.  False when they are
 * not a few short tokens (nothing to learn).
 */
bool prefix_learn_extra(const struct logline *ll, const char *msg, struct pfx_extra *x);

/* Take a learned extra prefix off ll->msg where the line has it. */
void prefix_apply_extra(struct logline *ll, const struct pfx_extra *x);

#endif

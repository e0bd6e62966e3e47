/*
 * test-msgread: the fast readers of log/message.c against the plain ones
 * they replace, on real report lines (tests/oom-logs) and on generated
 * and mutated ones.  Each buffer is allocated to its exact length, so that
 * a read past the end is caught under ASan.  message.c is included to
 * reach its static functions.
 */
#include "../../src/log/message.c"

#include <dirent.h>
#include <stdlib.h>

#include "log/prefix.h"
#include "message-ref.h"
#include "tap.h"

/* ---- the references: the code before the fast paths ---------------------- */

static int64_t
ref_num_at(const char **pp, const char *end)
{
	int64_t v;

	if (!scan_i64(pp, end, &v))
		return OOM_NONE;
	return v;
}

static const char *
ref_class_end(const char *q, const char *end, unsigned cls)
{
	bool key = cls & KEY_END;

	while (q < end && *q != ' ' && *q != '\t' && *q != ',' && *q != '(' && !(key && *q == ':'))
		q++;
	return q;
}

static int
ref_counter_index(const char *k, size_t n)
{
	for (int i = 0; i < OC_COUNT; i++)
		if (n > 0 && oom_counter_names[i][0] == k[0] && strnlen(oom_counter_names[i], n + 1) == n &&
		    memcmp(k, oom_counter_names[i], n) == 0)
			return i;
	return -1;
}

static bool
ref_parse_counters(struct oom_report *r, const char *p, const char *end)
{
	bool any = false;

	p = skip_ws(p, end);
	while (p < end) {
		const char *colon, *tok_end = token_end(p, end);
		int i;

		colon = memchr(p, ':', (size_t)(tok_end - p));
		if (colon != NULL && (i = ref_counter_index(p, (size_t)(colon - p))) >= 0) {
			const char *v = colon + 1;
			int64_t x = ref_num_at(&v, tok_end);

			if (x != OOM_NONE) {
				r->counters[i] = x;
				any = true;
			}
		}
		if (!any)
			return false;
		p = skip_ws(tok_end, end);
	}
	if (any)
		r->seen |= OP_MEMINFO;
	return any;
}

/* memcg_stat()'s table walked in order, as before the first-byte index. */
static const char *const ref_stat_keys[] = {
	"anon", "rss", "file", "cache", "shmem", "kernel", "kernel_stack", "pagetables",
	"slab_reclaimable", "slab_unreclaimable", "sock", "percpu", "swap", "anon_thp",
	"rss_huge", "file_mapped", "mapped_file", "unevictable",
};

/* Where each key of ref_stat_keys[] goes. */
#define OFF(f) offsetof(struct oom_report, f)
static const size_t ref_stat_off[] = {
	OFF(ms_anon), OFF(ms_anon), OFF(ms_file), OFF(ms_file), OFF(ms_shmem), OFF(ms_kernel),
	OFF(ms_kernel_stack), OFF(ms_pagetables), OFF(ms_slab_reclaimable),
	OFF(ms_slab_unreclaimable), OFF(ms_sock), OFF(ms_percpu), OFF(ms_swap), OFF(ms_anon_thp),
	OFF(ms_anon_thp), OFF(ms_mapped_file), OFF(ms_mapped_file), OFF(ms_unevictable),
};
/* The memcg stats fields, ms_anon to ms_unevictable, declared in a row in reports.h. */
#define MS_BLOCK (offsetof(struct oom_report, ms_unevictable) + sizeof(int64_t) - \
	offsetof(struct oom_report, ms_anon))
#undef OFF

static int
ref_stat_key(const char *k, size_t n)
{
	for (size_t i = 0; i < sizeof(ref_stat_keys) / sizeof(ref_stat_keys[0]); i++)
		if (strlen(ref_stat_keys[i]) == n && memcmp(ref_stat_keys[i], k, n) == 0)
			return (int)i;
	return -1;
}

/* ---- inputs ---------------------------------------------------------------- */

/* Real lines (tests/oom-logs: 040, 052, 062, dense bench) and fragments of them. */
static const char *const real[] = {
	"active_anon:7343961 inactive_anon:556529 isolated_anon:0",
	" active_file:0 inactive_file:13 isolated_file:0",
	" unevictable:0 dirty:0 writeback:0 unstable:0",
	" slab_reclaimable:21374 slab_unreclaimable:34599",
	" mapped:1186 shmem:3 pagetables:24497 bounce:0",
	" free:50627 free_pcp:0 free_cma:0",
	"active_anon:1 inactive_anon:2 isolated_anon:0#012 active_file:3 inactive_file:4",
	" kernel_misc_reclaimable:0",
	"Node 0 Normal free:60780kB boost:0kB min:60824kB low:76028kB high:91232kB "
	    "reserved_highatomic:0KB active_anon:2788kB inactive_anon:29170996kB active_file:0kB "
	    "inactive_file:48kB unevictable:0kB writepending:0kB present:31457280kB "
	    "managed:30929884kB mlocked:0kB bounce:0kB free_pcp:452kB local_pcp:0kB free_cma:0kB",
	"Node 0 active_anon:134528kB inactive_anon:5310856kB active_file:0kB inactive_file:0kB "
	    "unevictable:0kB isolated(anon):0kB isolated(file):0kB mapped:396kB dirty:0kB "
	    "writeback:0kB shmem:12kB shmem_thp: 0kB shmem_pmdmapped: 0kB anon_thp: 0kB "
	    "writeback_tmp:0kB kernel_stack:2016kB pagetables:11744kB all_unreclaimable? yes",
	"Node 0 DMA32: 204*4kB (UME) 187*8kB (UME) 0*4096kB = 123192kB",
	"lowmem_reserve[]: 0 3211 32248 32248",
	"[  788]     0   788     2671        1   7     -17         -1000 udevd",
	"[ 1436]     0  1436  4257236    12345   917504        0             0 java",
	"[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name",
	"[ pid ]   uid  tgid total_vm      rss nr_ptes swapents oom_score_adj name",
	" dump_stack_lvl+0x44/0x5c",
	" ? __alloc_pages_slowpath.constprop.0+0x3f9/0xe10",
	"anon 98742272", "file 0", "kernel_stack 49152", "rss_huge:0KB", "mapped_file 8192",
	" ? __alloc_pages_slowpath+0x3f9/0xe10 <IRQ> +0 +0x",
	"[<ffffffff8110f26e>] dump_header+0x7e/0x1e0 <IRQ",
	" <IRQ>", "+0x", "<IRQ>+0x<IRQ>+0x",
	"php-fpm invoked oom-killer: gfp_mask=0x280da, order=0, oom_adj=0, oom_score_adj=0",
	"(udev-worker): page allocation failure: order:2, mode:0xcc4(GFP_KERNEL|GFP_DMA32), "
	    "nodemask=(null),cpuset=/,mems_allowed=0",
	"php-fpm cpuset=/ mems_allowed=0", "a invoked oom-killer invoked oom-killer:",
	"page allocation failurpage allocation failure",
	"oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,"
	    "task_memcg=/system.slice/x.service,task=cache-main,pid=3117813,uid=991",
	"oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=docker-1.scope,mems_allowed=0,"
	    "oom_memcg=/kubepods/pod1,task_memcg=/kubepods/pod1/c,task=a,pid=1,b,pid=2,uid=0",
	"oom-kill:task=x,pid=5,cpuset=a=cpuset=b,constraint=,pid=6,uid=7,nodemask=nodemask=1 uid=8",
	"Free swap  = 0kB", "123456 pages RAM", "-5", "+17", "\t 42 x",
	"9999999999999999999", "18446744073709551616", "123456789012345678 ",
	"1234567890123456789", "-9223372036854775808", "-9223372036854775809",
};

/* A generated line: tokens of the kinds the readers meet, joined by blanks and separators. */
static size_t
gen_line(char *out, size_t cap)
{
	static const char *const piece[] = {
		"free", "active_anon", "isolated_anon", "kernel_misc_reclaimable", "anon", "rss",
		"file_mapped", "free_cma", "unevictable", "x", "", "dump_stack", "_", "Node",
		"pagetables", "slab_unreclaimable", "A", "+0x", "<IRQ>", "<IRQ", "+0", " invoked oom-killer:",
		"oom-killer", "page allocation failure", "Zz09_az", "__alloc_pages_slowpath", "@[`{",
		"/\xff\x80\xc1^", "tgid total_vm", "total_vm", "tgid", "allocation", " cpuset=", "cpuset", "+", "<",
	};
	static const char sep[] = " \t,(:+-=*#kB0123456789";
	size_t n = 0;
	int tokens = (int)(tap_rand() % 12);

	while (tokens-- > 0 && n + 48 < cap) {
		uint64_t x = tap_rand();
		const char *w = piece[x % (sizeof(piece) / sizeof(piece[0]))];
		int digits = (int)(x >> 8) % 22;

		memcpy(out + n, w, strlen(w));
		n += strlen(w);
		if ((x >> 16) % 4 != 0)
			out[n++] = ':';
		for (int j = (int)((x >> 20) % 3); j > 0; j--)
			out[n++] = sep[(x >> (24 + j * 5)) % (sizeof(sep) - 1)];
		for (int j = 0; j < digits; j++)
			out[n++] = (char)('0' + (x >> (j % 60)) % 10);
		for (int j = (int)((x >> 40) % 3); j > 0; j--)
			out[n++] = sep[(x >> (44 + j * 3)) % (sizeof(sep) - 1)];
	}
	return n;
}

/* ---- comparisons ------------------------------------------------------------ */

static int bad_name, bad_num, bad_class, bad_index, bad_counters, bad_stat, bad_row, bad_trace, bad_find;
static long n_name, n_num, n_class, n_index, n_counters, n_stat, n_row, n_trace, n_find;

/* Every start and every end of the text, each in a buffer of exactly that size. */
static void
compare_all(const char *text, size_t len)
{
	for (size_t a = 0; a <= len; a++) {
		for (size_t b = a; b <= len; b++) {
			char *buf = malloc(b - a + 1);
			const char *p, *e, *q1, *q2;

			memcpy(buf, text + a, b - a);
			p = buf, e = buf + (b - a);

			/* num_at() */
			q1 = q2 = p;
			if (num_at(&q1, e) != ref_num_at(&q2, e) || q1 != q2)
				bad_num++;
			n_num++;

			/* class_end() */
			if (class_end(p, e, KEY_END) != ref_class_end(p, e, KEY_END) ||
			    class_end(p, e, TOK_END) != ref_class_end(p, e, TOK_END))
				bad_class++;
			n_class++;

			/* counter_index(), memcg_stat()'s lookup: the bytes as a key */
			if (counter_index(p, (size_t)(e - p)) != ref_counter_index(p, (size_t)(e - p)))
				bad_index++;
			n_index++;

			/* trace_marks() against the two searches */
			{
				const char *plus;
				bool irq;

				trace_marks(p, e, &plus, &irq);
				if (plus != find_strn(p, e, "+0x", 3) || irq != (find_strn(p, e, "<IRQ>", 5) != NULL))
					bad_trace++;
				n_trace++;
			}

			/* find_by() against find_strn() */
			if (FIND_INVOKED(p, e) != FIND(p, e, " invoked oom-killer:") ||
			    FIND_ALLOCFAIL(p, e) != FIND(p, e, "page allocation failure") ||
			    FIND_BY(p, e, " cpuset=", 7) != FIND(p, e, " cpuset=") ||
			    FIND_BY(p, e, "tgid total_vm", 11) != FIND(p, e, "tgid total_vm"))
				bad_find++;
			n_find++;

			/* comma_or_blank() against the byte loop */
			q1 = p;
			while (q1 < e && *q1 != ',' && *q1 != ' ')
				q1++;
			if (comma_or_blank(p, e) != q1)
				bad_name++;

			/* name_end() against the byte loop */
			for (unsigned flags = 0; flags < 8; flags++) {
				const char *q = p;

				while (q < e && ((*q >= 'a' && *q <= 'z') || ((flags & NM_US) && *q == '_') ||
				    ((flags & NM_DIGIT) && *q >= '0' && *q <= '9') ||
				    ((flags & NM_UPPER) && *q >= 'A' && *q <= 'Z')))
					q++;
				if (name_end(p, e, flags) != q)
					bad_name++;
				n_name++;
			}

			/* row_column() against row_number() */
			q1 = q2 = p;
			if (row_column(&q1, e) != row_number(&q2, e) || q1 != q2)
				bad_row++;
			n_row++;
			free(buf);
		}
	}
}

/* Whole lines: parse_counters() and memcg_stat() against the references. */
static void
compare_line(const char *text, size_t len, struct oom_report *r1, struct oom_report *r2)
{
	char *buf = malloc(len + 1);
	const char *e = buf + len;
	bool a, b;

	memcpy(buf, text, len);
	message_report_init(r1);
	message_report_init(r2);
	a = parse_counters(r1, buf, e);
	b = ref_parse_counters(r2, buf, e);
	if (a != b || r1->seen != r2->seen || memcmp(r1->counters, r2->counters, sizeof(r1->counters)) != 0)
		bad_counters++;
	n_counters++;

	/* Each "key value" and "key:value" token as a memcg stat. */
	for (const char *p = buf; p < e;) {
		const char *ke = p, *v;

		while (ke < e && *ke != ' ' && *ke != ':')
			ke++;
		v = ke < e ? ke + 1 : e;
		{
			int64_t x = ref_num_at(&v, e);
			int k = ref_stat_key(p, (size_t)(ke - p));
			struct oom_report *fresh = r1;

			if (x != OOM_NONE) {
				message_report_init(fresh);
				message_report_init(r2);
				memcg_stat(fresh, p, (size_t)(ke - p), x, 1);
				/* the reference: the key's field holds the value (x < 0 reads as 0), no other */
				if (k >= 0)
					*(int64_t *)(void *)((char *)r2 + ref_stat_off[k]) = x < 0 ? 0 : x;
				if (memcmp(&fresh->ms_anon, &r2->ms_anon, MS_BLOCK) != 0)
					bad_stat++;
				n_stat++;
			}
		}
		p = ke < e ? ke + 1 : e;
	}
	free(buf);
}

/* ---- message_apply() against the reference (message-ref.c) --------------- */

static int bad_apply;
static long n_apply;

/* The reports agree: every byte but the task table's address, and each task's fields. */
static bool
same_report(struct oom_report *a, struct oom_report *b)
{
	struct oom_task *ta = a->tasks, *tb = b->tasks;
	size_t ca = a->tasks_cap, cb = b->tasks_cap;
	bool same;

	a->tasks = b->tasks = NULL;
	a->tasks_cap = b->tasks_cap = 0;
	same = memcmp(a, b, sizeof(*a)) == 0;
	a->tasks = ta, b->tasks = tb;
	a->tasks_cap = ca, b->tasks_cap = cb;
	for (size_t i = 0; same && i < a->ntasks; i++) {
		const struct oom_task *x = &ta[i], *y = &tb[i];

		same = x->pid == y->pid && x->uid == y->uid && x->tgid == y->tgid &&
		    x->total_vm == y->total_vm && x->rss == y->rss && x->rss_anon == y->rss_anon &&
		    x->rss_file == y->rss_file && x->rss_shmem == y->rss_shmem &&
		    x->pgtables == y->pgtables && x->swapents == y->swapents &&
		    x->oom_adj == y->oom_adj && x->oom_score_adj == y->oom_score_adj &&
		    strcmp(x->comm, y->comm) == 0;
	}
	return same;
}

/* Two parsers, each with its report and state, fed the same lines. */
struct pair {
	struct oom_report *r1, *r2;
	struct ol_state s1, s2;
};

static void
pair_reset(struct pair *pr, int version)
{
	message_report_init(pr->r1);
	ref_message_report_init(pr->r2);
	memset(&pr->s1, 0, sizeof(pr->s1));
	pr->s1.release_version = version;
	pr->s2 = pr->s1;
}

/* One message, in a buffer of its exact length (ASan sees a read past it). */
static void
pair_apply(struct pair *pr, enum ol_mode mode, const char *msg, size_t len, bool anchored)
{
	char *buf = malloc(len + 1);
	enum ol_result a, b;

	memcpy(buf, msg, len);
	a = message_apply(pr->r1, &pr->s1, mode, buf, len, anchored);
	b = ref_message_apply(pr->r2, &pr->s2, mode, buf, len, anchored);
	n_apply++;
	if (a != b || memcmp(&pr->s1, &pr->s2, sizeof(pr->s1)) != 0 || !same_report(pr->r1, pr->r2)) {
		if (bad_apply++ < 5)
			printf("# message_apply() differs (mode %d, anchored %d, result %d/%d): %.*s\n",
			    (int)mode, (int)anchored, (int)a, (int)b, (int)len, msg);
		pair_reset(pr, pr->s1.release_version);
	}
	if (message_is_start(buf, len) != ref_message_is_start(buf, len))
		bad_apply++;
	free(buf);
}

/*
 * Every line of a log, its message after the prefix: pass 0 all in an
 * open report, anchored; pass 1 the modes and anchoring in turn, the row
 * layouts guessed for a 4.15 kernel.  A report is begun again after its end.
 */
static void
feed_log(struct pair *pr, const char *text, size_t len)
{
	for (int pass = 0; pass < 2; pass++) {
		const char *p = text, *end = text + len;
		unsigned i = 0;

		pair_reset(pr, pass == 0 ? -1 : GFP_VERSION(4, 15, 0));
		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p)), *e = nl != NULL ? nl : end;
			struct logline ll;
			enum ol_mode mode = pass == 0 ? OLM_OPEN : (enum ol_mode)(i % 3);
			bool anchored = pass == 0 || i % 5 != 0;

			prefix_parse(p, (size_t)(e - p), &ll);
			pair_apply(pr, mode, ll.msg.p, ll.msg.len, anchored);
			if (i % 997 == 996)
				pair_reset(pr, pr->s1.release_version);
			i++;
			p = e < end ? e + 1 : end;
		}
	}
}

/* A generated task-dump row: columns of any width and sign, blanks and tabs, odd names. */
static size_t
gen_row(char *out, size_t cap)
{
	static const char *const names[] = {
		"udevd", "java", "php-fpm", "kworker/0:1", "a b", "x\t", "Web Content", "",
		"(sd-pam)", "1234", "-5", "name  ", "\xc3\xa9t\xc3\xa9", "[x]", "a]",
	};
	uint64_t x = tap_rand();
	size_t n = 0;
	int cols = 4 + (int)(x % 10);

	if (x >> 60 == 0)
		out[n++] = ' ';
	out[n++] = '[';
	x = tap_rand();
	for (int j = (int)(x % 9); j > 0; j--)
		out[n++] = ' ';
	n += (size_t)snprintf(out + n, cap - n, "%llu", (unsigned long long)(tap_rand() % 10000000));
	if ((x >> 8) % 16 == 0)
		out[n++] = ' ';
	out[n++] = (x >> 12) % 64 == 0 ? ')' : ']';
	for (int c = 0; c < cols && n + 64 < cap; c++) {
		uint64_t y = tap_rand();
		int blanks = 1 + (int)(y % 13), digits = (int)((y >> 4) % 100);

		if ((y >> 11) % 32 == 0)
			blanks = 0;
		for (int j = 0; j < blanks; j++)
			out[n++] = (y >> (16 + j)) % 29 == 0 ? '\t' : ' ';
		if ((y >> 30) % 8 == 0)
			out[n++] = '-';
		/* mostly short numbers, some of 8 to 21 digits */
		digits = digits < 70 ? 1 + digits % 7 : digits < 90 ? 1 + digits % 4 : 8 + digits % 14;
		if ((y >> 34) % 64 == 0)
			digits = 0;
		for (int j = 0; j < digits; j++)
			out[n++] = (char)('0' + (tap_rand() % 10));
		if ((y >> 40) % 128 == 0)
			out[n++] = "x+:,\n"[(y >> 48) % 5];
	}
	x = tap_rand();
	for (int j = 1 + (int)(x % 10); j > 0; j--)
		out[n++] = (x >> 20) % 17 == 0 ? '\t' : ' ';
	if ((x >> 8) % 32 != 0) {
		const char *nm = names[(x >> 12) % (sizeof(names) / sizeof(names[0]))];

		memcpy(out + n, nm, strlen(nm));
		n += strlen(nm);
	}
	for (int j = (int)((x >> 30) % 4) - 1; j > 0; j--)
		out[n++] = ' ';
	if ((x >> 40) % 16 == 0) {	/* a name longer than the comm kept */
		for (int j = 0; j < 80; j++)
			out[n++] = (char)('a' + j % 26);
	}
	return n;
}

/* Each generated row and each cut of it, after each header, and some mutated. */
static void
feed_rows(struct pair *pr)
{
	static const char *const headers[] = {
		"", "[ pid ]   uid  tgid total_vm      rss cpu oom_adj name",
		"[ pid ]   uid  tgid total_vm      rss cpu oom_adj oom_score_adj name",
		"[ pid ]   uid  tgid total_vm      rss nr_ptes swapents oom_score_adj name",
		"[ pid ]   uid  tgid total_vm      rss nr_ptes nr_pmds swapents oom_score_adj name",
		"[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name",
		"[  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj name",
	};
	char row[512];

	for (int i = 0; i < 100000; i++) {
		size_t len = gen_row(row, sizeof(row));
		const char *h = headers[(size_t)i % (sizeof(headers) / sizeof(headers[0]))];

		if (i % 50 == 0) {
			pair_reset(pr, i % 100 == 0 ? -1 : GFP_VERSION(3, 10, 0));
			if (h[0] != '\0')
				pair_apply(pr, OLM_OPEN, h, strlen(h), false);
		}
		pair_apply(pr, i % 7 == 0 ? OLM_NEW : OLM_OPEN, row, len, i % 3 == 0);
		if (i % 40 == 0)
			for (size_t k = 0; k < len; k++)
				pair_apply(pr, OLM_OPEN, row, k, false);
		if (i % 4 == 0 && len > 0) {
			uint64_t x = tap_rand();

			row[x % len] = " \t-0795]x"[(x >> 32) % 9];
			pair_apply(pr, OLM_OPEN, row, len, false);
		}
	}
}

/* A summary line: its fields in any order, repeated, inside each other's values. */
static size_t
gen_summary(char *out, size_t cap)
{
	static const char *const key[] = {
		"constraint=", "nodemask=", "cpuset=", "mems_allowed=", "oom_memcg=", "task_memcg=",
		"task=", "pid=", "uid=", "global_oom", "=", ",", " ", "x", "CONSTRAINT_MEMCG",
		"CONSTRAINT_CPUSET", "/a/b", "12", ",pid=", ",task=",
	};
	size_t n = 0;
	int parts = (int)(tap_rand() % 24);

	memcpy(out, "oom-kill:", 9);
	n = 9;
	while (parts-- > 0 && n + 40 < cap) {
		const char *k = key[tap_rand() % (sizeof(key) / sizeof(key[0]))];
		uint64_t x = tap_rand();

		memcpy(out + n, k, strlen(k));
		n += strlen(k);
		if (x % 3 != 0)
			out[n++] = ',';
		for (int j = (int)((x >> 8) % 40); j > 0; j--)
			out[n++] = (char)('a' + (x >> (j % 50)) % 26);
	}
	return n;
}

/* Generated lines and real ones mutated: a byte replaced, the head cut, in the three modes. */
static void
feed_misc(struct pair *pr)
{
	static const char subst[] = " \t:,(0-+9a_?[<AZz\x80";
	char line[1024];

	pair_reset(pr, -1);
	for (int i = 0; i < 30000; i++) {
		size_t len = gen_line(line, sizeof(line));
		const char *src = real[tap_rand() % (sizeof(real) / sizeof(real[0]))];
		size_t n = strlen(src) < sizeof(line) ? strlen(src) : sizeof(line) - 1;
		uint64_t x = tap_rand();

		pair_apply(pr, (enum ol_mode)(i % 3), line, len, i % 4 == 0);
		len = gen_summary(line, sizeof(line));
		pair_apply(pr, (enum ol_mode)(i % 3), line, len, i % 2 == 0);
		memcpy(line, src, n);
		if (n > 0)
			line[x % n] = subst[(x >> 32) % (sizeof(subst) - 1)];
		pair_apply(pr, OLM_OPEN, line, n, false);
		if (n > 0) {
			size_t cut = (size_t)(x >> 16) % n;

			pair_apply(pr, OLM_OPEN, line + cut, n - cut, (x >> 8) % 2 == 0);
		}
		if (i % 500 == 0)
			pair_reset(pr, i % 1000 == 0 ? -1 : GFP_VERSION(5, 10, 0));
	}
}

/* The real logs of tests/oom-logs (and those named in $MSGREAD_FILES), whole. */
static void
compare_apply(void)
{
	const char *srcdir = getenv("srcdir"), *more = getenv("MSGREAD_FILES");
	char dir[4096];
	DIR *d;
	struct dirent *de;
	struct pair pr = { 0 };
	int nfiles = 0;

	pr.r1 = calloc(1, sizeof(struct oom_report));
	pr.r2 = calloc(1, sizeof(struct oom_report));
	snprintf(dir, sizeof(dir), "%s/tests/oom-logs", srcdir ? srcdir : ".");
	d = opendir(dir);
	while (d != NULL && (de = readdir(d)) != NULL) {
		size_t l = strlen(de->d_name), len;
		char rel[600], *text;

		if (l <= 4 || strcmp(de->d_name + l - 4, ".log") != 0)
			continue;
		snprintf(rel, sizeof(rel), "oom-logs/%s", de->d_name);
		text = fixture_load(rel, &len);
		feed_log(&pr, text, len);
		free(text);
		nfiles++;
	}
	if (d != NULL)
		closedir(d);
	if (more != NULL) {
		char *list = strdup(more), *save = NULL;

		for (char *f = strtok_r(list, ":", &save); f != NULL; f = strtok_r(NULL, ":", &save)) {
			FILE *fp = fopen(f, "rb");
			char *text = NULL;
			size_t len = 0, cap = 0, got;

			if (fp == NULL)
				continue;
			do {
				if (len + 65536 > cap)
					text = realloc(text, cap = 2 * cap + 65536);
				got = fread(text + len, 1, cap - len, fp);
				len += got;
			} while (got > 0);
			fclose(fp);
			feed_log(&pr, text, len);
			free(text);
			nfiles++;
		}
		free(list);
	}
	feed_rows(&pr);
	feed_misc(&pr);
	is_int(bad_apply, 0, "message_apply() = the reference on %d logs, generated rows and lines, %ld lines",
	    nfiles, n_apply);
	ok(nfiles >= 50 && n_apply > 300000, "enough inputs (%d logs, %ld lines)", nfiles, n_apply);
	free(pr.r1->tasks);
	free(pr.r2->tasks);
	free(pr.r1);
	free(pr.r2);
}

int
main(void)
{
	struct oom_report *r1 = calloc(1, sizeof(*r1)), *r2 = calloc(1, sizeof(*r2));
	char line[1024];

	for (size_t i = 0; i < sizeof(real) / sizeof(real[0]); i++) {
		size_t len = strlen(real[i]);

		/* every start and end of the short ones; the long ones by their first 96 bytes */
		compare_all(real[i], len < 96 ? len : 96);
		compare_line(real[i], len, r1, r2);
	}
	for (int i = 0; i < 3000; i++) {
		size_t len = gen_line(line, sizeof(line));

		if (i % 10 == 0)
			compare_all(line, len < 64 ? len : 64);
		compare_line(line, len, r1, r2);
		/* a mutation of a real line: one byte replaced */
		{
			const char *src = real[tap_rand() % (sizeof(real) / sizeof(real[0]))];
			size_t n = strlen(src) < sizeof(line) ? strlen(src) : sizeof(line) - 1;
			uint64_t x = tap_rand();

			memcpy(line, src, n);
			if (n > 0)
				line[x % n] = " \t:,(0-+9a_"[(x >> 32) % 11];
			compare_line(line, n, r1, r2);
			if (i % 20 == 0)
				compare_all(line, n < 48 ? n : 48);
		}
	}
	is_int(bad_num, 0, "num_at() = scan_i64() and the same end, %ld texts", n_num);
	is_int(bad_class, 0, "class_end() = the byte loop, %ld texts", n_class);
	is_int(bad_index, 0, "counter_index() = the walk over the names, %ld keys", n_index);
	is_int(bad_name, 0, "name_end(), comma_or_blank() = the byte loops, %ld texts", n_name);
	is_int(bad_row, 0, "row_column() = row_number() and the same end, %ld texts", n_row);
	is_int(bad_trace, 0, "trace_marks() = FIND \"+0x\" and \"<IRQ>\", %ld texts", n_trace);
	is_int(bad_find, 0, "FIND_BY() = FIND() for its four needles, %ld texts", n_find);
	is_int(bad_counters, 0, "parse_counters() = the token_end()/memchr() reader, %ld lines", n_counters);
	is_int(bad_stat, 0, "memcg_stat() sets the key's field and no other, %ld tokens", n_stat);
	ok(n_stat > 1000 && n_counters > 6000, "enough inputs (%ld stats, %ld lines)", n_stat, n_counters);
	/* Spot checks by hand, from the lines above. */
	{
		const char *s = real[0], *e = s + strlen(s);

		message_report_init(r1);
		ok(parse_counters(r1, s, e), "the 040 counters line is read");
		is_int(r1->counters[OC_ACTIVE_ANON], 7343961, "active_anon");
		is_int(r1->counters[OC_INACTIVE_ANON], 556529, "inactive_anon");
	}
	free(r1->tasks);
	free(r2->tasks);
	free(r1);
	free(r2);
	compare_apply();
	return tap_done();
}

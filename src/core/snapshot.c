/* snapshot.c: what a snapshot of the system lacks, in words. */
#include "config.h"

#include "core/snapshot.h"

void
snapshot_notes(const struct snapshot *s, struct buf *out)
{
	if (!s->have_zoneinfo)
		buf_puts(out, "no zoneinfo: zone watermarks unknown\n");
	if (!s->have_psi)
		buf_puts(out, "no PSI: kernel before 4.20, built without CONFIG_PSI or booted "
		    "with psi=0\n");
	if (!s->have_vmstat)
		buf_puts(out, "no vmstat: OOM kill count unknown\n");
	else if (!s->vm.have_oom_kill)
		buf_puts(out, "no oom_kill counter in vmstat (kernel before 4.13)\n");
	if (!meminfo_has(&s->mi, MI_MEM_AVAILABLE))
		buf_puts(out, "no MemAvailable (kernel before 3.14)\n");
	if (s->zi.dropped)
		buf_printf(out, "%d zones beyond the first %d not shown\n", s->zi.dropped,
		    ZONEINFO_MAX_ZONES);
}

/*
 * backend.h: which task source a command's sampler uses, /proc or the BPF
 * task iterator (--backend, the backend keys of oomrisk.conf).
 *
 * auto: the BPF iterator for top, which runs long: loading it (about 14
 * ms of CPU) is paid once and each refresh then costs a tenth of a /proc
 * scan; /proc for the one-shot commands (rank, check, export), whose one
 * /proc scan costs less than loading plus a scan below about 2,000 tasks
 * (1,000 for export; bench/RESULTS.md), and needs no privileges.
 * bpf: the iterator, in every mode.
 * When the iterator cannot be loaded (no CAP_BPF and CAP_PERFMON, no BTF,
 * an old kernel, a build without it), /proc, with one sentence saying
 * why.  A saved proc tree (--proc-root) has no kernel to attach to:
 * always /proc (said when bpf was asked for).
 */
#ifndef OOMRISK_SYS_BACKEND_H
#define OOMRISK_SYS_BACKEND_H

#include <stdbool.h>

#include "core/conf.h"
#include "core/task.h"
#include "lib/buf.h"
#include "sys/sampler.h"

/*
 * Environment variable naming the kernel BTF file the BPF backend checks
 * for (default /sys/kernel/btf/vmlinux): tests point it at a missing
 * file to see the fallback of a kernel built without BTF.
 */
#define BACKEND_BTF_ENV "OOMRISK_BTF"

/*
 * Attach the backend asked for (want) to the sampler.  long_running:
 * whether auto picks BPF.  Returns the source the sampler now lists tasks
 * from; when the iterator was tried and cannot be had, or bpf was asked
 * for a saved tree, note gets one sentence ending in "; using /proc"
 * (nothing is added otherwise).
 */
enum task_source backend_attach(struct sampler *s, enum backend_choice want,
    bool long_running, struct buf *note);

#endif

/* backend.c: choose and attach the task source (see backend.h). */
#include "config.h"

#include <stdlib.h>

#include "sys/backend.h"
#include "sys/bpf-sampler.h"

enum task_source
backend_attach(struct sampler *s, enum backend_choice want, bool long_running,
    struct buf *note)
{
	struct bpf_sampler *b;
	char err[256];

	if (want == BACKEND_PROC || (want == BACKEND_AUTO && !long_running))
		return TASK_SOURCE_PROC;
	if (!sampler_is_live(s)) {
		if (want == BACKEND_BPF)
			buf_puts(note, "--proc-root: a saved proc tree has no kernel to attach the "
			    "BPF iterator to; using /proc");
		return TASK_SOURCE_PROC;
	}
	b = bpf_sampler_open(getenv(BACKEND_BTF_ENV), err, sizeof(err));
	if (b == NULL) {
		buf_printf(note, "%s; using /proc", err);
		return TASK_SOURCE_PROC;
	}
	sampler_set_bpf(s, b);
	return TASK_SOURCE_BPF;
}

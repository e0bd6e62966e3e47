/* check-view.h: the outputs of `oomrisk check` (core/check.h's report). */
#ifndef OOMRISK_VIEW_CHECK_VIEW_H
#define OOMRISK_VIEW_CHECK_VIEW_H

#include <stdbool.h>
#include <stdio.h>

#include "core/audit.h"
#include "core/check.h"
#include "core/state.h"
#include "lib/buf.h"

/*
 * The first output line: "OOMRISK WARNING - item; item; top candidate ...
 * | perfdata".
 */
void check_view_summary(const struct check_input *in, const struct check_report *r,
    struct buf *out);

/* Performance data ("'mem_available'=1234B;...") without the leading "|". */
void check_view_perfdata(const struct check_input *in, const struct check_report *r,
    struct buf *out);

/* The lines -v adds: every check with its value, the predictions, notes. */
void check_view_verbose(const struct check_input *in, const struct check_report *r,
    struct buf *out);

/* What became of the state file, for the JSON document. */
struct check_state_note {
	const char *path;
	enum statefile_status status;
	const struct buf *problem;	/* why it was unusable; empty when fine */
	bool saved;			/* this run's state was written */
	const char *save_error;		/* why not, when it was tried; else NULL */
};

/* The JSON document; audit is NULL when the audit section was not read. */
void check_view_json(FILE *f, const struct check_input *in, const struct check_report *r,
    const struct check_state_note *state, const struct audit_report *audit);

#endif

/*
 * statefile.h: where check's state lives and how it is read and replaced.
 * The file is written to a temporary name, fsync'ed and renamed over the
 * old one (sys/fileio.h file_replace), so a check killed at any instant
 * leaves either the old state or the new one; runs are serialised with an
 * flock on PATH.lock so that two overlapping runs cannot lose an update.
 * Only a regular file that starts with the state header is read or
 * replaced: anything else at PATH (a device, a FIFO, a symbolic link,
 * another program's file) is an error and is left alone.
 */
#ifndef OOMRISK_SYS_STATEFILE_H
#define OOMRISK_SYS_STATEFILE_H

#include <stddef.h>

#include "core/state.h"
#include "lib/buf.h"


/*
 * The default path: /var/lib/oomrisk/state for root, else
 * $XDG_STATE_HOME/oomrisk/state (~/.local/state/oomrisk/state).
 * Returns 0, or -1 when no home is known.
 */
int statefile_default_path(char *out, size_t size);

/*
 * Create the directory if needed and take the run lock (waits up to
 * timeout_s seconds for another run to finish).  Returns the lock's file
 * descriptor (close it to release), or -1 with err.
 */
int statefile_lock(const char *path, unsigned timeout_s, struct buf *err);

/*
 * Read the state.  Returns 0 with *status OK, MISSING or CORRUPT (a state
 * file damaged after its header: why says what is wrong, with the line
 * where there is one; the run rebuilds it); -1 with why when PATH exists
 * but is not a state file to read (not a regular file, a symbolic link,
 * no state header, too large) or cannot be read (permissions, I/O).
 */
int statefile_load(const char *path, struct check_state *st, enum statefile_status *status,
    struct buf *why);

/*
 * Replace the state atomically, removing temporaries a killed run left
 * (call with the run lock held).  0, or -1 with err.
 */
int statefile_save(const char *path, const struct check_state *st, struct buf *err);

#endif

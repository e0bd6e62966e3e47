/* frame-ref.h: the reference frame reader of tests/unit/frame-ref.c. */
#ifndef OOMRISK_TESTS_FRAME_REF_H
#define OOMRISK_TESTS_FRAME_REF_H

#include "log/frame.h"

void ref_frame_free(struct frame *f);
void ref_export_free(struct export_rec *x);
bool ref_frame_json(const char *line, size_t len, struct frame *f);
enum export_res ref_export_line(struct export_rec *x, const char *line, size_t len);
void ref_frame_usec_text(char *out, size_t size, const char *digits, size_t n);
void ref_frame_utc_text(char *out, size_t size, int64_t usec, bool frac);

#endif

/* message-ref.h: the reference report-line parser of tests/unit/message-ref.c. */
#ifndef OOMRISK_TESTS_MESSAGE_REF_H
#define OOMRISK_TESTS_MESSAGE_REF_H

#include "log/message.h"

bool ref_message_is_start(const char *msg, size_t len);
enum ol_result ref_message_apply(struct oom_report *r, struct ol_state *st, enum ol_mode mode,
    const char *msg, size_t len, bool anchored);
void ref_message_report_init(struct oom_report *r);

#endif

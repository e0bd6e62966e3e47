/*
 * sleepers: the helper bench/run.sh compiles on the fly, built here for the
 * tests (tests/bpf-live.sh) and the test VM: one source, included (the
 * bench/ directory is shipped whole, so its objects must not be built there).
 */
#include "../../bench/sleepers.c"

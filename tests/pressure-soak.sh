# pressure-soak: tests/pressure.sh for 120 frames (a minute) instead of 12
# (make check-slow).
PRESSURE_FRAMES=${PRESSURE_FRAMES:-120}
. "$srcdir/tests/pressure.sh"

# churn-soak: tests/churn.sh for 30 s of churn in each scope instead of
# 4 and 3 (make check-slow).
CHURN_SECONDS=${CHURN_SECONDS:-30}
. "$srcdir/tests/churn.sh"

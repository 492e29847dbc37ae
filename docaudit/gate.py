"""Gates: decide pass or fail from a report and thresholds."""

from __future__ import annotations


def under_threshold(coverage: float, fail_under: float, precision: int = 1) -> bool:
    """Tell whether ``coverage`` fails ``fail_under``, compared as coverage.py does.

    The comparison is made at the displayed precision (one decimal), except that a
    threshold of 100 is met only by exactly 100%: 99.98% rounds to 100.0 but fails.
    """
    if fail_under >= 100.0:
        return coverage < 100.0
    return round(coverage, precision) < fail_under

"""Time ``docaudit audit`` against coverage and silos run separately, in one run.

    python benchmarks/audit.py [REPO] [--runs N]

The audit does one discovery, one parse per file (shared by the coverage count and
the import graph) and one pass over history, so a cold audit should cost no more
than a cold ``coverage`` plus a cold ``silos``. With no REPO it uses the synthetic
repository of ``benchmarks/history.py`` (40,000 commits, 4,000 Python files).
Each figure is the best of N cold runs (the cache dropped before each).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _common import best_of, verdict  # noqa: E402
from history import arguments  # noqa: E402


def main() -> None:
    """Print the cold times of coverage, silos and audit, and the audit's ratio."""
    bin_dir, repo, runs = arguments(__doc__.splitlines()[0])
    cache = repo / ".docaudit"

    def drop_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    docaudit = str(bin_dir / "docaudit")
    times = {}
    for command in ("coverage", "silos", "audit"):
        line = [docaudit, command, str(repo), "--format", "json", "-o", "/dev/null"]
        times[command], _, _ = best_of(runs, line, repo, before=drop_cache)
    separate = times["coverage"] + times["silos"]
    ratio = times["audit"] / separate
    print(f"{repo}: cold runs, best of {runs}")
    print(f"  docaudit coverage            {times['coverage']:7.3f} s")
    print(f"  docaudit silos               {times['silos']:7.3f} s")
    print(f"  coverage + silos             {separate:7.3f} s   (baseline)")
    print(
        f"  docaudit audit               {times['audit']:7.3f} s   {ratio:5.2f}x baseline"
        f"   target <= 1.0x   {verdict(ratio, 1.0)}"
    )


if __name__ == "__main__":
    main()

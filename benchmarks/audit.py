"""Time ``docaudit audit`` against coverage and silos run separately, in one run.

    python benchmarks/audit.py [REPO] [--runs N] [--against REV]

The audit does one discovery, one parse per file (shared by the coverage count and
the import graph) and one pass over history, so a cold audit should cost no more
than a cold ``coverage`` plus a cold ``silos``. With no REPO it uses the synthetic
repository of ``benchmarks/history.py`` (40,000 commits, 4,000 Python files).
Each figure is the best of N cold runs (the cache dropped before each).
``--against REV`` also installs docaudit as it was at REV and times it beside this
one, the two builds' runs taking turns (the machine's load falls on both alike).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _common import install, install_revision, run, verdict  # noqa: E402
from history import synthetic_repository  # noqa: E402

COMMANDS = ("coverage", "silos", "audit")


def main() -> None:
    """Print the cold times of coverage, silos and audit, and the audit's ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo", nargs="?", type=Path, help="a git repository (default: synthetic)")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (best is kept)")
    parser.add_argument("--against", metavar="REV", help="also time docaudit as it was at REV")
    args = parser.parse_args()
    builds = {"this checkout": install()}
    if args.against:
        builds[args.against] = install_revision(args.against)
    repo = args.repo.resolve() if args.repo else synthetic_repository()
    cache = repo / ".docaudit"
    best: dict[tuple[str, str], float] = {}
    for _ in range(args.runs):
        for command in COMMANDS:
            for label, bin_dir in builds.items():
                line = [str(bin_dir / "docaudit"), command, str(repo)]
                shutil.rmtree(cache, ignore_errors=True)
                seconds, _, _ = run([*line, "--format", "json", "-o", "/dev/null"], repo)
                key = (label, command)
                best[key] = min(best.get(key, seconds), seconds)
    shutil.rmtree(cache, ignore_errors=True)
    print(f"{repo}: cold runs, best of {args.runs}")
    for label in builds:
        times = {command: best[(label, command)] for command in COMMANDS}
        separate = times["coverage"] + times["silos"]
        ratio = times["audit"] / separate
        print(f" {label}")
        print(f"  docaudit coverage            {times['coverage']:7.3f} s")
        print(f"  docaudit silos               {times['silos']:7.3f} s")
        print(f"  coverage + silos             {separate:7.3f} s   (baseline)")
        print(
            f"  docaudit audit               {times['audit']:7.3f} s   {ratio:5.2f}x baseline"
            f"   target <= 1.0x   {verdict(ratio, 1.0)}"
        )


if __name__ == "__main__":
    main()

"""Time docaudit's coverage against interrogate's on django, in one run.

    python benchmarks/coverage.py [--runs N] [--against REV]

Installs this checkout (not editable) and interrogate 1.7.0 into a throwaway
virtualenv, as a user has them, and fetches django's sdist (pinned) into the test
cache. Then it times, on ``django/``:
interrogate 1.7.0; docaudit cold (no cache: every file parsed, over a process pool);
docaudit warm (from the cache under ``.docaudit/``). It does so on the plain
extracted sdist (a directory walk) and on a git repository made from it (git
ls-files with blob ids). Each figure is the best of N wall-clock runs, printed
beside interrogate's with their ratio and the target. docaudit runs with its default
kinds (code, endpoints, CLIs; exports, specs and configuration reported), the work a
user gets (django's JavaScript files too); its Python code total (``--kinds code
--languages python``) is checked against interrogate's.
``--against REV`` also installs docaudit as it was at REV and times it beside this one.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _common import best_of, install, install_revision, verdict  # noqa: E402

from tests.sdists import CACHE, sdist  # noqa: E402

DJANGO = ("django", "5.2.8")
COLD_TARGET, WARM_TARGET = 0.6, 0.1


def measure(
    bin_dir: Path, root: Path, runs: int, label: str, older: tuple[str, Path] | None = None
) -> None:
    """Time interrogate and docaudit (cold and warm) on ``root/django`` and print the ratios;
    with ``older`` (a revision and its install), that docaudit too, side by side."""
    cache = root / ".docaudit"

    def drop_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    interrogate = [str(bin_dir / "interrogate"), "django", "--fail-under", "0"]
    docaudit = [str(bin_dir / "docaudit"), "coverage", "django"]
    best_of(1, interrogate, root)
    baseline, _, _ = best_of(runs, interrogate, root)
    _, _, theirs = best_of(1, [*interrogate, "-v"], root)
    cold, _, _ = best_of(runs, docaudit, root, before=drop_cache)
    warm, _, _ = best_of(runs + 2, docaudit, root)
    _, _, ours = best_of(1, [*docaudit, "--kinds", "code", "--languages", "python"], root)
    their_total = re.search(r"TOTAL\s*\|\s*(\d+)\s*\|\s*(\d+)", theirs)
    our_total = re.search(r"^TOTAL (\d+) (\d+) ", ours, re.MULTILINE)
    agree = bool(their_total and our_total and their_total.groups() == our_total.groups())
    print(f"\n{label}: {root}")
    print(f"  interrogate 1.7.0      {baseline:7.3f} s   (baseline)")
    for name, seconds, target in (
        ("cold", cold, COLD_TARGET),
        ("warm (cache)", warm, WARM_TARGET),
    ):
        ratio = seconds / baseline
        print(
            f"  docaudit {name:13} {seconds:7.3f} s   {ratio:5.2f}x interrogate"
            f"   target <= {target}x   {verdict(ratio, target)}"
        )
    totals = our_total.groups() if our_total else "?"
    print(f"  code totals (symbols, missing): {totals}; same as interrogate: {agree}")
    if older is not None:
        revision, older_bin = older
        theirs_command = [str(older_bin / "docaudit"), "coverage", "django"]
        then_cold, _, _ = best_of(runs, theirs_command, root, before=drop_cache)
        then_warm, _, _ = best_of(runs + 2, theirs_command, root)
        for name, now, then in (("cold", cold, then_cold), ("warm (cache)", warm, then_warm)):
            print(
                f"  docaudit {name:13} {now:7.3f} s   at {revision}: {then:7.3f} s"
                f"   {now / then:5.2f}x"
            )


def git_copy(source: Path) -> Path:
    """Return a git repository holding ``source``'s files in one commit (made once)."""
    target = CACHE / "git-copies" / source.name
    if (target / ".git").is_dir():
        return target
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".docaudit"))
    identity = ["-c", "user.name=bench", "-c", "user.email=bench@example.com"]
    subprocess.run(["git", "init", "-q"], cwd=target, check=True)
    subprocess.run(["git", "add", "-A"], cwd=target, check=True)
    subprocess.run(["git", *identity, "commit", "-q", "-m", "django"], cwd=target, check=True)
    return target


def main() -> None:
    """Fetch django and print the timings of both layouts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (best is kept)")
    parser.add_argument("--against", metavar="REV", help="also time docaudit as it was at REV")
    args = parser.parse_args()
    bin_dir = install()
    older = (args.against, install_revision(args.against)) if args.against else None
    source = sdist(*DJANGO)
    files = sum(1 for _ in (source / "django").rglob("*.py"))
    print(f"django {DJANGO[1]}: {files} Python files; {args.runs} runs each, best kept")
    print(f"{os.cpu_count()} cores; tools installed in {bin_dir.parent}")
    measure(bin_dir, source, args.runs, "plain sdist (directory walk)", older)
    measure(bin_dir, git_copy(source), args.runs, "git repository (git ls-files)", older)


if __name__ == "__main__":
    main()

"""Time ``docaudit silos`` against the raw ``git log`` it reads, in one run.

    python benchmarks/history.py [REPO] [--runs N]

With no REPO, first builds (once, into the test cache) a synthetic repository of
40,000 commits by 2,000 authors with ``git fast-import``: 200 packages, each author
mostly working in a home package, files added, changed, renamed and deleted, some
commits co-authored. Then it times, on the same revision: the raw
``git log --name-status -M -z``; docaudit's first run (no cache), with its peak
memory; a second run on the unchanged repository (answered from the cache); and,
on a copy with one more commit, a run that mines that commit alone and extends the
cached history. Targets: the first run at most 2x the raw log, under 300 MB; the
second at most 0.1x the first.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _common import best_of, install, own_peak, run, verdict  # noqa: E402

from tests.sdists import CACHE  # noqa: E402

COMMITS, AUTHORS, PACKAGES = 40_000, 2_000, 200
FIRST_TARGET, MEMORY_TARGET, SECOND_TARGET = 2.0, 300 * 1024 * 1024, 0.1
START = 1_420_070_400  # 2015-01-01


def synthetic_repository() -> Path:
    """Return the synthetic repository, building it with fast-import the first time."""
    target = CACHE / f"synthetic-{COMMITS}-{AUTHORS}"
    if (target / ".complete").is_file():
        return target
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(target)], check=True)
    stream = "".join(_fast_import_stream(random.Random(42)))
    subprocess.run(
        ["git", "fast-import", "--quiet"], cwd=target, input=stream.encode(), check=True
    )
    subprocess.run(["git", "checkout", "-q", "main"], cwd=target, check=True)
    (target / ".complete").write_text("ok\n", encoding="utf-8")
    return target


def _fast_import_stream(rng: random.Random):
    """Yield a fast-import stream of the synthetic history."""
    weights = [1 / (rank + 1) ** 0.8 for rank in range(AUTHORS)]
    files: dict[int, list[str]] = {
        p: [f"pkg{p}/__init__.py", f"pkg{p}/core.py"] for p in range(PACKAGES)
    }
    counter = 0
    for number in range(COMMITS):
        author = rng.choices(range(AUTHORS), weights)[0]
        home = author % PACKAGES if rng.random() < 0.8 else rng.randrange(PACKAGES)
        when = START + number * 7_900
        lines = [
            "commit refs/heads/main",
            f"author Author {author} <author{author}@example.com> {when} +0000",
            f"committer Author {author} <author{author}@example.com> {when} +0000",
        ]
        message = f"change {number}"
        if number % 50 == 0 and number:
            partner = rng.randrange(AUTHORS)
            message += f"\n\nCo-authored-by: Author {partner} <author{partner}@example.com>"
        lines += [f"data {len(message.encode())}", message]
        ops: list[str] = []
        package = files[home]
        if number == 0:
            for entries in files.values():
                for path in entries:
                    ops.append(_write(path, f"# {path}\n"))
        else:
            roll = rng.random()
            if roll < 0.10:
                counter += 1
                path = f"pkg{home}/module_{counter}.py"
                package.append(path)
                ops.append(_write(path, f"x = {number}\n"))
            elif roll < 0.12 and len(package) > 2:
                old = package.pop(rng.randrange(2, len(package)))
                counter += 1
                new = f"pkg{home}/moved_{counter}.py"
                package.append(new)
                ops.append(f"R {old} {new}\n")
            elif roll < 0.13 and len(package) > 2:
                ops.append(f"D {package.pop(rng.randrange(2, len(package)))}\n")
            else:
                for path in rng.sample(package, min(len(package), rng.randint(1, 4))):
                    ops.append(_write(path, f"x = {number}\n"))
        yield "\n".join(lines) + "\n" + "".join(ops) + "\n"


def _write(path: str, content: str) -> str:
    """Return a fast-import instruction writing ``content`` to ``path``."""
    return f"M 100644 inline {path}\ndata {len(content.encode())}\n{content}\n"


def arguments(description: str) -> tuple[Path, Path, int]:
    """Parse ``[REPO] [--runs N]``; install the tools; return their folder, the repository
    (the synthetic one by default) and the number of runs."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("repo", nargs="?", type=Path, help="a git repository (default: synthetic)")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (best is kept)")
    args = parser.parse_args()
    bin_dir = install()
    repo = args.repo.resolve() if args.repo else synthetic_repository()
    return bin_dir, repo, args.runs


def main() -> None:
    """Build or take the repository, then print the timings beside their baselines."""
    bin_dir, repo, runs = arguments(__doc__.splitlines()[0])
    count = subprocess.run(
        ["git", "rev-list", "--count", "HEAD"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    print(f"{repo}: {count} commits; {runs} runs each, best kept")
    raw, _, _ = best_of(runs, ["git", "log", "--name-status", "-M", "-z", "HEAD"], repo)
    cache = repo / ".docaudit"

    def drop_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    silos_args = ["silos", str(repo), "--format", "json", "-o", "/dev/null"]
    silos = [str(bin_dir / "docaudit"), *silos_args]
    first, memory, output = best_of(runs, silos, repo, before=drop_cache)
    drop_cache()
    own = own_peak(bin_dir, silos_args, repo)
    _, git_memory, _ = run(["git", "log", "--name-status", "-M", "-z", "HEAD"], repo)
    second, _, _ = best_of(runs + 2, silos, repo)
    if output.strip():
        print(output.strip())
    print(f"  git log --name-status -M -z     {raw:7.3f} s   (baseline)")
    print(
        f"  docaudit silos, first run      {first:7.3f} s   {first / raw:5.2f}x git log"
        f"   target <= {FIRST_TARGET}x   {verdict(first / raw, FIRST_TARGET)}"
    )
    print(
        f"  peak memory, docaudit process  {own / 2**20:7.1f} MB"
        f"   target < {MEMORY_TARGET // 2**20} MB   {verdict(own, MEMORY_TARGET - 1)}"
    )
    print(
        f"  peak memory, with git children {memory / 2**20:7.1f} MB"
        f"   (git log alone: {git_memory / 2**20:.1f} MB)"
    )
    print(
        f"  docaudit silos, from cache     {second:7.3f} s   {second / first:5.2f}x first run"
        f"   target <= {SECOND_TARGET}x   {verdict(second / first, SECOND_TARGET)}"
    )
    extended = one_more_commit(bin_dir, repo)
    print(
        f"  after one new commit           {extended:7.3f} s   {extended / first:5.2f}x first run"
        "   (mines the new commit, extends the cached history)"
    )


def one_more_commit(bin_dir: Path, repo: Path) -> float:
    """Time a run on a copy of ``repo`` with one commit more than its cached history."""
    copy = CACHE / "history-copy"
    shutil.rmtree(copy, ignore_errors=True)
    subprocess.run(["git", "clone", "-q", str(repo), str(copy)], check=True)
    silos = [str(bin_dir / "docaudit"), "silos", str(copy), "--format", "json", "-o", "/dev/null"]
    run(silos, copy)
    identity = ["-c", "user.name=Bench", "-c", "user.email=bench@example.com"]
    readme = copy / "BENCHMARK.txt"
    readme.write_text("one more commit\n", encoding="utf-8")
    subprocess.run(["git", "add", readme.name], cwd=copy, check=True)
    subprocess.run(["git", *identity, "commit", "-qm", "one more"], cwd=copy, check=True)
    seconds, _, _ = run(silos, copy)
    shutil.rmtree(copy, ignore_errors=True)
    return seconds


if __name__ == "__main__":
    main()

"""What the benchmarks share: a throwaway install of this checkout, and timing."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV = REPO / "benchmarks" / ".venv"
# Byte-compiled modules are kept, as in any installed tool (this machine's shell turns
# that off with PYTHONDONTWRITEBYTECODE, which would charge compiling to every run).
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def install() -> Path:
    """Install this checkout (not editable) and interrogate into a virtualenv; return its bin."""
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    pip = [str(python), "-m", "pip", "install", "-q"]
    subprocess.run([*pip, "interrogate==1.7.0", str(REPO)], check=True)
    subprocess.run([*pip, "--no-deps", "--force-reinstall", str(REPO)], check=True)
    return python.parent


def install_revision(revision: str) -> Path:
    """Install docaudit as it was at ``revision`` (git archive) into a virtualenv of its own;
    return its bin folder, to time an older docaudit beside this checkout's."""
    import io
    import tarfile
    import tempfile

    venv = REPO / "benchmarks" / f".venv-{revision}"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    archive = subprocess.run(
        ["git", "archive", "--format=tar", "--end-of-options", revision],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout
    with tempfile.TemporaryDirectory() as folder:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        subprocess.run([str(python), "-m", "pip", "install", "-q", folder], check=True)
        pip = [str(python), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall"]
        subprocess.run([*pip, folder], check=True)
    return python.parent


def run(command: list[str], cwd: Path) -> tuple[float, int, str]:
    """Run a command; return its wall time, its peak memory (bytes) and its output.

    Exit codes 0 and 1 (a gate failed) are results; anything else stops the benchmark.
    """
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    output = process.stdout.read() if process.stdout else b""
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    text = output.decode("utf-8", "replace")
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} exited {code}:\n{text[-2000:]}")
    return elapsed, usage.ru_maxrss * 1024, text


def best_of(
    runs: int, command: list[str], cwd: Path, before: Callable[[], None] | None = None
) -> tuple[float, int, str]:
    """Return the fastest of ``runs`` runs (time, its peak memory, its output)."""
    best: tuple[float, int, str] | None = None
    for _ in range(runs):
        if before is not None:
            before()
        result = run(command, cwd)
        if best is None or result[0] < best[0]:
            best = result
    assert best is not None
    return best


_OWN_PEAK = """
import atexit, resource, sys
from docaudit.cli import main
def report():
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"own-peak-kb {peak}", file=sys.stderr)
atexit.register(report)
sys.argv = ["docaudit", *sys.argv[1:]]
main()
"""


def own_peak(bin_dir: Path, args: list[str], cwd: Path) -> int:
    """Return the peak memory (bytes) of docaudit's own process, its git children apart."""
    _, _, output = run([str(bin_dir / "python"), "-P", "-c", _OWN_PEAK, *args], cwd)
    for line in output.splitlines():
        if line.startswith("own-peak-kb "):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no peak reported: {output[-300:]}")


def verdict(ratio: float, target: float) -> str:
    """Return ``ok`` when the ratio meets the target, else ``MISSED``."""
    return "ok" if ratio <= target else "MISSED"

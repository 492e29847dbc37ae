"""Hostile repositories cannot make docaudit write, read, hang or leak outside themselves.

Each case is built in a real git repository (or a plain folder) under ``tmp_path`` and
run through the real CLI in a subprocess: its exit code, its one-line messages, that no
file outside was created, changed or read, and its memory, measured with ``os.wait4``.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from docaudit import api, safeio
from docaudit.cache import store as cache_module
from docaudit.config.settings import Config
from tests.helpers import GitRepo, make_repo

DOC = '"""Documented."""\n'
SECRET = "def leaked_secret_function():\n    pass\n"
OUTSIDE_LINK = "cannot read: a symbolic link to a file outside the repository"
TIMEOUT = 120
# Linux carries a process's peak memory over fork and exec, so a child of pytest would
# report pytest's own as a floor: a small wrapper forks the run and reports its rusage.
_MEASURE = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as report:
    report.write(f"{usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}")
code = os.waitstatus_to_exitcode(status)
os._exit(code if code >= 0 else 128 - code)
"""


@dataclass
class Run:
    """What one CLI subprocess exited with, printed, its peak memory in MB and the CPU
    seconds it (and the workers it waited for) used."""

    code: int
    out: str
    err: str
    max_rss_mb: float
    cpu_seconds: float


def run_cli(*args: str, cwd: Path, unprivileged: bool = False) -> Run:
    """Run ``python -m docaudit ARGS`` in ``cwd`` and measure it with ``os.wait4``.

    ``unprivileged`` drops the capabilities that let root read a mode-000 file.
    A run past ``TIMEOUT`` seconds is killed and fails the test instead of hanging it.
    """
    command = [sys.executable, "-m", "docaudit", *args]
    if unprivileged and os.geteuid() == 0:
        command = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", *command]
    base = cwd.parent / f".{cwd.name}"
    paths = {name: Path(f"{base}.{name}") for name in ("out", "err", "rss")}
    with open(paths["out"], "wb") as out, open(paths["err"], "wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-c", _MEASURE, str(paths["rss"]), *command],
            cwd=cwd,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
    try:
        code = process.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        pytest.fail(f"docaudit {' '.join(args)} did not finish in {TIMEOUT} s")
    found = {
        name: path.read_text(encoding="utf-8", errors="replace") for name, path in paths.items()
    }
    for path in paths.values():
        path.unlink()
    rss, cpu = found["rss"].split()
    return Run(code, found["out"], found["err"], int(rss) / 1024, float(cpu))


@dataclass
class Outside:
    """A folder outside the repository holding a sentinel file, to prove nothing
    was written there: its listing and the sentinel's bytes and times stay the same."""

    path: Path

    @property
    def sentinel(self) -> Path:
        """The file a hostile link points at."""
        return self.path / "precious.txt"

    def snapshot(self) -> tuple[list[str], bytes, int]:
        """Return the folder's names, the sentinel's bytes and its modification time."""
        names = sorted(p.name for p in self.path.iterdir())
        return names, self.sentinel.read_bytes(), self.sentinel.stat().st_mtime_ns


@pytest.fixture
def outside(tmp_path: Path) -> Outside:
    """A folder outside the repository with a sentinel file: Python source whose names
    would show in a report, were it ever read."""
    folder = tmp_path / "outside"
    folder.mkdir()
    found = Outside(folder)
    found.sentinel.write_text(SECRET, encoding="utf-8")
    return found


def _repo(tmp_path: Path, files: dict[str, str] | None = None) -> GitRepo:
    """A repository with one documented module (and ``files``), committed."""
    return make_repo(tmp_path / "repo", {"ok.py": DOC, **(files or {})})


def _link(repo: GitRepo, name: str, target: Path | str, force: bool = False) -> None:
    """Commit a symbolic link ``name`` to ``target`` (``force`` adds it past ignores)."""
    link = repo.path / name
    link.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, link)
    repo.git("add", *(["-f"] if force else []), "--", name)
    repo.git("commit", "-q", "-m", f"link {name}")


# Writes: the cache, the baseline, the badge and the reports never follow a link.


@pytest.mark.slow
def test_committed_docaudit_folder_link_is_not_used_as_cache(tmp_path, outside) -> None:
    repo = _repo(tmp_path)
    _link(repo, ".docaudit", outside.path)
    before = outside.snapshot()
    notice = "docaudit: .docaudit is a symbolic link, not a folder; the cache is not used\n"
    for command in ("coverage", "check", "silos", "audit", "config"):
        result = run_cli(command, ".", cwd=repo.path)
        assert result.code == 0, result.err
        assert result.err.startswith(notice) and result.err.count(notice) == 1, command
    assert "TOTAL 1 0 100.0%" in run_cli("coverage", ".", cwd=repo.path).out
    assert outside.snapshot() == before


@pytest.mark.parametrize(
    "name", ["cache.sqlite", "cache.sqlite-journal", "cache.sqlite-wal", "cache.sqlite-shm"]
)
@pytest.mark.slow
def test_force_added_cache_file_link_is_never_written(tmp_path, outside, name) -> None:
    repo = _repo(tmp_path)
    _link(repo, f".docaudit/{name}", outside.sentinel, force=True)
    (repo.path / "new.py").write_text(DOC, encoding="utf-8")  # something to cache
    before = outside.snapshot()
    for _ in range(2):
        result = run_cli("coverage", ".", cwd=repo.path)
        assert result.code == 0, result.err
        assert "TOTAL 2 0 100.0%" in result.out
    assert outside.snapshot() == before
    assert os.path.islink(repo.path / ".docaudit" / name)
    report = api.coverage([repo.path], Config())
    assert report.notices == [
        f".docaudit/{name} is a symbolic link, not a regular file; the cache is not used"
    ]


@pytest.mark.slow
def test_committed_cache_is_never_trusted(tmp_path) -> None:
    """A pull request that commits a cache where its undocumented function is counted
    documented must not pass: git tracks the cache, so it is not used."""
    repo = _repo(tmp_path)
    assert run_cli("coverage", ".", cwd=repo.path).code == 0  # ok.py cached, documented
    # forged: the documented file's cached results filed under the undocumented one's blob
    undocumented = "def f():\n    pass\n"
    repo.write("ok.py", undocumented)
    cached = repo.path / ".docaudit" / "cache.sqlite"
    old, new = cache_module.blob_id(DOC.encode()), cache_module.blob_id(undocumented.encode())
    with closing(sqlite3.connect(cached)) as connection, connection:
        for table in ("parses", "counts", "facts"):
            connection.execute(f"UPDATE {table} SET key = replace(key, ?, ?)", (old, new))
    repo.git("add", "-f", ".docaudit/cache.sqlite", "ok.py")
    repo.git("commit", "-q", "-m", "forged cache")
    result = run_cli("coverage", ".", "--fail-under", "100", cwd=repo.path)
    assert result.code == 1
    assert result.err.startswith(
        "docaudit: .docaudit holds files git tracks, so it may not be this machine's;"
        " the cache is not used\n"
    )
    assert "TOTAL 2 2 0.0%" in result.out


def test_cache_side_file_link_to_a_missing_file_creates_nothing(tmp_path, outside) -> None:
    repo = _repo(tmp_path)
    _link(repo, ".docaudit/cache.sqlite-journal", outside.path / "created.txt", force=True)
    before = outside.snapshot()
    assert run_cli("coverage", ".", cwd=repo.path).code == 0
    assert outside.snapshot() == before  # no created.txt


def test_committed_baseline_link_is_refused(tmp_path, outside) -> None:
    repo = _repo(tmp_path)
    _link(repo, ".docaudit-baseline.json", outside.sentinel)
    before = outside.snapshot()
    result = run_cli("baseline", ".", "--no-cache", cwd=repo.path)
    assert result.code == 2
    assert result.err == (
        f"docaudit: error: {repo.path / '.docaudit-baseline.json'}: cannot write the"
        " baseline: is a symbolic link; docaudit never writes through one\n"
    )
    assert outside.snapshot() == before


def test_configured_baseline_in_a_folder_linking_out_is_refused(tmp_path, outside) -> None:
    repo = _repo(tmp_path, {"pyproject.toml": '[tool.docaudit]\nbaseline = "out/b.json"\n'})
    _link(repo, "out", outside.path)
    before = outside.snapshot()
    result = run_cli("baseline", ".", "--no-cache", cwd=repo.path)
    assert result.code == 2
    assert result.err == (
        f"docaudit: error: {repo.path / 'out/b.json'}: cannot write the baseline:"
        " its folder is a symbolic link out of the repository\n"
    )
    assert outside.snapshot() == before


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (("coverage", ".", "-o", "report.txt"), "report"),
        (("coverage", ".", "--badge", "report.txt"), "badge"),
        (("check", ".", "--fail-under", "0", "--format", "json:report.txt"), "report"),
    ],
)
@pytest.mark.slow
def test_output_file_links_are_refused(tmp_path, outside, args, what) -> None:
    repo = _repo(tmp_path)
    _link(repo, "report.txt", outside.sentinel)
    before = outside.snapshot()
    result = run_cli(*args, "--no-cache", cwd=repo.path)
    assert result.code == 2
    assert result.err.endswith(
        f"docaudit: error: report.txt: cannot write the {what}:"
        " is a symbolic link; docaudit never writes through one\n"
    )
    assert outside.snapshot() == before


def test_output_into_a_folder_linking_out_is_refused(tmp_path, outside) -> None:
    repo = _repo(tmp_path)
    _link(repo, "out", outside.path)
    before = outside.snapshot()
    result = run_cli("coverage", ".", "--no-cache", "-o", "out/report.txt", cwd=repo.path)
    assert result.code == 2
    assert result.err == (
        "docaudit: error: out/report.txt: cannot write the report:"
        " its folder is a symbolic link out of the repository\n"
    )
    assert outside.snapshot() == before


@pytest.mark.parametrize("option", ["-o", "--badge"])
@pytest.mark.slow
def test_output_link_in_a_repository_audited_from_elsewhere_is_refused(
    tmp_path, outside, option
) -> None:
    repo = _repo(tmp_path)
    _link(repo, "report.txt", outside.sentinel)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    before = outside.snapshot()
    target = str(repo.path / "report.txt")
    result = run_cli("coverage", str(repo.path), "--no-cache", option, target, cwd=elsewhere)
    assert result.code == 2
    what = "report" if option == "-o" else "badge"
    assert result.err.endswith(
        f"docaudit: error: {target}: cannot write the {what}:"
        " is a symbolic link; docaudit never writes through one\n"
    )
    assert outside.snapshot() == before


@pytest.mark.slow
def test_outputs_still_go_to_devices_and_plain_files(tmp_path) -> None:
    repo = _repo(tmp_path)
    assert run_cli("coverage", ".", "--no-cache", "-o", "/dev/null", cwd=repo.path).code == 0
    assert run_cli("coverage", ".", "--no-cache", "-o", "report.txt", cwd=repo.path).code == 0
    assert "TOTAL 1 0 100.0%" in (repo.path / "report.txt").read_text(encoding="utf-8")


# Reads: nothing that resolves outside the repository is read, of any kind of file.


@pytest.mark.slow
def test_python_file_linked_outside_is_an_error_and_never_read(tmp_path, outside) -> None:
    repo = _repo(tmp_path)
    _link(repo, "shadow.py", outside.sentinel)
    before = outside.snapshot()
    for args in (("coverage", ".", "-v"), ("coverage", ".", "--format", "json")):
        result = run_cli(*args, "--no-cache", cwd=repo.path)
        assert result.code == 0, result.err
        assert "leaked_secret_function" not in result.out + result.err
        assert f"docaudit: shadow.py: {OUTSIDE_LINK}" in result.err
    check = run_cli("check", ".", "--no-cache", "--fail-under", "0", cwd=repo.path)
    assert check.code == 1  # the error fails the errors gate
    assert outside.snapshot() == before


@pytest.mark.parametrize(
    "name",
    [
        "README.md",
        "docs/guide.rst",
        "config/settings.yml",
        ".env.example",
        "openapi.json",
        "sub/pyproject.toml",
        "schemas/app.schema.json",
    ],
)
@pytest.mark.slow
def test_resource_linked_outside_is_an_error_and_never_read(tmp_path, outside, name) -> None:
    repo = _repo(tmp_path)
    _link(repo, name, outside.sentinel)
    before = outside.snapshot()
    result = run_cli("coverage", ".", "--no-cache", "--format", "json", cwd=repo.path)
    assert result.code == 0, result.err
    assert "leaked_secret_function" not in result.out + result.err
    errors = [(e["path"], e["message"]) for e in json.loads(result.out)["errors"]]
    assert errors == [(name, OUTSIDE_LINK)]
    assert outside.snapshot() == before


@pytest.mark.parametrize("name", ["big.py", "docs/zero.md", "config/zero.yml"])
@pytest.mark.slow
def test_link_to_dev_zero_is_refused_in_bounded_memory(tmp_path, name) -> None:
    repo = _repo(tmp_path)
    _link(repo, name, "/dev/zero")
    result = run_cli("coverage", ".", "--no-cache", cwd=repo.path)
    assert result.code == 0, result.err
    assert f"docaudit: {name}: {OUTSIDE_LINK}" in result.err
    assert result.max_rss_mb < 300


def test_links_inside_the_repository_are_still_followed(tmp_path) -> None:
    repo = _repo(tmp_path, {"pkg/real.py": DOC})
    _link(repo, "alias.py", "pkg/real.py")
    result = run_cli("coverage", ".", "--no-cache", cwd=repo.path)
    assert result.code == 0
    assert result.err == ""
    assert "TOTAL 3 0 100.0%" in result.out


def test_read_file_refuses_what_is_not_a_regular_file_inside_the_root(tmp_path, outside) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (root / "link").symlink_to(outside.sentinel)
    os.mkfifo(root / "fifo")
    (root / "big").write_bytes(b"x" * 11)
    refused = {
        "link": "a symbolic link to a file outside the repository",
        "fifo": "not a regular file",
        "big": "11 bytes is over the 10-byte limit",
    }
    for name, reason in refused.items():
        with pytest.raises(OSError) as caught:
            safeio.read_file(root / name, 10, root)
        assert caught.value.strerror == reason
    with pytest.raises(safeio.UnsafeFileError, match="outside the repository"):
        safeio.read_file(outside.sentinel, 100, root)
    assert safeio.read_file(root / "big", 4, root, head=True) == b"xxxx"


# Hangs: a FIFO anywhere is an error entry, never a blocked read.


def test_fifos_outside_git_are_errors_and_never_block(tmp_path) -> None:
    folder = tmp_path / "plain"
    (folder / "config").mkdir(parents=True)
    (folder / "ok.py").write_text(DOC, encoding="utf-8")
    for name in ("mod.py", ".env.example", "config/app.yml"):
        os.mkfifo(folder / name)
    result = run_cli("coverage", ".", "--no-cache", "--format", "json", cwd=folder)
    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert document["summary"]["total"] == 1
    assert [(e["path"], e["message"]) for e in document["errors"]] == [
        (".env.example", "cannot read: not a regular file"),
        ("config/app.yml", "cannot read: not a regular file"),
        ("mod.py", "cannot read: not a regular file"),
    ]


@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
@pytest.mark.slow
def test_fifo_or_device_baseline_is_one_line_error(tmp_path, special) -> None:
    repo = _repo(tmp_path)
    baseline = repo.path / "base.json"
    if special == "fifo":
        os.mkfifo(baseline)
    else:
        baseline = Path(special)
    result = run_cli("check", ".", "--no-cache", "--baseline", str(baseline), cwd=repo.path)
    assert result.code == 2
    assert result.err == (
        f"docaudit: error: {baseline}: cannot read the baseline: not a regular file\n"
    )
    assert result.max_rss_mb < 300


def test_committed_baseline_link_is_not_read(tmp_path, outside) -> None:
    repo = _repo(tmp_path)
    outside.sentinel.write_text('{"schema": "docaudit/1"}', encoding="utf-8")
    _link(repo, ".docaudit-baseline.json", outside.sentinel)
    before = outside.snapshot()
    result = run_cli("check", ".", "--no-cache", cwd=repo.path)
    assert result.code == 2
    assert result.err == (
        f"docaudit: error: {repo.path / '.docaudit-baseline.json'}: cannot read the"
        f" baseline: a symbolic link to a file outside the repository\n"
    )
    assert outside.snapshot() == before


@pytest.mark.slow
def test_configured_baseline_through_a_folder_linking_out_is_not_read(tmp_path, outside) -> None:
    repo = _repo(tmp_path)
    assert run_cli("baseline", ".", "-o", str(outside.path / "b.json"), cwd=repo.path).code == 0
    _link(repo, "store", outside.path)
    repo.write("pyproject.toml", '[tool.docaudit]\nbaseline = "store/b.json"\n')
    before = outside.snapshot()
    result = run_cli("check", ".", "--no-cache", cwd=repo.path)
    assert result.code == 2
    assert result.err == (
        f"docaudit: error: {repo.path / 'store' / 'b.json'}: cannot read the"
        " baseline: a symbolic link to a file outside the repository\n"
    )
    assert outside.snapshot() == before
    named = run_cli("check", ".", "--no-cache", "--baseline", str(outside.path / "b.json"),
                    cwd=repo.path)  # fmt: skip
    assert named.code == 0, named.err  # a baseline the user names outside is read as named


# Memory: a source file over max-source-bytes is an error entry, never parsed.


@pytest.mark.parametrize("in_git", [True, False])
@pytest.mark.slow
def test_source_over_max_source_bytes_is_skipped(tmp_path, in_git) -> None:
    files = {
        "pyproject.toml": "[tool.docaudit]\nmax-source-bytes = 2000\n",
        "big.py": DOC + "x = 1\n" * 830,
    }
    if in_git:
        repo = _repo(tmp_path, files).path
    else:
        repo = tmp_path / "plain"
        repo.mkdir()
        for name, text in {"ok.py": DOC, **files}.items():
            (repo / name).write_text(text, encoding="utf-8")
    size = (repo / "big.py").stat().st_size
    result = run_cli("coverage", ".", cwd=repo)
    assert result.code == 0, result.err
    assert result.err == (
        f"docaudit: big.py: skipped: {size:,} bytes is over the 2,000-byte limit"
        " (max-source-bytes)\n"
    )
    assert "TOTAL 1 0 100.0%" in result.out
    raised = run_cli("coverage", ".", "--format", "json", cwd=repo)  # warm cache
    assert json.loads(raised.out)["errors"][0]["path"] == "big.py"


def test_source_over_max_source_bytes_in_git_objects_is_skipped_and_not_cached(tmp_path) -> None:
    repo = _repo(tmp_path, {"big.py": DOC + "x = 1\n" * 830})
    small = api.coverage_at("HEAD", [repo.path], Config.of(max_source_bytes=2000))
    assert [(e.path, e.message) for e in small.errors] == [
        ("big.py", "skipped: 4,998 bytes is over the 2,000-byte limit (max-source-bytes)")
    ]
    assert small.summary.total == 1
    raised = api.coverage_at("HEAD", [repo.path], Config())  # the skip was not cached
    assert (raised.errors, raised.summary.total) == ([], 2)


def test_thirty_megabyte_source_is_skipped_in_bounded_memory(tmp_path) -> None:
    repo = _repo(tmp_path)
    chunk = "".join(f"def f{i}(x):\n    return x + {i}\n\n\n" for i in range(1000))
    repeats = 30_000_000 // len(chunk) + 1
    with open(repo.path / "generated.py", "w", encoding="utf-8") as handle:
        for _ in range(repeats):
            handle.write(chunk)
    repo.commit("generated")
    size = (repo.path / "generated.py").stat().st_size
    result = run_cli("check", ".", "--no-cache", "--fail-under", "100", cwd=repo.path)
    assert result.code == 1  # the skipped file fails the errors gate
    assert (
        f"docaudit: generated.py: skipped: {size:,} bytes is over the 500,000-byte limit"
        " (max-source-bytes)\n"
    ) in result.err
    assert result.max_rss_mb < 300


def test_max_source_bytes_must_be_positive(tmp_path) -> None:
    repo = _repo(tmp_path, {"pyproject.toml": "[tool.docaudit]\nmax-source-bytes = 0\n"})
    result = run_cli("coverage", ".", "--no-cache", cwd=repo.path)
    assert result.code == 2
    assert "max-source-bytes" in result.err
    assert len(result.err.splitlines()) == 1


# Orphans: the parse workers die with the audit that started them.


def _children(pid: int) -> list[int]:
    """Return the live child processes of ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and _parent_and_state(int(entry.name))[0] == pid:
            found.append(int(entry.name))
    return found


def _parent_and_state(pid: int) -> tuple[int, str]:
    """Return a process's parent pid and state letter; ``(0, "X")`` once it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0, "X"
    fields = text[text.rindex(")") + 2 :].split()
    return int(fields[1]), fields[0]


def _alive(pid: int) -> bool:
    """Tell whether a process exists and is no zombie."""
    return _parent_and_state(pid)[1] not in ("X", "Z")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.slow
def test_workers_exit_when_the_audit_is_killed(tmp_path) -> None:
    body = "".join(f"def f{i}(x):\n    return [x] * {i}\n\n\n" for i in range(3000))
    repo = _repo(tmp_path, {f"pkg/m{n}.py": body for n in range(120)})
    command = [sys.executable, "-m", "docaudit", "audit", ".", "--no-cache"]
    process = subprocess.Popen(
        command, cwd=repo.path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        workers: list[int] = []
        exe = os.readlink(f"/proc/{process.pid}/exe")
        deadline = time.monotonic() + 60
        while len(workers) < 2 and process.poll() is None and time.monotonic() < deadline:
            # a pool worker is a Python child that stays one: a child forked to run git
            # is Python only until its exec, so it must be seen twice, 0.2 s apart
            seen = {c for c in _children(process.pid) if _exe(c) == exe}
            time.sleep(0.2)
            workers = sorted(c for c in _children(process.pid) if c in seen and _exe(c) == exe)
        assert len(workers) >= 2, "the audit never started its parse workers"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        deadline = time.monotonic() + 30
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if _alive(w)]
    finally:
        process.kill()
        process.wait()


_WATCHED = """
import os, time
from docaudit.pipeline.parsing import _watch_parent
parent = os.getpid()
child = os.fork()
if child == 0:
    _watch_parent(parent)
print(child, flush=True)
time.sleep(60)
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.slow
def test_parent_watching_fallback_exits_when_the_parent_dies() -> None:
    process = subprocess.Popen([sys.executable, "-c", _WATCHED], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        child = int(process.stdout.readline())
        assert _alive(child)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        deadline = time.monotonic() + 10
        while _alive(child) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(child)
    finally:
        process.kill()
        process.wait()


def _exe(pid: int) -> str | None:
    """Return the program a process runs, or ``None`` once it is gone."""
    try:
        return os.readlink(f"/proc/{pid}/exe")
    except OSError:
        return None


# Unreadable files and folders are error entries that fail the errors gate.


@pytest.mark.skipif(shutil.which("setpriv") is None and os.geteuid() == 0, reason="setpriv")
@pytest.mark.parametrize("in_git", [True, False])
@pytest.mark.slow
def test_unreadable_folder_and_file_fail_the_errors_gate(tmp_path, in_git) -> None:
    files = {"ok.py": DOC, "locked/inner.py": DOC, "secret.py": DOC}
    if in_git:
        root = _repo(tmp_path, files).path
    else:
        root = tmp_path / "plain"
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text, encoding="utf-8")
    (root / "locked").chmod(0)
    (root / "secret.py").chmod(0)
    try:
        result = run_cli(
            "check", ".", "--no-cache", "--fail-under", "100", cwd=root, unprivileged=True
        )
    finally:
        (root / "locked").chmod(0o755)
        (root / "secret.py").chmod(0o644)
    assert result.code == 1, result.err
    unreadable = "locked/inner.py" if in_git else "locked"
    assert f"docaudit: {unreadable}: cannot read: Permission denied\n" in result.err
    assert "docaudit: secret.py: cannot read: Permission denied\n" in result.err
    assert "error(s) in files" in result.out + result.err


# Patterns pathspec rejects: a config error for exclude, a notice for a .gitignore line.


@pytest.mark.parametrize("command", ["coverage", "silos", "audit", "check", "config"])
@pytest.mark.slow
def test_invalid_exclude_pattern_is_a_config_error(tmp_path, command) -> None:
    repo = _repo(tmp_path)
    result = run_cli(command, ".", "--no-cache", "--exclude", "\\", cwd=repo.path)
    assert result.code == 2
    assert result.err == (
        "docaudit: error: the command line: 'exclude' has the pattern '\\\\':"
        " not a valid gitignore pattern\n"
    )


@pytest.mark.parametrize("key", ["exclude", "vendored", "config-files", "config-exclude"])
@pytest.mark.slow
def test_invalid_gitignore_pattern_in_settings_is_one_line(tmp_path, key) -> None:
    repo = _repo(tmp_path, {"pyproject.toml": f'[tool.docaudit]\n{key} = ["\\\\"]\n'})
    result = run_cli("silos", ".", cwd=repo.path)
    assert result.code == 2
    assert result.err == (
        f"docaudit: error: {repo.path / 'pyproject.toml'} [tool.docaudit]: '{key}' has"
        " the pattern '\\\\': not a valid gitignore pattern\n"
    )


def test_invalid_gitignore_line_outside_git_is_skipped_with_a_notice(tmp_path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / ".gitignore").write_text("ignored.py\n\\\n", encoding="utf-8")
    (folder / "ok.py").write_text(DOC, encoding="utf-8")
    (folder / "ignored.py").write_text("def undocumented(): pass\n", encoding="utf-8")
    result = run_cli("coverage", ".", "--no-cache", cwd=folder)
    assert result.code == 0, result.err
    assert "TOTAL 1 0 100.0%" in result.out  # the valid line still ignores ignored.py
    assert result.err == (
        "docaudit: .gitignore:2: skipped the pattern '\\' (not a valid gitignore pattern),"
        " as git skips invalid ones\n"
    )


# Baselines that would crash the JSON reader are one-line errors naming the file.


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ("[" * 5000 + "]" * 5000, "corrupt baseline: nested too deep"),
        ('{"schema": "docaudit/1", "n": ' + "9" * 5000 + "}", "corrupt baseline: a number"),
    ],
    ids=["nested", "digits"],
)
@pytest.mark.slow
def test_hostile_baseline_is_one_line_error(tmp_path, text, cause) -> None:
    repo = _repo(tmp_path, {".docaudit-baseline.json": text})
    result = run_cli("check", ".", "--no-cache", cwd=repo.path)
    assert result.code == 2
    assert result.err.startswith(
        f"docaudit: error: {repo.path / '.docaudit-baseline.json'}: {cause}"
    )
    assert len(result.err.splitlines()) == 1


# CODEOWNERS is read like every other file, and a rule pathspec rejects matches nothing.


def test_codeowners_with_an_invalid_rule_is_still_read(tmp_path) -> None:
    repo = _repo(tmp_path, {"CODEOWNERS": "\\\ntools/ @someone\n", "tools/t.py": DOC})
    result = run_cli("audit", ".", "--format", "json", "--no-cache", cwd=repo.path)
    # tools/t.py holds only a docstring: nothing to rank (the root also has CODEOWNERS)
    assert (result.code, result.err) == (
        0,
        "docaudit: left out of the ranking: empty (1 module); see docs/file-classes.md\n",
    )
    findings = json.loads(result.out)["codeowners"]
    # tools/ is covered by the valid rule; the lone backslash matched nothing
    assert [(f["module"], f["problem"]) for f in findings] == [("(root)", "uncovered")]


def test_codeowners_linked_outside_is_not_read(tmp_path, outside) -> None:
    repo = _repo(tmp_path)
    _link(repo, ".github/CODEOWNERS", outside.sentinel)
    before = outside.snapshot()
    result = run_cli("audit", ".", "--no-cache", cwd=repo.path)
    assert result.code == 0
    assert result.err == (
        "docaudit: left out of the ranking: empty (1 module); see docs/file-classes.md\n"
        "docaudit: .github/CODEOWNERS: not read: a symbolic link to a file outside the"
        " repository\n"
    )
    assert outside.snapshot() == before


# Found by the attack run after the first fixes.


@pytest.mark.parametrize("value", ["../precious.txt", "/docaudit-made.json", ".git/config"])
@pytest.mark.slow
def test_baseline_path_from_the_settings_must_stay_in_the_repository(
    tmp_path, outside, value
) -> None:
    repo = _repo(tmp_path, {"pyproject.toml": f'[tool.docaudit]\nbaseline = "{value}"\n'})
    (tmp_path / "precious.txt").write_text("keep\n", encoding="utf-8")
    git_config = (repo.path / ".git" / "config").read_bytes()
    before = outside.snapshot()
    for command in ("baseline", "check"):
        result = run_cli(command, ".", cwd=repo.path)
        assert result.code == 2
        assert result.err == (
            f"docaudit: error: {repo.path / 'pyproject.toml'} [tool.docaudit]: 'baseline' must"
            " be a path inside the repository (not absolute, no '..', not in .git), not"
            f" {value!r}; name a file elsewhere with --baseline\n"
        )
    assert (tmp_path / "precious.txt").read_text(encoding="utf-8") == "keep\n"
    assert (repo.path / ".git" / "config").read_bytes() == git_config
    assert not Path("/docaudit-made.json").exists()
    assert outside.snapshot() == before


def test_a_link_then_dotdot_is_resolved_before_writing(tmp_path, outside) -> None:
    repo = _repo(tmp_path)
    inner = outside.path / "inner"
    inner.mkdir()
    _link(repo, "link", inner)
    before = outside.snapshot()
    result = run_cli("coverage", ".", "--no-cache", "-o", "link/../report.txt", cwd=repo.path)
    assert result.code == 2
    assert result.err == (
        "docaudit: error: link/../report.txt: cannot write the report:"
        " its folder is a symbolic link out of the repository\n"
    )
    assert outside.snapshot() == before


@pytest.mark.parametrize("codec", ["rot13", "uu_codec", "punycode"])
@pytest.mark.slow
def test_an_encoding_cookie_naming_a_non_text_codec_is_an_error_entry(tmp_path, codec) -> None:
    repo = _repo(tmp_path, {"odd.py": f"# -*- coding: {codec} -*-\nqrs s():\n    cnff\n"})
    result = run_cli("coverage", ".", "--no-cache", cwd=repo.path)
    assert result.code == 0
    assert result.err.startswith(f"docaudit: odd.py: cannot decode as {codec}: ")
    assert result.err.count("\n") == 1
    assert "TOTAL 1 0 100.0%" in result.out  # ok.py is still audited


CATASTROPHIC = "*a" * 15 + "*b"  # two seconds a 200-character name at five wildcards


@pytest.mark.slow
def test_a_catastrophic_exclude_pattern_is_refused(tmp_path) -> None:
    repo = _repo(tmp_path, {"a" * 200 + ".py": DOC})
    repo.write("pyproject.toml", f'[tool.docaudit]\nexclude = ["{CATASTROPHIC}"]\n')
    for command in ("coverage", "silos"):
        result = run_cli(command, ".", "--no-cache", cwd=repo.path)
        assert result.code == 2
        assert result.err == (
            f"docaudit: error: {repo.path / 'pyproject.toml'} [tool.docaudit]: 'exclude' has the"
            f" pattern '{CATASTROPHIC}': more than 3 wildcards in one path segment\n"
        )
        assert result.cpu_seconds < 10


@pytest.mark.slow
def test_catastrophic_gitignore_and_codeowners_lines_are_skipped(tmp_path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / ".gitignore").write_text(f"{CATASTROPHIC}\nignored.py\n", encoding="utf-8")
    (folder / ("a" * 200 + ".py")).write_text(DOC, encoding="utf-8")
    (folder / "ignored.py").write_text("def undocumented(): pass\n", encoding="utf-8")
    result = run_cli("coverage", ".", "--no-cache", cwd=folder)
    assert result.code == 0
    assert result.err == (
        f"docaudit: .gitignore:1: skipped the pattern '{CATASTROPHIC}' (more than 3 wildcards"
        " in one path segment), as git skips invalid ones\n"
    )
    assert "TOTAL 1 0 100.0%" in result.out
    assert result.cpu_seconds < 10
    repo = _repo(tmp_path, {"CODEOWNERS": f"{CATASTROPHIC} @x\n", "a" * 200 + ".py": DOC})
    audit = run_cli("audit", ".", "--no-cache", cwd=repo.path)
    assert (audit.code, audit.err) == (0, "")
    assert audit.cpu_seconds < 20


def test_the_settings_cannot_lift_the_memory_bounds(tmp_path) -> None:
    config = "[tool.docaudit]\nmax-source-bytes = 2147483647\n"
    repo = _repo(tmp_path, {"pyproject.toml": config})
    result = run_cli("coverage", ".", cwd=repo.path)
    assert result.code == 2
    assert result.err == (
        f"docaudit: error: {repo.path / 'pyproject.toml'} [tool.docaudit]: 'max-source-bytes'"
        " must be a whole number from 1 to 4,000,000, not 2147483647\n"
    )

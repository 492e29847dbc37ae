"""Hostile input cannot crash, hang or trace back docaudit (issue 11, items 8-10, 14, 15).

Each case is built in a temporary folder (a real git repository where history matters)
and, where the case is about the process (a crash, a hang, standard output), run with
the real CLI in a subprocess whose time and memory are read from its rusage: bounds are
generous, and every run has a timeout so that a regression fails instead of hanging.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from docaudit.analysers.apis.openapi import analyse_spec
from docaudit.analysers.python.parse import analyse_python
from docaudit.errors import AnalysisError
from docaudit.history.silos import _date
from tests.helpers import AUTHOR, GitRepo

GOOD = 'def good():\n    """Documented."""\n'
ERROR_PREFIX = "docaudit: error: "


@dataclass
class Run:
    """One CLI subprocess: exit code, output, CPU seconds and peak memory (MB)."""

    code: int
    out: str
    err: str
    cpu: float
    rss_mb: float


_LAUNCHER = """
import json, os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as report:
    json.dump([os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime,
               usage.ru_maxrss], report)
"""


def run_cli(
    *args: str, cwd: Path, timeout: float = 120, stdout: int | None = None, shell: str = ""
) -> Run:
    """Run ``python -m docaudit ARGS`` in ``cwd`` and read its rusage.

    The CLI is started by a small launcher that reaps it with ``os.wait4``: a child
    forked from pytest itself would report pytest's memory as its peak (Linux keeps the
    forked copy's high-water mark across ``exec``). ``stdout`` is a descriptor to write
    to (a file by default); ``shell`` wraps the command in ``sh -c 'exec "$@" SHELL'``
    (``>&-`` closes standard output).
    """
    command = [sys.executable, "-m", "docaudit", *args]
    if shell:
        command = ["sh", "-c", f'exec "$@" {shell}', "sh", *command]
    base = cwd.parent / cwd.name
    out_path, err_path, usage_path = (base.with_suffix(s) for s in (".out", ".err", ".usage"))
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        launcher = subprocess.Popen(
            [sys.executable, "-c", _LAUNCHER, str(usage_path), *command],
            cwd=cwd,
            stdout=out if stdout is None else stdout,
            stderr=err,
            start_new_session=True,
        )
        try:
            launcher.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(launcher.pid, signal.SIGKILL)
            launcher.wait()
            pytest.fail(f"docaudit still running after {timeout} s")
    code, cpu, rss_kb = json.loads(usage_path.read_text())
    return Run(
        code,
        out_path.read_text(errors="replace"),
        err_path.read_text(errors="replace"),
        cpu,
        rss_kb / 1024,
    )


def make_repo(tmp_path: Path, files: dict[str, str | bytes]) -> GitRepo:
    """Return a git repository holding ``files``, committed by the fixed author."""
    path = tmp_path / "repo"
    path.mkdir()
    repo = GitRepo(path)
    repo.git("init", "-q", "-b", "main")
    for relpath, content in files.items():
        repo.write(relpath, content)
    repo.commit("init")
    return repo


def only_error_line(run: Run) -> str:
    """Return the one line a failed run printed, asserting it is one ``docaudit: error``."""
    lines = run.err.splitlines()
    assert len(lines) == 1, run.err
    assert lines[0].startswith(ERROR_PREFIX), run.err
    return lines[0].removeprefix(ERROR_PREFIX)


def assert_bounded(run: Run, cpu: float = 60, rss_mb: float = 1_000) -> None:
    """Assert the run's CPU time and peak memory are under generous bounds."""
    assert run.cpu < cpu, run
    assert run.rss_mb < rss_mb, run


# 8. Deep nesting never reaches a parser that can crash the process.

DEEP_BRACKETS = "x = " + "(" * 5_000 + "1" + ")" * 5_000 + "\n"
DEEP_NESTING_LINE = (
    "docaudit: deep.py: nesting deeper than Python allows:"
    " syntax error at line 1: too many nested parentheses"
)


@pytest.mark.parametrize("opening", ["(", "["])
@pytest.mark.slow
def test_deep_brackets_are_an_error_entry_and_the_rest_is_reported(
    tmp_path: Path, opening: str
) -> None:
    closing = {"(": ")", "[": "]"}[opening]
    deep = "x = " + opening * 5_000 + "1" + closing * 5_000 + "\n"
    repo = make_repo(tmp_path, {"deep.py": deep, "good.py": GOOD})
    run = run_cli("coverage", ".", "--format", "json", cwd=repo.path)
    assert run.code == 0, run.err
    assert run.err.splitlines() == [DEEP_NESTING_LINE]
    assert '"good.py"' in run.out
    assert_bounded(run)


def test_deep_brackets_do_not_take_check_down(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"deep.py": DEEP_BRACKETS, "good.py": GOOD})
    run = run_cli("check", ".", cwd=repo.path)
    assert run.code == 1, run.err  # the errors gate fails
    assert DEEP_NESTING_LINE in run.err.splitlines()
    assert "FAIL errors: 1 error(s) in files: deep.py" in run.out
    assert_bounded(run)


def test_deep_brackets_do_not_take_baseline_down(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"deep.py": DEEP_BRACKETS, "good.py": GOOD})
    run = run_cli("baseline", ".", cwd=repo.path)
    assert run.code == 0, run.err
    assert run.err.endswith(".docaudit-baseline.json: 2 symbols, 50.0% documented\n")
    assert_bounded(run)


def test_deep_brackets_do_not_take_the_hook_down(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"good.py": GOOD})
    repo.write("deep.py", DEEP_BRACKETS)
    repo.git("add", "deep.py")
    run = run_cli("hook", "deep.py", "good.py", cwd=repo.path)
    assert run.code == 1  # the hook fails on a file it cannot read; never a signal (-11)
    assert run.out == f"docaudit: 1 error(s) in files: deep.py ({DEEP_NESTING_LINE[19:]})\n"
    assert_bounded(run)


@pytest.mark.parametrize(
    ("name", "body", "reason"),
    [
        ("not", "x = " + "not " * 30_000 + "1\n", "a statement of over 2,000 operators at line 2"),
        ("lambda", "x = " + "lambda: " * 4_000 + "1\n", "a statement of over 2,000"),
        ("plus", "x = " + "1 + " * 30_000 + "1\n", "a statement of over 2,000"),
        (
            "f-string",  # 3.11's tokenizer sees strings where 3.12 sees brackets
            'x = f"{"a" + ' + "(" * 5_000 + "1" + ")" * 5_000 + ' + "b"}"\n',
            "a statement of over 2,000",
        ),
        (
            "indentation",
            "".join(" " * level + "if x:\n" for level in range(300)) + " " * 300 + "pass\n",
            "nesting deeper than 100 indentation levels at line 103",
        ),
    ],
)
@pytest.mark.slow
def test_newer_syntax_too_deep_for_libcst_is_not_handed_to_it(
    tmp_path: Path, name: str, body: str, reason: str
) -> None:
    # ``type`` (Python 3.12) makes ast reject line 1, so libcst would be next: it crashes
    # or runs for minutes on each of these.
    repo = make_repo(tmp_path, {"deep.py": "type X = int\n" + body, "good.py": GOOD})
    run = run_cli("coverage", ".", "--format", "json", cwd=repo.path)
    assert run.code == 0, run.err
    [line] = run.err.splitlines()
    assert line.startswith(
        "docaudit: deep.py: syntax error at line 1: invalid syntax (not parsed as newer Python: "
    ), line
    assert reason in line
    assert '"good.py"' in run.out
    assert_bounded(run)


def test_newer_syntax_within_the_limits_is_still_parsed_with_libcst() -> None:
    source = 'type X = int\n\ndef f[T](x: T) -> T:\n    """Doc."""\n    return f"{x["a"]}"\n'
    parsed = analyse_python(source.encode(), "m", "")
    assert parsed.parser == "libcst"
    assert [child.name for child in parsed.module.children] == ["f"]


# 15. Every parse error names a cause.


def test_parser_exhaustion_names_its_cause() -> None:
    with pytest.raises(AnalysisError) as caught:
        analyse_python(("x = " + "not " * 100_000 + "1\n").encode(), "m", "")
    assert (
        str(caught.value)
        == "cannot parse: nesting deeper than Python's parser allows (MemoryError)"
    )


def test_recursion_in_ast_names_its_cause() -> None:
    with pytest.raises(AnalysisError) as caught:
        analyse_python(("x = " + "-" * 5_000 + "1\n").encode(), "m", "")
    assert str(caught.value) == (
        "cannot parse: nesting deeper than Python's parser allows (RecursionError)"
    )


# 8 (YAML). Deep YAML is an error entry, counted before PyYAML's recursive composer runs.


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 50_000 + "]" * 50_000 + "\n",
        "a: " + "{b: " * 50_000 + "c" + "}" * 50_000 + "\n",
        "- " * 50_000 + "x\n",
    ],
    ids=["flow-sequence", "flow-mapping", "compact-block"],
)
@pytest.mark.slow
def test_deep_yaml_config_file_is_an_error_entry(tmp_path: Path, text: str) -> None:
    repo = make_repo(tmp_path, {"config/app.yml": text, "good.py": GOOD})
    run = run_cli("config", ".", cwd=repo.path)
    assert run.code == 0, run.err
    assert (
        run.err.splitlines()
        == [
            "docaudit: config/app.yml: line 1: invalid YAML: nested too deeply: over 1000 levels"
            " at line 1"
        ]
        or "nested too deeply: over 1000 levels" in run.err
    )
    assert_bounded(run)


def test_deep_yaml_spec_is_an_error_entry() -> None:
    text = "openapi: 3.0.0\ninfo:\n  description: d\nx: " + "[" * 50_000 + "]" * 50_000
    result = analyse_spec("openapi.yaml", text.encode())
    assert result.errors == ["YAML nested too deeply: over 1000 levels at line 4"]


# 9. Tracebacks where the contract promises one line.


def _fast_import(repo: GitRepo, stamps: list[tuple[str, int]]) -> None:
    """Write one commit per ``(file, time)`` with git fast-import, which keeps any time."""
    stream = "".join(
        f"commit refs/heads/main\n"
        f"author Ada Example <ada@example.com> {stamp} +0000\n"
        f"committer Ada Example <ada@example.com> {stamp} +0000\n"
        f"data 7\nchange\nM 644 inline {name}\ndata {len(GOOD)}\n{GOOD}\n"
        for name, stamp in stamps
    )
    subprocess.run(
        ["git", "fast-import", "--quiet"],
        cwd=repo.path,
        input=stream.encode(),
        check=True,
        env={**os.environ, **AUTHOR},
    )
    repo.git("reset", "-q", "--hard", "main")


def test_commit_dates_past_year_9999_are_shown_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "repo"
    path.mkdir()
    repo = GitRepo(path)
    repo.git("init", "-q", "-b", "main")
    year_10000 = 253_402_300_800
    _fast_import(repo, [("a.py", 1_700_000_000), ("b.py", year_10000), ("c.py", 2**63 - 1)])
    run = run_cli("silos", ".", "--format", "json", cwd=repo.path)
    assert run.code == 0, run.err
    assert '"last_commit": "+292277026596-12-04"' in run.out
    assert "internal error" not in run.err


def test_commit_dates_render_for_every_64_bit_time() -> None:
    assert _date(253_402_300_799) == "9999-12-31"
    assert _date(253_402_300_800) == "+10000-01-01"
    assert _date(-62_135_596_800) == "0001-01-01"
    assert _date(-62_135_596_801) == "+0000-12-31"
    assert _date(-(2**63)) == "-292277022657-01-27"
    assert _date(0) == ""


def test_a_raw_commit_time_of_thousands_of_digits_is_no_date(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"a.py": GOOD})
    tree = repo.git("rev-parse", "HEAD^{tree}").strip()
    digits = "9" * 5_000
    header = f"tree {tree}\nauthor B <b@example.com> {digits} +0000\n"
    body = f"{header}committer B <b@example.com> {digits} +0000\n\nodd date\n"
    done = subprocess.run(
        ["git", "hash-object", "-t", "commit", "-w", "--literally", "--stdin"],
        cwd=repo.path,
        input=body.encode(),
        capture_output=True,
        check=True,
    )
    repo.git("update-ref", "refs/heads/main", done.stdout.decode().strip())
    run = run_cli("silos", ".", "--format", "json", cwd=repo.path)
    assert run.code == 0, run.err
    assert "internal error" not in run.err


@pytest.mark.parametrize(
    ("content", "cause"),
    [
        ("[tool.docaudit]\nexclude = " + "[" * 5_000 + "]" * 5_000 + "\n", "nested too deeply"),
        ("[tool.docaudit]\nbulk-limit = " + "9" * 5_000 + "\n", "Exceeds the limit"),
    ],
    ids=["nesting", "digits"],
)
def test_hostile_pyproject_is_one_line(tmp_path: Path, content: str, cause: str) -> None:
    repo = make_repo(tmp_path, {"pyproject.toml": content, "good.py": GOOD})
    run = run_cli("coverage", ".", cwd=repo.path)
    assert run.code == 2
    message = only_error_line(run)
    assert message.startswith(f"{repo.path}/pyproject.toml: not valid TOML: "), message
    assert cause in message


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("config/app.json", '{"a": ' + "9" * 5_000 + "}", "invalid JSON: a number of over 4,300"),
        ("config/app.toml", "a = " + "[" * 5_000 + "]" * 5_000, "invalid TOML: nested too deeply"),
        ("config/app.toml", "a = " + "9" * 5_000, "invalid TOML: a number of over 4,300 digits"),
    ],
    ids=["json-digits", "toml-nesting", "toml-digits"],
)
@pytest.mark.slow
def test_hostile_config_data_file_is_an_error_entry(
    tmp_path: Path, name: str, content: str, error: str
) -> None:
    repo = make_repo(tmp_path, {name: content, "good.py": GOOD})
    run = run_cli("config", ".", cwd=repo.path)
    assert run.code == 0, run.err
    assert error in run.err
    assert "internal error" not in run.err


def test_closed_stdout_is_one_line_and_exit_2(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"good.py": GOOD})
    run = run_cli("coverage", ".", cwd=repo.path, shell=">&-")
    assert run.code == 2
    assert only_error_line(run) == (
        "cannot write the report to standard output: Bad file descriptor"
    )
    # Descriptor 1 was held open on /dev/null: the cache did not take it and get the report.
    assert (repo.path / ".docaudit" / "cache.sqlite").read_bytes().startswith(b"SQLite format 3")


@pytest.mark.parametrize(
    ("args", "code", "out"),
    [(("silos", ".", "--since", "garbage"), 2, ""), (("check", "."), 0, "TOTAL 2 1 50.0%\n")],
)
def test_closed_stderr_keeps_the_exit_code(
    tmp_path: Path, args: tuple[str, ...], code: int, out: str
) -> None:
    # check with no gate passes with a notice, which must be lost without turning into exit 1
    repo = make_repo(tmp_path, {"good.py": GOOD})
    run = run_cli(*args, cwd=repo.path, shell="2>&-")
    assert (run.code, run.out) == (code, out)


def test_full_stdout_is_one_line_and_exit_2(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"good.py": GOOD})
    descriptor = os.open("/dev/full", os.O_WRONLY)
    try:
        run = run_cli("coverage", ".", cwd=repo.path, stdout=descriptor)
    finally:
        os.close(descriptor)
    assert run.code == 2
    assert only_error_line(run) == (
        "cannot write the report to standard output: No space left on device"
    )


def test_closed_stdout_with_an_output_file_still_writes_it(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"good.py": GOOD})
    run = run_cli("coverage", ".", "-o", "report.txt", cwd=repo.path, shell=">&-")
    assert run.code == 0, run.err
    assert "good.py" in (repo.path / "report.txt").read_text()


def test_config_file_dev_zero_is_refused(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"good.py": GOOD})
    run = run_cli("coverage", ".", "-c", "/dev/zero", cwd=repo.path, timeout=60)
    assert run.code == 2
    assert only_error_line(run) == "/dev/zero: cannot read: not a regular file"
    assert_bounded(run, cpu=20, rss_mb=300)


def test_fifo_pyproject_in_a_git_repository_is_refused(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"good.py": GOOD})
    os.mkfifo(repo.path / "pyproject.toml")
    run = run_cli("coverage", ".", cwd=repo.path, timeout=60)
    assert run.code == 2
    assert only_error_line(run) == f"{repo.path}/pyproject.toml: cannot read: not a regular file"


def test_oversized_pyproject_is_refused(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"good.py": GOOD})
    (repo.path / "pyproject.toml").write_bytes(b"# padding\n" * 500_000)
    run = run_cli("coverage", ".", cwd=repo.path, timeout=60)
    assert run.code == 2
    assert only_error_line(run) == (
        f"{repo.path}/pyproject.toml: cannot read: 5,000,000 bytes is over the 4,000,000-byte"
        " limit"
    )


# 10. Hangs.


def _ref_chain(links: int) -> str:
    """Return an OpenAPI 3.1 spec whose schemas form one chain of ``links`` local $refs."""
    lines = ["openapi: 3.1.0", "info:", "  description: d", "components:", "  schemas:"]
    for index in range(links):
        lines += [f"    s{index}:", f"      $ref: '#/components/schemas/s{index + 1}'"]
    lines += [f"    s{links}:", "      description: end"]
    return "\n".join(lines) + "\n"


def test_a_chain_of_4000_refs_is_linear_and_cut(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"openapi.yaml": _ref_chain(4_000), "good.py": GOOD})
    run = run_cli("coverage", ".", "--kinds", "spec", "-q", cwd=repo.path)
    assert run.code == 0, run.err
    assert run.err.splitlines() == [
        "docaudit: openapi.yaml: $ref chains longer than 200 links are not followed"
    ]
    assert run.out == "TOTAL 202 0 100.0%\n"  # info, and the 201 schemas within 200 links
    assert_bounded(run, cpu=20)  # before: 2,000 links took 22 s, 4,000 over 120 s


def test_ref_cycles_name_each_entry_as_before() -> None:
    spec = (
        "openapi: 3.0.0\ninfo:\n  description: d\ncomponents:\n  schemas:\n"
        "    a:\n      $ref: '#/components/schemas/b'\n"
        "    b:\n      $ref: '#/components/schemas/a'\n"
        "    c:\n      $ref: '#/components/schemas/a'\n"
    )
    result = analyse_spec("openapi.yaml", spec.encode())
    assert result.errors == [
        "line 7: $ref cycle through #/components/schemas/b",
        "line 9: $ref cycle through #/components/schemas/a",
    ]


@pytest.mark.parametrize(
    ("setting", "flag"),
    [("ignore-regex", "--ignore-regex"), ("ignore-decorators", "--ignore-decorators")],
)
@pytest.mark.slow
def test_catastrophic_pattern_is_time_boxed_and_named(
    tmp_path: Path, setting: str, flag: str
) -> None:
    name = "a" * 40
    source = f"@{name}\ndef {name}():\n    pass\n"
    repo = make_repo(tmp_path, {"slow.py": source})
    run = run_cli("coverage", ".", "--no-cache", flag, "^(a|a)+b$", cwd=repo.path, timeout=120)
    assert run.code == 2
    assert only_error_line(run) == (
        f"{setting} pattern '^(a|a)+b$' took over 2 s matching names; simplify it"
    )
    assert_bounded(run, cpu=40)


@pytest.mark.slow
def test_catastrophic_pattern_in_pyproject_is_time_boxed(tmp_path: Path) -> None:
    name = "a" * 40
    config = '[tool.docaudit]\nignore-regex = ["^(a|a)+b$"]\n'
    repo = make_repo(tmp_path, {"pyproject.toml": config, "slow.py": f"def {name}():\n    pass\n"})
    run = run_cli("coverage", ".", "--no-cache", cwd=repo.path, timeout=120)
    assert run.code == 2
    assert "pattern '^(a|a)+b$' took over 2 s" in only_error_line(run)
    assert_bounded(run, cpu=40)


# 14. Numbers are finite and bounded.


@pytest.mark.parametrize("value", ["inf", "nan", "-inf", "1e308", "2e6"])
@pytest.mark.slow
def test_risk_weights_must_be_finite_and_bounded(tmp_path: Path, value: str) -> None:
    config = f"[tool.docaudit]\nrisk-weights = {{ knowledge = {value} }}\n"
    repo = make_repo(tmp_path, {"pyproject.toml": config, "good.py": GOOD})
    run = run_cli("coverage", ".", cwd=repo.path, timeout=60)
    assert run.code == 2
    message = only_error_line(run)
    assert "'risk-weights.knowledge' must be a number from 0 to 1,000,000" in message


@pytest.mark.parametrize(
    ("flag", "value"),
    [
        ("--fail-under", "nan"),
        ("--fail-under", "inf"),
        ("--max-drop", "nan"),
        ("--new-code-fail-under", "inf"),
        ("--knowledge-half-life", "nan"),
        ("--knowledge-half-life", "1e308"),
    ],
)
@pytest.mark.slow
def test_float_flags_reject_non_finite_numbers(tmp_path: Path, flag: str, value: str) -> None:
    repo = make_repo(tmp_path, {"good.py": GOOD})
    command = "silos" if flag == "--knowledge-half-life" else "check"
    run = run_cli(command, ".", flag, value, cwd=repo.path, timeout=60)
    assert run.code == 2
    message = only_error_line(run)
    assert message.startswith(f"the command line: '{flag[2:]}' must be a number")


def test_huge_integer_setting_is_refused_in_one_line(tmp_path: Path) -> None:
    config = "[tool.docaudit]\nmax-config-bytes = 100000000000000000000\n"
    repo = make_repo(tmp_path, {"pyproject.toml": config, "good.py": GOOD})
    run = run_cli("config", ".", cwd=repo.path, timeout=60)
    assert run.code == 2
    assert "'max-config-bytes' must be a whole number from 1 to 10,000,000" in (
        only_error_line(run)
    )


def test_signals_are_never_the_outcome(tmp_path: Path) -> None:
    # One repository with every hostile file of this module at once: one run, no signal.
    files: dict[str, str | bytes] = {
        "deep.py": DEEP_BRACKETS,
        "newer.py": "type X = int\nx = " + "not " * 30_000 + "1\n",
        "config/app.yml": "a: " + "[" * 50_000 + "]" * 50_000 + "\n",
        "openapi.yaml": _ref_chain(1_000),
        "good.py": GOOD,
    }
    repo = make_repo(tmp_path, files)
    run = run_cli("check", ".", "--kinds", "code,spec,config", cwd=repo.path)
    assert run.code == 1, run.err  # the errors gate fails; the process lives
    assert run.code != -signal.SIGSEGV
    assert "good.py" not in run.err
    assert_bounded(run)


def test_deep_pyproject_of_a_sub_project_is_skipped(tmp_path: Path) -> None:
    deep = '[project]\nname = "x"\nversion = ' + "[" * 5_000 + "]" * 5_000 + "\n"
    repo = make_repo(tmp_path, {"sub/pyproject.toml": deep, "good.py": GOOD})
    run = run_cli("coverage", ".", "--kinds", "code,cli", "-q", cwd=repo.path)
    assert run.code == 0, run.err
    assert run.out == "TOTAL 2 1 50.0%\n"


def test_fifo_pyproject_beside_an_explicit_config_never_blocks(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"other.toml": "[tool.docaudit]\n", "good.py": GOOD})
    os.mkfifo(repo.path / "pyproject.toml")
    run = run_cli("coverage", ".", "-c", "other.toml", "-q", cwd=repo.path, timeout=60)
    assert run.code == 0, run.err
    assert run.out == "TOTAL 2 1 50.0%\n"

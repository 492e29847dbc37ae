"""The history cache: only new commits are mined; rewritten history is mined again."""

from __future__ import annotations

from pathlib import Path

import pytest

from docaudit.history import log
from tests.helpers import ALICE, BOB, CAROL, build_org


@pytest.fixture
def mined(monkeypatch) -> list[str | None]:
    """Record the ``after`` commit of each mining pass (``None``: from the beginning)."""
    calls: list[str | None] = []
    original = log.mine

    def spy(*args, **kwargs):
        calls.append(kwargs.get("after"))
        return original(*args, **kwargs)

    monkeypatch.setattr(log, "mine", spy)
    return calls


def json_report(run_cli, path: Path, *flags: str) -> str:
    result = run_cli("silos", str(path), "--format", "json", *flags)
    assert result.code == 0, result.err
    return result.out


def test_second_run_mines_nothing(tmp_path: Path, run_cli, mined) -> None:
    build_org(tmp_path)
    first = json_report(run_cli, tmp_path)
    second = json_report(run_cli, tmp_path)
    assert mined == [None]
    assert first == second == json_report(run_cli, tmp_path, "--no-cache")


def test_new_commits_extend_the_cached_history(tmp_path: Path, run_cli, mined) -> None:
    repo = build_org(tmp_path)
    json_report(run_cli, tmp_path)
    cached_head = repo.git("rev-parse", "HEAD").strip()
    repo.commit_as(CAROL, "2024-09-03", moves=(("billing/tax.py", "billing/taxes.py"),))
    repo.commit_as(BOB, "2024-09-04", {"billing/taxes.py": "t = 1\nu = 2\nv = 3\n"})
    repo.commit_as(ALICE, "2024-09-05", remove=("shared/c.py",))
    repo.commit_as(BOB, "2024-09-06", {"shared/c.py": "new c\n"})
    extended = json_report(run_cli, tmp_path)
    assert mined == [None, cached_head]
    assert extended == json_report(run_cli, tmp_path, "--no-cache")


def test_rewritten_history_is_mined_again(tmp_path: Path, run_cli, mined) -> None:
    repo = build_org(tmp_path)
    json_report(run_cli, tmp_path)
    repo.git("reset", "-q", "--hard", "HEAD~2")
    repo.commit_as(CAROL, "2024-10-01", {"billing/tax.py": "rewritten\n"})
    rewritten = json_report(run_cli, tmp_path)
    assert mined == [None, None]
    assert rewritten == json_report(run_cli, tmp_path, "--no-cache")


def test_other_mining_options_have_their_own_entry(tmp_path: Path, run_cli, mined) -> None:
    build_org(tmp_path)
    json_report(run_cli, tmp_path)
    json_report(run_cli, tmp_path, "--bulk-limit", "0")
    json_report(run_cli, tmp_path, "--departed", "alice@example.com")
    assert mined == [None, None]


def test_mailmap_changes_are_seen_by_the_cache(tmp_path: Path, run_cli) -> None:
    repo = build_org(tmp_path)
    repo.commit_as(("Alice Two", "alice2@example.com"), "2024-09-03", {"billing/fees.py": "f\n"})
    before = json_report(run_cli, tmp_path)
    assert '"alice2@example.com"' in before
    repo.write(".mailmap", "Alice <alice@example.com> <alice2@example.com>\n")
    after = json_report(run_cli, tmp_path)
    assert '"alice2@example.com"' not in after
    assert after == json_report(run_cli, tmp_path, "--no-cache")


def test_relative_since_is_resolved_each_run(tmp_path: Path, run_cli, monkeypatch) -> None:
    build_org(tmp_path)
    monkeypatch.setenv("GIT_TEST_DATE_NOW", "1725321600")  # 2024-09-03
    recent = json_report(run_cli, tmp_path, "--since", "3.days.ago")
    assert '"commits": 2' in recent
    monkeypatch.setenv("GIT_TEST_DATE_NOW", "1727913600")  # 2024-10-03
    later = json_report(run_cli, tmp_path, "--since", "3.days.ago")
    assert '"commits": 0' in later
    assert later == json_report(run_cli, tmp_path, "--since", "3.days.ago", "--no-cache")

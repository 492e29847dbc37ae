"""Settings in groups: each stage's cache keys on the digest of the settings it reads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from docaudit import api
from docaudit.config.settings import GROUPS, SETTINGS, Config
from docaudit.history import log
from docaudit.pipeline import silos as silos_pipeline
from tests.helpers import ALICE, BOB, make_repo


def _other(default: object) -> object:
    """Return a value that is not ``default``, of a like type (``Config.of`` does not check)."""
    if isinstance(default, bool):
        return not default
    if isinstance(default, int | float):
        return default + 1
    if isinstance(default, str):
        return default + "~1"
    if isinstance(default, tuple):
        return (*default, "other")
    return 1


def _digests(config: Config) -> dict[str, str]:
    return {group: getattr(config, group).digest() for group in GROUPS}


@pytest.mark.parametrize("name", sorted(SETTINGS))
def test_a_setting_changes_the_digest_of_its_own_group_only(name: str) -> None:
    default = Config()
    group = next(group for group, names in GROUPS.items() if name in names)
    changed = Config.of(**{name: _other(getattr(getattr(default, group), name))})
    before, after = _digests(default), _digests(changed)
    assert [g for g in GROUPS if before[g] != after[g]] == [group]


def test_the_groups_hold_every_setting_once() -> None:
    assert {group: len(names) for group, names in GROUPS.items()} == {
        "sources": 5,
        "counting": 23,
        "surface": 5,
        "history": 17,
        "gates": 11,
        "output": 5,
    }
    assert sum(len(names) for names in GROUPS.values()) == len(SETTINGS) == 66


@pytest.fixture
def built(monkeypatch) -> list[str]:
    """Record each silos report built (not served from the cache) and each mining pass."""
    calls: list[str] = []
    build, mine = silos_pipeline.build_report, log.mine

    def build_spy(*args, **kwargs):
        calls.append("build")
        return build(*args, **kwargs)

    def mine_spy(*args, **kwargs):
        calls.append("mine")
        return mine(*args, **kwargs)

    monkeypatch.setattr(silos_pipeline, "build_report", build_spy)
    monkeypatch.setattr(log, "mine", mine_spy)
    return calls


def _org(path: Path) -> None:
    """Two modules, each known by one person: ``pkg`` (1 of 3 symbols documented) by
    Alice, ``shared`` (undocumented) by Bob."""
    repo = make_repo(path)
    repo.commit_as(
        ALICE,
        "2024-03-01",
        {"pkg/__init__.py": '"""Package."""\n', "pkg/a.py": "def f():\n    pass\n"},
    )
    repo.commit_as(BOB, "2024-03-02", {"shared/b.py": "b = 1\n"})


def test_fail_under_does_not_rebuild_the_silos_report(tmp_path: Path, run_cli, built) -> None:
    _org(tmp_path)
    first = run_cli("check", str(tmp_path), "--max-silos", "5", "--fail-under", "20")
    assert (first.code, built) == (0, ["mine", "build"])
    second = run_cli("check", str(tmp_path), "--max-silos", "5", "--fail-under", "40")
    assert second.code == 1
    assert "coverage 25.0% is under --fail-under 40%" in second.out
    assert built == ["mine", "build"]


def test_history_settings_and_excludes_rebuild_it(tmp_path: Path, built) -> None:
    _org(tmp_path)
    plain = api.silos(tmp_path, Config())
    assert [m.module for m in plain.modules] == ["pkg", "shared"]
    assert api.silos(tmp_path, Config.of(fail_under=90.0, ignore_magic=True)) == plain
    assert built == ["mine", "build"]
    without = api.silos(tmp_path, Config.of(exclude=("shared/**",)))
    assert [m.module for m in without.modules] == ["pkg"]
    everyone = api.silos(tmp_path, Config.of(inactive_after=0))
    assert [m.bus_factor for m in everyone.modules] == [1, 1]
    assert built == ["mine", "build", "build", "build"]


def test_every_flag_of_a_setting_is_offered(run_cli) -> None:
    helps = "".join(
        run_cli(command, "--help").out
        for command in ("coverage", "config", "audit", "silos", "check", "baseline")
    )
    offered = set(re.split(r"[\s,/]+", helps))
    flags = [
        flag.partition("/")[0]
        for declared in SETTINGS.values()
        for flag in declared.flags
        if flag.startswith("--")
    ]
    assert len(flags) == 53  # 2 sources, 20 counting, 17 history, 11 gates, 3 output
    assert [flag for flag in flags if flag not in offered] == []

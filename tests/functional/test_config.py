"""Settings from pyproject.toml, docaudit.toml and [tool.interrogate], under CLI flags."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import make_repo

SOURCE = '"""Module."""\n\n\ndef _helper():\n    pass\n\n\ndef public():\n    pass\n'


def test_pyproject_settings_kebab_and_snake_case(tmp_path: Path, run_cli) -> None:
    make_repo(
        tmp_path,
        {
            "pyproject.toml": "[tool.docaudit]\nignore-semiprivate = true\nfail_under = 90\n",
            "mod.py": SOURCE,
        },
    )
    result = run_cli("coverage", "-q", "--no-cache", cwd=tmp_path)
    assert result.out == "TOTAL 2 1 50.0%\n"
    assert result.code == 1
    assert "coverage 50.0% is under --fail-under 90%" in result.err


def test_cli_flags_override_the_file(tmp_path: Path, run_cli) -> None:
    make_repo(
        tmp_path,
        {"pyproject.toml": "[tool.docaudit]\nfail-under = 90\n", "mod.py": SOURCE},
    )
    result = run_cli("coverage", "-q", "--no-cache", "-f", "30", "-s", cwd=tmp_path)
    assert (result.code, result.out) == (0, "TOTAL 2 1 50.0%\n")


def test_unknown_key_and_bad_value_exit_2_naming_key_and_file(tmp_path: Path, run_cli) -> None:
    make_repo(tmp_path, {"pyproject.toml": "[tool.docaudit]\nignore-all = true\n", "m.py": SOURCE})
    result = run_cli("coverage", "--no-cache", cwd=tmp_path)
    assert result.code == 2
    assert result.out == ""
    pyproject = tmp_path / "pyproject.toml"
    assert (
        result.err
        == f"docaudit: error: {pyproject}: unknown key 'ignore-all' in [tool.docaudit]\n"
    )
    pyproject.write_text('[tool.docaudit]\nignore-magic = "yes"\n', encoding="utf-8")
    result = run_cli("coverage", "--no-cache", cwd=tmp_path)
    assert result.code == 2
    assert "'ignore-magic' must be true or false, not 'yes'" in result.err
    pyproject.write_text("[tool.docaudit]\nfail-under = 120\n", encoding="utf-8")
    assert run_cli("coverage", "--no-cache", cwd=tmp_path).code == 2
    pyproject.write_text('[tool.docaudit]\nignore-regex = ["("]\n', encoding="utf-8")
    assert "bad regular expression" in run_cli("coverage", "--no-cache", cwd=tmp_path).err


def test_invalid_toml_exits_2(tmp_path: Path, run_cli) -> None:
    make_repo(tmp_path, {"pyproject.toml": "[tool.docaudit\n", "m.py": SOURCE})
    result = run_cli("coverage", "--no-cache", cwd=tmp_path)
    assert result.code == 2
    assert "not valid TOML" in result.err


def test_interrogate_settings_are_used_with_a_notice(tmp_path: Path, run_cli) -> None:
    make_repo(
        tmp_path,
        {
            "pyproject.toml": (
                "[tool.interrogate]\nignore-semiprivate = true\nverbose = 1\n"
                'exclude = ["legacy"]\n'
            ),
            "mod.py": SOURCE,
            "legacy/old.py": "def old():\n    pass\n",
        },
    )
    result = run_cli("coverage", "-q", "--no-cache", cwd=tmp_path)
    assert result.out == "TOTAL 2 1 50.0%\n"
    pyproject = tmp_path / "pyproject.toml"
    assert result.err == (
        f"docaudit: using [tool.interrogate] from {pyproject} (no [tool.docaudit] found); "
        "not used: verbose\n"
    )


def test_nearest_config_from_the_audited_path_up(tmp_path: Path, run_cli) -> None:
    make_repo(
        tmp_path,
        {
            "pyproject.toml": "[tool.docaudit]\nignore-module = true\n",
            "sub/pyproject.toml": "[tool.docaudit]\nignore-semiprivate = true\n",
            "sub/mod.py": SOURCE,
        },
    )
    assert run_cli("coverage", "sub", "-q", "--no-cache", cwd=tmp_path).out == "TOTAL 2 1 50.0%\n"
    assert run_cli("coverage", ".", "-q", "--no-cache", cwd=tmp_path).out == "TOTAL 2 2 0.0%\n"


def test_docaudit_toml_and_explicit_config(tmp_path: Path, run_cli) -> None:
    make_repo(tmp_path, {"docaudit.toml": "ignore-module = true\n", "mod.py": SOURCE})
    assert run_cli("coverage", "-q", "--no-cache", cwd=tmp_path).out == "TOTAL 2 2 0.0%\n"
    other = tmp_path / "other.toml"
    other.write_text("[tool.docaudit]\nignore-semiprivate = true\n", encoding="utf-8")
    result = run_cli("coverage", "-q", "--no-cache", "--config", str(other), cwd=tmp_path)
    assert result.out == "TOTAL 2 1 50.0%\n"


def test_explicit_file_with_top_level_keys(tmp_path: Path, run_cli) -> None:
    make_repo(tmp_path, {"mod.py": SOURCE})
    (tmp_path / "strict.toml").write_text("fail-under = 90\n", encoding="utf-8")
    result = run_cli("coverage", "-q", "--no-cache", "-c", "strict.toml", cwd=tmp_path)
    assert result.code == 1
    (tmp_path / "typo.toml").write_text("fail-undr = 90\n", encoding="utf-8")
    typo = run_cli("coverage", "-q", "--no-cache", "-c", "typo.toml", cwd=tmp_path)
    assert typo.code == 2
    assert "unknown key 'fail-undr'" in typo.err


def test_undecodable_config_and_non_finite_numbers(tmp_path: Path, run_cli) -> None:
    make_repo(tmp_path, {"mod.py": SOURCE})
    (tmp_path / "pyproject.toml").write_bytes(b"[tool.docaudit]\n# caf\xe9\n")
    result = run_cli("coverage", "--no-cache", cwd=tmp_path)
    assert result.code == 2
    assert "not valid TOML" in result.err
    assert "internal error" not in result.err
    (tmp_path / "pyproject.toml").write_text(
        "[tool.docaudit]\nknowledge-half-life = nan\n", encoding="utf-8"
    )
    assert run_cli("coverage", "--no-cache", cwd=tmp_path).code == 2


STUBS = (
    '"""Module."""\n\nfrom typing import overload\n\n\n'
    "@overload\ndef parse(value: int) -> int: ...\n\n\n"
    'def parse(value):\n    """Return the value."""\n    return value\n'
)


def test_count_overloads_in_the_file_and_its_bad_value(tmp_path: Path, run_cli) -> None:
    make_repo(tmp_path, {"pyproject.toml": "[tool.docaudit]\ncount_overloads = true\n"})
    (tmp_path / "mod.py").write_text(STUBS, encoding="utf-8")
    # module + the stub + parse: 3 symbols, the stub undocumented.
    assert run_cli("coverage", "-q", "--no-cache", cwd=tmp_path).out == "TOTAL 3 1 66.7%\n"
    (tmp_path / "pyproject.toml").write_text(
        '[tool.docaudit]\ncount-overloads = "yes"\n', encoding="utf-8"
    )
    result = run_cli("coverage", "--no-cache", cwd=tmp_path)
    assert result.code == 2
    assert "'count-overloads' must be true or false, not 'yes'" in result.err


def test_interrogate_settings_imply_count_overloads(tmp_path: Path, run_cli) -> None:
    make_repo(tmp_path, {"pyproject.toml": "[tool.interrogate]\nignore-magic = true\n"})
    (tmp_path / "mod.py").write_text(STUBS, encoding="utf-8")
    # interrogate's numbers: module + the stub + parse, 1 missing.
    assert run_cli("coverage", "-q", "--no-cache", cwd=tmp_path).out == "TOTAL 3 1 66.7%\n"
    (tmp_path / "pyproject.toml").write_text(
        "[tool.interrogate]\ncount-overloads = false\n", encoding="utf-8"
    )
    assert run_cli("coverage", "-q", "--no-cache", cwd=tmp_path).out == "TOTAL 2 0 100.0%\n"
    (tmp_path / "pyproject.toml").write_text("[tool.docaudit]\n", encoding="utf-8")
    # docaudit's own default: the stub goes with its documented parse: 2 symbols.
    assert run_cli("coverage", "-q", "--no-cache", cwd=tmp_path).out == "TOTAL 2 0 100.0%\n"

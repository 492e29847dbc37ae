"""Discovery in real git repositories and in plain folders."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from docaudit.cache.store import blob_id
from docaudit.discover.files import discover
from docaudit.errors import DiscoveryError, GitError
from docaudit.git import commands
from tests.helpers import make_repo

DOC = '"""Doc."""\n'


def test_git_lists_tracked_and_untracked_with_blob_ids_of_unmodified(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path,
        {
            "pkg/__init__.py": DOC,
            "pkg/clean.py": DOC,
            "pkg/edited.py": DOC,
            "pkg/gone.py": DOC,
            "ignored_dir/.keep": "",
            ".gitignore": "ignored_dir/\n*.gen.py\n",
        },
    )
    repo.write("pkg/edited.py", DOC + "x = 1\n")
    (repo.path / "pkg/gone.py").unlink()
    repo.write("pkg/new.py", DOC)
    repo.write("pkg/skip.gen.py", DOC)
    repo.write("ignored_dir/hidden.py", DOC)
    found = discover([tmp_path])
    assert found.in_git
    assert found.root == tmp_path
    assert [(f.path, f.blob_id) for f in found.files] == [
        ("pkg/__init__.py", blob_id(DOC.encode())),
        ("pkg/clean.py", blob_id(DOC.encode())),
        ("pkg/edited.py", None),
        ("pkg/new.py", None),
    ]


def test_blob_id_matches_git(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"a.py": "print('hi')\n"})
    assert blob_id(b"print('hi')\n") == repo.git("rev-parse", "HEAD:a.py").strip()


def test_default_excludes_and_patterns(tmp_path: Path) -> None:
    make_repo(
        tmp_path,
        {
            "app/main.py": DOC,
            "build/lib/app/main.py": DOC,
            "dist/app.py": DOC,
            "app/build/__init__.py": DOC,
            "env/pyvenv.cfg": "home = /usr\n",
            "env/lib/mod.py": DOC,
            "node_modules/x/y.py": DOC,
            ".tox/py311/z.py": DOC,
            "docs/conf.py": DOC,
            "tests/test_app.py": DOC,
        },
    )
    paths = [f.path for f in discover([tmp_path]).files]
    assert paths == ["app/build/__init__.py", "app/main.py", "docs/conf.py", "tests/test_app.py"]
    paths = [f.path for f in discover([tmp_path], exclude=["docs", "tests/"]).files]
    assert paths == ["app/build/__init__.py", "app/main.py"]


def test_named_files_still_honour_excludes(tmp_path: Path) -> None:
    make_repo(tmp_path, {"keep.py": DOC, "migrations/0001.py": DOC})
    named = [tmp_path / "keep.py", tmp_path / "migrations/0001.py"]
    assert [f.path for f in discover(named, exclude=["migrations/"]).files] == ["keep.py"]


def test_named_subfolder_gives_repo_relative_paths(tmp_path: Path) -> None:
    make_repo(tmp_path, {"a/b/c.py": DOC, "a/d.py": DOC, "e.py": DOC})
    assert [f.path for f in discover([tmp_path / "a" / "b"]).files] == ["a/b/c.py"]


def test_plain_folder_walk_honours_nested_gitignores(tmp_path: Path) -> None:
    files = {
        "top.py": DOC,
        ".gitignore": "generated/\n",
        "generated/out.py": DOC,
        "sub/.gitignore": "local_*.py\n!local_keep.py\n",
        "sub/local_tmp.py": DOC,
        "sub/local_keep.py": DOC,
        "sub/mod.py": DOC,
        ".venv/lib/x.py": DOC,
        "stub.pyi": DOC,
    }
    for relpath, content in files.items():
        (tmp_path / relpath).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relpath).write_text(content, encoding="utf-8")
    found = discover([tmp_path])
    assert not found.in_git
    assert [f.path for f in found.files] == ["sub/local_keep.py", "sub/mod.py", "top.py"]
    assert [f.path for f in discover([tmp_path / "stub.pyi"]).files] == ["stub.pyi"]


def test_git_ignored_folder_named_explicitly_is_walked(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {".gitignore": "vendor/\n", "main.py": DOC})
    repo.write("vendor/lib.py", DOC)
    assert [f.path for f in discover([tmp_path]).files] == ["main.py"]
    assert [f.path for f in discover([tmp_path / "vendor"]).files] == ["vendor/lib.py"]
    repo.write("app/a.py", DOC)
    repo.write("app/sub/b.py", DOC)
    for targets in (["app", "vendor"], ["vendor", "app/sub", "app"], ["app/sub", "app"]):
        found = discover([tmp_path / t for t in targets], with_resources=True)
        every = ["app/a.py", "app/sub/b.py", "vendor/lib.py"]
        assert [f.path for f in found.files] == [p for p in every if p.startswith(tuple(targets))]


def test_submodules_are_skipped(tmp_path: Path) -> None:
    inner = make_repo(tmp_path / "inner", {"lib.py": DOC})
    outer = make_repo(tmp_path / "outer", {"main.py": DOC})
    outer.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", str(inner.path), "sub")
    outer.commit("add submodule")
    assert [f.path for f in discover([outer.path]).files] == ["main.py"]


def test_folder_names_with_glob_characters(tmp_path: Path) -> None:
    make_repo(tmp_path, {"we[ir]d*?/a.py": DOC, "weird/b.py": DOC, "x.py": DOC})
    assert [f.path for f in discover([tmp_path / "we[ir]d*?"]).files] == ["we[ir]d*?/a.py"]
    assert [f.path for f in discover([tmp_path / "x.py"]).files] == ["x.py"]


def test_deeper_gitignore_reincludes_like_git(tmp_path: Path) -> None:
    files = {".gitignore": "*.gen.py\n", "sub/.gitignore": "!keep.gen.py\n"}
    files.update({"sub/keep.gen.py": DOC, "sub/drop.gen.py": DOC, "a.py": DOC})
    for relpath, content in files.items():
        (tmp_path / relpath).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relpath).write_text(content, encoding="utf-8")
    walked = [f.path for f in discover([tmp_path]).files]
    assert walked == ["a.py", "sub/keep.gen.py"]
    make_repo(tmp_path)
    assert [f.path for f in discover([tmp_path]).files] == walked


def test_assume_unchanged_files_are_not_trusted(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"m.py": DOC, "n.py": DOC})
    repo.git("update-index", "--assume-unchanged", "m.py")
    repo.git("update-index", "--skip-worktree", "n.py")
    repo.write("m.py", DOC + "x = 1\n")
    assert [(f.path, f.blob_id) for f in discover([tmp_path]).files] == [
        ("m.py", None),
        ("n.py", None),
    ]


def test_one_listing_of_the_index_tells_deleted_and_changed_entries(tmp_path: Path) -> None:
    # a deleted entry is an R line of `ls-files -v -m -d`, lower case when assume-unchanged
    names = ("clean", "edited", "gone", "kept_au", "gone_au", "edited_au", "staged_gone", "new")
    repo = make_repo(tmp_path, {f"{name}.py": DOC for name in names[:6]})
    repo.git("update-index", "--assume-unchanged", "kept_au.py", "gone_au.py", "edited_au.py")
    repo.write("edited.py", DOC + "x = 1\n")
    repo.write("edited_au.py", DOC + "x = 1\n")
    for name in ("gone", "gone_au"):
        (tmp_path / f"{name}.py").unlink()
    repo.write("staged_gone.py", DOC)
    repo.git("add", "staged_gone.py")
    (tmp_path / "staged_gone.py").unlink()
    repo.write("new.py", DOC)
    listed = discover([tmp_path])
    assert [(f.path, f.blob_id) for f in listed.files] == [
        ("clean.py", blob_id(DOC.encode())),
        ("edited.py", None),
        ("edited_au.py", None),  # assume-unchanged: never trusted
        ("kept_au.py", None),
        ("new.py", None),
    ]


def test_named_ignored_file_and_symlinks(tmp_path: Path) -> None:
    import os

    make_repo(tmp_path, {".gitignore": "scratch.py\n", "real.py": DOC})
    (tmp_path / "scratch.py").write_text(DOC, encoding="utf-8")
    assert [f.path for f in discover([tmp_path / "scratch.py"]).files] == ["scratch.py"]
    os.symlink("real.py", tmp_path / "alias.py")
    assert [f.path for f in discover([tmp_path / "alias.py"]).files] == ["alias.py"]
    os.symlink("gone.py", tmp_path / "broken.py")
    found = discover([tmp_path / "broken.py"])
    assert found.files == []
    assert [(e.path, e.message) for e in found.errors] == [
        ("broken.py", "broken symbolic link to gone.py")
    ]


def test_walk_and_git_list_the_same_deep_tree(tmp_path: Path) -> None:
    files = {f"a/b{depth}/" * depth + "m.py": DOC for depth in range(1, 7)}
    files.update({"a/z.py": DOC, "a/README.md": "# A\n", "a/b1/conf.yaml": "k: 1\n"})
    files.update({"a/.gitignore": "*.gen.py\n", "a/b1/x.gen.py": DOC, "a/.venv/v.py": DOC})
    for relpath, content in files.items():
        (tmp_path / relpath).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relpath).write_text(content, encoding="utf-8")
    walked = discover([tmp_path / "a"], with_resources=True)
    expected = sorted(p for p in files if p.endswith(".py") and "gen" not in p and "venv" not in p)
    assert walked.root == tmp_path / "a"  # a walk's paths are relative to the folder
    assert [f"a/{f.path}" for f in walked.files] == expected
    assert [f.path for f in walked.resources or []] == ["README.md", "b1/conf.yaml"]
    make_repo(tmp_path)
    listed = discover([tmp_path / "a"], with_resources=True)
    assert [f.path for f in listed.files] == expected
    assert [f.path for f in listed.resources or []] == ["a/README.md", "a/b1/conf.yaml"]


def test_git_listings_in_turn_stop_at_the_first_failure(tmp_path: Path) -> None:
    make_repo(tmp_path, {"m.py": DOC})
    outputs = commands.outputs_in_turn(tmp_path, ["ls-files", "-z"], ["no-such-command"])
    assert next(outputs) == b"m.py\0"
    with pytest.raises(GitError, match="git no-such-command failed"):
        next(outputs)


def test_one_git_call_tells_a_folder_outside_git_and_a_bare_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    run = commands.run

    def counted(directory, *args, **kwargs):
        calls.append(args)
        return run(directory, *args, **kwargs)

    monkeypatch.setattr(commands, "run", counted)
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "m.py").write_text(DOC, encoding="utf-8")
    found = discover([tmp_path / "plain"])
    assert (found.in_git, [f.path for f in found.files]) == (False, ["m.py"])
    assert calls == [("rev-parse", "--is-bare-repository", "--show-toplevel")]
    calls.clear()
    bare = tmp_path / "bare.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    for target in (bare, bare / "refs"):
        with pytest.raises(DiscoveryError, match="a bare repository"):
            discover([target])
    assert len(calls) == 2
    calls.clear()
    with pytest.raises(DiscoveryError, match="no such file"):
        discover([tmp_path / "plain" / "gone.py"])
    found = discover([tmp_path / "plain" / "m.py"])
    assert (found.in_git, [f.path for f in found.files]) == (False, ["m.py"])
    make_repo(tmp_path / "plain")  # a folder that is now a work tree is listed by git
    assert discover([tmp_path / "plain"]).in_git
    inside = discover([tmp_path / "plain" / ".git"])
    assert inside.in_git is False  # git's own folder is in no work tree, and not bare

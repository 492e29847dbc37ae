"""Fetch pinned source distributions from PyPI into a cache, for parity tests and benchmarks."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

CACHE = Path(os.environ.get("DOCAUDIT_TEST_CACHE", Path.home() / ".cache" / "docaudit-tests"))


def sdist(name: str, version: str) -> Path:
    """Return the folder of ``name==version``'s extracted sdist, downloading it once."""
    target = CACHE / f"{name}-{version}"
    if (target / ".complete").is_file():
        return target / _only_child(target)
    downloads = CACHE / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--no-binary",
            ":all:",
            f"{name}=={version}",
            "-d",
            str(downloads),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    archives = [
        p
        for p in downloads.iterdir()
        if p.name.lower().replace("_", "-").startswith(f"{name}-{version}".lower())
        and p.name.endswith(".tar.gz")
    ]
    if done.returncode != 0 or not archives:
        raise RuntimeError(f"cannot download the {name} {version} sdist: {done.stderr[-500:]}")
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archives[0]) as archive:
        archive.extractall(target, filter="data")
    (target / ".complete").write_text("ok\n", encoding="utf-8")
    return target / _only_child(target)


def _only_child(folder: Path) -> str:
    """Return the name of the one folder an sdist extracts to."""
    children = [p.name for p in folder.iterdir() if p.is_dir()]
    if len(children) != 1:
        raise RuntimeError(f"{folder}: expected one extracted folder, found {children}")
    return children[0]

"""Time docaudit's JavaScript/TypeScript coverage against eslint-plugin-jsdoc, in one run.

    python benchmarks/languages.py REPOSITORY [--runs N]

REPOSITORY is a real TypeScript repository of at least 500 source files, fetched by you
(never committed; e.g. excalidraw/excalidraw: 636 .ts/.tsx files). The script installs
this checkout (not editable) into a throwaway virtualenv, as a user has it, and the
anchor eslint with eslint-plugin-jsdoc (``npm ci --prefix tests/anchors/eslint``, the
versions the parity tests pin). Then it times, on the same files (those docaudit counts:
``node_modules/``, ``dist/``, ``build/``, ``*.min.js`` left out):
eslint with only ``jsdoc/require-jsdoc`` (docaudit's default contexts, the TypeScript
parser for ``.ts``/``.tsx``); docaudit cold (no cache); docaudit warm (from the cache).
Each figure is the best of N wall-clock runs, printed beside eslint's with their ratio
and the target, with both tools' count of undocumented symbols (docaudit's with no doc
comment at all: eslint takes an empty ``/** */`` as documentation).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _common import REPO, best_of, install, verdict  # noqa: E402

from docaudit.config.languages import JavaScriptOptions  # noqa: E402
from docaudit.discover.languages import source_language  # noqa: E402
from tests.functional.test_anchor_eslint import flat_config  # noqa: E402

COLD_TARGET, WARM_TARGET = 0.3, 0.1
ANCHOR = REPO / "tests" / "anchors" / "eslint"


def script_files(root: Path) -> list[str]:
    """Return the JavaScript and TypeScript files git tracks that docaudit counts."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True
    ).stdout.decode("utf-8", "surrogateescape")
    return sorted(
        path
        for path in listed.split("\0")
        if (found := source_language(path)) and found[0] in ("javascript", "typescript")
    )


def eslint_command(files: list[str], config: Path) -> list[str]:
    """Return the eslint command that checks ``files`` with ``config`` only."""
    binary = ANCHOR / "node_modules" / ".bin" / "eslint"
    options = ["--no-config-lookup", "-c", str(config), "--no-inline-config", "-f", "json"]
    return [str(binary), *options, "--no-warn-ignored", *files]


def undocumented_by_eslint(output: str) -> int:
    """Return the number of ``jsdoc/require-jsdoc`` messages in eslint's JSON output."""
    start = output.find("[")
    results = json.loads(output[start:])
    return sum(
        message.get("ruleId") == "jsdoc/require-jsdoc"
        for result in results
        for message in result["messages"]
    )


def main() -> None:
    """Install the tools and print the timings on the repository given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repository", type=Path, help="a TypeScript repository (git)")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (best is kept)")
    args = parser.parse_args()
    root = args.repository.resolve()
    bin_dir = install()
    subprocess.run(
        ["npm", "ci", "--prefix", str(ANCHOR), "--no-audit", "--no-fund", "--loglevel=error"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    files = script_files(root)
    print(f"{root.name}: {len(files)} JavaScript/TypeScript files; {args.runs} runs each")
    print(f"{os.cpu_count()} cores; docaudit installed in {bin_dir.parent}")
    cache = root / ".docaudit"
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "eslint.config.mjs"
        config.write_text(flat_config(JavaScriptOptions()), encoding="utf-8")
        eslint = eslint_command(files, config)
        baseline, _, output = best_of(args.runs, eslint, root)
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "coverage.json"
        docaudit = [str(bin_dir / "docaudit"), "coverage", ".", "--format", "json"]
        docaudit += ["-o", str(report)]
        cold, _, _ = best_of(args.runs, docaudit, root, before=lambda: shutil.rmtree(cache, True))
        warm, _, _ = best_of(args.runs + 2, docaudit, root)
        ours = sum(
            not symbol["documented"] and symbol["problems"] == ["missing"]
            for symbol in json.loads(report.read_text(encoding="utf-8"))["symbols"]
            if symbol.get("language") in ("javascript", "typescript")
        )
    print(f"  eslint + jsdoc/require-jsdoc {baseline:7.3f} s   (baseline)")
    for name, seconds, target in (
        ("cold", cold, COLD_TARGET),
        ("warm (cache)", warm, WARM_TARGET),
    ):
        ratio = seconds / baseline
        print(
            f"  docaudit {name:19} {seconds:7.3f} s   {ratio:5.2f}x eslint"
            f"   target <= {target}x   {verdict(ratio, target)}"
        )
    theirs = undocumented_by_eslint(output)
    print(f"  undocumented: eslint {theirs}, docaudit {ours}; same: {theirs == ours}")


if __name__ == "__main__":
    main()

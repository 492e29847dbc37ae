"""The baseline file: a stored coverage report that later runs are compared with.

Symbols are identified by fingerprint (path, kind and qualified name, with ``#2``,
``#3``… for repeats such as overloads), never by line, so unrelated edits do not
churn the file. It is written atomically: a temporary file in the same folder,
flushed to disk, then renamed over the old one, so an interrupted run never leaves
a half-written baseline, and never through a symbolic link. It is read through
``safeio``: a regular file inside its root (by default its own folder), at most
``MAX_BASELINE_BYTES``. A corrupt, truncated, too deep or newer-schema file is an
error, never a silent pass.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from docaudit.errors import BaselineError
from docaudit.model.checks import Snapshot, fingerprints
from docaudit.model.codec import SCHEMA
from docaudit.model.coverage import CoverageReport, Tally
from docaudit.model.ownership import SilosReport
from docaudit.safeio import read_file, write_file

MAX_BASELINE_BYTES = 64_000_000


def snapshot_of(report: CoverageReport, silos: SilosReport | None = None) -> Snapshot:
    """Return the comparable snapshot of a coverage report (and a silos report)."""
    symbols = {key: (s.public, s.documented) for key, s in fingerprints(report.symbols).items()}
    if silos is None:
        return Snapshot(report.summary, symbols)
    silo_modules = frozenset(m.module for m in silos.modules if m.silo)
    return Snapshot(report.summary, symbols, silo_modules, silos.repo.bus_factor)


def document(report: CoverageReport, silos: SilosReport | None = None) -> dict[str, Any]:
    """Return the baseline JSON document: the summary, per-file tallies and symbols, no lines."""
    summary = report.summary
    body: dict[str, Any] = {
        "schema": SCHEMA,
        "summary": summary.as_dict(),
        "files": [
            {"path": f.path, **f.tally.as_dict(documented=False, coverage=False)}
            for f in report.files
        ],
        "symbols": [
            {
                "fingerprint": key,
                "path": s.path,
                "kind": s.kind,
                "qualname": s.qualname,
                "public": s.public,
                "documented": s.documented,
            }
            for key, s in sorted(fingerprints(report.symbols).items())
        ],
    }
    if silos is not None:
        body["silos"] = {
            "bus_factor": silos.repo.bus_factor,
            "modules": sorted(m.module for m in silos.modules if m.silo),
        }
    return body


def write(path: Path, content: dict[str, Any], root: Path | None = None) -> None:
    """Write a baseline atomically (a temporary file, flushed, then renamed over ``path``),
    never through a symbolic link nor into a folder that links out of ``root``."""
    text = json.dumps(content, indent=2, sort_keys=False, allow_nan=False) + "\n"
    write_file(path, text.encode("utf-8"), root)


def read(path: Path, root: Path | None = None) -> Snapshot:
    """Read a baseline file, or raise ``BaselineError`` naming it and the cause.

    Only a regular file that resolves inside ``root`` (by default, the folder ``path``
    names) is read, so a committed link to a file elsewhere, a FIFO or a device is refused.
    """
    data = _load(path, root if root is not None else Path(path).absolute().parent)
    schema = data.get("schema") if isinstance(data, dict) else None
    if schema is None:
        raise BaselineError(f"{path}: not a docaudit baseline (no schema)")
    if schema != SCHEMA:
        raise BaselineError(
            f"{path}: baseline schema {repr(schema)[:40]} is not {SCHEMA!r}"
            " (written by another docaudit version; write it again with docaudit baseline)"
        )
    try:
        summary = Tally(int(data["summary"]["total"]), int(data["summary"]["missing"]))
        symbols = {
            str(s["fingerprint"]): (bool(s["public"]), bool(s["documented"]))
            for s in data["symbols"]
        }
        scope = [str(p) for p in data["scope"]] if "scope" in data else None
        commit = str(data["commit"]) if data.get("commit") else None
        silos = data.get("silos")
        if silos is None:
            return Snapshot(summary, symbols, scope=scope, commit=commit)
        modules = frozenset(str(m) for m in silos["modules"])
        return Snapshot(summary, symbols, modules, int(silos["bus_factor"]), scope, commit)
    except KeyError as error:
        raise BaselineError(f"{path}: malformed baseline: missing {error}") from None
    except (TypeError, ValueError, OverflowError) as error:
        raise BaselineError(f"{path}: malformed baseline: a bad value: {error}") from None
    except RecursionError:
        raise BaselineError(f"{path}: malformed baseline: nested too deep") from None


def _load(path: Path, root: Path) -> Any:
    """Return the JSON document of a baseline file, or raise ``BaselineError``."""
    try:
        text = read_file(path, MAX_BASELINE_BYTES, root).decode("utf-8")
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline file") from None
    except OSError as error:
        raise BaselineError(f"{path}: cannot read the baseline: {error.strerror}") from None
    except UnicodeDecodeError as error:
        raise BaselineError(f"{path}: cannot read the baseline: {error}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise BaselineError(f"{path}: corrupt or truncated baseline: {error}") from None
    except RecursionError:
        raise BaselineError(f"{path}: corrupt baseline: nested too deep") from None
    except ValueError:  # what is left: an integer too long to convert
        raise BaselineError(f"{path}: corrupt baseline: a number with too many digits") from None

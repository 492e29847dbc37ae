"""Run interrogate 1.7.0 as an oracle and put its answer in docaudit's terms."""

from __future__ import annotations

import os
from pathlib import Path

from interrogate import config as interrogate_config
from interrogate import coverage as interrogate_coverage

from tests.helpers import audit

# docaudit option -> interrogate's InterrogateConfig attribute (and value).
SHARED_OPTIONS = {
    "ignore_init_method": ("ignore_init_method", True),
    "ignore_init_module": ("ignore_init_module", True),
    "ignore_magic": ("ignore_magic", True),
    "ignore_module": ("ignore_module", True),
    "ignore_nested_functions": ("ignore_nested_functions", True),
    "ignore_nested_classes": ("ignore_nested_classes", True),
    "ignore_private": ("ignore_private", True),
    "ignore_semiprivate": ("ignore_semiprivate", True),
    "ignore_property_decorators": ("ignore_property_decorators", True),
    "ignore_setters": ("ignore_property_setters", True),
    "ignore_overloaded_functions": ("ignore_overloaded_functions", True),
    "class_or_init": ("docstring_style", "google"),
}

Answer = set[tuple[str, int, bool]]


def interrogate_answer(root: Path, option: str | None = None) -> Answer:
    """Return ``(path, line, covered)`` for every node interrogate counts under ``root``."""
    settings = {}
    if option is not None:
        name, value = SHARED_OPTIONS[option]
        settings[name] = value
    conf = interrogate_config.InterrogateConfig(**settings)
    results = interrogate_coverage.InterrogateCoverage(paths=[str(root)], conf=conf).get_coverage()
    answer: Answer = set()
    for file_result in results.file_results:
        relpath = os.path.relpath(file_result.filename, root).replace(os.sep, "/")
        for node in file_result.nodes:
            if node.node_type == "Module":
                if option == "ignore_module":
                    continue
                answer.add((relpath, 1, node.covered))
            else:
                answer.add((relpath, node.lineno, node.covered))
    return answer


def docaudit_answer(root: Path, option: str | None = None, count_overloads: bool = True) -> Answer:
    """Return ``(path, line, documented)`` for every code symbol docaudit counts under ``root``.

    interrogate counts code only and every ``@overload`` stub on its own docstring, so
    the comparison is ``--kinds code --count-overloads`` unless ``count_overloads`` is off.
    """
    settings = {option: True} if option else {}
    report = audit(root, kinds=["code"], count_overloads=count_overloads, **settings)
    prefix = os.path.relpath(root, report.root).replace(os.sep, "/")
    prefix = "" if prefix == "." else prefix + "/"
    return {(s.path.removeprefix(prefix), s.line, s.documented) for s in report.symbols}

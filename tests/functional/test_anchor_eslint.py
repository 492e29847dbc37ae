"""JavaScript and TypeScript parity: docaudit's undocumented symbols are the ones eslint
with eslint-plugin-jsdoc 65's ``jsdoc/require-jsdoc`` reports, path:line for path:line,
on the corpus under ``fixtures/languages/javascript/anchor`` (every context, where
blocks attach, overloads, decorators, exports ESM and CommonJS, accessors, empty
functions, TypeScript declarations), under each option set below.

eslint runs as ``eslint --no-config-lookup -c CONFIG --no-inline-config -f json FILES``
with a flat config written here that enables only the rule, with the options docaudit's
``[tool.docaudit.javascript]`` options name (espree for JavaScript, typescript-eslint's
parser for TypeScript). The one difference is by design: ``/** */`` with nothing in it
satisfies the rule but is an ``empty`` doc to docaudit, listed here by hand.

The anchor is installed with ``npm ci --prefix tests/anchors/eslint`` (versions pinned
in its package-lock.json); without it these tests fail, saying so.
"""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from docaudit.analysers.javascript import LANGUAGES
from docaudit.config.languages import JAVASCRIPT_CONTEXTS, TYPESCRIPT_CONTEXTS, JavaScriptOptions
from docaudit.config.settings import Config
from docaudit.model.symbols import EMPTY, Symbol
from tests.helpers import FIXTURES, REPO

CORPUS = FIXTURES / "languages" / "javascript" / "anchor"
ANCHOR = REPO / "tests" / "anchors" / "eslint"
MODULES = ANCHOR / "node_modules"
ESLINT = MODULES / ".bin" / "eslint"
SUFFIXES = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx")
TYPESCRIPT = (".ts", ".mts", ".cts", ".tsx")
EMPTY_DOCS = {("placeholders.js", 5)}
"""The ``/** */`` blocks of the corpus: documentation to the rule, ``empty`` to docaudit."""
EVERYTHING = JAVASCRIPT_CONTEXTS + TYPESCRIPT_CONTEXTS
OPTION_SETS = {
    "defaults": JavaScriptOptions(),
    "public-only": JavaScriptOptions(public_only=True),
    "exempt-empty-functions": JavaScriptOptions(exempt_empty_functions=True),
    "empty-constructors-counted": JavaScriptOptions(exempt_empty_constructors=False),
    "no-constructors": JavaScriptOptions(check_constructors=False),
    "no-accessors": JavaScriptOptions(check_getters=False, check_setters=False),
    "function-declarations": JavaScriptOptions(require=("FunctionDeclaration",)),
    "typescript-contexts": JavaScriptOptions(require=EVERYTHING),
    "typescript-contexts-public": JavaScriptOptions(require=EVERYTHING, public_only=True),
}

pytestmark = pytest.mark.slow


def _eslint() -> Path:
    """Return the anchor's eslint, failing the test when it is not installed."""
    if not ESLINT.exists():
        pytest.fail(
            "eslint is not installed for the JavaScript anchor:"
            " run `npm ci --prefix tests/anchors/eslint`"
        )
    return ESLINT


def corpus_files() -> list[str]:
    """Return the corpus's source files, relative to it."""
    return sorted(p.name for p in CORPUS.iterdir() if p.name.endswith(SUFFIXES))


def rule_options(options: JavaScriptOptions) -> dict[str, object]:
    """Return ``require-jsdoc``'s options for docaudit's ``options``: the five
    ``require`` keys, the TypeScript declarations as ``contexts``, and the others under
    their own names."""
    return {
        "require": {context: context in options.require for context in JAVASCRIPT_CONTEXTS},
        "contexts": [c for c in options.require if c in TYPESCRIPT_CONTEXTS],
        "publicOnly": options.public_only,
        "exemptEmptyConstructors": options.exempt_empty_constructors,
        "exemptEmptyFunctions": options.exempt_empty_functions,
        "checkConstructors": options.check_constructors,
        "checkGetters": options.check_getters,
        "checkSetters": options.check_setters,
    }


def flat_config(options: JavaScriptOptions) -> str:
    """Return an eslint flat config enabling only ``jsdoc/require-jsdoc`` (plugins
    imported from the anchor's folder by file URL: the config is written elsewhere)."""
    plugin = (MODULES / "eslint-plugin-jsdoc" / "src" / "index.js").as_uri()
    parser = (MODULES / "@typescript-eslint" / "parser" / "dist" / "index.js").as_uri()
    rules = json.dumps({"jsdoc/require-jsdoc": ["error", rule_options(options)]})
    javascript = json.dumps([f"**/*{s}" for s in SUFFIXES if s not in TYPESCRIPT])
    typescript = json.dumps([f"**/*{s}" for s in TYPESCRIPT])
    return f"""import jsdoc from {json.dumps(plugin)};
import tsParser from {json.dumps(parser)};
const rules = {rules};
export default [
  {{files: {javascript}, plugins: {{jsdoc}}, rules,
    languageOptions: {{parserOptions: {{ecmaFeatures: {{jsx: true}}}}}}}},
  {{files: {typescript}, plugins: {{jsdoc}}, rules, languageOptions: {{parser: tsParser}}}},
];
"""


def eslint_reports(options: JavaScriptOptions, config_dir: Path) -> Counter[tuple[str, int]]:
    """Return the path:line of each ``jsdoc/require-jsdoc`` message eslint gives on the
    corpus, failing the test on any other message (a file eslint cannot parse)."""
    config = config_dir / "eslint.config.mjs"
    config.write_text(flat_config(options), encoding="utf-8")
    command = [str(_eslint()), "--no-config-lookup", "-c", str(config), "--no-inline-config"]
    done = subprocess.run(
        [*command, "-f", "json", *corpus_files()],
        cwd=CORPUS,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode in (0, 1), done.stderr
    found: Counter[tuple[str, int]] = Counter()
    for result in json.loads(done.stdout):
        path = Path(result["filePath"]).name
        for message in result["messages"]:
            assert message.get("ruleId") == "jsdoc/require-jsdoc", (path, message)
            found[(path, message["line"])] += 1
    return found


def docaudit_symbols(options: JavaScriptOptions) -> list[Symbol]:
    """Return docaudit's symbols on the corpus under ``options``."""
    counting = replace(Config.of().counting, javascript=options)
    found: list[Symbol] = []
    for rel in corpus_files():
        name = "typescript" if rel.endswith(TYPESCRIPT) else "javascript"
        parsed = LANGUAGES[name].parse((CORPUS / rel).read_bytes(), rel)
        assert parsed.error is None, (rel, parsed.error)
        found += LANGUAGES[name].count(rel, parsed, counting)
    return found


@pytest.mark.parametrize("name", sorted(OPTION_SETS))
def test_same_undocumented_lines_as_eslint(name: str, tmp_path: Path) -> None:
    """Under each option set, docaudit's undocumented symbols are eslint's messages,
    line for line, plus the empty blocks it counts."""
    options = OPTION_SETS[name]
    reported = eslint_reports(options, tmp_path)
    found = docaudit_symbols(options)
    empty = {(s.path, s.line) for s in found if s.problems == [EMPTY]}
    assert empty <= EMPTY_DOCS
    undocumented = Counter((s.path, s.line) for s in found if not s.documented)
    assert undocumented == reported + Counter(empty)
    assert sum(reported.values()) > 0


def test_corpus_totals_by_hand(tmp_path: Path) -> None:
    """The corpus's figures at the defaults, counted once by hand and pinned: eslint's
    198 messages are docaudit's 199 undocumented less the one empty block, of 257."""
    reported = eslint_reports(JavaScriptOptions(), tmp_path)
    found = docaudit_symbols(JavaScriptOptions())
    assert (sum(reported.values()), len(found), sum(not s.documented for s in found)) == (
        198,
        257,
        199,
    )


def test_anchor_versions() -> None:
    """The installed anchor is the pinned one: eslint 9, eslint-plugin-jsdoc 65."""
    _eslint()
    lock = json.loads((ANCHOR / "package-lock.json").read_text(encoding="utf-8"))
    for package, major in (("eslint", "9."), ("eslint-plugin-jsdoc", "65.")):
        installed = json.loads((MODULES / package / "package.json").read_text(encoding="utf-8"))
        assert installed["version"].startswith(major)
        assert installed["version"] == lock["packages"][f"node_modules/{package}"]["version"]

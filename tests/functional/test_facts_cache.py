"""Per-file facts in the SQLite cache: keyed by the shape of every registered fact type,
and real fixture facts stored and read back through the codec unchanged."""

from __future__ import annotations

from pathlib import Path

from docaudit.analysers.apis.endpoints.facts import EndpointFacts
from docaudit.analysers.collectors import load_collectors
from docaudit.analysers.python.names import module_name_for
from docaudit.analysers.python.parse import analyse_python
from docaudit.cache import store
from docaudit.cache.store import Cache, encode_facts
from docaudit.model.codec import shape_digest
from docaudit.model.symbols import FileFacts, ParsedModule, Symbol
from tests.helpers import FIXTURES


def test_the_cache_keys_facts_by_the_digest_of_every_fact_type() -> None:
    collectors = load_collectors()
    assert [collector.name for collector in collectors] == [
        "endpoints",
        "clis",
        "envvars",
        "exports",
        "routes",  # other languages' only: their parsers record them
        "commands",
    ]
    assert [c.name for c in collectors if c.collect is None] == ["routes", "commands"]
    digest = shape_digest([collector.facts for collector in collectors])
    assert store._facts_key("0123abcd") == f"0123abcd@{digest}"
    parses = shape_digest([ParsedModule, Symbol])
    assert f"/{store._FORMAT_REVISION}/{parses}/" in store._FORMAT


def test_facts_of_another_shape_are_not_read(tmp_path: Path, monkeypatch) -> None:
    facts = FileFacts((("Flask", "flask.Flask"),), (("endpoints", EndpointFacts()),))
    cache = Cache(tmp_path)
    cache.put_encoded_facts("k", encode_facts(facts))
    cache.save()
    assert Cache(tmp_path).facts(["k"]) == {"k": facts}
    monkeypatch.setattr(store, "_facts_shape", lambda: "another shape")
    assert Cache(tmp_path).facts(["k"]) == {}


def _fixture_facts() -> dict[str, FileFacts]:
    """Parse every Python file of the API, CLI, environment and counting fixtures; return
    the facts of those with any, by path."""
    found = {}
    for folder in ("apis", "clis", "envvars", "counting"):
        files = sorted((FIXTURES / folder).rglob("*.py"))
        packages = frozenset(p.parent.as_posix() for p in files if p.name == "__init__.py")
        for path in files:
            module, package = module_name_for(path.as_posix(), packages)
            parsed = analyse_python(path.read_bytes(), module, package)
            if parsed.facts:
                found[path.relative_to(FIXTURES).as_posix()] = FileFacts(
                    parsed.aliases, parsed.facts
                )
    return found


def test_real_facts_survive_the_codec_and_the_sqlite_cache(tmp_path: Path) -> None:
    facts = _fixture_facts()
    collectors = {name for file_facts in facts.values() for name, _ in file_facts.facts}
    assert collectors == {"endpoints", "clis", "envvars", "exports"}
    cache = Cache(tmp_path)
    for path, file_facts in facts.items():
        cache.put_encoded_facts(path, encode_facts(file_facts))
    cache.save()
    assert Cache(tmp_path).facts(facts) == facts

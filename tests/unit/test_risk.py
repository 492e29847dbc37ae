"""risk.rank on evidence written out by hand: scores, levels and their shares, order, reasons.

Default weights: 30 knowledge, 25 documentation, 20 dependents, 15 size, 10 orphan (100).
"""

from __future__ import annotations

from docaudit.model.audit import ToDocument
from docaudit.model.coverage import Tally
from docaudit.model.ownership import ModuleOwnership
from docaudit.risk import ModuleEvidence, rank


def owned(module: str, bus_factor: int, *key_people: str, orphan: bool = False) -> ModuleOwnership:
    """Return the ownership of a module with this effective bus factor and key people."""
    return ModuleOwnership(
        module=module,
        files=1,
        lines=1,
        bus_factor=bus_factor,
        silo=bus_factor == 1,
        orphan=orphan,
        key_people=list(key_people),
        owners=[],
        historical_bus_factor=max(bus_factor, 1),
        historical_key_people=["carol@example.com"] if orphan else list(key_people),
    )


def evidence(
    module: str,
    tally: Tally,
    dependents: int,
    lines: int,
    ownership: ModuleOwnership | None,
    **more: object,
) -> ModuleEvidence:
    """Return one module's evidence."""
    return ModuleEvidence(module, tally, dependents, lines, ownership, **more)


NEEDED = ToDocument("function", "api.serve", "api/__init__.py", 3)
# A silo, half documented, one dependent, 100 lines, with a symbol to document.
API = evidence("api", Tally(2, 1), 1, 100, owned("api", 1, "b@x.org"), to_document=(NEEDED,))


def test_levels_are_capped_by_their_shares() -> None:
    """Four modules: one critical allowed (ceil(0.1·4) = 1), two critical or high
    (ceil(0.3·4) = 2). Most dependents 2, most lines 100.

    core: a silo, 0% documented, 2 dependents, 100 lines: 30 + 25 + 20 + 15 = 90, critical.
    util: the same but 10 lines: 75 + 15·ln 11/ln 101 = 75 + 15·0.5196 = 82.8; it qualifies
      for critical, but core took the one place: high.
    api: a silo, 50% documented (not under 50: never critical), 1 dependent, 100 lines:
      30 + 12.5 + 20·ln 2/ln 3 + 15 = 42.5 + 20·0.6309 + 15 = 70.1, high by its score, but
      core and util took both places: medium, so its symbols to document are not listed.
    web: bus factor 2, documented, nothing depends on it, 100 lines: 30/2 + 15 = 30, low.
    """
    risks = rank(
        [
            evidence("web", Tally(2, 0), 0, 100, owned("web", 2, "a@x.org", "b@x.org")),
            API,
            evidence("util", Tally(4, 4), 2, 10, owned("util", 1, "a@x.org")),
            evidence("core", Tally(10, 10), 2, 100, owned("core", 1, "a@x.org")),
        ]
    )
    assert [(r.module, r.risk, r.score) for r in risks] == [
        ("core", "critical", 90.0),
        ("util", "high", 82.8),
        ("api", "medium", 70.1),
        ("web", "low", 30.0),
    ]
    assert [r.to_document for r in risks] == [[], [], [], []]
    assert risks[0].reason == (
        "only a@x.org knows `core`; 0% documented; 100 lines; 2 modules depend on it"
    )
    assert risks[2].reason == (
        "only b@x.org knows `api`; 50% documented; 100 lines; 1 module depends on it"
    )
    assert risks[3].reason == (
        "2 people must leave before `web` is lost; 100% documented; 100 lines;"
        " nothing depends on it"
    )


def test_high_lists_what_to_document() -> None:
    # Alone, api is the most dependents and lines there are: 30 + 12.5 + 20 + 15 = 77.5,
    # but 50% is not thin, so high, and high lists its symbols to document.
    [risk] = rank([API])
    assert (risk.risk, risk.score, risk.to_document) == ("high", 77.5, [NEEDED])


def test_without_history_only_documentation_dependents_and_size_count() -> None:
    # No ownership: K = O = 0. 4 of 5 documented: D = 0.2 (25·0.2 = 5); no dependents
    # anywhere: R = 0; the largest module: S = 1 (15). 5 + 15 = 20, low.
    [risk] = rank([evidence("pkg", Tally(5, 1), 0, 10, None)])
    assert (risk.risk, risk.score, risk.bus_factor, risk.coverage) == ("low", 20.0, None, 80.0)
    assert risk.reason == (
        "ownership of `pkg` is unknown (no git history); 80% documented; 10 lines;"
        " nothing depends on it"
    )


def test_an_orphan_and_a_module_with_no_code_read() -> None:
    # tools: an orphan (bus factor 0, K = 1), no code read (D = 0, coverage None), the only
    # module, 1 line: S = 1. 30 + 15 + 10 = 55, high (not critical: no dependents).
    [risk] = rank([evidence("tools", Tally(0, 0), 0, 1, owned("tools", 0, orphan=True))])
    assert (risk.risk, risk.score, risk.orphan, risk.coverage) == ("high", 55.0, True, None)
    assert risk.reason == (
        "nobody still active knows most of `tools` (historically carol@example.com);"
        " no code docaudit reads; 1 line; nothing depends on it"
    )


def test_ties_go_to_the_larger_then_to_the_name() -> None:
    # Undocumented, no history, no dependents: 25 + 15·S. b and c (100 lines) score 40,
    # a (ln 11/ln 101 · 15 + 25 = 32.8) less; b before c by name.
    risks = rank(
        [
            evidence("c", Tally(1, 1), 0, 100, None),
            evidence("a", Tally(1, 1), 0, 10, None),
            evidence("b", Tally(1, 1), 0, 100, None),
        ]
    )
    assert [(r.module, r.score) for r in risks] == [("b", 40.0), ("c", 40.0), ("a", 32.8)]


def test_weights_are_shares_of_their_sum() -> None:
    # Documentation alone (the other weights absent, so 0): the score is 100·D = 100·3/4.
    [risk] = rank([evidence("pkg", Tally(4, 3), 0, 10, None)], {"documentation": 2.0})
    assert risk.score == 75.0

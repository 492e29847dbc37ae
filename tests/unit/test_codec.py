"""The codec (docaudit.model.codec): dataclasses to JSON-ready data and back, and the
shape digest that changes with any field's name or type."""

from __future__ import annotations

import json
from dataclasses import FrozenInstanceError, dataclass

import pytest

from docaudit.analysers.apis.clis.facts import Call, CliFacts, Expr, Ref
from docaudit.analysers.apis.endpoints.facts import Instance, Items, Starred, Text
from docaudit.model.codec import TAG, decode, encode, shape_digest


def _point(second: str, kind: type = int) -> type:
    """Return a frozen dataclass ``Point(x: int, <second>: kind)``, made afresh."""
    namespace = {
        "__annotations__": {"x": int, second: kind},
        "__module__": __name__,
        "__qualname__": "Point",
    }
    return dataclass(frozen=True, slots=True)(type("Point", (), namespace))


def _holding(kind: type) -> type:
    """Return a frozen dataclass ``Holder(item: kind)``, made afresh."""
    namespace = {
        "__annotations__": {"item": kind},
        "__module__": __name__,
        "__qualname__": "Holder",
    }
    return dataclass(frozen=True, slots=True)(type("Holder", (), namespace))


@dataclass(frozen=True, slots=True)
class _Line:
    """A small record holding another: the digest follows nested dataclasses."""

    start: int
    label: str | None = None


@dataclass(frozen=True, slots=True)
class _Drawing:
    """Lines, a fixed pair and a mapping."""

    lines: tuple[_Line, ...]
    size: tuple[int, float]
    names: dict[str, _Line]


def test_renaming_a_field_changes_the_digest() -> None:
    assert shape_digest([_point("y")]) == shape_digest([_point("y")])
    assert shape_digest([_point("y")]) != shape_digest([_point("z")])
    assert shape_digest([_point("y")]) != shape_digest([_point("y", str)])


def test_the_digest_covers_nested_dataclasses() -> None:
    assert shape_digest([_holding(_point("y"))]) != shape_digest([_holding(_point("z"))])


def test_a_dataclass_is_a_mapping_of_its_fields() -> None:
    drawing = _Drawing((_Line(1), _Line(2, "b")), (3, 0.5), {"a": _Line(4)})
    data = encode(drawing)
    assert data == {
        "lines": [{"start": 1, "label": None}, {"start": 2, "label": "b"}],
        "size": [3, 0.5],
        "names": {"a": {"start": 4, "label": None}},
    }
    assert decode(_Drawing, json.loads(json.dumps(data))) == drawing


def test_members_of_a_union_are_told_apart_by_their_tags() -> None:
    value = Items((Text("/a"), Starred(Instance("m.Settings"))))
    assert encode(value) == {
        TAG: "list",
        "items": [
            {TAG: "str", "value": "/a"},
            {TAG: "star", "value": {TAG: "inst", "settings_class": "m.Settings"}},
        ],
    }
    assert decode(Items, encode(value)) == value


def test_a_recursive_value_of_literals_and_records_round_trips() -> None:
    # a click option: literals, a tuple of flags, a nested call, a name and an expression
    call = Call(
        "click.option",
        (("--name", "-n"), None, 2, 1.5, True),
        {"callback": Ref("m.check"), "type": Expr("BinOp"), "inner": Call(None, (), {}, True)},
        False,
    )
    facts = CliFacts(("click",), entries={"main": ("m.cli",)})
    assert decode(Call, json.loads(json.dumps(encode(call)))) == call
    assert decode(CliFacts, json.loads(json.dumps(encode(facts)))) == facts


def test_what_json_cannot_keep_is_refused() -> None:
    with pytest.raises(TypeError, match="mapping key must be a string"):
        encode({1: "one"})
    with pytest.raises(TypeError, match="cannot encode a set"):
        encode({"a"})

    @dataclass(frozen=True, slots=True)
    class Tagged:
        """A field named like the tag key."""

        tag: str

    with pytest.raises(TypeError, match="field named 'tag'"):
        encode(Tagged("x"))


def test_a_misspelt_field_fails_at_once() -> None:
    with pytest.raises(TypeError):
        Text(valu="x")  # type: ignore[call-arg]
    with pytest.raises(AttributeError):
        Text("x").valu  # type: ignore[attr-defined]  # noqa: B018
    with pytest.raises(FrozenInstanceError):
        Text("x").value = "y"  # type: ignore[misc]

"""The one mapping between frozen dataclasses and JSON-ready data, and the JSON schema version
every report, the baseline and the cache carry.

``encode`` turns a dataclass into a mapping of its fields (tuples and lists become lists,
dicts stay dicts with string keys); ``decode`` rebuilds it from the type hints of its fields:
plain values (``str``, ``int``, ``float``, ``bool``, ``None``), ``tuple[X, ...]`` and fixed
``tuple[X, Y]``, ``list[X]``, ``dict[str, X]``, nested dataclasses, optionals, unions mixing
plain values with one sequence type, and unions of dataclasses. A dataclass that shares a
union with others says so with a ``tag`` class variable, which ``encode`` writes under the
``TAG`` key; recursive aliases (``Value = ... | tuple["Value", ...]``) are resolved in the
module that defines the dataclass using them. ``shape_digest`` digests the fields and types
of every dataclass reachable from some types, so a stored encoding knows its own shape.

Decoding trusts its input's shape (it comes from the cache this code wrote, under that
digest): a missing field raises ``KeyError``, nothing else is checked.
"""

from __future__ import annotations

import dataclasses
import hashlib
import sys
import types
import typing
from collections.abc import Callable, Iterable
from typing import Any, ForwardRef, TypeVar

SCHEMA = "docaudit/1"

TAG = "tag"
"""The key under which ``encode`` writes a tagged dataclass's ``tag``."""

T = TypeVar("T")
_Decoder = Callable[[Any], Any]
_PLAIN = frozenset({str, int, float, bool, type(None)})
_ENCODED: dict[type, tuple[str | None, tuple[str, ...]]] = {}
_DECODERS: dict[tuple[object, str], _Decoder | None] = {}


def encode(value: Any) -> Any:
    """Return ``value`` as JSON-ready data: a dataclass as a mapping of its fields (with its
    ``tag`` under ``TAG`` when it has one), tuples and lists as lists, dicts as dicts."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is tuple or kind is list:
        return [item if type(item) in _PLAIN else encode(item) for item in value]
    if kind is dict:
        return {
            _key(key): item if type(item) in _PLAIN else encode(item)
            for key, item in value.items()
        }
    tag, names = _ENCODED.get(kind) or _encoding(kind)
    found = {TAG: tag} if tag is not None else {}
    for name in names:
        item = getattr(value, name)
        found[name] = item if type(item) in _PLAIN else encode(item)
    return found


def _key(key: object) -> str:
    """Return a mapping key that JSON keeps as it is; any other raises ``TypeError``."""
    if type(key) is not str:
        raise TypeError(f"a mapping key must be a string, not {key!r}")
    return key


def _encoding(kind: type) -> tuple[str | None, tuple[str, ...]]:
    """Return (and remember) a dataclass's tag and field names; ``TypeError`` for any other."""
    if not dataclasses.is_dataclass(kind):
        raise TypeError(f"cannot encode a {kind.__name__}")
    names = tuple(field.name for field in dataclasses.fields(kind))
    if TAG in names:
        raise TypeError(f"{kind.__name__} has a field named {TAG!r}, the codec's tag key")
    _ENCODED[kind] = found = (getattr(kind, "tag", None), names)
    return found


def decode(hint: type[T] | Any, data: Any) -> T:
    """Rebuild a value of type ``hint`` (a dataclass, or any hint ``encode`` supports)."""
    decoder = _decoder(hint, _namespace_of(hint))
    return data if decoder is None else decoder(data)


def _namespace_of(hint: object) -> str:
    """Return the module in which forward references of ``hint`` are resolved."""
    return getattr(hint, "__module__", "builtins")


def _decoder(hint: object, namespace: str) -> _Decoder | None:
    """Return the function rebuilding values of ``hint`` (``None``: they are as stored)."""
    key = (hint, namespace)
    if key in _DECODERS:
        return _DECODERS[key]
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _dataclass_decoder(hint, key)
    _DECODERS[key] = found = _compile(hint, namespace)
    return found


def _compile(hint: object, namespace: str) -> _Decoder | None:
    """Build the decoder of a hint that is not a dataclass."""
    if hint in _PLAIN or hint is Any or hint is object:
        return None
    if isinstance(hint, ForwardRef | str):
        return _forward(hint, namespace)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Union or origin is types.UnionType:
        return _union(args, namespace)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _decoder(args[0], namespace)
        return tuple if item is None else lambda data: tuple(map(item, data))
    if origin is tuple:
        decoders = [_decoder(arg, namespace) or _same for arg in args]
        return lambda data: tuple(d(v) for d, v in zip(decoders, data, strict=True))
    if origin is list:
        item = _decoder(args[0], namespace)
        return list if item is None else lambda data: list(map(item, data))
    if origin is dict:
        if args[0] is not str:
            raise TypeError(f"cannot decode {hint}: mapping keys must be strings")
        value = _decoder(args[1], namespace)
        return dict if value is None else lambda data: {k: value(v) for k, v in data.items()}
    raise TypeError(f"cannot decode {hint!r}")


def _same(data: Any) -> Any:
    """Return ``data``: the decoder of a plain value inside a fixed tuple."""
    return data


def _forward(hint: ForwardRef | str, namespace: str) -> _Decoder:
    """Return a decoder that resolves a forward reference when it first decodes a value
    (a recursive alias names itself before it exists)."""
    text = hint.__forward_arg__ if isinstance(hint, ForwardRef) else hint
    resolved: list[_Decoder] = []

    def decode_forward(data: Any) -> Any:
        """Decode through the resolved reference."""
        if not resolved:
            target = eval(text, vars(sys.modules[namespace]))  # noqa: S307 - our own hints
            resolved.append(_decoder(target, namespace) or _same)
        return resolved[0](data)

    return decode_forward


def _union(args: tuple[object, ...], namespace: str) -> _Decoder | None:
    """Return the decoder of a union: plain members as stored, at most one sequence and one
    mapping or dataclass member, or several dataclasses told apart by their tags."""
    classes = [arg for arg in args if isinstance(arg, type) and dataclasses.is_dataclass(arg)]
    sequences = [arg for arg in args if typing.get_origin(arg) in (tuple, list)]
    mappings = [arg for arg in args if typing.get_origin(arg) is dict]
    others = [arg for arg in args if arg not in classes + sequences + mappings]
    if (
        len(sequences) > 1
        or len(mappings) > 1
        or (mappings and classes)
        or any(arg not in _PLAIN for arg in others)
    ):
        raise TypeError(f"cannot decode the union of {args!r}")
    if not classes and not sequences and not mappings:
        return None
    by_tag = _tags(classes, namespace)
    shaped = classes + mappings
    single = _decoder(shaped[0], namespace) if len(shaped) == 1 else None
    sequence = _decoder(sequences[0], namespace) if sequences else None

    def decode_union(data: Any) -> Any:
        """Decode one member of the union, chosen by the stored value's shape and tag."""
        if type(data) is dict:
            decoder = single or by_tag[data[TAG]]
            return decoder(data)
        if type(data) is list and sequence is not None:
            return sequence(data)
        return data

    return decode_union


def _tags(classes: list[type], namespace: str) -> dict[str, _Decoder]:
    """Return the decoder of each tagged dataclass by its tag; several need distinct tags."""
    if len(classes) < 2:
        return {}
    by_tag: dict[str, _Decoder] = {}
    for kind in classes:
        tag = getattr(kind, "tag", None)
        if not isinstance(tag, str) or tag in by_tag:
            raise TypeError(f"{kind.__name__} needs a tag of its own in a union")
        by_tag[tag] = _decoder(kind, namespace) or _same
    return by_tag


def _dataclass_decoder(kind: type, key: tuple[object, str]) -> _Decoder:
    """Return the decoder of a dataclass; its fields are compiled once it is known, so a
    dataclass may contain itself."""
    fields: list[tuple[str, _Decoder | None]] = []

    def decode_dataclass(data: Any) -> Any:
        """Rebuild one instance from its fields, in order."""
        return kind(*[data[name] if d is None else d(data[name]) for name, d in fields])

    _DECODERS[key] = decode_dataclass
    hints = _hints(kind)
    fields += [
        (field.name, _decoder(hints[field.name], kind.__module__)) for field in _fields(kind)
    ]
    return decode_dataclass


def _fields(kind: type) -> tuple[dataclasses.Field[Any], ...]:
    """Return a dataclass's fields, all of which ``__init__`` must take."""
    found = dataclasses.fields(kind)
    if any(not field.init for field in found):
        raise TypeError(f"cannot decode {kind.__name__}: a field is not an __init__ argument")
    return found


def _hints(kind: type) -> dict[str, Any]:
    """Return a dataclass's field types, its recursive aliases left as forward references."""
    return typing.get_type_hints(kind, vars(sys.modules[kind.__module__]))


def shape_digest(kinds: Iterable[type]) -> str:
    """Return a digest of the names, tags, fields and field types of every dataclass
    reachable from ``kinds``: it changes whenever the shape of one of them does."""
    seen: dict[type, str] = {}
    pending = list(kinds)
    while pending:
        kind = pending.pop()
        if kind in seen:
            continue
        hints = _hints(kind)
        fields = [f"{field.name}: {_spell(hints[field.name])}" for field in _fields(kind)]
        tag = getattr(kind, "tag", None)
        seen[kind] = f"{kind.__module__}.{kind.__qualname__}[{tag}]({', '.join(fields)})"
        for field in _fields(kind):
            pending += _dataclasses_in(hints[field.name], kind.__module__)
    shapes = "\n".join(sorted(seen.values()))
    return hashlib.sha256(shapes.encode()).hexdigest()[:16]


def _spell(hint: object) -> str:
    """Spell a type hint the same way on every run and Python version."""
    if isinstance(hint, ForwardRef):
        return hint.__forward_arg__
    if isinstance(hint, str):
        return hint
    if isinstance(hint, type):
        return hint.__qualname__
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Union or origin is types.UnionType:
        return " | ".join(_spell(arg) for arg in args)
    if origin is not None:
        inner = ", ".join("..." if arg is Ellipsis else _spell(arg) for arg in args)
        return f"{_spell(origin)}[{inner}]"
    return repr(hint)


def _dataclasses_in(hint: object, namespace: str, seen: set[str] | None = None) -> list[type]:
    """Return the dataclasses a hint names, resolving forward references in ``namespace``
    (each once: a recursive alias names itself)."""
    seen = set() if seen is None else seen
    if isinstance(hint, ForwardRef | str):
        text = hint.__forward_arg__ if isinstance(hint, ForwardRef) else hint
        if text in seen:
            return []
        seen.add(text)
        hint = eval(text, vars(sys.modules[namespace]))  # noqa: S307 - our own hints
    if isinstance(hint, type):
        return [hint] if dataclasses.is_dataclass(hint) else []
    found = []
    for arg in typing.get_args(hint):
        if arg is not Ellipsis:
            found += _dataclasses_in(arg, namespace, seen)
    return found

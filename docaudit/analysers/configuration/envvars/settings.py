"""Pydantic settings classes of one file: the variables their fields read (prefix, aliases,
nested models, case sensitivity), as read facts for the per-file collector.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from inspect import cleandoc
from typing import Any

from docaudit.analysers.configuration.envvars.arguments import _Describer, _literal_string
from docaudit.analysers.configuration.envvars.facts import Arg, Built, Known, NotText, Read
from docaudit.analysers.configuration.envvars.readers import MAX_WRAPPER_DEPTH
from docaudit.analysers.python.names import dotted_name

_SETTINGS_BASES = frozenset(
    {
        "pydantic_settings.BaseSettings",
        "pydantic_settings.main.BaseSettings",
        "pydantic.BaseSettings",
        "pydantic.env_settings.BaseSettings",
        "pydantic.v1.BaseSettings",
        "pydantic.v1.env_settings.BaseSettings",
    }
)
_MODEL_BASES = frozenset(
    {"pydantic.BaseModel", "pydantic.main.BaseModel", "pydantic.v1.BaseModel"}
)
_FIELD_FUNCTIONS = frozenset(
    {"pydantic.Field", "pydantic.fields.Field", "pydantic.v1.Field", "pydantic.v1.fields.Field"}
)
_ALIAS_KEYWORDS = ("validation_alias", "alias", "env")


@dataclass(slots=True)
class _Field:
    """One annotated field of a pydantic model."""

    name: str
    line: int
    annotation: ast.expr
    aliases: list[Arg] | None
    default: str | None
    required: bool
    description: str | None


@dataclass(slots=True)
class _Model:
    """A module-level class of the file, with what pydantic settings need of it."""

    node: ast.ClassDef
    local_bases: list[str] = field(default_factory=list)
    external_bases: list[str] = field(default_factory=list)


class _Settings:
    """The pydantic models and settings classes of one file."""

    def __init__(
        self, tree: ast.Module, resolve: Callable[[str], str], describer: _Describer
    ) -> None:
        """Index the module-level classes of ``tree``."""
        self.resolve = resolve
        self.describer = describer
        classes = [node for node in tree.body if isinstance(node, ast.ClassDef)]
        names = {node.name for node in classes}
        self.models = {node.name: self._model(node, names) for node in classes}

    def _model(self, node: ast.ClassDef, names: set[str]) -> _Model:
        """Sort a class's bases into classes of this file and resolved external names."""
        model = _Model(node)
        for base in node.bases:
            dotted = dotted_name(base)
            if dotted in names:
                model.local_bases.append(dotted)
            elif dotted:
                model.external_bases.append(self.resolve(dotted))
        return model

    def lineage(self, name: str) -> list[str]:
        """Return ``name`` and its bases in this file, bases first (a cycle stops)."""
        order: list[str] = []

        def visit(current: str) -> None:
            """Put ``current`` and then its bases in ``order``, once each."""
            if current in order or current not in self.models:
                return
            order.insert(0, current)
            for base in reversed(self.models[current].local_bases):
                if base not in order:
                    visit(base)

        visit(name)
        return order

    def derives_from(self, name: str, roots: frozenset[str]) -> bool:
        """Return whether class ``name`` (or a base in this file) derives from ``roots``."""
        return any(
            root in roots
            for base in self.lineage(name)
            for root in self.models[base].external_bases
        )

    def config(self, name: str) -> dict[str, Any]:
        """Return the settings config of ``name``, its bases' first."""
        merged: dict[str, Any] = {}
        for base in self.lineage(name):
            merged.update(self._own_config(self.models[base].node))
        return merged

    def _own_config(self, node: ast.ClassDef) -> dict[str, Any]:
        """Return the config keys a class sets: class keywords, ``model_config``, ``Config``."""
        found = {keyword.arg: keyword.value for keyword in node.keywords if keyword.arg}
        for statement in node.body:
            if isinstance(statement, ast.ClassDef) and statement.name == "Config":
                found.update(_class_assignments(statement))
            else:
                value = _assigned_value(statement, "model_config")
                if value is not None:
                    found.update(_config_entries(value))
        return {key: _config_value(value) for key, value in found.items()}

    def fields(self, name: str) -> list[_Field]:
        """Return the fields of ``name`` including inherited ones, a subclass overriding."""
        by_name: dict[str, _Field] = {}
        for base in self.lineage(name):
            for found in self._own_fields(self.models[base].node):
                by_name[found.name] = found
        return list(by_name.values())

    def _own_fields(self, node: ast.ClassDef) -> Iterator[_Field]:
        """Yield the annotated fields a class body declares."""
        body = node.body
        for index, statement in enumerate(body):
            if not isinstance(statement, ast.AnnAssign) or not isinstance(
                statement.target, ast.Name
            ):
                continue
            name = statement.target.id
            if name.startswith("_") or name == "model_config" or self._is_classvar(statement):
                continue
            following = body[index + 1] if index + 1 < len(body) else None
            yield self._field(name, statement, _docstring(following))

    def _is_classvar(self, statement: ast.AnnAssign) -> bool:
        """Return whether a field is annotated ``ClassVar[...]`` (not a field)."""
        annotation = statement.annotation
        if isinstance(annotation, ast.Subscript):
            annotation = annotation.value
        return self.resolve(dotted_name(annotation)) in ("typing.ClassVar", "ClassVar")

    def _field(self, name: str, statement: ast.AnnAssign, docstring: str | None) -> _Field:
        """Read one field's aliases, default and description."""
        value = statement.value
        call = self._field_call(value)
        default_node = value
        if call is None:
            call = self._annotated_field(statement.annotation)
        keywords = {} if call is None else {k.arg: k.value for k in call.keywords}
        if call is not None and call is value:
            default_node = call.args[0] if call.args else keywords.get("default")
        elif default_node is None:
            default_node = keywords.get("default")
        has_factory = "default_factory" in keywords
        is_ellipsis = isinstance(default_node, ast.Constant) and default_node.value is Ellipsis
        default = None if default_node is None or is_ellipsis else ast.unparse(default_node)
        is_missing = default is None
        description = _literal_string(keywords.get("description")) or docstring
        aliases = self._aliases(keywords)
        return _Field(
            name,
            statement.lineno,
            statement.annotation,
            aliases,
            default,
            is_missing and not has_factory,
            description,
        )

    def _field_call(self, node: ast.expr | None) -> ast.Call | None:
        """Return ``node`` when it is a call of pydantic's ``Field``."""
        if isinstance(node, ast.Call) and self.resolve(dotted_name(node.func)) in _FIELD_FUNCTIONS:
            return node
        return None

    def _annotated_field(self, annotation: ast.expr) -> ast.Call | None:
        """Return the ``Field(...)`` inside ``Annotated[T, Field(...)]``, if any."""
        if not isinstance(annotation, ast.Subscript):
            return None
        if self.resolve(dotted_name(annotation.value)) not in ("typing.Annotated", "Annotated"):
            return None
        elements = annotation.slice.elts if isinstance(annotation.slice, ast.Tuple) else []
        return next(filter(None, map(self._field_call, elements[1:])), None)

    def _aliases(self, keywords: dict[str | None, ast.expr]) -> list[Arg] | None:
        """Return the described names an alias keyword gives a field, or None."""
        for keyword in _ALIAS_KEYWORDS:
            value = keywords.get(keyword)
            if value is not None:
                return list(self._alias_names(value))
        return None

    def _alias_names(self, value: ast.expr) -> Iterator[Arg]:
        """Yield the names of an alias: a string, ``AliasChoices``/``AliasPath``, a list."""
        if isinstance(value, ast.List | ast.Tuple | ast.Set):
            for element in value.elts:
                yield from self._alias_names(element)
        elif isinstance(value, ast.Call) and self.resolve(dotted_name(value.func)).endswith(
            "AliasChoices"
        ):
            for element in value.args:
                yield from self._alias_names(element)
        elif isinstance(value, ast.Call) and self.resolve(dotted_name(value.func)).endswith(
            "AliasPath"
        ):
            if value.args:
                yield self.describer.describe(value.args[0], frozenset())
        else:
            described = self.describer.describe(value, frozenset())
            yield Built("", described.text) if isinstance(described, NotText) else described

    def nested_model(self, annotation: ast.expr) -> str | None:
        """Return the model of this file a field's type names (``M``, ``M | None``, ...)."""
        for node in ast.walk(annotation):
            if (
                isinstance(node, ast.Name)
                and node.id in self.models
                and self.derives_from(node.id, _MODEL_BASES | _SETTINGS_BASES)
            ):
                return node.id
        return None


def _pydantic_reads(
    tree: ast.Module, resolve: Callable[[str], str], describer: _Describer
) -> list[Read]:
    """Return the variables the pydantic settings classes of a file read, as read facts."""
    settings = _Settings(tree, resolve, describer)
    reads = []
    for name in settings.models:
        if settings.derives_from(name, _SETTINGS_BASES):
            reads.extend(_settings_reads(settings, name))
    return reads


def _settings_reads(settings: _Settings, name: str) -> Iterator[Read]:
    """Yield the reads of one settings class: one per field (or alias, or nested field)."""
    config = settings.config(name)
    prefix = config.get("env_prefix", "")
    insensitive = config.get("case_sensitive", False) is not True
    delimiter = config.get("env_nested_delimiter")
    for found in settings.fields(name):
        for text, dynamic, leaf, required in _field_names(settings, found, prefix, delimiter, 0):
            yield Read(
                text.upper() if insensitive else text,
                leaf.line,
                "pydantic",
                leaf.default,
                required,
                leaf.description,
                insensitive,
                dynamic,
            )


def _field_names(
    settings: _Settings, found: _Field, prefix: Any, delimiter: Any, depth: int
) -> Iterator[tuple[str, bool, _Field, bool]]:
    """Yield ``(name, dynamic, field, required)`` for a field and a nested model's fields."""
    if not isinstance(prefix, str):
        yield "*", True, found, found.required
        return
    if found.aliases is not None:
        alias_prefix = prefix if depth else ""  # a nested field's alias follows the delimiter
        for alias in found.aliases:
            if isinstance(alias, Known):
                yield alias_prefix + alias.value, False, found, found.required
            else:
                known = alias.prefix if isinstance(alias, Built) else ""
                yield f"{alias_prefix}{known}*", True, found, True
        return
    nested = settings.nested_model(found.annotation) if isinstance(delimiter, str) else None
    if nested is None or depth >= MAX_WRAPPER_DEPTH:
        yield prefix + found.name, False, found, found.required
        return
    inner_prefix = f"{prefix}{found.name}{delimiter}"
    for inner in settings.fields(nested):
        inner = _Field(
            inner.name,
            inner.line,
            inner.annotation,
            inner.aliases,
            inner.default,
            inner.required and found.required,
            inner.description,
        )
        yield from _field_names(settings, inner, inner_prefix, delimiter, depth + 1)


def _assigned_value(statement: ast.stmt, name: str) -> ast.expr | None:
    """Return the value ``statement`` assigns to the single name ``name``, else None."""
    if isinstance(statement, ast.Assign):
        targets = statement.targets
    elif isinstance(statement, ast.AnnAssign):
        targets = [statement.target]
    else:
        return None
    if len(targets) == 1 and isinstance(targets[0], ast.Name) and targets[0].id == name:
        return statement.value
    return None


def _class_assignments(node: ast.ClassDef) -> dict[str, ast.expr]:
    """Return the ``name = value`` assignments of a class body (pydantic v1 ``Config``)."""
    found = {}
    for statement in node.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ast.Name):
                found[target.id] = statement.value
    return found


def _config_entries(value: ast.expr) -> dict[str, ast.expr]:
    """Return the entries of ``SettingsConfigDict(k=v)``, ``ConfigDict(...)`` or ``{"k": v}``."""
    if isinstance(value, ast.Call):
        return {keyword.arg: keyword.value for keyword in value.keywords if keyword.arg}
    if isinstance(value, ast.Dict):
        return {
            key.value: item
            for key, item in zip(value.keys, value.values, strict=True)
            if isinstance(key, ast.Constant) and isinstance(key.value, str)
        }
    return {}


class _Unknown:
    """A config value that is not a literal."""


def _config_value(node: ast.expr) -> Any:
    """Return a literal config value, or an ``_Unknown`` instance."""
    if isinstance(node, ast.Constant):
        return node.value
    return _Unknown()


def _docstring(statement: ast.stmt | None) -> str | None:
    """Return the attribute docstring ``statement`` is, if it is one."""
    if isinstance(statement, ast.Expr):
        text = _literal_string(statement.value)
        if text is not None:
            return cleandoc(text) or None
    return None

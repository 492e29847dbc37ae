"""The counting rules: which definitions count, and which of them are documented.

By default everything interrogate 1.7 counts is counted: every module, class,
function and method, nested ones included, never lambdas. Each ``ignore-*``
option drops what interrogate's option of the same name drops, except where
interrogate is wrong (see ``docs/coverage.md``): an ignored definition takes its
whole subtree with it, as in interrogate and ruff.

One rule departs from interrogate on purpose: an ``@overload`` stub is documented by
its implementation (PEP 484), so a stub whose implementation (the next definition of
the same name in the same scope that is not a stub) is counted and documented is not
counted at all, unless ``count-overloads`` asks for interrogate's counting.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from docaudit.config.settings import Config
from docaudit.errors import ConfigError
from docaudit.model.symbols import Definition, ParsedModule, Symbol, judged

OVERLOAD = frozenset({"typing.overload", "typing_extensions.overload", "overload"})
OVERRIDE = frozenset(
    {
        "typing.override",
        "typing_extensions.override",
        "overrides.override",
        "overrides.overrides",
        "overrides.overrides.overrides",
        "override",
        "overrides",
    }
)
PROPERTY = frozenset(
    {
        "property",
        "builtins.property",
        "cached_property",
        "abc.abstractproperty",
    }
)

InheritedDoc = Callable[[str, str], str | None]
StubLinks = list[tuple[Symbol, list[Symbol]]]
"""Each counted implementation of ``@overload`` stubs, with the symbols of its stubs."""

MATCH_SECONDS = 2.0
"""Time one ``ignore-regex`` or ``ignore-decorators`` pattern may spend matching, in all,
in one counter (a process counts a batch of files with its own copy): a pattern that
backtracks catastrophically (``^(a|a)+b$``) on a long name stops the run, named."""


class TimedPattern:
    """A user's regular expression, matched under a total time budget."""

    def __init__(self, pattern: str, setting: str) -> None:
        """Compile ``pattern`` (already validated) from the setting named ``setting``."""
        import regex  # 6 ms to import: only for projects that set a pattern

        self.pattern = pattern
        self.setting = setting
        self.compiled = regex.compile(pattern)
        self.seconds_left = MATCH_SECONDS

    def matches(self, text: str, whole: bool = False) -> bool:
        """Tell whether the pattern matches at the start of ``text`` (all of it: ``whole``).

        Raises ``ConfigError`` naming the pattern once the budget is spent.
        """
        started = time.perf_counter()
        match = self.compiled.fullmatch if whole else self.compiled.match
        try:
            if self.seconds_left <= 0:
                raise TimeoutError
            return match(text, timeout=self.seconds_left) is not None
        except TimeoutError:
            raise ConfigError(
                f"{self.setting} pattern {self.pattern!r} took over {MATCH_SECONDS:g} s"
                " matching names; simplify it"
            ) from None
        finally:
            self.seconds_left -= time.perf_counter() - started


@dataclass(frozen=True)
class _Scope:
    """Where a definition sits: its parent's kind, qualified name and publicness."""

    kind: str
    qualname: str
    public: bool
    class_path: str | None


class Counter:
    """Applies one configuration's counting rules to parsed files."""

    def __init__(self, config: Config, inherited_doc: InheritedDoc | None = None) -> None:
        """Apply ``config``; ``inherited_doc`` finds docstrings inherited from base classes."""
        self.config = config.counting.with_presets()
        self.inherited_doc = inherited_doc if self.config.inherit_docstrings else None
        self._name_patterns = [TimedPattern(p, "ignore-regex") for p in self.config.ignore_regex]
        self._decorator_patterns = [
            TimedPattern(p, "ignore-decorators") for p in self.config.ignore_decorators
        ]

    def count(self, path: str, parsed: ParsedModule) -> list[Symbol]:
        """Return the counted symbols of one file, in source order."""
        if self.config.ignore_init_module and path.rpartition("/")[2] == "__init__.py":
            return []
        module = parsed.module
        public = is_public_module(path)
        symbols: list[Symbol] = []
        counts_module = not self.config.ignore_module and module.pragma is None
        if counts_module and (public or not self.config.public):
            symbols.append(self._symbol(path, module, "module", module.name, public))
        top = _Scope("module", "", public, None)
        links: StubLinks = []
        self._count_children(
            path, module.children, top, parsed.exports, module.name, symbols, links
        )
        if self.config.class_or_init:
            _share_class_and_init_docs(symbols)
        absorbed = {id(stub) for impl, stubs in links if impl.documented for stub in stubs}
        return [symbol for symbol in symbols if id(symbol) not in absorbed]

    def _count_children(
        self,
        path: str,
        children: tuple[Definition, ...],
        scope: _Scope,
        exports: tuple[str, ...] | None,
        module_name: str,
        symbols: list[Symbol],
        links: StubLinks,
    ) -> None:
        """Count each child definition and, recursively, its own children.

        The symbols of ``@overload`` stubs (with whatever is inside them) wait, by name,
        for their implementation; a counted one is linked to them in ``links``.
        """
        waiting: dict[str, list[Symbol]] = {}
        for child in children:
            stub = not self.config.count_overloads and _is_overload(child)
            if self._drops_subtree(child, scope):
                if not stub:
                    waiting.pop(child.name, None)
                continue
            first = len(symbols)
            symbol: Symbol | None = None
            qualname = f"{scope.qualname}.{child.name}" if scope.qualname else child.name
            kind = _kind_of(child, scope)
            public = scope.public and scope.kind != "function" and is_public_name(child.name)
            if scope.kind == "module" and exports is not None:
                public = public and child.name in exports
            if not self._skips_itself(child, scope, public):
                symbol = self._symbol(path, child, kind, qualname, public)
                if kind == "method" and not symbol.documented and child.doc == "missing":
                    self._inherit(symbol, scope.class_path, child.name)
                symbols.append(symbol)
            class_path = f"{module_name}.{qualname}" if child.kind == "class" else None
            inner = _Scope(_scope_kind(child), qualname, public, class_path)
            self._count_children(path, child.children, inner, None, module_name, symbols, links)
            if stub:
                waiting.setdefault(child.name, []).extend(symbols[first:])
            elif child.name in waiting:
                stubs = waiting.pop(child.name)
                if symbol is not None and child.kind == "function":
                    links.append((symbol, stubs))

    def _drops_subtree(self, node: Definition, scope: _Scope) -> bool:
        """Tell whether an ignore option drops ``node`` together with everything inside it."""
        config = self.config
        name = node.name
        dunder = name.startswith("__") and name.endswith("__")
        trailing = name.endswith("__")
        private = name.startswith("__") and not trailing
        semiprivate = name.startswith("_") and not name.startswith("__") and not trailing
        if (config.ignore_private and private) or (config.ignore_semiprivate and semiprivate):
            return True
        if any(pattern.matches(name) for pattern in self._name_patterns):
            return True
        if self._decorator_patterns and any(
            pattern.matches(decorator, whole=True)
            for pattern in self._decorator_patterns
            for decorator in node.decorators
        ):
            return True
        if node.kind == "class":
            return config.ignore_nested_classes and scope.kind in ("class", "function")
        decorators = node.decorators
        return (
            (config.ignore_init_method and name == "__init__")
            or (config.ignore_magic and dunder and name != "__init__")
            or (config.ignore_property_decorators and any(map(_is_property, decorators)))
            or (config.ignore_setters and any(d.endswith(".setter") for d in decorators))
            or (config.ignore_overloaded_functions and _is_overload(node))
            or (config.ignore_overrides and any(d in OVERRIDE for d in decorators))
        )

    def _skips_itself(self, node: Definition, scope: _Scope, public: bool) -> bool:
        """Tell whether ``node`` alone (not its children) goes uncounted."""
        if node.pragma is not None:
            return True
        if self.config.public and not public:
            return True
        return (
            self.config.ignore_nested_functions
            and node.kind == "function"
            and scope.kind == "function"
        )

    def _symbol(
        self, path: str, node: Definition, kind: str, qualname: str, public: bool
    ) -> Symbol:
        """Return the symbol for a counted definition, judged by its docstring."""
        undocumented = self.config.placeholders_undocumented
        return judged(path, node, kind, qualname, public, "python", undocumented)

    def _inherit(self, symbol: Symbol, class_path: str | None, method: str) -> None:
        """Mark an undocumented method documented when a base class documents it."""
        if self.inherited_doc is None or class_path is None:
            return
        source = self.inherited_doc(class_path, method)
        if source is not None:
            symbol.documented = True
            symbol.problems = []
            symbol.note = f"inherits its docstring from {source}"


def is_public_name(name: str) -> bool:
    """Tell whether a name is public: no leading underscore, or a ``__dunder__``."""
    return not name.startswith("_") or (name.startswith("__") and name.endswith("__"))


def is_public_module(path: str) -> bool:
    """Tell whether a module is public: no part of its path is ``_private``."""
    parts = path.split("/")
    parts[-1] = parts[-1].rsplit(".", 1)[0]
    return all(is_public_name(part) for part in parts)


def _is_overload(node: Definition) -> bool:
    """Tell whether a definition is an ``@overload`` stub, however ``overload`` is imported."""
    return node.kind == "function" and any(d in OVERLOAD for d in node.decorators)


def _is_property(decorator: str) -> bool:
    """Tell whether a resolved decorator makes a property getter, setter or deleter."""
    return decorator in PROPERTY or decorator.endswith((".setter", ".deleter", ".cached_property"))


def _kind_of(node: Definition, scope: _Scope) -> str:
    """Return ``class``, ``method`` or ``function`` for a definition in ``scope``."""
    if node.kind == "class":
        return "class"
    return "method" if scope.kind == "class" else "function"


def _scope_kind(node: Definition) -> str:
    """Return the scope kind a definition opens for its children."""
    return "class" if node.kind == "class" else "function"


def _share_class_and_init_docs(symbols: list[Symbol]) -> None:
    """Count a class and its ``__init__`` documented when either one is (``class-or-init``)."""
    by_name = {(s.kind, s.qualname): s for s in symbols}
    for symbol in symbols:
        if symbol.kind != "method" or not symbol.qualname.endswith(".__init__"):
            continue
        owner = by_name.get(("class", symbol.qualname.rpartition(".")[0]))
        if owner is None or owner.documented == symbol.documented:
            continue
        if owner.documented:
            symbol.documented, symbol.problems = True, []
            symbol.note = "documented by its class docstring"
        else:
            owner.documented, owner.problems = True, []
            owner.note = "documented by its __init__ docstring"

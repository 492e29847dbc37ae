"""Cross-file linking: ``env_reads`` indexes every file's facts, expands wrappers at their
call sites (through module bindings) and returns the sorted, de-duplicated reads.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from docaudit.analysers.configuration.envvars.arguments import (
    _Args,
    _default_spec,
    _name_and_default,
    _required,
)
from docaudit.analysers.configuration.envvars.collector import names_variable
from docaudit.analysers.configuration.envvars.facts import (
    Arg,
    Built,
    EnvFacts,
    Environ,
    FromParam,
    Known,
    NotText,
    ParameterRead,
    Signature,
)
from docaudit.analysers.configuration.envvars.readers import MAX_WRAPPER_DEPTH, EnvRead, _spec_for
from docaudit.model.symbols import ModuleFacts


class _Template(NamedTuple):
    """A read inside a function whose variable name is ``prefix + param + suffix``."""

    prefix: str
    suffix: str
    param: str
    default: tuple[str, str | None]  # ("param", name) or ("fixed", text or None)
    strict: bool
    source: str
    path: str
    line: int


class _Call(NamedTuple):
    """A recorded call, with the file it is in."""

    callee: str
    line: int
    positional: Sequence[Arg]
    keywords: dict[str, Arg]
    star: bool
    caller: str | None
    path: str
    comment: str | None


class _Linker:
    """Every file's facts, indexed to resolve calls across files."""

    def __init__(self, modules: Sequence[ModuleFacts[EnvFacts]]) -> None:
        """Index the facts of ``modules`` (facts of any other type are left out)."""
        self.bindings: dict[str, dict[str, str]] = {}
        self.signatures: dict[str, Signature] = {}
        self.templates: dict[str, set[_Template]] = {}
        self.calls: list[_Call] = []
        self.direct: list[EnvRead] = []
        self.parameter_reads: dict[str, list[tuple[ParameterRead, str]]] = {}
        for module in modules:
            if isinstance(module.facts, EnvFacts):
                self._add(module.path, module.module, module.facts)

    def _add(self, path: str, module: str, facts: EnvFacts) -> None:
        """Index one file's facts."""
        self.bindings[module] = dict(facts.bindings)
        self.signatures.update(facts.functions)
        for found in facts.templates:
            template = _Template(
                found.prefix,
                found.suffix,
                found.param,
                found.default,
                found.strict,
                found.source,
                path,
                found.line,
            )
            self.templates.setdefault(found.function, set()).add(template)
        for read in facts.parameter_reads:
            self.parameter_reads.setdefault(read.function, []).append((read, path))
        for call in facts.calls:
            self.calls.append(
                _Call(
                    call.callee,
                    call.line,
                    call.positional,
                    call.keywords,
                    call.star,
                    call.caller,
                    path,
                    call.comment,
                )
            )
        for read in facts.reads:
            self.direct.append(
                EnvRead(
                    read.name,
                    path,
                    read.line,
                    read.source,
                    read.default,
                    read.required,
                    read.description,
                    read.case_insensitive,
                    read.dynamic,
                )
            )

    def resolve(self, callee: str) -> str:
        """Follow ``module.name`` through the module's bindings (``env = Env()``...)."""
        for _ in range(MAX_WRAPPER_DEPTH + 1):
            if _spec_for(callee) or _function_key(callee) in self.templates:
                return callee
            module, rest = self._split(callee)
            head, dot, tail = rest.partition(".")
            target = self.bindings.get(module, {}).get(head) if module else None
            if target is None:
                return callee
            callee = f"{target}{dot}{tail}"
        return callee

    def _split(self, callee: str) -> tuple[str | None, str]:
        """Split ``callee`` into the longest known module name and the rest."""
        parts = callee.split(".")
        for end in range(len(parts) - 1, 0, -1):
            module = ".".join(parts[:end])
            if module in self.bindings:
                return module, ".".join(parts[end:])
        return None, callee

    def derive_wrappers(self) -> None:
        """Make a function forwarding a parameter to a wrapper (or a reader) a wrapper too."""
        forwarding = [
            (call.caller, call)
            for call in self.calls
            if call.caller is not None and call.caller in self.signatures
        ]
        for _ in range(MAX_WRAPPER_DEPTH - 1):
            found = [
                (caller, template)
                for caller, call in forwarding
                for template in self._forwarded(call)
            ]
            added = False
            for caller, template in found:
                known = self.templates.setdefault(caller, set())
                added = added or template not in known
                known.add(template)
            if not added:
                return

    def _forwarded(self, call: _Call) -> Iterator[_Template]:
        """Yield the templates ``call`` gives its calling function."""
        for template, name, default in self._expand(call):
            if not isinstance(name, FromParam):
                continue
            yield template._replace(
                prefix=template.prefix + name.prefix,
                suffix=name.suffix + template.suffix,
                param=name.param,
                default=_default_spec(default),
            )

    def _expand(self, call: _Call) -> Iterator[tuple[_Template, Arg | None, Arg | None]]:
        """Yield, for each read ``call`` makes, its template, name argument and default."""
        callee = self.resolve(call.callee)
        spec = _spec_for(callee)
        if spec is not None:
            name, default = _name_and_default(
                spec, _Args(call.positional, call.keywords, call.star)
            )
            template = _Template(
                "", "", "", ("fixed", None), spec.strict, spec.source, call.path, call.line
            )
            yield template, name, default
            return
        key = _function_key(callee)
        signature = self.signatures.get(key)
        if signature is None:
            return
        for template in sorted(self.templates.get(key, ()), key=repr):
            name = signature.argument(call.positional, call.keywords, template.param)
            yield template, name, self._default_at(call, signature, template)

    @staticmethod
    def _default_at(call: _Call, signature: Signature, template: _Template) -> Arg | None:
        """Return the default a wrapper's read gets at ``call``: passed, declared or fixed."""
        kind, value = template.default
        if value is None:
            return None
        if kind == "fixed":
            return NotText(value)
        passed = signature.argument(call.positional, call.keywords, value)
        declared = signature.defaults.get(value)
        return passed if passed is not None or declared is None else NotText(declared)

    def call_site_reads(self) -> tuple[list[EnvRead], set[tuple[str, int]]]:
        """Return the reads made through wrappers and readers at calls, and the reads used."""
        reads = []
        used = set()
        for call in self.calls:
            callee = self.resolve(call.callee)
            through = None if _spec_for(callee) else f"wrapper:{_function_key(callee)}"
            for template, name, default in self._expand(call):
                if not isinstance(name, Known | Built):
                    continue
                used.add((template.path, template.line))
                default_text = None if default is None else default.text
                variable = _wrapped_name(template, name)
                comment = call.comment
                described = (
                    isinstance(name, Known) and comment and names_variable(comment, variable)
                )
                reads.append(
                    EnvRead(
                        variable,
                        call.path,
                        call.line,
                        through or template.source,
                        default_text,
                        _required(default_text, template.strict),
                        comment if described else None,
                        False,
                        isinstance(name, Built),
                    )
                )
        return reads, used

    def environ_argument_reads(self) -> Iterator[EnvRead]:
        """Yield the reads a function makes from a parameter a call passes os.environ to
        (``resolve_paths(os.environ)`` then ``environ.get("ROOT")``)."""
        for call in self.calls:
            key = _function_key(self.resolve(call.callee))
            signature = self.signatures.get(key)
            if signature is None or key not in self.parameter_reads:
                continue
            for read, path in self.parameter_reads[key]:
                argument = signature.argument(call.positional, call.keywords, read.param)
                if isinstance(argument, Environ):
                    required = _required(read.default, read.strict)
                    yield EnvRead(
                        read.name,
                        path,
                        read.line,
                        "os.environ",
                        read.default,
                        required,
                        None,
                        False,
                        False,
                    )

    def unused_templates(self, used: set[tuple[str, int]]) -> Iterator[EnvRead]:
        """Yield a wrapper's own read, as dynamic, when no call site names its variable."""
        for templates in self.templates.values():
            for template in templates:
                if (template.path, template.line) in used:
                    continue
                default = template.default[1] if template.default[0] == "fixed" else None
                yield EnvRead(
                    f"{template.prefix}*",
                    template.path,
                    template.line,
                    template.source,
                    default,
                    _required(default, template.strict),
                    None,
                    False,
                    True,
                )


def _wrapped_name(template: _Template, name: Known | Built) -> str:
    """Return the variable a wrapper reads for a described name argument."""
    if isinstance(name, Known):
        return f"{template.prefix}{name.value}{template.suffix}"
    return f"{template.prefix}{name.prefix}*"


def _function_key(callee: str) -> str:
    """Return the function a resolved callee names: ``m.Cls().get`` is ``m.Cls.get``."""
    return callee.replace("().", ".")


def env_reads(modules: Sequence[ModuleFacts[EnvFacts]]) -> list[EnvRead]:
    """Return every environment read of the files' ``envvars`` facts, sorted.

    Wrappers are expanded at their call sites; a wrapper no call names a variable for is
    kept as one dynamic read. A function given ``os.environ`` as an argument reads the
    literal keys it takes from that parameter. Dynamic reads count once per (file, literal prefix).
    """
    linker = _Linker(modules)
    linker.derive_wrappers()
    through_calls, used = linker.call_site_reads()
    reads = linker.direct + through_calls + list(linker.unused_templates(used))
    reads += linker.environ_argument_reads()
    return _finish(reads)


def _finish(reads: list[EnvRead]) -> list[EnvRead]:
    """Drop duplicates, keep the first dynamic read per (file, prefix), and sort."""
    seen_dynamic: set[tuple[str, str]] = set()
    kept = []
    for read in sorted(set(reads), key=lambda read: (read.path, read.line, _sort_key(read))):
        if read.dynamic:
            if (read.path, read.name) in seen_dynamic:
                continue
            seen_dynamic.add((read.path, read.name))
        kept.append(read)
    return sorted(kept, key=_sort_key)


def _sort_key(read: EnvRead) -> tuple[Any, ...]:
    """Sort by name, path and line, then by everything else for a total order."""
    return (
        read.name,
        read.path,
        read.line,
        read.source,
        repr(read.default),
        repr(read.required),
        repr(read.description),
        read.case_insensitive,
        read.dynamic,
    )


def auto_envvar_prefixes(modules: Sequence[ModuleFacts[EnvFacts]]) -> list[str]:
    """Return the ``auto_envvar_prefix`` values click is given anywhere, sorted."""
    found = {
        prefix
        for module in modules
        if isinstance(module.facts, EnvFacts)
        for prefix in module.facts.auto_prefixes
    }
    return sorted(found)

"""Cross-file linking of click and typer commands into trees of groups.

``_Graph`` makes a command of every decorated function and click/typer object, attaches
subcommands to their groups (through re-exports between files), applies
``add_command``/``add_typer`` links, finds the commands ``[project.scripts]`` run, and
hands the trees to ``_Walker``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from docaudit.analysers.apis.clis._help import (
    _command_help,
    _flags,
    _Help,
    _help_of,
    _is_hidden,
    _literal,
    _option_label,
)
from docaudit.analysers.apis.clis._libraries import _ATTACHERS, _CLICK_CLASSES, _canonical
from docaudit.analysers.apis.clis._tree import _Callback, _Command, _Edge, _Param, _Walker
from docaudit.analysers.apis.clis.facts import (
    Call,
    CliFacts,
    CliObject,
    CommandFunction,
    Decorator,
    Link,
    Parameter,
    Ref,
    Value,
)
from docaudit.model.symbols import ModuleFacts, Symbol

_Module = ModuleFacts[CliFacts]


def _command_name(function: str, strip_suffix: bool) -> str:
    """Return click's (``strip_suffix``) or typer's command name for a function name."""
    name = function.lower().replace("_", "-")
    left, sep, suffix = name.rpartition("-")
    if strip_suffix and sep and suffix in {"command", "cmd", "group", "grp"}:
        return left
    return name


def _decorated_command(
    module: _Module, function: CommandFunction, decorator: Decorator, library: str, group: bool
) -> _Command:
    """Make the command a click or typer decorator declares on a function.

    Its name is ``name=`` or the first argument, else the function's name as the
    library derives it (click also drops ``_command``/``_group`` suffixes).
    """
    kwargs = decorator.call.kwargs
    args = decorator.call.args or (None,)
    name = _literal(kwargs.get("name")) or _literal(args[0])
    return _Command(
        f"{module.module}.{function.name}",
        library,
        module.path,
        function.line,
        name or _command_name(function.name, strip_suffix=library == "click"),
        group,
        _command_help(kwargs, function.doc),
        _is_hidden(kwargs),
    )


class _Graph:
    """Click and typer commands from every file, joined into trees of groups."""

    def __init__(self, modules: Sequence[_Module]) -> None:
        """Index the facts by module name."""
        self.modules = {module.module: module for module in modules}
        self.commands: dict[str, _Command] = {}
        self.option_aliases: dict[str, CliObject] = {}

    def build(self) -> None:
        """Make every command, attach decorated subcommands, then apply explicit links."""
        for module in self.modules.values():
            self._objects(module)
        pending = [
            (module, function)
            for module in self.modules.values()
            for function in module.facts.functions
        ]
        pending = self._direct_commands(pending)
        while pending:
            left = [item for item in pending if not self._attach(*item)]
            if len(left) == len(pending):
                break
            pending = left
        for module, function in pending:
            self._orphan(module, function)
        for module in self.modules.values():
            for link in module.facts.links:
                self._link(module, link)

    def find(self, dotted: str | None, depth: int = 0) -> _Command | None:
        """Return the command a dotted name refers to, following re-exports between files."""
        if not dotted or depth > 5:
            return None
        if dotted in self.commands:
            return self.commands[dotted]
        for module_name in sorted(self.modules, key=len, reverse=True):
            if not dotted.startswith(module_name + "."):
                continue
            rest = dotted[len(module_name) + 1 :]
            head, dot, tail = rest.partition(".")
            target = self.modules[module_name].aliases.get(head)
            if target and target != dotted:
                return self.find(f"{target}{dot}{tail}", depth + 1)
        return self._by_last_name(dotted) if depth == 0 else None

    def _by_last_name(self, dotted: str) -> _Command | None:
        """Return the only command in the same top package whose key ends the same way."""
        top, _, _ = dotted.partition(".")
        last = dotted.rsplit(".", 1)[-1]
        found = [
            command
            for key, command in self.commands.items()
            if key.endswith("." + last) and key.split(".", 1)[0] == top
        ]
        return found[0] if len(found) == 1 else None

    def _objects(self, module: _Module) -> None:
        """Make commands of ``click.Group(...)``/``typer.Typer(...)``; note option aliases."""
        for record in module.facts.objects:
            canonical = _canonical(record.call.callee) or ""
            key, last = f"{module.module}.{record.name}", canonical.rsplit(".", 1)[-1]
            kwargs = record.call.kwargs
            if canonical in ("click.option", "click.argument"):
                self.option_aliases[key] = record
            elif canonical == "typer.Typer":
                self.commands[key] = self._typer_app(module, record, key)
            elif canonical.startswith("click.") and last.endswith(_CLICK_CLASSES):
                name = _literal(kwargs.get("name")) or _literal((record.call.args or (0,))[0])
                command = _Command(
                    key,
                    "click",
                    module.path,
                    record.line,
                    name or record.name.replace("_", "-"),
                    group=not last.endswith("Command") or last == "MultiCommand",
                    help=_command_help(kwargs, None),
                    hidden=_is_hidden(kwargs),
                )
                command.params = self._click_params(kwargs.get("params"), record.line)
                self.commands[key] = command

    def _typer_app(self, module: _Module, record: CliObject, key: str) -> _Command:
        """Return the command of a ``typer.Typer(...)`` object."""
        kwargs = record.call.kwargs
        typer_name = _literal(kwargs.get("name"))
        return _Command(
            key,
            "typer",
            module.path,
            record.line,
            typer_name or record.name.replace("_", "-"),
            group=True,
            help=_help_of(kwargs),
            hidden=_is_hidden(kwargs),
            typer_name=typer_name,
        )

    def _direct_commands(
        self, pending: list[tuple[_Module, CommandFunction]]
    ) -> list[tuple[_Module, CommandFunction]]:
        """Make ``@click.command``/``@click.group`` functions; return the other functions."""
        left = []
        for module, function in pending:
            decorator = self._decorator(function, {"click.command", "click.group"})
            if decorator is None:
                left.append((module, function))
                continue
            group = _canonical(decorator.call.callee) == "click.group"
            self._click_command(module, function, decorator, group)
        return left

    def _decorator(self, function: CommandFunction, wanted: set[str]) -> Decorator | None:
        """Return the first decorator of ``function`` whose library name is in ``wanted``."""
        for decorator in function.decorators:
            if _canonical(decorator.call.callee) in wanted:
                return decorator
        return None

    def _click_command(
        self, module: _Module, function: CommandFunction, decorator: Decorator, group: bool
    ) -> _Command:
        """Make the click command of a decorated function."""
        kwargs = decorator.call.kwargs
        command = _decorated_command(module, function, decorator, "click", group)
        if command.help.state != "text" and _literal(kwargs.get("short_help")):
            command.note = "short_help alone does not document a command"
        command.params = self._decorator_params(module, function)
        command.params += self._click_params(kwargs.get("params"), function.line)
        self.commands[command.key] = command
        return command

    def _decorator_params(self, module: _Module, function: CommandFunction) -> list[_Param]:
        """Return the options and arguments a function's decorators declare."""
        found = []
        for decorator in function.decorators:
            line = decorator.line
            canonical = _canonical(decorator.call.callee)
            alias = self.option_aliases.get(decorator.call.callee or "")
            if alias is not None:
                found += self._click_param(alias.call, line, _canonical(alias.call.callee))
            elif canonical == "click.option_group":
                for item in decorator.call.args:
                    found += self._click_param(item, line, canonical=None)
            elif canonical in ("click.option", "click.argument"):
                found += self._click_param(decorator.call, line, canonical)
        return found

    def _click_params(self, params: Value, line: int) -> list[_Param]:
        """Return the ``click.Option``/``click.Argument`` objects listed in ``params=[...]``."""
        found: list[_Param] = []
        for item in params if isinstance(params, tuple) else ():
            if isinstance(item, Call) and item.callee:
                first = (item.args or ((),))[0]
                declared = Call(
                    item.callee, first if isinstance(first, tuple) else (), item.kwargs, item.star
                )
                found += self._click_param(declared, line, canonical=None)
        return found

    def _click_param(self, call: Value, line: int, canonical: str | None) -> list[_Param]:
        """Return the option or argument of one click call, unless hidden."""
        if not isinstance(call, Call):
            return []
        last = (canonical or _canonical(call.callee) or "").rsplit(".", 1)[-1].lower()
        kwargs, args = call.kwargs, call.args
        if last not in ("option", "argument") or _is_hidden(kwargs):
            return []
        help_ = _help_of(kwargs, star=call.star)
        if last == "option":
            return [_Param("option", _option_label(_flags(args)), line, help_)]
        first = _literal(args[0]) if args else None
        name = first.replace("-", "_").lower() if first else "?"
        names = (name.upper(), _literal(kwargs.get("metavar")) or name.upper())
        return [_Param("argument", name.upper(), line, help_, names)]

    def _attach(self, module: _Module, function: CommandFunction) -> bool:
        """Attach a ``@group.command()``/``@app.command()`` function once its group is known."""
        for decorator in function.decorators:
            target = decorator.call.callee or ""
            owner, _, method = target.rpartition(".")
            parent = self.find(owner) if method in _ATTACHERS else None
            if parent is None:
                continue
            if parent.family == "typer":
                self._typer_function(module, function, decorator, parent, method)
            elif method != "callback":
                child = self._click_command(module, function, decorator, method == "group")
                self._add_child(parent, _Edge(child.key, decorator.line))
            return True
        return False

    def _typer_function(
        self,
        module: _Module,
        function: CommandFunction,
        decorator: Decorator,
        app: _Command,
        method: str,
    ) -> None:
        """Make a typer command under ``app``, or record ``app``'s callback."""
        if method == "callback":
            app.callback = _Callback(function, decorator.call.kwargs)
            app.params = _typer_params(function)
            return
        command = self._typer_command(module, function, decorator)
        self._add_child(app, _Edge(command.key, decorator.line))

    def _typer_command(
        self, module: _Module, function: CommandFunction, decorator: Decorator
    ) -> _Command:
        """Make the typer command of a function decorated with ``@app.command()``."""
        command = _decorated_command(module, function, decorator, "typer", False)
        command.params = _typer_params(function)
        self.commands[command.key] = command
        return command

    def _orphan(self, module: _Module, function: CommandFunction) -> None:
        """Keep a command whose group cannot be found, when the file uses click or typer."""
        libs = module.facts.libs
        for decorator in function.decorators:
            owner, _, method = (decorator.call.callee or "").rpartition(".")
            if method not in ("command", "group") or not owner or not libs:
                continue
            has_click_params = bool(self._decorator_params(module, function))
            if "click" in libs and (has_click_params or "typer" not in libs):
                command = self._click_command(module, function, decorator, method == "group")
            else:
                command = self._typer_command(module, function, decorator)
            command.prefix = owner.rsplit(".", 1)[-1].replace("_", "-")
            command.note = f"group {owner} not found"
            return

    def _link(self, module: _Module, link: Link) -> None:
        """Apply ``group.add_command(cmd, name)`` or ``app.add_typer(sub, name=, help=)``."""
        parent = self.find(link.receiver)
        args, kwargs = link.call.args, link.call.kwargs
        first = args[0] if args else kwargs.get("cmd", kwargs.get("typer_instance"))
        child = self.find(first.name) if isinstance(first, Ref) else None
        if parent is None or child is None or parent is child:
            return
        name = _literal(kwargs.get("name")) or _literal(args[1] if len(args) > 1 else None)
        edge = _Edge(child.key, link.line, name, hidden=_is_hidden(kwargs))
        if "help" in kwargs:
            edge.help, edge.has_help = kwargs["help"], True
        self._add_child(parent, edge)

    def _add_child(self, parent: _Command, edge: _Edge) -> None:
        """Attach ``edge.child`` under ``parent``."""
        parent.children.append(edge)
        self.commands[edge.child].has_parent = True

    def script_roots(self, scripts: list[tuple[str, str]]) -> dict[str, str]:
        """Return command key to script name for the commands ``[project.scripts]`` run
        (``scripts``: sorted ``(name, target)`` pairs)."""
        roots: dict[str, str] = {}
        for script, target in scripts:
            spec = str(target).split("[", 1)[0].strip()
            module, _, attr = spec.partition(":")
            command = self._script_command(module.strip(), attr.strip())
            if command is not None:
                roots.setdefault(command.key, script)
        return roots

    def _script_command(self, module: str, attr: str) -> _Command | None:
        """Return the command a script runs: itself, ``cmd.main``, or one its function calls."""
        if not module or not attr:
            return None
        found = self.find(f"{module}.{attr}")
        owner, _, method = attr.rpartition(".")
        if found is None and owner and method in ("main", "__call__"):
            found = self.find(f"{module}.{owner}")
        facts = self.modules.get(module)
        if found is None and facts is not None:
            for called in facts.facts.entries.get(attr, ()):
                found = found or self.find(called)
        return found

    def emit(self, roots: Mapping[str, str]) -> list[Symbol]:
        """Walk every tree from its root and return the symbols of its commands and params."""
        walker = _Walker(self.commands)
        ordered = sorted(
            self.commands.values(), key=lambda c: (c.key not in roots, c.path, c.line, c.key)
        )
        for command in ordered:
            if command.key in roots:
                walker.root(command, roots[command.key], public=True)
            elif not command.has_parent:
                walker.root(command, None, public=False)
        for command in ordered:
            walker.root(command, None, public=False)
        return walker.symbols


def _typer_params(function: CommandFunction) -> list[_Param]:
    """Return the options and arguments typer makes from a function's signature."""
    found = []
    for param in function.params:
        made = _typer_param(param)
        if made is not None:
            found.append(made)
    return found


def _typer_param(param: Parameter) -> _Param | None:
    """Return one signature parameter as typer shows it, or None when typer hides or injects it."""
    annotation = param.annotation or ""
    if annotation.endswith(("Context", "CallbackParam")) or param.name in ("self", "cls"):
        return None
    name, line = param.name, param.line
    info = _typer_info(param)
    if info is None:
        kind = "option" if param.has_default else "argument"
        label = "--" + name.lower().replace("_", "-") if kind == "option" else name.upper()
        return _Param(kind, label, line, _Help("missing"))
    kwargs = info.kwargs
    if _is_hidden(kwargs):
        return None
    help_ = _help_of(kwargs, star=info.star)
    if (_canonical(info.callee) or "").endswith("Argument"):
        return _Param("argument", name.upper(), line, help_)
    flags = _flags(info.args) or ["--" + name.lower().replace("_", "-")]
    return _Param("option", _option_label(flags), line, help_)


def _typer_info(param: Parameter) -> Call | None:
    """Return the ``typer.Option(...)``/``typer.Argument(...)`` call of a parameter, if any."""
    for value in (*param.extras, param.default):
        if isinstance(value, Call) and _canonical(value.callee) in (
            "typer.Option",
            "typer.Argument",
        ):
            return value
    return None

"""The click options of the settings, made from their declarations in ``settings``.

A setting's flags, help and option set are its field's metadata; the kind of value it
takes gives the option's type (a switch is a flag, a list is repeatable, a whole number
is an ``INTEGER``). Each option set adds, in declaration order, the flags of every
setting that names it; a flag left out is ``None``, so the settings file decides.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from docaudit.config.settings import SETTINGS
from docaudit.config.values import (
    Aliases,
    Days,
    KindNames,
    Names,
    Percent,
    Strings,
    Switch,
    Whole,
)

Command = TypeVar("Command", bound=Callable[..., Any])


def option(name: str) -> Callable[[Command], Command]:
    """Return the click option of the setting ``name``, as its declaration describes it."""
    declared = SETTINGS[name]
    value = declared.value
    settings: dict[str, Any] = {"help": declared.help}
    if isinstance(value, Switch):
        settings["default"] = None
        if "/" not in declared.flags[-1]:
            settings["is_flag"] = True
        if declared.flags[-1] == "--no-" + name.replace("_", "-"):
            settings["flag_value"] = False
    elif isinstance(value, KindNames):
        settings.update(callback=_split_names, metavar="KIND[,KIND]")
    elif isinstance(value, Names):
        settings.update(callback=_split_names, metavar=f"{value.what.upper()}[,...]")
    elif isinstance(value, Aliases):
        settings.update(multiple=True, callback=_parse_aliases)
    elif isinstance(value, Strings):
        settings["multiple"] = True
    elif isinstance(value, Whole):
        settings["type"] = int
    elif isinstance(value, Percent | Days):
        settings["type"] = float
    return click.option(*declared.flags, name, **settings)


def _option_set(name: str) -> Callable[[Command], Command]:
    """Return a decorator adding the options of every setting in the option set ``name``."""
    members = [key for key, declared in SETTINGS.items() if declared.options == name]

    def decorate(command: Command) -> Command:
        """Add the options, the first declared shown first."""
        for key in reversed(members):
            command = option(key)(command)
        return command

    return decorate


counting_options = _option_set("counting")
"""The counting flags, each named as in interrogate, ``--omit-covered-files`` and ``--kinds``."""
history_options = _option_set("history")
"""The history and ownership flags."""
gate_options = _option_set("gates")
"""The gate flags."""
config_file_option = click.option(
    "-c",
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Read settings from this file.",
)
"""``-c/--config FILE``: where the settings are read from."""


def source_options(command: Command) -> Command:
    """Add what every command reads: a settings file, the excludes, the cache switch."""
    return config_file_option(_option_set("source")(command))


def _split_names(
    _context: click.Context, param: click.Parameter, value: str | None
) -> tuple[str, ...] | None:
    """Split ``--kinds code,endpoint`` (or ``--languages python,go``) into its names."""
    if value is None:
        return None
    names = tuple(part.strip() for part in value.split(",") if part.strip())
    if not names:
        what = (param.name or "name").removesuffix("s")
        raise click.BadParameter(f"name at least one {what}", param_hint=param.opts[0])
    return names


def _parse_aliases(
    _context: click.Context, _param: click.Parameter, values: tuple[str, ...]
) -> dict[str, list[str]] | None:
    """Parse ``PERSON=OTHER[,OTHER]`` flags into an ``aliases`` table (``None``: no flag)."""
    table: dict[str, list[str]] = {}
    for value in values:
        person, sep, others = value.partition("=")
        if not sep or not person.strip() or not others.strip():
            raise click.BadParameter(
                f"{value!r} is not PERSON=OTHER[,OTHER]", param_hint="--alias"
            )
        table.setdefault(person.strip(), []).extend(
            o.strip() for o in others.split(",") if o.strip()
        )
    return table or None

"""The command line: parse flags, load config, call ``api``, render, set the exit code.

Exit codes: 0 ok, 1 a gate failed, 2 usage, config or input error. No exception,
caught or not, exits 1.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from docaudit import __version__, api
from docaudit.config import ConfigError
from docaudit.report import json as json_report
from docaudit.report import table

EXIT_OK, EXIT_GATE, EXIT_ERROR = 0, 1, 2

_COUNTING_FLAGS = (
    ("-i", "--ignore-init-method", "Do not count __init__ methods."),
    ("-I", "--ignore-init-module", "Do not count __init__.py files."),
    ("-m", "--ignore-magic", "Do not count magic methods (__repr__ and the like)."),
    ("-M", "--ignore-module", "Do not count module docstrings."),
    ("-n", "--ignore-nested-functions", "Do not count functions defined inside functions."),
    ("-C", "--ignore-nested-classes", "Do not count classes defined inside classes or functions."),
    ("-p", "--ignore-private", "Do not count __private names, nor what is inside them."),
    ("-s", "--ignore-semiprivate", "Do not count _semiprivate names, nor what is inside them."),
    ("-P", "--ignore-property-decorators", "Do not count properties, setters and deleters."),
    ("-S", "--ignore-setters", "Do not count @x.setter methods."),
    ("-O", "--ignore-overloaded-functions", "Do not count @typing.overload stubs."),
    (None, "--ignore-overrides", "Do not count methods decorated @override."),
    (None, "--inherit-docstrings", "Count a method documented when the base it overrides is."),
    (None, "--class-or-init", "Count a class and its __init__ documented if either one is."),
    (None, "--omit-covered-files", "Leave fully documented files out of the table."),
    (None, "--public", "Count the public API only, as pydocstyle and ruff's D1 rules do."),
    (None, "--placeholders-undocumented", "Count TODO and stub docstrings as undocumented."),
)


def _counting_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the counting flags, each named as in interrogate, to a command."""
    for short, long, help_text in reversed(_COUNTING_FLAGS):
        names = [short, long] if short else [long]
        command = click.option(*names, is_flag=True, default=None, help=help_text)(command)
    return command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="docaudit")
def cli() -> None:
    """Audit a repository for missing documentation and knowledge silos."""


@cli.command("coverage")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_counting_options
@click.option("-r", "--ignore-regex", multiple=True, help="Do not count names this regex matches.")
@click.option(
    "--ignore-decorators",
    multiple=True,
    help="Do not count definitions with a decorator this regex fully matches.",
)
@click.option(
    "-e", "--exclude", multiple=True, help="Leave out paths matching this gitignore-style pattern."
)
@click.option(
    "-f", "--fail-under", type=float, help="Exit 1 when coverage is under this percentage."
)
@click.option(
    "-c",
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Read settings from this file.",
)
@click.option("-v", "--verbose", is_flag=True, help="List each undocumented symbol.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the TOTAL line.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the report to this file.",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the parse cache.")
def coverage_command(
    paths: tuple[Path, ...],
    config_file: Path | None,
    verbose: bool,
    quiet: bool,
    output_format: str,
    output: Path | None,
    no_cache: bool,
    **settings: Any,
) -> None:
    """Measure the documentation coverage of Python code under PATHS."""
    targets = list(paths) or [Path(".")]
    overrides = {
        key: (tuple(value) or None) if isinstance(value, tuple) else value
        for key, value in settings.items()
    }
    if no_cache:
        overrides["cache"] = False
    config = api.load_settings(targets, config_file, overrides)
    for notice in config.notices:
        click.echo(f"docaudit: {notice}", err=True)
    if output_format == "table" and not quiet:
        table.preload()
    with_symbols = verbose or output_format == "json"
    report = api.coverage(targets, config, with_symbols=with_symbols)
    for error in report.errors:
        click.echo(f"docaudit: {table.printable(error.path)}: {error.message}", err=True)
    if output_format == "json":
        text = json_report.render_coverage(report)
    else:
        text = table.render_coverage(report, verbose, quiet, config.omit_covered_files)
    _emit(text, output)
    failures = api.failed_gates(report, config)
    for failure in failures:
        click.echo(f"docaudit: {failure}", err=True)
    if failures:
        raise SystemExit(EXIT_GATE)


def _emit(text: str, output: Path | None) -> None:
    """Write the report to ``output``, or to stdout."""
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"{output}: cannot write the report: {error.strerror}") from None


def main(argv: list[str] | None = None) -> None:
    """Run the CLI and exit 0, 1 (a gate failed) or 2 (usage, config, input or internal error)."""
    try:
        cli.main(args=argv, prog_name="docaudit", standalone_mode=False)
    except click.ClickException as error:
        error.show()
        sys.exit(EXIT_ERROR)
    except (ConfigError, api.DiscoveryError) as error:
        click.echo(f"docaudit: error: {error}", err=True)
        sys.exit(EXIT_ERROR)
    except click.Abort:
        click.echo("docaudit: aborted", err=True)
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        sys.exit(130)
    except SystemExit:
        raise
    except Exception:  # noqa: BLE001 - an unexpected error must still exit 2, never 1
        import traceback

        click.echo("docaudit: internal error, please report it:", err=True)
        click.echo(traceback.format_exc(), err=True)
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_OK)

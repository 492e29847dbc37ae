"""The command line: parse flags, load config, call ``api``, render, set the exit code.

Exit codes: 0 ok, 1 a gate failed, 2 usage, config or input error. No exception,
caught or not, exits 1.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

import click

from docaudit import __version__, api
from docaudit.config.settings import Config
from docaudit.errors import ConfigError, DocauditError
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
    (None, "--count-overloads", "Count each @overload stub on its own docstring, as interrogate."),
    (None, "--inherit-docstrings", "Count a method documented when the base it overrides is."),
    (None, "--class-or-init", "Count a class and its __init__ documented if either one is."),
    (None, "--omit-covered-files", "Leave fully documented files out of the table."),
    (None, "--public", "Count the public API only, as pydocstyle and ruff's D1 rules do."),
    (None, "--placeholders-undocumented", "Count TODO and stub docstrings as undocumented."),
)


def _split_kinds(
    _context: click.Context, _param: click.Parameter, value: str | None
) -> tuple[str, ...] | None:
    """Split ``--kinds code,endpoint`` into its names."""
    if value is None:
        return None
    kinds = tuple(part.strip() for part in value.split(",") if part.strip())
    if not kinds:
        raise click.BadParameter("name at least one kind", param_hint="--kinds")
    return kinds


def _counting_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the counting flags, each named as in interrogate, and ``--kinds``, to a command."""
    command = click.option(
        "--kinds",
        callback=_split_kinds,
        metavar="KIND[,KIND]",
        help="The kinds that count toward the total and the gates: code, endpoint, cli,"
        " export, spec, env, config, or single kinds (default: code,endpoint,cli).",
    )(command)
    command = click.option(
        "--ignore-decorators",
        multiple=True,
        help="Do not count definitions with a decorator this regex fully matches.",
    )(command)
    command = click.option(
        "-r", "--ignore-regex", multiple=True, help="Do not count names this regex matches."
    )(command)
    for short, long, help_text in reversed(_COUNTING_FLAGS):
        names = [short, long] if short else [long]
        command = click.option(*names, is_flag=True, default=None, help=help_text)(command)
    return command


def _source_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add what every command reads: excludes, a settings file, the cache switch."""
    options = [
        click.option(
            "-e",
            "--exclude",
            multiple=True,
            help="Leave out paths matching this gitignore-style pattern.",
        ),
        click.option(
            "-c",
            "--config",
            "config_file",
            type=click.Path(path_type=Path, dir_okay=False),
            help="Read settings from this file.",
        ),
        click.option("--no-cache", is_flag=True, help="Neither read nor write the cache."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _output_options(*formats: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Return a decorator adding ``--format`` (one of ``formats``) and ``-o/--output``."""

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        """Add the two options."""
        command = click.option(
            "-o",
            "--output",
            type=click.Path(path_type=Path, dir_okay=False),
            help="Write the report to this file.",
        )(command)
        return click.option(
            "--format",
            "output_format",
            type=click.Choice(formats),
            default=formats[0],
            show_default=True,
        )(command)

    return decorate


def _badge_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--badge FILE``."""
    return click.option(
        "--badge",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Also write an SVG coverage badge here (only when it changes).",
    )(command)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="docaudit")
def cli() -> None:
    """Audit a repository for missing documentation and knowledge silos."""


@cli.command("coverage")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_counting_options
@click.option(
    "-f", "--fail-under", type=float, help="Exit 1 when coverage is under this percentage."
)
@click.option("-v", "--verbose", is_flag=True, help="List each undocumented symbol.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the TOTAL line.")
@_badge_option
@_source_options
@_output_options("table", "json")
def coverage_command(
    paths: tuple[Path, ...],
    config_file: Path | None,
    verbose: bool,
    quiet: bool,
    badge: Path | None,
    output_format: str,
    output: Path | None,
    no_cache: bool,
    **settings: Any,
) -> None:
    """Measure the documentation coverage of Python code under PATHS."""
    targets = list(paths) or [Path(".")]
    config = _settings(targets, config_file, settings, no_cache)
    if output_format == "table" and not quiet:
        table.preload()
    with_symbols = verbose or output_format == "json"
    report = api.coverage(targets, config, with_symbols=with_symbols)
    _echo_problems(report.notices, report.errors)
    if output_format == "json":
        text = json_report.render_coverage(report)
    else:
        text = table.render_coverage(report, verbose, quiet, config.omit_covered_files)
    _emit(text, output, targets)
    if badge is not None:
        _write_badge(badge, report.summary.coverage, targets)
    failures = api.failed_gates(report, config)
    for failure in failures:
        click.echo(f"docaudit: {table.printable(failure)}", err=True)
    if failures:
        raise SystemExit(EXIT_GATE)


@cli.command("config")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_source_options
@_output_options("table", "markdown", "json")
def config_command(
    paths: tuple[Path, ...],
    config_file: Path | None,
    output_format: str,
    output: Path | None,
    no_cache: bool,
    exclude: tuple[str, ...],
) -> None:
    """Print the configuration reference of PATHS: each environment variable the code
    reads and each config-file key, with its default, where it is read and where (if
    anywhere) it is documented."""
    from docaudit.report import configref

    targets = list(paths) or [Path(".")]
    config = _settings(targets, config_file, {"exclude": exclude}, no_cache)
    report = api.configuration(targets, config)
    _echo_problems(report.notices, report.errors)
    if output_format == "json":
        text = json_report.render_configuration(report)
    elif output_format == "markdown":
        text = configref.render_markdown(report)
    else:
        text = configref.render_table(report)
    _emit(text, output, targets)


_HISTORY_OPTIONS = (
    click.option("--rev", help="Audit the history up to this revision (default HEAD)."),
    click.option("--since", help="Only mine commits newer than this date."),
    click.option("--until", help="Only mine commits older than this date."),
    click.option(
        "--departed",
        multiple=True,
        help="A person (email or name) who leaves: silos recomputes without them, audit shows"
        " what only they know; repeatable.",
    ),
    click.option("--bulk-limit", type=int, help="Skip commits changing more files (0: never)."),
    click.option(
        "--inactive-after", type=int, help="Days without a commit before a person is inactive."
    ),
    click.option(
        "--knowledge-half-life", type=float, help="Days after which a change counts half."
    ),
    click.option(
        "--module-depth", type=int, help="Folder depth of modules outside Python packages."
    ),
    click.option("--module", "modules", multiple=True, help="Glob of module folders; repeatable."),
    click.option("--bot", "bots", multiple=True, help="Name or email glob of a bot; repeatable."),
    click.option("--vendored", multiple=True, help="Pattern of vendored files to leave out."),
    click.option(
        "--alias",
        "aliases",
        multiple=True,
        help="PERSON=OTHER[,OTHER]: emails or names of one person; repeatable.",
    ),
    click.option("--include-bots", is_flag=True, default=None, help="Keep bots as authors."),
    click.option(
        "--allow-shallow", is_flag=True, default=None, help="Mine a shallow clone anyway."
    ),
    click.option(
        "--coauthors/--no-coauthors",
        default=None,
        help="Credit Co-authored-by trailers (default on).",
    ),
    click.option(
        "--ignore-revs/--no-ignore-revs",
        default=None,
        help="Skip commits listed in .git-blame-ignore-revs (default on).",
    ),
    click.option(
        "--default-excludes/--no-default-excludes",
        default=None,
        help="Leave out vendored, generated, lock and binary files (default on).",
    ),
)


def _history_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the history and ownership flags (each also a ``[tool.docaudit]`` key)."""
    for option in reversed(_HISTORY_OPTIONS):
        command = option(command)
    return command


@cli.command("audit")
@click.argument("path", required=False, type=click.Path(path_type=Path), default=Path("."))
@_counting_options
@_history_options
@click.option(
    "--rank-tests", is_flag=True, default=None, help="Rank test modules too (left out by default)."
)
@_badge_option
@_source_options
@_output_options("table", "json", "markdown", "html")
def audit_command(
    path: Path,
    config_file: Path | None,
    output_format: str,
    output: Path | None,
    badge: Path | None,
    no_cache: bool,
    aliases: tuple[str, ...],
    **settings: Any,
) -> None:
    """Rank the modules of the repository at PATH by risk: undocumented code that only one
    person knows, and what depends on it. --departed EMAIL shows what that person's
    leaving would leave."""
    from docaudit.report import html, markdown

    if aliases:
        settings["aliases"] = _parse_aliases(aliases)
    config = _settings([path], config_file, settings, no_cache)
    if output_format == "table":
        table.preload()
    progress = _progress() if sys.stderr.isatty() else None
    report = api.audit(path, config, progress)
    if progress is not None:
        click.echo("", err=True)
    notices = report.coverage.notices + report.notices
    _echo_problems(
        notices + (report.silos.notices if report.silos else []), report.coverage.errors
    )
    renderers = {
        "json": json_report.render_audit,
        "markdown": markdown.render_audit,
        "html": html.render,
        "table": table.render_audit,
    }
    _emit(renderers[output_format](report), output, [path])
    if badge is not None:
        _write_badge(badge, report.coverage.summary.coverage, [path])


def _write_badge(path: Path, coverage: float, targets: list[Path]) -> None:
    """Write the coverage badge, or fail with exit 2 naming the file."""
    from docaudit.report.badge import write_badge

    try:
        write_badge(path, coverage, api.output_root(path, targets))
    except OSError as error:
        raise ConfigError(f"{path}: cannot write the badge: {error.strerror}") from None


@cli.command("silos")
@click.argument("path", required=False, type=click.Path(path_type=Path), default=Path("."))
@_history_options
@_source_options
@_output_options("table", "json")
def silos_command(
    path: Path,
    config_file: Path | None,
    output_format: str,
    output: Path | None,
    no_cache: bool,
    aliases: tuple[str, ...],
    **settings: Any,
) -> None:
    """Report each module's bus factor under PATH and the modules only one person knows."""
    if aliases:
        settings["aliases"] = _parse_aliases(aliases)
    config = _settings([path], config_file, settings, no_cache)
    progress = _progress() if sys.stderr.isatty() else None
    report = api.silos(path, config, progress)
    if progress is not None:
        click.echo("", err=True)
    for notice in report.notices:
        click.echo(f"docaudit: {table.printable(notice)}", err=True)
    if output_format == "json":
        _emit(json_report.render_silos(report), output, [path])
    else:
        _emit(table.render_silos(report), output, [path])


_GATE_OPTIONS = (
    click.option("-f", "--fail-under", type=float, help="Fail when coverage is under this."),
    click.option(
        "--baseline", help=f"Baseline file to compare with (default: {api.DEFAULT_BASELINE})."
    ),
    click.option(
        "--max-drop", type=float, help="Points of coverage a change may lose (default 0)."
    ),
    click.option(
        "--fail-on-regression/--no-fail-on-regression",
        default=None,
        help="Fail when a documented public symbol loses its documentation.",
    ),
    click.option(
        "--fail-on-new-undocumented/--no-fail-on-new-undocumented",
        default=None,
        help="Fail when a new public symbol has no documentation.",
    ),
    click.option(
        "--fail-on-errors/--no-fail-on-errors",
        default=None,
        help="Fail when a file cannot be analysed (default on).",
    ),
    click.option("--compare-ref", help="Compare with the merge base of this ref and HEAD."),
    click.option(
        "--new-code-fail-under", type=float, help="Fail when changed symbols are less documented."
    ),
    click.option("--max-silos", type=int, help="Fail with more single-owner modules than this."),
    click.option("--min-bus-factor", type=int, help="Fail when the repository's is lower."),
    click.option(
        "--no-new-silos", is_flag=True, default=None, help="Fail when a module becomes a silo."
    ),
)
_CHECK_FORMATS = ("text", "json", "github", "sarif", "gitlab", "markdown")


def _gate_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the gate flags (each also a ``[tool.docaudit]`` key) to a command."""
    for option in reversed(_GATE_OPTIONS):
        command = option(command)
    return command


@cli.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_counting_options
@_source_options
@click.option(
    "--format",
    "formats",
    multiple=True,
    help="FORMAT or FORMAT:FILE, repeatable: " + ", ".join(_CHECK_FORMATS) + " (default text).",
)
@_gate_options
def check_command(
    paths: tuple[Path, ...],
    config_file: Path | None,
    formats: tuple[str, ...],
    no_cache: bool,
    **settings: Any,
) -> None:
    """Audit PATHS and apply every configured gate; exit 1 if any fails."""
    targets = list(paths) or [Path(".")]
    outputs = [_parse_format(spec) for spec in formats or ("text",)]
    config = _settings(targets, config_file, settings, no_cache)
    result = api.check(targets, config)
    _echo_problems(result.report.notices + result.notices, result.report.errors)
    for name, target in outputs:
        _emit(_render_check(name, result), target, targets)
    if not result.passed:
        raise SystemExit(EXIT_GATE)


def _parse_format(spec: str) -> tuple[str, Path | None]:
    """Parse ``FORMAT`` or ``FORMAT:FILE``."""
    name, _, target = spec.partition(":")
    if name not in _CHECK_FORMATS:
        raise click.BadParameter(
            f"{name!r} is not one of {', '.join(_CHECK_FORMATS)}", param_hint="--format"
        )
    return name, Path(target) if target else None


def _render_check(name: str, result: api.CheckResult) -> str:
    """Return the check in one output format (``github`` also writes the step summary)."""
    from docaudit.report import github, gitlab, markdown, sarif

    if name == "json":
        return json_report.render_check(result)
    if name == "github":
        try:
            github.write_step_summary(result)
        except OSError as error:
            click.echo(f"docaudit: cannot write the step summary: {error}", err=True)
        return github.render(result)
    if name == "sarif":
        return sarif.render(result)
    if name == "gitlab":
        return gitlab.render(result)
    if name == "markdown":
        return markdown.render(result)
    return table.render_check(result)


@cli.command("baseline")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_counting_options
@_source_options
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help=f"Where to write it (default: {api.DEFAULT_BASELINE} at the repository root).",
)
@_gate_options
def baseline_command(
    paths: tuple[Path, ...],
    config_file: Path | None,
    output: Path | None,
    no_cache: bool,
    **settings: Any,
) -> None:
    """Write the baseline of PATHS that docaudit check compares with (atomically)."""
    targets = list(paths) or [Path(".")]
    config = _settings(targets, config_file, settings, no_cache)
    written = api.baseline(targets, config, output)
    summary = written["summary"]
    where = table.printable(str(written["written_to"]))
    click.echo(
        f"docaudit: wrote {where}: {summary['total']} symbols, {summary['coverage']}% documented",
        err=True,
    )


@cli.command("hook")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--strict", is_flag=True, help="Check whole files, not only what the change touches."
)
@click.option(
    "-c",
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Read settings from this file.",
)
def hook_command(files: tuple[Path, ...], strict: bool, config_file: Path | None) -> None:
    """For pre-commit: fail when the staged changes to FILES add or modify undocumented
    public symbols."""
    if not files:
        return
    config = _settings(list(files), config_file, {}, no_cache=False)
    result = api.hook(list(files), config, strict)
    if not result.passed:
        for gate in result.gates:
            if gate.passed:
                continue
            for symbol in gate.symbols:
                click.echo(table.symbol_line(symbol))
            hint = "; document them or add # docaudit: ignore" if gate.symbols else ""
            click.echo(f"docaudit: {table.printable(gate.message)}{hint}")
        raise SystemExit(EXIT_GATE)


def _settings(
    targets: list[Path], config_file: Path | None, flags: dict[str, Any], no_cache: bool
) -> Config:
    """Load the settings for ``targets`` with the given flags over them; print notices."""
    overrides = {
        key: (tuple(value) or None) if isinstance(value, tuple) and key != "aliases" else value
        for key, value in flags.items()
    }
    if overrides.get("baseline"):
        overrides["baseline"] = str(Path(overrides["baseline"]).absolute())
    if no_cache:
        overrides["cache"] = False
    config = api.load_settings(targets, config_file, overrides)
    for notice in config.notices:
        click.echo(f"docaudit: {table.printable(notice)}", err=True)
    return config


def _echo_problems(notices: list[str], errors: list) -> None:
    """Print the notices (each once), then one line per file that could not be read."""
    for notice in dict.fromkeys(notices):
        click.echo(f"docaudit: {table.printable(notice)}", err=True)
    for error in errors:
        click.echo(table.error_line(error), err=True)


def _parse_aliases(values: tuple[str, ...]) -> dict[str, list[str]]:
    """Parse ``PERSON=OTHER[,OTHER]`` flags into an ``aliases`` table."""
    table_: dict[str, list[str]] = {}
    for value in values:
        person, sep, others = value.partition("=")
        if not sep or not person.strip() or not others.strip():
            raise click.BadParameter(
                f"{value!r} is not PERSON=OTHER[,OTHER]", param_hint="--alias"
            )
        table_.setdefault(person.strip(), []).extend(
            o.strip() for o in others.split(",") if o.strip()
        )
    return table_


def _progress() -> Callable[[int], None]:
    """Return a callback that shows how many commits have been read, on stderr."""

    def show(commits: int) -> None:
        """Overwrite the progress line with the count so far."""
        click.echo(f"\rmining history: {commits} commits", err=True, nl=False)

    return show


def _emit(text: str, output: Path | None, targets: list[Path]) -> None:
    """Write the report to ``output``, or to stdout; a lone surrogate (from a file name
    that is not UTF-8) is written as an escape, never an encoding error. In the audited
    repository or the working folder, ``output`` is never written through a link."""
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        api.write_output(output, text.encode("utf-8"), targets)
    except OSError as error:
        raise ConfigError(f"{output}: cannot write the report: {error.strerror}") from None


class StdoutError(Exception):
    """The report could not be written to standard output; the message says why."""


class _ReportStream:
    """Standard output as the CLI writes it: a failed write raises ``StdoutError``.

    ``None`` (Python's standard output when descriptor 1 was closed) fails every write.
    """

    def __init__(self, stream: Any) -> None:
        """Wrap ``stream`` (a text stream, or ``None`` when there is none)."""
        self._stream = stream

    def write(self, text: str) -> int:
        """Write ``text``, or raise ``StdoutError``."""
        return self._call("write", text)

    def flush(self) -> None:
        """Flush, or raise ``StdoutError``."""
        self._call("flush")

    def _call(self, name: str, *args: Any) -> Any:
        """Call the stream's method ``name``, turning every failure into ``StdoutError``."""
        if self._stream is None:
            raise StdoutError(os.strerror(errno.EBADF))
        try:
            return getattr(self._stream, name)(*args)
        except (OSError, ValueError) as error:  # ValueError: a closed file object
            raise StdoutError(getattr(error, "strerror", None) or str(error)) from None

    def __getattr__(self, name: str) -> Any:
        """Everything else (``isatty``, ``encoding``…) is the wrapped stream's."""
        return getattr(self._stream, name)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI and exit 0, 1 (a gate failed) or 2 (usage, config, input or internal error)."""
    stdout = sys.stdout
    sys.stdout = _ReportStream(stdout)  # type: ignore[assignment]
    try:
        _main(argv)
    finally:
        sys.stdout = stdout


def _main(argv: list[str] | None) -> None:
    """``main`` with standard output guarded: every outcome becomes an exit code."""
    try:
        cli.main(args=argv, prog_name="docaudit", standalone_mode=False)
    except click.ClickException as error:
        error.show()
        sys.exit(EXIT_ERROR)
    except DocauditError as error:
        click.echo(f"docaudit: error: {error}", err=True)
        sys.exit(EXIT_ERROR)
    except StdoutError as error:
        click.echo(
            f"docaudit: error: cannot write the report to standard output: {error}", err=True
        )
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


def run() -> None:
    """The console script: ``main``, then leave without tearing the interpreter down.

    Everything is written and closed by then (the report, the cache); skipping the
    teardown of every object saves a tenth of a warm run. Tests call ``main`` instead.
    A closed standard output or error is held open on ``/dev/null`` first, so that no
    file docaudit opens (the cache) takes descriptor 1 or 2 and receives the report or
    the messages; with no standard error the messages are lost, the exit code is not.
    """
    for descriptor, stream in ((1, sys.stdout), (2, sys.stderr)):
        if stream is None:
            _hold_descriptor(descriptor)
    try:
        main()
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 2)
    else:  # pragma: no cover - main always exits
        code = 0
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            with suppress(OSError, ValueError):
                stream.flush()
    os._exit(code)


def _hold_descriptor(descriptor: int) -> None:
    """Open ``/dev/null`` on a closed ``descriptor`` so that no other file gets it."""
    opened = os.open(os.devnull, os.O_RDWR | os.O_CLOEXEC)
    if opened != descriptor:
        os.dup2(opened, descriptor, inheritable=False)
        os.close(opened)

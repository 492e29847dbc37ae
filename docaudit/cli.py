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
from docaudit.config import options
from docaudit.config.settings import Config
from docaudit.errors import ConfigError, DocauditError
from docaudit.report.badge import write_badge
from docaudit.report.escape import printable
from docaudit.report.lines import error_line
from docaudit.report.renderers import RENDERERS, Display, formats, preload, render

EXIT_OK, EXIT_GATE, EXIT_ERROR = 0, 1, 2


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
@options.counting_options
@options.option("fail_under")
@click.option("-v", "--verbose", is_flag=True, help="List each undocumented symbol.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the TOTAL line.")
@_badge_option
@options.source_options
@_output_options(*formats("coverage"))
def coverage_command(
    paths: tuple[Path, ...],
    config_file: Path | None,
    verbose: bool,
    quiet: bool,
    badge: Path | None,
    output_format: str,
    output: Path | None,
    **settings: Any,
) -> None:
    """Measure the documentation coverage of the code under PATHS."""
    targets = list(paths) or [Path(".")]
    config = _settings(targets, config_file, settings)
    kind = "total" if quiet else "coverage"
    preload(kind, output_format)
    with_symbols = verbose or RENDERERS[kind, output_format].symbols
    report = api.coverage(targets, config, with_symbols=with_symbols)
    _echo_problems(report.notices, report.errors)
    display = Display(verbose, config.output.omit_covered_files)
    _emit(render(kind, output_format, report, display), output, targets)
    if badge is not None:
        _write_badge(badge, report.summary.coverage, targets)
    failures = api.failed_gates(report, config)
    for failure in failures:
        click.echo(f"docaudit: {printable(failure)}", err=True)
    if failures:
        raise SystemExit(EXIT_GATE)


@cli.command("config")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@options.source_options
@_output_options(*formats("config"))
def config_command(
    paths: tuple[Path, ...],
    config_file: Path | None,
    output_format: str,
    output: Path | None,
    exclude: tuple[str, ...],
    cache: bool | None,
) -> None:
    """Print the configuration reference of PATHS: each environment variable the code
    reads and each config-file key, with its default, where it is read and where (if
    anywhere) it is documented."""
    targets = list(paths) or [Path(".")]
    config = _settings(targets, config_file, {"exclude": exclude, "cache": cache})
    preload("config", output_format)
    report = api.configuration(targets, config)
    _echo_problems(report.notices, report.errors)
    _emit(render("config", output_format, report), output, targets)


@cli.command("audit")
@click.argument("path", required=False, type=click.Path(path_type=Path), default=Path("."))
@options.counting_options
@options.history_options
@options.option("rank_tests")
@_badge_option
@options.source_options
@_output_options(*formats("audit"))
def audit_command(
    path: Path,
    config_file: Path | None,
    output_format: str,
    output: Path | None,
    badge: Path | None,
    **settings: Any,
) -> None:
    """Rank the modules of the repository at PATH by risk: undocumented code that only one
    person knows, and what depends on it. --departed EMAIL shows what that person's
    leaving would leave."""
    config = _settings([path], config_file, settings)
    preload("audit", output_format)
    progress = _progress() if sys.stderr.isatty() else None
    report = api.audit(path, config, progress)
    if progress is not None:
        click.echo("", err=True)
    notices = report.coverage.notices + report.notices
    _echo_problems(
        notices + (report.silos.notices if report.silos else []), report.coverage.errors
    )
    _emit(render("audit", output_format, report), output, [path])
    if badge is not None:
        _write_badge(badge, report.coverage.summary.coverage, [path])


def _write_badge(path: Path, coverage: float, targets: list[Path]) -> None:
    """Write the coverage badge, or fail with exit 2 naming the file."""
    try:
        write_badge(path, coverage, api.output_root(path, targets))
    except OSError as error:
        raise ConfigError(f"{path}: cannot write the badge: {error.strerror}") from None


@cli.command("silos")
@click.argument("path", required=False, type=click.Path(path_type=Path), default=Path("."))
@options.history_options
@options.source_options
@_output_options(*formats("silos"))
def silos_command(
    path: Path,
    config_file: Path | None,
    output_format: str,
    output: Path | None,
    **settings: Any,
) -> None:
    """Report each module's bus factor under PATH and the modules only one person knows."""
    config = _settings([path], config_file, settings)
    preload("silos", output_format)
    progress = _progress() if sys.stderr.isatty() else None
    report = api.silos(path, config, progress)
    if progress is not None:
        click.echo("", err=True)
    for notice in report.notices:
        click.echo(f"docaudit: {printable(notice)}", err=True)
    _emit(render("silos", output_format, report), output, [path])


_CHECK_FORMATS = formats("check")


@cli.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@options.counting_options
@options.source_options
@click.option(
    "--format",
    "formats",
    multiple=True,
    help="FORMAT or FORMAT:FILE, repeatable: " + ", ".join(_CHECK_FORMATS) + " (default text).",
)
@options.gate_options
def check_command(
    paths: tuple[Path, ...],
    config_file: Path | None,
    formats: tuple[str, ...],
    **settings: Any,
) -> None:
    """Audit PATHS and apply every configured gate; exit 1 if any fails."""
    targets = list(paths) or [Path(".")]
    outputs = [_parse_format(spec) for spec in formats or _CHECK_FORMATS[:1]]
    config = _settings(targets, config_file, settings)
    for name, _ in outputs:
        preload("check", name)
    result = api.check(targets, config)
    _echo_problems(result.report.notices + result.notices, result.report.errors)
    for name, target in outputs:
        if name == "github":
            _append_step_summary(result)
        _emit(render("check", name, result), target, targets)
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


def _append_step_summary(result: api.CheckResult) -> None:
    """Append the check in Markdown to ``$GITHUB_STEP_SUMMARY`` when it is set (what the
    ``github`` format writes besides the annotations); a failure is a warning."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    try:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(render("check", "markdown", result))
    except OSError as error:
        click.echo(f"docaudit: cannot write the step summary: {error}", err=True)


@cli.command("baseline")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@options.counting_options
@options.source_options
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help=f"Where to write it (default: {api.DEFAULT_BASELINE} at the repository root).",
)
@options.gate_options
def baseline_command(
    paths: tuple[Path, ...],
    config_file: Path | None,
    output: Path | None,
    **settings: Any,
) -> None:
    """Write the baseline of PATHS that docaudit check compares with (atomically)."""
    targets = list(paths) or [Path(".")]
    config = _settings(targets, config_file, settings)
    written = api.baseline(targets, config, output)
    where = printable(str(written.path))
    total, coverage = written.summary.total, round(written.summary.coverage, 2)
    click.echo(f"docaudit: wrote {where}: {total} symbols, {coverage}% documented", err=True)


@cli.command("hook")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--strict", is_flag=True, help="Check whole files, not only what the change touches."
)
@options.config_file_option
def hook_command(files: tuple[Path, ...], strict: bool, config_file: Path | None) -> None:
    """For pre-commit: fail when the staged changes to FILES add or modify undocumented
    public symbols."""
    if not files:
        return
    config = _settings(list(files), config_file, {})
    result = api.hook(list(files), config, strict)
    if not result.passed:
        _emit(render("hook", "text", result), None, list(files))
        raise SystemExit(EXIT_GATE)


def _settings(targets: list[Path], config_file: Path | None, flags: dict[str, Any]) -> Config:
    """Load the settings for ``targets`` with the given flags over them; print notices."""
    overrides = {
        key: (value or None) if isinstance(value, tuple) else value for key, value in flags.items()
    }
    if overrides.get("baseline"):
        overrides["baseline"] = str(Path(overrides["baseline"]).absolute())
    config = api.load_settings(targets, config_file, overrides)
    for notice in config.notices:
        click.echo(f"docaudit: {printable(notice)}", err=True)
    return config


def _echo_problems(notices: list[str], errors: list) -> None:
    """Print the notices (each once), then one line per file that could not be read."""
    for notice in dict.fromkeys(notices):
        click.echo(f"docaudit: {printable(notice)}", err=True)
    for error in errors:
        click.echo(error_line(error), err=True)


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
    """The console script (``console.run``): ``main``, then leave without tearing the
    interpreter down.

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

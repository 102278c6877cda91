"""The ``briefing`` command: start a project, check and import its data, build and preview its site.

A thin adapter over the pipeline, the importers and the scaffold for the shell. ``build`` and
``serve`` run MkDocs in a subprocess (with the plugin doing the work inside it), so this module
does not import MkDocs either, and MkDocs' own messages reach the user unchanged. Exit codes: 0
when the data is clean, 1 when it has errors (or warnings under ``--strict``), 2 on a usage
error, which is shown under the command's usage line with a hint. Problems go to standard
error, one block each, with no traceback.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import platform
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

import yaml

from generator import __version__
from generator.diagnostics import did_you_mean, errors, format_all, warnings
from generator.emit import serving
from generator.emit.files import OutputConflict, write_atomic, write_pages
from generator.importers import IMPORTERS, NATIVE, ImportFailed, import_file
from generator.load.dataset import display_path
from generator.model.schema import schema_files
from generator.pipeline import Result, generate
from generator.scaffold import ProjectNotEmpty, create_project
from generator.settings import Settings, SettingsError, make_settings, read_mkdocs_yml

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
CONFIG = Path("mkdocs.yml")

QUIET_MKDOCS = {"NO_MKDOCS_2_WARNING": "1"}
"""mkdocs-material prints an eight-line end-of-life notice on every MkDocs run unless this is set;
the README says what this project does if Material stops (``briefing render`` + another engine)."""


class UsageError(Exception):
    """The command line asks for something that cannot be done as given (exit code 2).

    Args:
        message: What is wrong, in one line.
        hint: What to do instead.
    """

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


# --- the parser -----------------------------------------------------------------------------------

_FORMAT = argparse.RawDescriptionHelpFormatter

_MAIN_EXAMPLES = """\
examples:
  briefing new my-briefing          start a project in a new folder
  cd my-briefing
  briefing import ucdp ged.csv      add UCDP GED events to seeds/
  briefing serve                    preview on http://127.0.0.1:8000, rebuilt as you save
  briefing check                    list every problem in the data
  briefing build                    build the site into site/

'briefing COMMAND --help' describes a command and its options."""


def _command(
    commands: Any,
    name: str,
    summary: str,
    description: str,
    examples: str,
    parents: Sequence[argparse.ArgumentParser] = (),
) -> argparse.ArgumentParser:
    return commands.add_parser(  # type: ignore[no-any-return]
        name,
        parents=list(parents),
        help=summary,
        description=description,
        epilog="examples:\n" + examples,
        formatter_class=_FORMAT,
    )


def _parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The parser, and each command's own parser (whose usage a usage error shows)."""
    parser = argparse.ArgumentParser(
        prog="briefing",
        description=(
            "Turn YAML records of incidents, actors, places and sources into a cross-linked,\n"
            "searchable briefing site. MkDocs builds the site, with this package's 'briefing' plugin;\n"
            "these commands start a project, check and import its data, and build or preview it."
        ),
        epilog=_MAIN_EXAMPLES,
        formatter_class=_FORMAT,
    )
    parser.add_argument("--version", action="version", version=_version(), help="show the versions and exit")
    project = argparse.ArgumentParser(add_help=False)
    project.add_argument(
        "--config-file",
        "-f",
        type=Path,
        metavar="FILE",
        help="the site's settings, where the plugin's folders are read from (default: mkdocs.yml, when there is one)",
    )
    options = argparse.ArgumentParser(add_help=False, parents=[project])
    options.add_argument(
        "--seeds", type=Path, metavar="DIR", help="data folder (default: the plugin's 'seeds', else seeds)"
    )
    options.add_argument(
        "--templates",
        type=Path,
        metavar="DIR",
        help="template folder (default: the plugin's 'templates', else templates)",
    )
    options.add_argument(
        "--docs", type=Path, metavar="DIR", help="hand-written pages (default: mkdocs.yml's docs_dir, else docs)"
    )
    options.add_argument(
        "--briefings",
        metavar="DIR",
        help="briefings folder inside the docs (default: the plugin's 'briefings', else briefings)",
    )
    options.add_argument("--strict", action="store_true", help="treat warnings as errors (exit code 1)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    new = _command(
        commands,
        "new",
        "start a briefing project in a new folder",
        "Create a ready-to-build briefing project in DIR (made when missing; an existing folder\n"
        "must be empty): mkdocs.yml with the plugin, docs/ with a starter briefing, seeds/ with one\n"
        "example record of each kind, schemas/ for editors, a .gitignore, a pre-commit configuration\n"
        "that runs 'briefing check', and a workflow that publishes the site with GitHub Pages.",
        "  briefing new my-briefing\n  cd my-briefing && briefing serve",
    )
    new.add_argument("directory", type=Path, metavar="DIR", help="the project folder to create")

    _command(
        commands,
        "check",
        "validate the data and report every problem",
        "Read every record and briefing and report every problem at once, as\n"
        "'file:line:col: message' with a hint. Exit code 0 when the data is clean, 1 when it has\n"
        "errors (or warnings with --strict), 2 on a usage error.",
        "  briefing check\n  briefing check --strict            warnings count as problems too\n"
        "  briefing check --seeds data        another data folder",
        parents=[options],
    )
    render = _command(
        commands,
        "render",
        "write the generated Markdown to a folder, for any MkDocs-compatible engine",
        "Write the generated pages and data files into a folder as plain Markdown, for MkDocs\n"
        "without the plugin or another MkDocs-compatible engine. Only files whose content changed\n"
        "are written; a manifest (.briefing-manifest.json) lists the files this command owns, only\n"
        "those are ever replaced or removed, and a file it did not write is never overwritten.",
        "  briefing render --out build/docs\n"
        "  briefing render --out docs --allow-other-files   beside the hand-written pages",
        parents=[options],
    )
    render.add_argument("--out", type=Path, required=True, metavar="DIR", help="output folder")
    render.add_argument(
        "--allow-other-files",
        action="store_true",
        help="write into a folder that holds files this tool did not write (they are left alone)",
    )
    build = _command(
        commands,
        "build",
        "build the site; a failed build keeps the last good one",
        "Run 'mkdocs build' into a staging folder and put it in place of the site folder only when\n"
        "it succeeds: plain 'mkdocs build' empties the site folder first, so a failed build would\n"
        "leave nothing to publish. The strict setting of mkdocs.yml applies.",
        "  briefing build\n  briefing build -d public           into public/ instead of site/",
    )
    build.add_argument(
        "--config-file",
        "-f",
        type=Path,
        default=CONFIG,
        metavar="FILE",
        help="the site's settings (default: mkdocs.yml)",
    )
    build.add_argument("--site-dir", "-d", type=Path, default=Path("site"), metavar="DIR", help="default: site")
    serve = _command(
        commands,
        "serve",
        "preview the site, rebuilt as you save",
        "Preview the site with 'mkdocs serve --dirty'. It rebuilds when a record, a template or a\n"
        "page changes (only the pages a save reaches) and the browser reloads by itself. Every\n"
        "problem in the data is shown in the terminal and over the pages, on every save; warnings\n"
        "never stop the preview, whatever strict says ('briefing build' still applies it). Stop it\n"
        "with Ctrl+C.",
        "  briefing serve\n  briefing serve -a 127.0.0.1:8001   another port\n"
        "  briefing serve -a 0.0.0.0:8000     reachable from other machines",
    )
    serve.add_argument(
        "--config-file",
        "-f",
        type=Path,
        default=CONFIG,
        metavar="FILE",
        help="the site's settings (default: mkdocs.yml)",
    )
    serve.add_argument(
        "--dev-addr",
        "-a",
        metavar="HOST:PORT",
        help=f"address to serve on (default: mkdocs.yml's dev_addr, else {serving.DEFAULT_ADDRESS})",
    )
    importer = _command(
        commands,
        "import",
        "import UCDP GED or ACLED events, or another briefing site's data.json",
        "Turn the events of a UCDP GED or ACLED CSV file into records in the data folder, reusing\n"
        "actors and places by name and alias; or take another briefing site's data/data.json back\n"
        "whole, with its ids. Importing again is safe: unchanged records are left alone, changed\n"
        "ones updated, and a field you edited by hand is kept (the conflict is reported). Rows that\n"
        "cannot be imported are reported by line and the rest is imported (exit code 1).",
        "  briefing import ucdp ged-syria.csv\n  briefing import acled acled-2020.csv --seeds data\n"
        "  briefing import briefing ../other-site/site/data/data.json",
        parents=[project],
    )
    importer.add_argument(
        "dataset",
        choices=sorted([*IMPORTERS, NATIVE]),
        help="the file's dataset: ucdp (UCDP GED CSV), acled (ACLED CSV) or briefing (a site's data/data.json)",
    )
    importer.add_argument("file", help="the CSV or JSON file")
    importer.add_argument(
        "--seeds", type=Path, metavar="DIR", help="data folder (default: the plugin's 'seeds', else seeds)"
    )
    importer.add_argument(
        "--all-warnings",
        action="store_true",
        help="also list the warnings about rows unchanged since the last import (counted, not listed, by default)",
    )
    schema = _command(
        commands,
        "schema",
        "write the JSON Schema of each record kind, for editors",
        "Write the JSON Schema of each record kind. Editors that use yaml-language-server (VS Code's\n"
        "YAML extension and others) complete and check records as you type with them: the first\n"
        "line of each record file points to its schema.",
        "  briefing schema\n  briefing schema --out schemas",
    )
    schema.add_argument(
        "--out", type=Path, default=Path("schemas"), metavar="DIR", help="output folder (default: schemas)"
    )
    return parser, dict(commands.choices)


def _version() -> str:
    """``briefing 0.1.0 (MkDocs 1.6.1, mkdocs-material 9.8.2, Python 3.11.7)``: what a bug report needs."""
    parts = []
    for distribution in ("mkdocs", "mkdocs-material"):
        try:
            parts.append(
                f"{'MkDocs' if distribution == 'mkdocs' else distribution} {importlib.metadata.version(distribution)}"
            )
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{distribution} not installed")
    parts.append(f"Python {platform.python_version()}")
    return f"briefing {__version__} ({', '.join(parts)})"


# --- running a command ----------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser, commands = _parser()
    argv = sys.argv[1:] if argv is None else list(argv)
    # argparse names the choices but guesses nothing; a misspelled command gets a did-you-mean.
    first = next((a for a in argv if not a.startswith("-")), None)
    if first is not None and first not in commands:
        sys.stderr.write(parser.format_usage())
        hint = did_you_mean(first, commands, where="'briefing --help' lists the commands")
        print(f"briefing: error: unknown command '{first}'\n  hint: {hint}", file=sys.stderr)
        return EXIT_USAGE
    args = parser.parse_args(argv)
    runners: dict[str, Callable[[argparse.Namespace], int]] = {
        "new": _new,
        "check": _check_or_render,
        "render": _check_or_render,
        "build": lambda a: build_site(_input_file(a.config_file, "config file"), a.site_dir),
        "serve": _serve,
        "import": _import,
        "schema": _schema,
    }
    try:
        return runners[args.command](args)
    except UsageError as exc:
        command = commands[args.command]
        sys.stderr.write(command.format_usage())
        hint = f"\n  hint: {exc.hint}" if exc.hint else ""
        print(f"{command.prog}: error: {exc.message}{hint}", file=sys.stderr)
        return EXIT_USAGE


_FILE_HINTS = {
    "config file": (
        "give the path of the mkdocs.yml inside it",
        "run briefing in the project folder (the one with mkdocs.yml), or give the file with -f",
    ),
    "file": (
        "give the path of the file to import: a CSV file, or a site's data/data.json",
        "check the path; it is relative to the current folder",
    ),
}
"""What to do when a file given on the command line is a folder, or missing."""


def _input_file(path: Path, what: str) -> Path:
    """``path`` when it is a file; a usage error that says what it is otherwise."""
    for_folder, for_missing = _FILE_HINTS[what]
    if path.is_dir():
        raise UsageError(f"'{path}' is a folder, not a file", for_folder)
    if not path.is_file():
        raise UsageError(f"{what} '{path}' not found", for_missing)
    return path


def _config(args: argparse.Namespace) -> tuple[dict[str, Any], dict[str, Any], Path]:
    """The plugin's options, MkDocs' settings and the project folder, from ``--config-file``.

    Without ``-f``, ``mkdocs.yml`` is read when the current folder has one; values in it are
    relative to its folder, flags to the current folder.
    """
    if args.config_file is None and not CONFIG.is_file():
        return {}, {}, Path.cwd()
    config_file = _input_file(args.config_file or CONFIG, "config file")
    try:
        plugin, site = read_mkdocs_yml(config_file)
    except (OSError, yaml.YAMLError) as exc:
        raise UsageError(f"cannot read {config_file}: {exc}", "fix the file, or give another with -f") from None
    return plugin, site, config_file.resolve().parent


def _settings(args: argparse.Namespace) -> Settings:
    """The project's settings as the plugin would build them, with the flags given on top."""
    plugin, site, base = _config(args)
    flags = {"seeds": args.seeds, "templates": args.templates}
    plugin.update({key: str(value.resolve()) for key, value in flags.items() if isinstance(value, Path)})
    if args.briefings is not None:
        plugin["briefings"] = args.briefings
    if args.docs is not None:
        site["docs_dir"] = str(args.docs.resolve())
    try:
        settings = make_settings(base, plugin, site)
    except SettingsError as exc:
        raise UsageError(exc.message, exc.hint) from None
    _data_folder(settings.seeds, given=args.seeds is not None)
    return settings


def _data_folder(seeds: Path, *, given: bool) -> None:
    shown = display_path(seeds, Path.cwd())
    if seeds.is_file():
        raise UsageError(f"data folder '{shown}' is a file", "give the folder that holds incidents/, actors/, ...")
    if not seeds.is_dir():
        hint = (
            "check the path given to --seeds"
            if given
            else "run briefing in a project folder (start one with 'briefing new DIR'), or give the data folder with --seeds"
        )
        raise UsageError(f"data folder '{shown}' not found", hint)


def _report(result: Result, strict: bool, writes: bool) -> int:
    if result.diagnostics:
        print(format_all(result.diagnostics), file=sys.stderr)
    failed = errors(result.diagnostics) + (warnings(result.diagnostics) if strict else [])
    if failed:
        count = len(failed)
        outcome = "; nothing was written." if writes else "."
        print(f"{count} problem{'s' if count != 1 else ''} found{outcome}", file=sys.stderr)
        return EXIT_DATA
    return EXIT_OK


def _check_or_render(args: argparse.Namespace) -> int:
    settings = _settings(args)
    result = generate(settings)
    code = _report(result, args.strict, writes=args.command == "render")
    if code != EXIT_OK or args.command == "check":
        if code == EXIT_OK:
            print(f"ok: {len(result.pages)} pages from {display_path(settings.seeds, Path.cwd())}", file=sys.stderr)
        return code
    try:
        report = write_pages(args.out, [*result.pages, *result.assets], allow_other_files=args.allow_other_files)
    except OutputConflict as exc:
        listed = ", ".join(exc.paths[:5]) + (f" and {len(exc.paths) - 5} more" if len(exc.paths) > 5 else "")
        if exc.replaced:
            raise UsageError(
                f"{args.out} holds files this tool did not write where it would write its own: {listed}",
                "choose another output folder, or move those files away",
            ) from None
        raise UsageError(
            f"{args.out} holds files this tool did not write: {listed}",
            "render into an empty folder, or pass --allow-other-files to leave them in place",
        ) from None
    print(
        f"wrote {len(report.written)}, unchanged {len(report.unchanged)}, removed {len(report.removed)} in {args.out}",
        file=sys.stderr,
    )
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    if args.out.is_file():
        raise UsageError(f"'{args.out}' is a file, not a folder", "give a folder for the schemas with --out")
    files = schema_files()
    for name, text in files.items():
        write_atomic(args.out / name, text.encode("utf-8"))
    print(f"wrote {len(files)} schemas in {args.out}", file=sys.stderr)
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    target: Path = args.directory
    if target.exists() and not target.is_dir():
        raise UsageError(f"'{target}' is a file, not a folder", "give the name of a new folder")
    try:
        written = create_project(target)
    except ProjectNotEmpty as exc:
        raise UsageError(
            f"'{target}' is not empty (it holds {exc.first})", "give the name of a new folder, or an empty one"
        ) from None
    print(f"created a briefing project in {target}: {len(written)} files", file=sys.stderr)
    for name in written:
        print(f"  {name}", file=sys.stderr)
    enter = f"cd {target} && " if target.resolve() != Path.cwd().resolve() else ""
    print(f"next: {enter}briefing serve   (then open http://{serving.DEFAULT_ADDRESS}/)", file=sys.stderr)
    return EXIT_OK


# --- import ---------------------------------------------------------------------------------------


class _ProgressBar:
    """A one-line progress bar on a terminal, redrawn when the percentage changes."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        percent = done * 100 // max(total, 1)
        if percent != self.shown:
            self.shown = percent
            self.stream.write(f"\rimporting [{'#' * (percent // 4):<25}] {percent:3d}% ({done}/{total})")
            self.stream.flush()

    def close(self) -> None:
        if self.shown >= 0:
            self.stream.write("\n")


def _import(args: argparse.Namespace) -> int:
    file = _input_file(Path(args.file), "file")
    plugin, site, base = _config(args)
    if args.seeds is not None:
        plugin["seeds"] = str(args.seeds.resolve())
    try:
        seeds = make_settings(base, plugin, site).seeds
    except SettingsError as exc:
        raise UsageError(exc.message, exc.hint) from None
    if seeds.is_file():
        raise UsageError(
            f"data folder '{display_path(seeds, Path.cwd())}' is a file", "give a folder for the records with --seeds"
        )
    return import_data(args.dataset, file, seeds, shown=args.file, all_warnings=args.all_warnings)


def import_data(dataset: str, file: Path, seeds: Path, *, shown: str | None = None, all_warnings: bool = False) -> int:
    """Import a UCDP GED or ACLED CSV file, or a site's data.json, into the data folder; print what was done.

    Args:
        dataset: ``ucdp``, ``acled`` or ``briefing``.
        file: The file to import.
        seeds: The data folder.
        shown: How messages name the file: as the user typed it.
        all_warnings: List the warnings about rows unchanged since the last import too.

    Returns:
        Exit code 1 when the file cannot be imported (nothing is written) or some rows were
        rejected (the others are written), else 0.
    """
    progress = _ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    try:
        report = import_file(dataset, file, seeds, Path.cwd(), progress, shown=shown)
    except ImportFailed as exc:
        hint = f"\n  hint: {exc.hint}" if exc.hint else ""
        print(f"briefing: error: {exc.message}{hint}\nNothing was written.", file=sys.stderr)
        return EXIT_DATA
    finally:
        if progress is not None:
            progress.close()
    listed = sorted([*report.diagnostics(), *report.repeated]) if all_warnings else report.diagnostics()
    for diagnostic in listed:
        print(diagnostic.format(), file=sys.stderr)
    print(report.summary(), file=sys.stderr)
    if report.repeated and not all_warnings:
        count = len(report.repeated)
        print(
            f"{count} warning{'s' if count != 1 else ''} about rows unchanged since the last import "
            f"{'were' if count != 1 else 'was'} not listed again (--all-warnings lists them)",
            file=sys.stderr,
        )
    return EXIT_DATA if report.rejected else EXIT_OK


# --- MkDocs in a subprocess -----------------------------------------------------------------------


def _mkdocs(*args: str) -> list[str]:
    return [sys.executable, "-m", "mkdocs", *args]


def build_site(config_file: Path, site_dir: Path) -> int:
    """Build with MkDocs into a staging folder, then swap it in; a failed build changes nothing.

    MkDocs itself empties the site folder before it builds, so a build that fails half-way
    (a broken link under ``strict``, a theme error) would leave a broken site behind.
    """
    if site_dir.exists() and not site_dir.is_dir():
        raise UsageError(f"site folder '{site_dir}' is a file", "give a folder with -d")
    staging = site_dir.with_name(f".{site_dir.name}.building")
    retired = site_dir.with_name(f".{site_dir.name}.previous")
    for leftover in (staging, retired):
        shutil.rmtree(leftover, ignore_errors=True)
    command = _mkdocs("build", "--config-file", str(config_file), "--site-dir", str(staging.resolve()))
    build = subprocess.run(command, check=False, env={**os.environ, **QUIET_MKDOCS})
    if build.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        kept = f"; {site_dir} is unchanged" if site_dir.exists() else ""
        print(f"briefing: the build failed{kept}", file=sys.stderr)
        return EXIT_DATA
    if site_dir.exists():
        site_dir.rename(retired)
    staging.rename(site_dir)
    shutil.rmtree(retired, ignore_errors=True)
    print(f"built {site_dir}", file=sys.stderr)
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    config_file = _input_file(args.config_file, "config file")
    address = args.dev_addr
    if address is None:
        try:
            address = read_mkdocs_yml(config_file)[1].get("dev_addr") or serving.DEFAULT_ADDRESS
        except (OSError, yaml.YAMLError):
            address = serving.DEFAULT_ADDRESS  # MkDocs reports an unreadable file itself
    try:
        host, port = serving.parse_address(str(address))
    except serving.AddressError as exc:
        raise UsageError(str(exc), f"e.g. -a {serving.DEFAULT_ADDRESS}") from None
    if serving.address_in_use(host, port):
        raise UsageError(*serving.busy_message(host, port))
    # --dirty: MkDocs builds again only the pages the plugin says changed (it keeps that correct).
    command = _mkdocs("serve", "--dirty", "--config-file", str(config_file), "--dev-addr", str(address))
    server = subprocess.Popen(command, env={**os.environ, **QUIET_MKDOCS})

    def stop_server(signum: int, _frame: object) -> None:
        # A service manager's or a shell's `kill` stops this process only: the server would go on
        # holding the port. Pass the signal on; the server's exit then ends the wait below.
        server.send_signal(signum)

    forwarded = (signal.SIGTERM, signal.SIGHUP)
    previous = {signum: signal.signal(signum, stop_server) for signum in forwarded}
    try:
        code = server.wait()
        return 128 - code if code < 0 else code  # killed by a signal: the shell's convention
    except KeyboardInterrupt:
        # Ctrl+C in a terminal reaches the server too, which then shuts down; a SIGINT sent to
        # this process alone does not, so pass it on when the server is still up.
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.send_signal(signal.SIGINT)
            server.wait()
        return EXIT_OK
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())

"""The ``briefing`` command: check the data, render it to Markdown files, build the site safely.

A thin adapter over ``generator.pipeline`` for the shell and for other site engines; ``build``
runs MkDocs in a subprocess, so this module does not import MkDocs either. Exit
codes: 0 when the data is clean, 1 when it has errors (or warnings under ``--strict``), 2 on
a usage error. Problems go to standard error, one block each, with no traceback.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

import yaml

from generator.diagnostics import errors, format_all, warnings
from generator.emit.files import OutputConflict, write_atomic, write_pages
from generator.importers import IMPORTERS, NATIVE, ImportFailed, import_file
from generator.load.dataset import display_path
from generator.model.schema import schema_files
from generator.pipeline import Result, generate
from generator.settings import Settings, make_settings, read_mkdocs_yml

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing", description="Build briefing pages from YAML records.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--config-file",
        "-f",
        type=Path,
        default=Path("mkdocs.yml"),
        help="the site's settings, read when the file exists (default: mkdocs.yml)",
    )
    common.add_argument("--seeds", type=Path, help="data folder (default: the plugin's 'seeds', else seeds)")
    common.add_argument(
        "--templates", type=Path, help="template folder (default: the plugin's 'templates', else templates)"
    )
    common.add_argument("--docs", type=Path, help="hand-written pages (default: mkdocs.yml's docs_dir, else docs)")
    common.add_argument(
        "--briefings", help="briefings folder inside the docs (default: the plugin's 'briefings', else briefings)"
    )
    common.add_argument("--strict", action="store_true", help="treat warnings as errors")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("check", parents=[common], help="validate the data and report every problem")
    render = commands.add_parser("render", parents=[common], help="write the generated Markdown to a folder")
    render.add_argument("--out", type=Path, required=True, help="output folder")
    render.add_argument(
        "--allow-other-files",
        action="store_true",
        help="write into a folder that holds files this tool did not write (they are left alone)",
    )
    build = commands.add_parser(
        "build", help="run mkdocs build into a staging folder and replace the site only if it succeeds"
    )
    build.add_argument("--config-file", "-f", type=Path, default=Path("mkdocs.yml"), help="default: mkdocs.yml")
    build.add_argument("--site-dir", "-d", type=Path, default=Path("site"), help="default: site")
    importer = commands.add_parser(
        "import",
        help="import UCDP GED or ACLED events (CSV), or another briefing site's data.json, into the data folder",
    )
    importer.add_argument(
        "dataset",
        choices=sorted([*IMPORTERS, NATIVE]),
        help="the file's dataset: ucdp (UCDP GED CSV), acled (ACLED CSV) or briefing (a site's data/data.json)",
    )
    importer.add_argument("file", type=Path, help="the CSV or JSON file")
    importer.add_argument("--seeds", type=Path, default=Path("seeds"), help="data folder (default: seeds)")
    schema = commands.add_parser("schema", help="write the JSON Schema of each record kind, for editors")
    schema.add_argument("--out", type=Path, default=Path("schemas"), help="output folder (default: schemas)")
    return parser


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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    if args.command == "schema":
        files = schema_files()
        for name, text in files.items():
            write_atomic(args.out / name, text.encode("utf-8"))
        print(f"wrote {len(files)} schemas in {args.out}", file=sys.stderr)
        return EXIT_OK
    if args.command == "build":
        return build_site(args.config_file, args.site_dir)
    if args.command == "import":
        return import_data(args.dataset, args.file, args.seeds)
    settings = _settings(args)
    if settings is None:
        return EXIT_USAGE
    if not settings.seeds.is_dir():
        shown = display_path(settings.seeds, Path.cwd())
        print(f"briefing: error: data folder '{shown}' not found (set it with --seeds)", file=sys.stderr)
        return EXIT_USAGE
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
            problem = f"{args.out} holds files this tool did not write where it would write its own: {listed}"
            hint = "choose another output folder, or move those files away"
        else:
            problem = f"{args.out} holds files this tool did not write: {listed}"
            hint = "render into an empty folder, or pass --allow-other-files to leave them in place"
        print(f"briefing: error: {problem}\n  hint: {hint}", file=sys.stderr)
        return EXIT_USAGE
    print(
        f"wrote {len(report.written)}, unchanged {len(report.unchanged)}, removed {len(report.removed)} in {args.out}",
        file=sys.stderr,
    )
    return EXIT_OK


def _settings(args: argparse.Namespace) -> Settings | None:
    """The project's settings as the plugin would build them, with the flags given on top.

    Values from ``mkdocs.yml`` are relative to its folder, flags to the current folder.
    """
    plugin: dict[str, Any] = {}
    site: dict[str, Any] = {}
    base = Path.cwd()
    if args.config_file.is_file():
        try:
            plugin, site = read_mkdocs_yml(args.config_file)
        except (OSError, yaml.YAMLError) as exc:
            print(f"briefing: error: cannot read {args.config_file}: {exc}", file=sys.stderr)
            return None
        base = args.config_file.resolve().parent
    flags = {"seeds": args.seeds, "templates": args.templates, "briefings": args.briefings}
    plugin.update({key: str(value.resolve()) for key, value in flags.items() if isinstance(value, Path)})
    if args.briefings is not None:
        plugin["briefings"] = args.briefings
    if args.docs is not None:
        site["docs_dir"] = str(args.docs.resolve())
    return make_settings(base, plugin, site)


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


def import_data(dataset: str, file: Path, seeds: Path) -> int:
    """Import a UCDP GED or ACLED CSV file, or a site's data.json, into the data folder; print what was done.

    Exit code 1 when the file cannot be imported (nothing is written) or some rows were
    rejected (the others are written).
    """
    if not file.is_file():
        print(f"briefing: error: file '{file}' not found", file=sys.stderr)
        return EXIT_USAGE
    progress = _ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    try:
        report = import_file(dataset, file, seeds, Path.cwd(), progress)
    except ImportFailed as exc:
        hint = f"\n  hint: {exc.hint}" if exc.hint else ""
        print(f"briefing: error: {exc.message}{hint}\nNothing was written.", file=sys.stderr)
        return EXIT_DATA
    finally:
        if progress is not None:
            progress.close()
    for diagnostic in report.diagnostics():
        print(diagnostic.format(), file=sys.stderr)
    print(report.summary(), file=sys.stderr)
    return EXIT_DATA if report.rejected else EXIT_OK


def build_site(config_file: Path, site_dir: Path) -> int:
    """Build with MkDocs into a staging folder, then swap it in; a failed build changes nothing.

    MkDocs itself empties the site folder before it builds, so a build that fails half-way
    (a broken link under ``strict``, a theme error) would leave a broken site behind.
    """
    staging = site_dir.with_name(f".{site_dir.name}.building")
    retired = site_dir.with_name(f".{site_dir.name}.previous")
    for leftover in (staging, retired):
        shutil.rmtree(leftover, ignore_errors=True)
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--config-file",
            str(config_file),
            "--site-dir",
            str(staging.resolve()),
        ],
        check=False,
    )
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


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())

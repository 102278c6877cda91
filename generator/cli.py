"""The ``briefing`` command: check the data, or render it to Markdown files.

A thin adapter over ``generator.pipeline`` for the shell and for other site engines. Exit
codes: 0 when the data is clean, 1 when it has errors (or warnings under ``--strict``), 2 on
a usage error. Problems go to standard error, one block each, with no traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.diagnostics import errors, format_all, warnings
from generator.emit import OutputConflict, write_atomic, write_pages
from generator.pipeline import Result, generate, read_hand_written
from generator.schema import schema_files

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing", description="Build briefing pages from YAML records.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--seeds", type=Path, default=Path("seeds"), help="data folder (default: seeds)")
    common.add_argument(
        "--templates", type=Path, default=Path("templates"), help="template folder (default: templates)"
    )
    common.add_argument("--docs", type=Path, default=Path("docs"), help="hand-written pages (default: docs)")
    common.add_argument("--briefings", default="briefings", help="briefings folder inside --docs (default: briefings)")
    common.add_argument("--strict", action="store_true", help="treat warnings as errors")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("check", parents=[common], help="validate the data and report every problem")
    render = commands.add_parser("render", parents=[common], help="write the generated Markdown to a folder")
    render.add_argument("--out", type=Path, required=True, help="output folder")
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
    base = Path.cwd()
    if not args.seeds.is_dir():
        print(f"briefing: error: data folder '{args.seeds}' not found (set it with --seeds)", file=sys.stderr)
        return EXIT_USAGE
    briefings, hand_written = read_hand_written(args.docs, args.briefings)
    result = generate(
        args.seeds.resolve(),
        base=base,
        templates_dir=args.templates.resolve() if args.templates.is_dir() else None,
        briefings=briefings,
        docs_dir=args.docs.resolve(),
        hand_written=hand_written,
    )
    code = _report(result, args.strict, writes=args.command == "render")
    if code != EXIT_OK or args.command == "check":
        if code == EXIT_OK:
            print(f"ok: {len(result.pages)} pages from {args.seeds}", file=sys.stderr)
        return code
    try:
        report = write_pages(args.out, result.pages)
    except OutputConflict as exc:
        print(
            f"briefing: error: {args.out} already holds files this tool did not write: {', '.join(exc.paths[:5])}"
            + (f" and {len(exc.paths) - 5} more" if len(exc.paths) > 5 else "")
            + "\n  hint: choose an empty output folder, or move those files away",
            file=sys.stderr,
        )
        return EXIT_USAGE
    print(
        f"wrote {len(report.written)}, unchanged {len(report.unchanged)}, removed {len(report.removed)} in {args.out}",
        file=sys.stderr,
    )
    return EXIT_OK


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())

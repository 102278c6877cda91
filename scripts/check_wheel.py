"""Build the wheel, install it outside the repository and follow the README's recipe with it.

``python3 scripts/check_wheel.py [--keep DIR]``

What a new user meets, checked from the package as published rather than from a checkout:

1. ``pip wheel`` builds the wheel from the repository; every built-in template, static file
   (with the vendored libraries and their licences) and starter file must be in it.
2. The recipe of the README's "Using your own data" section runs as written, in an empty
   folder outside the repository: a fresh virtual environment, ``pip install`` (of the wheel
   just built, in place of the repository's path), ``briefing new``, ``briefing import ucdp``
   (of the UCDP sample in ``tests/fixtures/imports/``, in place of the README's file name) and
   ``briefing serve`` (on a free port, until the home page answers).
3. In the new project: ``briefing check --strict``, ``mkdocs build --strict`` and ``briefing build``.

Every command is printed before it runs, with its output indented under it: this is the log CI
shows. Nothing from the repository is on the Python path of the commands (``PYTHONPATH`` is
dropped), so they can only use what the wheel installed. Exit code 0 when every step passed.
Needs the package index (or pip's cache) for the wheel's dependencies.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
SAMPLE = REPO / "tests" / "fixtures" / "imports" / "ucdp-ged-syria-sample.csv"
RECIPE_SECTION = "## Using your own data"
PACKAGE_DATA = {
    "templates": REPO / "generator" / "render" / "templates",
    "static files": REPO / "generator" / "render" / "static",
    "orientation layers": REPO / "generator" / "render" / "basemap",
    "starter files": REPO / "generator" / "scaffold" / "project",
}
"""Folders of package data: each of their files must be in the wheel."""


_MACHINE_NOTICE = re.compile(r"^WARNING: Location '.*' is ignored: it is neither a file nor a directory\.$")
"""pip's notice for each package when its configuration names a local index folder that is missing."""


class CheckFailed(Exception):
    """A step did not do what it should."""


def recipe(readme: str) -> list[str]:
    """The commands of the first ``sh`` block of the README's "Using your own data" section.

    Comments are dropped; ``a && b`` gives two commands.
    """
    section = readme[readme.index(RECIPE_SECTION) :]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    if block is None:
        raise CheckFailed(f"README.md: no ```sh block under '{RECIPE_SECTION}'")
    commands = []
    for line in block.group(1).splitlines():
        code = line.split(" #", 1)[0].strip()
        commands += [part.strip() for part in code.split("&&") if part.strip()]
    return commands


class Session:
    """Runs commands as a user would in a shell: a current folder, an activated environment."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.cwd = root
        self.env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
        self.env["COLUMNS"] = "100"

    def run(self, shown: str, argv: Sequence[str], *, timeout: float = 900) -> str:
        """Run ``argv``, printed as ``shown``; its output, indented. Fails the check on a non-zero exit."""
        print(f"$ {shown}", flush=True)
        result = subprocess.run(
            list(argv), cwd=self.cwd, env=self.env, capture_output=True, text=True, timeout=timeout, check=False
        )
        output = (result.stdout + result.stderr).rstrip()
        lines = [line for line in output.splitlines() if not _MACHINE_NOTICE.search(line)]
        if len(lines) < len(output.splitlines()):
            lines.append(
                f"({len(output.splitlines()) - len(lines)} notices of pip about this machine's index settings left out)"
            )
        if lines:
            print("\n".join("    " + line for line in lines), flush=True)
        if result.returncode != 0:
            raise CheckFailed(f"'{shown}' exited with {result.returncode}")
        return output


def check_wheel_contents(wheel: Path) -> None:
    """Every file of the package data folders must be in the wheel."""
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for what, folder in PACKAGE_DATA.items():
        files = [p for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts]
        missing = [p.relative_to(REPO).as_posix() for p in files if p.relative_to(REPO).as_posix() not in names]
        if missing:
            raise CheckFailed(f"the wheel lacks {len(missing)} {what}: {', '.join(missing[:5])}")
        print(f"    the wheel holds all {len(files)} {what} of {folder.relative_to(REPO).as_posix()}/")
    vendored = sorted(
        {n.split("/")[4] for n in names if n.startswith("generator/render/static/vendor/") and n.count("/") > 4}
    )
    licences = [n for n in names if n.startswith("generator/render/static/vendor/") and n.endswith("/LICENSE")]
    print(f"    vendored: {', '.join(vendored)} ({len(licences)} licence files)")


def free_port() -> int:
    """A port on the loopback address that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve_until_it_answers(session: Session, briefing: Path, shown: str) -> None:
    """``briefing serve`` on a free port until its home page answers, then Ctrl+C, as a user would."""
    address = f"127.0.0.1:{free_port()}"
    print(f"$ {shown} -a {address}   (stopped once http://{address}/ answers)", flush=True)
    log = session.root / "serve.log"
    with log.open("w", encoding="utf-8") as handle:
        # in a session of its own, so that Ctrl+C can reach the whole group as a terminal's does
        server = subprocess.Popen(
            [str(briefing), "serve", "-a", address],
            cwd=session.cwd,
            env=session.env,
            stdout=handle,
            stderr=handle,
            start_new_session=True,
        )
        try:
            page = ""
            deadline = time.monotonic() + 300
            while time.monotonic() < deadline and server.poll() is None:
                try:
                    with urllib.request.urlopen(f"http://{address}/", timeout=10) as response:
                        page = response.read().decode("utf-8")
                    break
                except OSError:
                    time.sleep(1)
        finally:
            os.killpg(server.pid, signal.SIGINT)  # Ctrl+C
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    text = log.read_text(encoding="utf-8").rstrip()
    print("\n".join("    " + line for line in text.splitlines()), flush=True)
    if "ucdp-" not in page:
        raise CheckFailed("the served home page does not list the imported incidents")
    print(f"    the home page answered ({len(page):,} bytes) and lists the imported incidents", flush=True)
    if "end of life" in text:
        raise CheckFailed("briefing serve printed mkdocs-material's end-of-life notice")


def follow_recipe(session: Session, wheel: Path) -> Path:
    """Run the README's recipe with the wheel and the UCDP sample; returns the project folder."""
    env_dir: Path | None = None
    for command in recipe(README.read_text(encoding="utf-8")):
        words = shlex.split(command)
        if words[:3] == ["python3", "-m", "venv"]:
            env_dir = session.root / "env"
            session.run(f"{command}   (into {env_dir})", [sys.executable, "-m", "venv", str(env_dir)])
        elif words[0] == "source" and env_dir is not None:
            print(f"$ {command}   (its bin/ first on PATH)", flush=True)
            session.env["PATH"] = f"{env_dir / 'bin'}{os.pathsep}{session.env.get('PATH', '')}"
            session.env["VIRTUAL_ENV"] = str(env_dir)
        elif words[:2] == ["pip", "install"] and env_dir is not None:
            pip = [str(env_dir / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
            session.run(f"{command}   (the wheel: {wheel.name})", [*pip, str(wheel)])
            where = session.run(
                "python -c 'import generator; print(generator.__file__)'",
                [str(env_dir / "bin" / "python"), "-c", "import generator; print(generator.__file__)"],
            )
            if not where.startswith(str(env_dir)):
                raise CheckFailed(f"generator is imported from {where}, not from the environment")
        elif words[0] == "cd":
            print(f"$ {command}", flush=True)
            session.cwd = session.cwd / words[1]
        elif words[:2] == ["briefing", "serve"] and env_dir is not None:
            serve_until_it_answers(session, env_dir / "bin" / "briefing", command)
        elif words[:2] == ["briefing", "import"] and env_dir is not None:
            argv = [*words[:3], str(SAMPLE), *words[4:]]
            session.run(
                f"{command}   (the file: {SAMPLE.relative_to(REPO)})", [str(env_dir / "bin" / argv[0]), *argv[1:]]
            )
        elif words[0] == "briefing" and env_dir is not None:
            session.run(command, [str(env_dir / "bin" / "briefing"), *words[1:]])
        else:
            raise CheckFailed(f"README.md: the recipe has a step this check does not know: {command}")
    if env_dir is None:
        raise CheckFailed("README.md: the recipe makes no environment")
    return session.cwd


def grade_imported_sources(project: Path) -> None:
    """Grade the sources the import created, as the README asks before a strict build.

    Imported sources start "not yet graded", a warning that stops strict builds until an analyst
    gives each a reliability; this check gives them all C (fairly reliable).
    """
    graded = 0
    for file in sorted((project / "seeds" / "sources").glob("*.yaml")):
        text = file.read_text(encoding="utf-8")
        if not re.search(r"^reliability:", text, re.MULTILINE):
            file.write_text(text.rstrip("\n") + "\nreliability: C\n", encoding="utf-8")
            graded += 1
    print(f"    graded the {graded} sources the import left ungraded (reliability: C)", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the three steps; returns the exit code (0 passed, 1 a step failed, 2 a bad folder)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="work in this (new) folder and keep it, instead of a temporary one")
    args = parser.parse_args(argv)
    root = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="briefing-wheel-"))
    root.mkdir(parents=True, exist_ok=True)
    if root.is_relative_to(REPO):
        print(f"check_wheel: {root} is inside the repository; choose a folder outside it", file=sys.stderr)
        return 2
    session = Session(root)
    try:
        print(f"== 1. the wheel, built from {REPO}", flush=True)
        dist = root / "dist"
        session.run(
            "pip wheel --no-deps -w DIST .",
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dist), str(REPO)],
        )
        wheel = next(dist.glob("*.whl"))
        print(f"    {wheel.name}, {wheel.stat().st_size:,} bytes", flush=True)
        check_wheel_contents(wheel)

        print(f"== 2. the README's recipe, in an empty folder outside the repository: {root}", flush=True)
        session.cwd = root / "work"
        session.cwd.mkdir()
        project = follow_recipe(session, wheel)

        print(f"== 3. the new project builds: {project}", flush=True)
        bin_dir = root / "env" / "bin"
        grade_imported_sources(project)
        session.run("briefing check --strict", [str(bin_dir / "briefing"), "check", "--strict"])
        session.env["NO_MKDOCS_2_WARNING"] = "1"  # plain mkdocs: Material's notice, as the README says
        session.run("mkdocs build --strict", [str(bin_dir / "mkdocs"), "build", "--strict"])
        del session.env["NO_MKDOCS_2_WARNING"]
        built = session.run("briefing build", [str(bin_dir / "briefing"), "build"])
        if "end of life" in built:
            raise CheckFailed("briefing build printed mkdocs-material's end-of-life notice")
        pages = sorted((project / "site" / "incidents").glob("*/index.html"))
        print(f"    site/: {len(pages)} incident pages, e.g. {pages[0].relative_to(project)}", flush=True)
        if len(pages) < 193:  # the sample's 192 and the starter's example
            raise CheckFailed(f"the site has {len(pages)} incident pages, expected 193")
    except (CheckFailed, StopIteration, subprocess.TimeoutExpired) as exc:
        print(f"check_wheel: FAILED: {exc}", file=sys.stderr, flush=True)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    print("check_wheel: passed: the wheel installs and builds a new project outside the repository", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

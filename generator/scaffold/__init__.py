"""``briefing new``: a ready-to-build project in a new folder, the way ``mkdocs new`` makes one.

Outside the pipeline: it writes the files a project starts with, which the pipeline then reads
like any other. They live in ``generator/scaffold/project/`` as package data, read through
``importlib.resources`` so an installed wheel has them; a name starting with ``dot-`` is written
with a dot (``dot-gitignore`` becomes ``.gitignore``), since dotfiles are easily lost in packaging.
The JSON Schemas come from :func:`generator.model.schema.schema_files`, as ``briefing schema``
writes them, so the first line of each starter record points at a schema the project has.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from generator import __version__
from generator.emit.files import write_atomic
from generator.model.schema import schema_files

STARTER: Traversable = files("generator.scaffold") / "project"
"""The starter files, as package data."""

SCHEMAS = "schemas"
"""The folder of a new project that holds the JSON Schemas (the records' first lines point there)."""


class ProjectNotEmpty(Exception):
    """The target folder already holds something; nothing was written.

    Attributes:
        first: The first entry found in it, by name.
    """

    def __init__(self, first: str) -> None:
        super().__init__(first)
        self.first = first


def site_name(folder: Path) -> str:
    """A site name from a folder's name: ``my-briefing`` gives ``My briefing``."""
    words = folder.resolve().name.replace("-", " ").replace("_", " ").split()
    text = " ".join(words) or "Briefing"
    return text[0].upper() + text[1:]


def project_files(name: str) -> dict[str, bytes]:
    """Every file of a new project by its path in the project: the starter files and the schemas.

    Args:
        name: The site's name, written into ``mkdocs.yml`` and the project's README.
    """
    tokens = {
        "__SITE_NAME__": json.dumps(name, ensure_ascii=False),  # a JSON string is a YAML string
        "__TITLE__": name,
        "__VERSION__": __version__,
    }
    found: dict[str, bytes] = {}
    for path, item in _walk(STARTER, ()):
        text = item.read_text(encoding="utf-8")
        for token, value in tokens.items():
            text = text.replace(token, value)
        found["/".join("." + part[4:] if part.startswith("dot-") else part for part in path)] = text.encode("utf-8")
    for schema, text in schema_files().items():
        found[f"{SCHEMAS}/{schema}"] = text.encode("utf-8")
    return dict(sorted(found.items()))


def _walk(folder: Traversable, parents: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Traversable]]:
    for item in folder.iterdir():
        if item.is_dir():
            yield from _walk(item, (*parents, item.name))
        elif item.is_file():
            yield (*parents, item.name), item


def create_project(target: Path) -> list[str]:
    """Write a new project into ``target``, which must be missing or empty.

    Returns:
        The paths written, relative to ``target``, sorted.

    Raises:
        ProjectNotEmpty: ``target`` holds files or folders; nothing was written.
    """
    if target.is_dir():
        present = sorted(entry.name for entry in target.iterdir())
        if present:
            raise ProjectNotEmpty(present[0])
    written = project_files(site_name(target))
    for relative, data in written.items():
        write_atomic(target / relative, data)
    return list(written)

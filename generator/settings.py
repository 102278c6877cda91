"""Everything a run needs besides the data, as one value that the plugin and the CLI build alike.

The MkDocs plugin reads its options and MkDocs' own settings from the loaded configuration; the
command line reads the same keys from ``mkdocs.yml`` when there is one, and lets flags override
them. Both hand those values to :func:`make_settings`, so that ``briefing render`` and
``mkdocs build`` make the same pages from the same project: the defaults, the resolution of
relative paths and the meaning of every key live here once.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

PLUGIN_NAME = "briefing"
"""The plugin's name under ``plugins:`` in ``mkdocs.yml`` (its entry point)."""

PLUGIN_DEFAULTS: dict[str, str] = {
    "seeds": "seeds",
    "templates": "templates",
    "briefings": "briefings",
    "acled_inter": "labels",
    "id_namespace": "",
    "tlp": "",
    "licence": "",
}
"""The plugin's options and their defaults: the data folder and the project's template folder
(relative to ``mkdocs.yml``), the briefings folder (relative to the docs folder); how the ACLED
export writes actor types of records made by hand (``labels`` or ``numeric``); the namespace of
the site's STIX and Atom ids (default: ``site_url``, else ``site_name``); and the TLP level
(``white``, ``green``, ``amber``, ``red``) and licence statement marked on the STIX bundle."""

TLP_LEVELS = ("white", "green", "amber", "red")
"""The TLP levels STIX 2.1 defines marking definitions for."""

COARSEN_OPTION = "coarsen"
"""The plugin's option that coarsens coordinates for a public build (see :class:`Coarsening`)::

    plugins:
      - briefing:
          coarsen:
            precision: 0.1     # degrees: every coordinate is rounded to a multiple of this; or
            to: parent         # a record's own point gives way to its enclosing place's
            tagged: sensitive  # only incidents with this tag, and their places; leave out for all
"""

SITE_DEFAULTS: dict[str, Any] = {
    "docs_dir": "docs",
    "use_directory_urls": True,
    "site_name": None,
    "site_description": None,
    "site_url": None,
    "dev_addr": "127.0.0.1:8000",
}
"""The MkDocs settings a run reads, with MkDocs' own defaults (``dev_addr``: where ``briefing
serve`` checks that the port is free)."""


class SettingsError(ValueError):
    """A setting that cannot be used, with what to do about it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Coarsening:
    """How coordinates are coarsened for a public build.

    Attributes:
        precision: Round every latitude and longitude to a multiple of this many degrees (0.1 is
            about 11 km), or None.
        to_parent: Drop a record's own point so that it is drawn at its enclosing place's: an
            incident at its place's point, a place at its parent's (the nearest with coordinates).
        tagged: Coarsen only incidents with this tag, and the places they happen at; None for
            every record.
    """

    precision: float | None = None
    to_parent: bool = False
    tagged: str | None = None

    @property
    def decimals(self) -> int:
        """How many decimals a coarsened coordinate needs: 1 for 0.1 or 0.5, 0 for 1, 2 for 0.25."""
        if self.precision is None:
            return 6
        text = f"{self.precision:.10f}".rstrip("0")
        return len(text.split(".")[1]) if "." in text else 0

    def describe(self) -> str:
        """What a page says of coarsened coordinates: "rounded to 0.1°", "shown at the enclosing place"."""
        said = []
        if self.to_parent:
            said.append("shown at the enclosing place")
        if self.precision is not None:
            said.append(f"rounded to {self.precision:g}°")
        return " and ".join(said)


def _coarsening(value: Any) -> Coarsening | None:
    """Read the plugin's ``coarsen`` option; raise :class:`SettingsError` for a value it cannot use."""
    if value is None:
        return None
    where = f"plugins: {PLUGIN_NAME}: {COARSEN_OPTION}"
    example = "e.g. coarsen: {precision: 0.1} or coarsen: {to: parent, tagged: sensitive}"
    if not isinstance(value, Mapping):
        raise SettingsError(f"{where} should be a mapping", example)
    unknown = sorted(set(value) - {"precision", "to", "tagged"})
    if unknown:
        raise SettingsError(f"{where} has an unknown key '{unknown[0]}'", "its keys are precision, to and tagged")
    precision = value.get("precision")
    if precision is not None and (
        isinstance(precision, bool) or not isinstance(precision, int | float) or not 0 < precision <= 10
    ):
        raise SettingsError(
            f"{where}: precision should be a number of degrees above 0 and at most 10, not {precision!r}",
            "0.1 rounds to about 11 km, 0.01 to about 1 km, 1 to about 110 km",
        )
    to = value.get("to")
    if to not in (None, "parent"):
        raise SettingsError(f"{where}: 'to' can only be 'parent', not {to!r}", "or leave it out and set a precision")
    tagged = value.get("tagged")
    if tagged is not None and (not isinstance(tagged, str) or not tagged):
        raise SettingsError(f"{where}: 'tagged' should be a tag, e.g. sensitive", "or leave it out for every record")
    if precision is None and to is None:
        raise SettingsError(f"{where} sets neither a precision nor 'to: parent'", example)
    return Coarsening(float(precision) if precision is not None else None, to == "parent", tagged)


@dataclass(frozen=True)
class Settings:
    """Where a project's parts are and how its site is addressed.

    Attributes:
        base: The project folder (the one holding ``mkdocs.yml``); paths in messages are
            relative to it.
        seeds: The data folder.
        templates: The project's own template folder, when it exists.
        docs: The hand-written pages.
        briefings: The briefings folder inside ``docs``, as a docs-relative path.
        directory_urls: MkDocs' ``use_directory_urls``: whether ``a/b.md`` is served as ``a/b/``.
        site_name: The site's name (the Atom feed's title, the home page's heading).
        site_description: What the site is about, said under the home page's heading.
        site_url: The site's address, which makes links in the exports absolute.
        acled_inter: ``labels`` or ``numeric``: the ACLED export's actor types for hand-made records.
        id_namespace: The namespace of the STIX and Atom ids, when set (see :attr:`namespace`).
        tlp: The TLP level marked on every STIX object, or empty.
        licence: A licence statement marked on every STIX object, or empty.
        coarsen: How coordinates are coarsened for a public build, or None to keep them.
    """

    base: Path
    seeds: Path
    templates: Path | None
    docs: Path
    briefings: str = PLUGIN_DEFAULTS["briefings"]
    directory_urls: bool = True
    site_name: str | None = None
    site_description: str | None = None
    site_url: str | None = None
    acled_inter: str = PLUGIN_DEFAULTS["acled_inter"]
    id_namespace: str = ""
    tlp: str = ""
    licence: str = ""

    @property
    def namespace(self) -> str:
        """What makes this site's STIX and Atom ids its own: the ``id_namespace`` option, else
        ``site_url``, else ``site_name``; empty when none is set."""
        return self.id_namespace or self.site_url or self.site_name or ""

    coarsen: Coarsening | None = None


def make_settings(
    base: Path, plugin: Mapping[str, Any] | None = None, site: Mapping[str, Any] | None = None
) -> Settings:
    """Build the settings of a project.

    Args:
        base: The project folder; relative paths are resolved against it.
        plugin: The plugin's options (:data:`PLUGIN_DEFAULTS` fills what is missing or None).
        site: MkDocs' settings (:data:`SITE_DEFAULTS` fills what is missing or None).

    Raises:
        SettingsError: An option has a value that cannot be used (e.g. ``coarsen``).
    """
    options = {**PLUGIN_DEFAULTS, **{k: v for k, v in (plugin or {}).items() if v is not None}}
    values = {**SITE_DEFAULTS, **{k: v for k, v in (site or {}).items() if v is not None}}
    base = base.resolve()
    templates = (base / str(options["templates"])).resolve()
    return Settings(
        base=base,
        seeds=(base / str(options["seeds"])).resolve(),
        templates=templates if templates.is_dir() else None,
        docs=(base / str(values["docs_dir"])).resolve(),
        briefings=str(options["briefings"]).strip("/"),
        directory_urls=bool(values["use_directory_urls"]),
        site_name=values["site_name"] or None,
        site_description=values["site_description"] or None,
        site_url=values["site_url"] or None,
        acled_inter=str(options["acled_inter"]),
        id_namespace=str(options["id_namespace"]),
        tlp=str(options["tlp"]).lower(),
        licence=str(options["licence"]),
        coarsen=_coarsening((plugin or {}).get(COARSEN_OPTION)),
    )


def read_mkdocs_yml(config_file: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """The plugin's options and MkDocs' settings as written in a ``mkdocs.yml``.

    Read without MkDocs: tags that construct Python objects (``!!python/name:``, common in
    ``markdown_extensions``) are read as nothing, and ``!ENV`` takes the first environment
    variable that is set, else its default, as MkDocs does.

    Returns:
        ``(plugin options, site settings)``; the plugin's options are empty when the file does
        not list the plugin.

    Raises:
        OSError: The file cannot be read.
        yaml.YAMLError: The file is not YAML.
    """
    data = yaml.load(config_file.read_text(encoding="utf-8-sig"), Loader=_LenientLoader) or {}
    if not isinstance(data, dict):
        return {}, {}
    site = {key: data[key] for key in SITE_DEFAULTS if key in data}
    plugin: dict[str, Any] = {}
    for entry in data.get("plugins") or []:
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            plugin = dict(entry[PLUGIN_NAME] or {})
    if isinstance(data.get("plugins"), dict):  # the mapping form of the plugins list
        plugin = dict(data["plugins"].get(PLUGIN_NAME) or {})
    return plugin, site


class _LenientLoader(yaml.CSafeLoader):
    """A safe loader that reads unknown tags as nothing instead of failing."""


def _env(loader: yaml.Loader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else []
        names, default = items[:-1], (items[-1] if items else None)
    for name in names:
        if str(name) in os.environ:
            return yaml.safe_load(os.environ[str(name)])
    return default


_LenientLoader.add_constructor("!ENV", _env)
_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)

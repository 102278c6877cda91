"""The MkDocs plugin: generated pages join the build in memory.

The only module that imports MkDocs. ``on_pre_build`` runs the pipeline (before MkDocs cleans the
site folder, so bad data leaves the last good site in place) and ``on_files`` adds each page with
``File.generated`` (never writing into ``docs/``, which would make ``mkdocs serve`` rebuild in a
loop); errors in the data stop the build with a ``PluginError`` that lists them all, warnings go
to the plugin logger so ``mkdocs build --strict`` fails on them. ``on_serve`` watches the data
and template folders so editing a YAML file rebuilds the site.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.diagnostics import errors, format_all, warnings
from generator.pipeline import generate
from generator.render import credits
from generator.render.assets import Asset, static_assets, stylesheets
from generator.render.pages import Page
from generator.settings import PLUGIN_DEFAULTS, SITE_DEFAULTS, Settings, make_settings

log = get_plugin_logger("briefing")
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
COPYRIGHT = '<div class="md-copyright">'


class BriefingConfig(Config):
    """Options under ``plugins: - briefing:`` in ``mkdocs.yml``; paths relative to that file.

    Their meaning and defaults are :data:`generator.settings.PLUGIN_DEFAULTS`.
    """

    seeds = c.Type(str, default=PLUGIN_DEFAULTS["seeds"])
    templates = c.Type(str, default=PLUGIN_DEFAULTS["templates"])
    briefings = c.Type(str, default=PLUGIN_DEFAULTS["briefings"])


class BriefingPlugin(BasePlugin[BriefingConfig]):
    """Adds the incident, actor, place and source pages and their index pages to the site."""

    def __init__(self) -> None:
        self.pages: list[Page] = []
        self.assets: list[Asset] = []
        self.credits = ""

    def _settings(self, config: MkDocsConfig) -> Settings:
        base = Path(config.config_file_path or ".").resolve().parent
        return make_settings(base, dict(self.config), {key: config[key] for key in SITE_DEFAULTS})

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Add the plugin's stylesheets to the site."""
        config.extra_css.extend(stylesheets(static_assets()))
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Generate every page from the data, before MkDocs cleans the site folder.

        Running here rather than in ``on_files`` means bad data stops the build while the
        previous site is still intact.
        """
        result = generate(self._settings(config))
        for warning in warnings(result.diagnostics):
            log.warning(warning.format(severity=False))
        found = errors(result.diagnostics)
        if found:
            count = len(found)
            raise PluginError(
                f"{format_all(found)}\n{count} error{'s' if count != 1 else ''} in the data; nothing was built."
            )
        self.pages = result.pages
        self.assets = result.assets
        self.credits = credits.footer_html(result.index) if result.index is not None else ""

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Add the generated pages to the build, in memory."""
        for page in self.pages:
            inclusion = InclusionLevel.INCLUDED if page.listed else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, page.uri, content=page.markdown, inclusion=inclusion)
            if page.origin is not None:
                # "Edit this page" opens the record's YAML, not a Markdown file that does not exist.
                file.edit_uri = Path(os.path.relpath(page.origin, config.docs_dir)).as_posix()
            files.append(file)
        for asset in self.assets:
            files.append(File.generated(config, asset.uri, content=asset.data))
        log.info(f"generated {len(self.pages)} pages")
        return files

    def on_post_page(self, output: str, /, *, page: Any, config: MkDocsConfig) -> str:
        """Name the theme's search dialog, which it leaves unnamed (an accessibility error), and
        put the data credits in the footer (a CC BY dataset asks for them wherever its data shows)."""
        output = output.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search">', 1)
        return output.replace(COPYRIGHT, COPYRIGHT + self.credits, 1)

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when a data file or a template changes."""
        settings = self._settings(config)
        for path in (settings.seeds, settings.templates):
            if path is not None and path.exists():
                server.watch(str(path))
        return server

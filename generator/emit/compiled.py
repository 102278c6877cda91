"""The theme's compiled templates, kept between the preview's rebuilds.

MkDocs makes a new Jinja environment for every build, so under ``mkdocs serve`` every save
compiled the theme's templates again (``main.html``, ``base.html`` and its partials, the tags
listing's fragments): about 40 templates and a quarter of a second at every save. A
:class:`KeptTemplates` given to each new environment as its ``bytecode_cache`` hands back the
code compiled by the build before. Jinja checks each template's source against the checksum it
was compiled from, so an edited template is compiled again; the environment's options, which
the compiled code depends on too, are compared as a whole, and any difference drops every kept
template.
"""

from __future__ import annotations

from types import CodeType
from typing import Any

import jinja2
from jinja2.bccache import Bucket


def _options(env: jinja2.Environment) -> tuple[Any, ...] | None:
    """What the code Jinja compiles depends on besides the source; ``None`` when that cannot be
    compared (autoescaping decided by a function, which may answer differently)."""
    if not isinstance(env.autoescape, bool):
        return None
    return (
        tuple(sorted(env.extensions)),
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        env.optimized,
        env.is_async,
        env.autoescape,
    )


class KeptTemplates(jinja2.BytecodeCache):
    """Compiled templates in memory, by template and source checksum (see the module's description)."""

    def __init__(self) -> None:
        self._code: dict[str, tuple[str, CodeType]] = {}
        self._options: tuple[Any, ...] | None = None

    def give(self, env: jinja2.Environment) -> None:
        """Let ``env`` use the templates compiled for the environments before it (none when its
        options differ from theirs, or cannot be compared). Call before it loads a template."""
        options = _options(env)
        if options is None:
            self._code.clear()
            self._options = None
            return
        if options != self._options:
            self._code.clear()
            self._options = options
        env.bytecode_cache = self

    def load_bytecode(self, bucket: Bucket) -> None:
        kept = self._code.get(bucket.key)
        if kept is not None and kept[0] == bucket.checksum:
            bucket.code = kept[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            self._code[bucket.key] = (bucket.checksum, bucket.code)

    def __len__(self) -> int:
        return len(self._code)

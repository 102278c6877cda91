"""Load one YAML data file safely; find the line and column of any value when a message needs it.

The first stage of the pipeline. PyYAML's C composer (``CSafeLoader``) parses the text into a
node tree, which this module turns into plain Python values itself: it rejects duplicate keys
(PyYAML silently keeps the last one), refuses tags that would construct objects and refuses
aliases (which also defuses "billion laughs" alias bombs). Dates are kept as text: the model
parses them with precision and gives better messages.

Two walks share that work. The quick one (:class:`_Quick`) builds the values and nothing else;
it runs on every file, and it is only allowed to take files without anchors, aliases, tags or
merge keys (the text has no ``&``, ``*``, ``!`` or ``<<``) and it gives up at the first
duplicate key or key that is not plain text. A file it gives up on, and a file that holds one
of those characters, is walked by the careful one (:class:`_Builder`), which records where
every value was written and gives the exact message. Positions of a file that loaded cleanly
are only needed when a later stage reports something about it (an unknown reference, a
misspelt field): :class:`YamlDocument` keeps the text and walks it carefully then, once.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from typing import Any, cast

import yaml

from generator.diagnostics import Diagnostic, Loc, Severity

MAX_FILE_BYTES = 1024 * 1024
"""Largest data file accepted, in bytes. One record is a few kilobytes; more is a mistake."""

_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAP = "tag:yaml.org,2002:map"
_MAY_NEED_CARE = re.compile(r"[&*!]|<<")
"""Text that may hold an anchor, an alias, a tag or a merge key: such a file is walked carefully."""
_SEQ = "tag:yaml.org,2002:seq"


@dataclass
class YamlDocument:
    """A parsed data file: its value and where each part of it was written.

    Attributes:
        path: Path relative to the project root, as shown in messages.
        value: The plain Python value (dicts, lists, str, int, float, bool, None).
        text: The file's text, from which positions are found when first asked for (``None``
            when the positions were recorded while parsing, or the value was not parsed).
    """

    path: str
    value: Any
    text: str | None = field(default=None, repr=False, compare=False)
    _positions: dict[Loc, tuple[int, int]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _key_positions: dict[Loc, tuple[int, int]] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def positions(self) -> dict[Loc, tuple[int, int]]:
        """1-based ``(line, col)`` of each value, by location."""
        self._locate()
        return self._positions

    @property
    def key_positions(self) -> dict[Loc, tuple[int, int]]:
        """1-based ``(line, col)`` of each mapping key, by the location it names."""
        self._locate()
        return self._key_positions

    def _locate(self) -> None:
        """Walk the text carefully, recording positions, the first time they are needed."""
        if self.text is None:
            return
        text, self.text = self.text, None
        root = yaml.compose(text, Loader=yaml.CSafeLoader)
        if root is not None:
            with contextlib.suppress(_Refused):  # not after a quick walk, which would have given up
                _Builder(self).value(root, ())

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Return the position of ``loc``, or of its nearest enclosing value that has one."""
        positions = self.positions
        table = self.key_positions if key else positions
        if loc in table:
            return table[loc]
        while loc:
            loc = loc[:-1]
            if loc in positions:
                return positions[loc]
        return positions.get((), (1, 1))

    def diagnostic(
        self, loc: Loc, message: str, hint: str = "", *, key: bool = False, severity: Severity = Severity.ERROR
    ) -> Diagnostic:
        """Build an error (or a warning) located at ``loc`` in this document."""
        line, col = self.position(loc, key=key)
        return Diagnostic(self.path, line, col, message, hint, severity)


class _Refused(Exception):
    """A construct this loader does not accept, found at a node."""

    def __init__(self, node: yaml.Node, message: str, hint: str) -> None:
        super().__init__(message)
        self.node = node
        self.message = message
        self.hint = hint


def decode(data: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """Decode file bytes as UTF-8 (a byte-order mark is accepted and dropped).

    Returns:
        The text, or ``None`` with a diagnostic naming the line and byte offset of the bad byte.
    """
    if len(data) > MAX_FILE_BYTES:
        return None, [
            Diagnostic(
                path,
                0,
                0,
                f"file is {len(data):,} bytes, over the limit of {MAX_FILE_BYTES:,}",
                "a record is a few kilobytes; split the file or move long text elsewhere",
            )
        ]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Diagnostic(
                path,
                line,
                col,
                f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                "save the file as UTF-8 in your editor",
            )
        ]


def parse(text: str, path: str) -> tuple[YamlDocument | None, list[Diagnostic]]:
    """Parse YAML text into a :class:`YamlDocument`.

    Args:
        text: The decoded file content.
        path: Path shown in messages.

    Returns:
        The document, or ``None`` and the diagnostics that explain why there is none.
    """
    if "*" in text:
        alias = _first_alias(text, path)
        if alias is not None:
            return None, [alias]
    try:
        root = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_error(exc, text, path)]
    except yaml.YAMLError as exc:  # errors without a position, e.g. a reader error
        return None, [Diagnostic(path, 0, 0, f"YAML error: {exc}", "")]
    if root is None:
        return YamlDocument(path, None), []
    if not _MAY_NEED_CARE.search(text):
        try:
            return YamlDocument(path, _Quick().value(root), text), []
        except _GiveUp:
            pass  # a duplicate key or a key that is not text: the careful walk says where
    doc = YamlDocument(path, None)
    try:
        doc.value = _Builder(doc).value(root, ())
    except _Refused as exc:
        mark = exc.node.start_mark
        return None, [Diagnostic(path, mark.line + 1, mark.column + 1, exc.message, exc.hint)]
    return doc, []


def _first_alias(text: str, path: str) -> Diagnostic | None:
    """Find the first alias by its own position (the composed tree only knows the anchor's)."""
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
                mark = event.start_mark
                return Diagnostic(
                    path,
                    mark.line + 1,
                    mark.column + 1,
                    "YAML aliases (*name) are not supported",
                    "write the value out in full",
                )
    except yaml.YAMLError:
        return None  # the composer reports the syntax error with its position
    return None


_COLON_IN_VALUE = "mapping values are not allowed"
"""How both YAML loaders begin the error of a plain value holding ``': '`` (``title: Update: ...``)."""
_KEY_AND_VALUE = re.compile(r"^(\s*(?:-\s+)?[^\s:#'\"][^:#]*?):\s+(.+?)\s*$")


def _quote_hint(text: str, line: int) -> str:
    """Show the line's value quoted, when the line is ``key: value``; else say what to do."""
    lines = text.splitlines()
    found = _KEY_AND_VALUE.match(lines[line]) if 0 <= line < len(lines) else None
    if found is None:
        return 'a value that holds ": " must be in quotes, e.g. title: "Update: patrols resume"'
    key, value = found.groups()
    quoted = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'a value that holds ": " must be in quotes: {key.strip()}: "{quoted}"'


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, path: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        return Diagnostic(
            path,
            line,
            col,
            "tab character in indentation",
            "YAML indents with spaces only; replace the tab with spaces",
        )
    problem = exc.problem or exc.context or "invalid YAML"
    if mark is not None and problem.startswith(_COLON_IN_VALUE):
        return Diagnostic(path, line, col, "YAML syntax error: ': ' inside a value", _quote_hint(text, mark.line))
    if exc.problem and exc.context and exc.context_mark is not None and mark is not exc.context_mark:
        # e.g. an unclosed quote: the problem shows at the end, the cause where the quote opened
        problem += f" ({exc.context} on line {exc.context_mark.line + 1})"
    return Diagnostic(
        path,
        line,
        col,
        f"YAML syntax error: {problem}",
        "check indentation, colons and quotes here and on the lines before",
    )


class _Builder:
    """Turns a composed node tree into plain values, recording positions as it goes."""

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc
        self.seen: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def value(self, node: yaml.Node, loc: Loc) -> Any:
        # The composer turns an alias into a second reference to the same node object; seeing a
        # node twice means an alias, refused before it can expand.
        if id(node) in self.seen:
            raise _Refused(node, "YAML aliases (*name) are not supported", "write the value out in full")
        self.seen.add(id(node))
        self.doc._positions[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
            return self.mapping(node, loc)
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
            return [self.value(item, (*loc, i)) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.ScalarNode) and node.tag in _SCALAR_TAGS:
            return self.scalar(node)
        raise _Refused(
            node,
            f"YAML tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}' is not allowed",
            "data files hold plain text, numbers, lists and mappings; remove the tag",
        )

    def mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Refused(key_node, "YAML merge keys (<<) are not supported", "write the keys out in full")
            # A plain key is its text: YAML 1.1 would read `on:` as true and `2020:` as a number.
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _SCALAR_TAGS:
                raise _Refused(key_node, "mapping keys must be plain text", "use a field name such as 'title'")
            key = key_node.value
            if key in result:
                first = self.doc._key_positions[(*loc, key)]
                raise _Refused(
                    key_node,
                    f"duplicate key '{key}' (first written on line {first[0]})",
                    "YAML keeps only one of them; remove or merge the other",
                )
            self.seen.add(id(key_node))
            self.doc._key_positions[(*loc, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.value(value_node, (*loc, key))
        return result

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return self.constructor.construct_yaml_bool(node)
        if tag == "tag:yaml.org,2002:int":
            return self.constructor.construct_yaml_int(node)
        if tag == "tag:yaml.org,2002:float":
            return self.constructor.construct_yaml_float(node)
        return node.value  # str and timestamp: dates are parsed by the model


class _GiveUp(Exception):
    """The quick walk met something only the careful walk can report."""


class _Quick:
    """Turns a composed node tree into plain values, and nothing else.

    Only for text without anchors, aliases, tags or merge keys (see :data:`_MAY_NEED_CARE`), so
    every node is met once and carries a tag the resolver gave it. Gives up (:class:`_GiveUp`)
    at a duplicate key or a key that is not plain text, which the careful walk reports.
    """

    def __init__(self) -> None:
        self.constructor = yaml.constructor.SafeConstructor()

    def value(self, node: yaml.Node) -> Any:
        tag = node.tag
        if tag == _STR:
            return node.value
        if tag == _MAP:
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag not in _SCALAR_TAGS:
                    raise _GiveUp
                key = key_node.value
                if key in result:
                    raise _GiveUp
                result[key] = self.value(value_node)
            return result
        if tag == _SEQ:
            return [self.value(item) for item in node.value]
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return self.constructor.construct_yaml_bool(cast(yaml.ScalarNode, node))
        if tag == "tag:yaml.org,2002:int":
            return self.constructor.construct_yaml_int(cast(yaml.ScalarNode, node))
        if tag == "tag:yaml.org,2002:float":
            return self.constructor.construct_yaml_float(cast(yaml.ScalarNode, node))
        if tag == "tag:yaml.org,2002:timestamp":
            return node.value  # dates are parsed by the model
        raise _GiveUp

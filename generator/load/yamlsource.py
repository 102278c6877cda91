"""Load one YAML data file safely, keeping the line and column of every value.

The first stage of the pipeline. PyYAML's C composer (``CSafeLoader``) parses the text into a
node tree; this module turns the nodes into plain Python values itself so that it can keep
positions, reject duplicate keys (PyYAML silently keeps the last one), refuse tags that would
construct objects and refuse aliases (which also defuses "billion laughs" alias bombs). Dates
are kept as text: the model parses them with precision and gives better messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
_SEQ = "tag:yaml.org,2002:seq"


@dataclass
class YamlDocument:
    """A parsed data file: its value and where each part of it was written.

    Attributes:
        path: Path relative to the project root, as shown in messages.
        value: The plain Python value (dicts, lists, str, int, float, bool, None).
        positions: 1-based ``(line, col)`` of each value, by location.
        key_positions: 1-based ``(line, col)`` of each mapping key, by the location it names.
    """

    path: str
    value: Any
    positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Return the position of ``loc``, or of its nearest enclosing value that has one."""
        table = self.key_positions if key else self.positions
        if loc in table:
            return table[loc]
        while loc:
            loc = loc[:-1]
            if loc in self.positions:
                return self.positions[loc]
        return self.positions.get((), (1, 1))

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
    doc = YamlDocument(path, None)
    if root is None:
        return doc, []
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
        self.doc.positions[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
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
                first = self.doc.key_positions[(*loc, key)]
                raise _Refused(
                    key_node,
                    f"duplicate key '{key}' (first written on line {first[0]})",
                    "YAML keeps only one of them; remove or merge the other",
                )
            self.seen.add(id(key_node))
            self.doc.key_positions[(*loc, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
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

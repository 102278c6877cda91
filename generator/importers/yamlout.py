"""Write a record as YAML the way the example files are written, the same bytes every time.

The last step before files are staged (read -> map -> resolve -> merge -> **write**). Fields come
in the model's order (``id, title, date, ...``), mappings and lists in block style, small
mappings of plain values (coordinates, dates, fatalities) in flow style, long text folded and
multi-line text as a literal block. A string is written plain only when YAML reads it back as
the same string; otherwise it is double-quoted. Every document is parsed back with the
project's own loader and compared with the value before it is used; a mismatch falls back to
a JSON-style rendering, which YAML always reads back exactly.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from typing import Any

import yaml

from generator.load.yamlsource import parse

WIDTH = 100
"""Folded text is wrapped to this many columns."""
ONE_LINE = 110
"""A single-line value longer than this (with its key) is folded instead."""
_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# The project's loader reads every plain key as text (`on:` is the key "on", not true), so
# field names are written plain as the example files write them.
_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW_SPECIAL = set(",[]{}")
# YAML's printable characters (1.1 spec, c-printable), minus the line breaks it folds.
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\x85\u2028\u2029]")


def _tag(text: str) -> str:
    """The tag YAML gives ``text`` written plain (what the loader reads it as)."""
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag


def _printable(text: str) -> bool:
    return not _NOT_PRINTABLE.search(text) and "\ufeff" not in text


def _plain_ok(text: str, *, flow: bool) -> bool:
    if not text or text != text.strip() or not _printable(text) or "\n" in text or "\t" in text:
        return False
    if text[0] in _INDICATORS or ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and (_FLOW_SPECIAL & set(text)):
        return False
    tag = _tag(text)
    # The loader keeps timestamps as text, so a plain date reads back as the same string.
    return tag == _STR_TAG or (tag == _TIMESTAMP_TAG and bool(_DATE.match(text)))


def _quoted(text: str) -> str:
    """A double-quoted YAML scalar: JSON's escapes plus YAML's for the characters it folds."""
    out = json.dumps(text, ensure_ascii=False)
    return _NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m[0]):04x}" if ord(m[0]) < 0x10000 else f"\\U{ord(m[0]):08x}", out)


def _float(value: float) -> str:
    text = repr(value)
    if not math.isfinite(value):
        raise ValueError(f"cannot write {value} in a record")
    if _tag(text) != "tag:yaml.org,2002:float":
        text = f"{value:.17f}".rstrip("0")
        text = text + "0" if text.endswith(".") else text
    return text


def scalar(value: Any, *, flow: bool = False) -> str:
    """One scalar on one line."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    text = str(value)
    return text if _plain_ok(text, flow=flow) else _quoted(text)


def _key(name: str) -> str:
    return name if _PLAIN_KEY.match(name) else _quoted(name)


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _block_text(text: str, indent: int) -> list[str] | None:
    """Literal (``|``) or folded (``>-``) block lines for long or multi-line text, if safe."""
    pad = " " * (indent + 2)
    if not _printable(text) or "\t" in text or "\r" in text or text != text.lstrip(" "):
        return None
    if "\n" in text:
        lines = text.split("\n")
        if any(line != line.rstrip(" ") for line in lines) or text.endswith("\n") or lines[0] == "":
            return None
        return ["|-", *(pad + line if line else "" for line in lines)]
    if text != text.rstrip(" ") or "  " in text:
        return None
    words = text.split(" ")
    lines, current = [], words[0]
    for word in words[1:]:
        if len(pad) + len(current) + 1 + len(word) > WIDTH:
            lines.append(current)
            current = word
        else:
            current += " " + word
    lines.append(current)
    return [">-", *(pad + line for line in lines)]


def _flow(value: dict[str, Any]) -> str | None:
    if not value or not all(_is_scalar(v) for v in value.values()):
        return None
    if not all(_PLAIN_KEY.match(str(k)) for k in value):
        return None
    return "{" + ", ".join(f"{k}: {scalar(v, flow=True)}" for k, v in value.items()) + "}"


def _entry(key: str, value: Any, indent: int) -> list[str]:
    pad = " " * indent
    head = f"{pad}{_key(key)}:"
    if isinstance(value, dict):
        flow = _flow(value)
        if flow is not None and len(head) + 1 + len(flow) <= WIDTH:
            return [f"{head} {flow}"]
        lines = [head]
        for k, v in value.items():
            lines.extend(_entry(str(k), v, indent + 2))
        return lines if value else [f"{head} {{}}"]
    if isinstance(value, list):
        if not value:
            return [f"{head} []"]
        lines = [head]
        for item in value:
            lines.extend(_item(item, indent + 2))
        return lines
    if isinstance(value, str) and ("\n" in value or len(head) + 1 + len(scalar(value)) > ONE_LINE):
        block = _block_text(value, indent)
        if block is not None:
            return [f"{head} {block[0]}", *block[1:]]
    return [f"{head} {scalar(value)}"]


def _item(value: Any, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(value, dict) and value:
        lines: list[str] = []
        for i, (k, v) in enumerate(value.items()):
            entry = _entry(str(k), v, indent + 2)
            if i == 0:
                entry[0] = f"{pad}- {entry[0].lstrip(' ')}"
            lines.extend(entry)
        return lines
    if isinstance(value, list | dict):
        return [f"{pad}- {json.dumps(value, ensure_ascii=True)}"]
    return [f"{pad}- {scalar(value)}"]


def dump_record(value: dict[str, Any], *, schema: str | None, order: Sequence[str]) -> str:
    """Write a record as YAML text with the schema line first.

    Args:
        value: The record's fields (plain values: dicts, lists, str, int, float, bool).
        schema: The schema path for the ``yaml-language-server`` line; no line when None.
        order: Field names in the order they are written; others follow, sorted by name.
    """
    rank = {name: i for i, name in enumerate(order)}
    keys = sorted(value, key=lambda k: (rank.get(k, len(rank)), k))
    header = [f"# yaml-language-server: $schema={schema}"] if schema is not None else []
    lines = list(header)
    for key in keys:
        lines.extend(_entry(key, value[key], 0))
    text = "\n".join(lines) + "\n"
    if _reads_back(text, value):
        return text
    # JSON is YAML: one line per field, escaped, read back exactly.
    text = "\n".join([*header, *(f"{json.dumps(k)}: {json.dumps(value[k], ensure_ascii=True)}" for k in keys)]) + "\n"
    if not _reads_back(text, value):  # pragma: no cover - JSON is YAML
        raise ValueError("the record cannot be written as YAML")
    return text


def _reads_back(text: str, value: dict[str, Any]) -> bool:
    doc, problems = parse(text, "record")
    return not problems and doc is not None and doc.value == value


def has_comments(text: str) -> bool:
    """Whether a YAML document holds a comment that rewriting it would lose.

    A ``#`` counts only outside every token (a quoted or block string may hold one), found from
    the scanner's own token spans, so an end-of-line comment (``best: 2  # SOHR says 2``) counts
    as much as a whole-line one. The editor's schema line (``# yaml-language-server: ...``) on the
    first line is the writer's own and does not count. A document the scanner cannot read counts
    as commented when it holds any ``#``.
    """
    if text.startswith("# yaml-language-server:"):
        text = text.partition("\n")[2]
    gaps: list[str] = []
    pos = 0
    try:
        for token in yaml.scan(text, Loader=yaml.CSafeLoader):
            gaps.append(text[pos : token.start_mark.index])
            pos = max(pos, token.end_mark.index)
    except yaml.YAMLError:
        return "#" in text
    gaps.append(text[pos:])
    return any("#" in gap for gap in gaps)

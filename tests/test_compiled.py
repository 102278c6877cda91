"""The preview keeps the theme's compiled templates between rebuilds, and never a stale one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from generator.emit.compiled import KeptTemplates


def _env(folder: Path, **options: Any) -> jinja2.Environment:
    """A new environment, as MkDocs makes one at every build."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), auto_reload=False, **options)


def _code(env: jinja2.Environment, name: str) -> object:
    """The code object the template's body runs: the same object only when it was not compiled again."""
    return env.get_template(name).root_render_func.__code__


def test_a_new_environment_runs_the_code_compiled_for_the_last_one(tmp_path: Path) -> None:
    (tmp_path / "base.html").write_text("<title>{% block title %}{% endblock %}</title>")
    (tmp_path / "page.html").write_text('{% extends "base.html" %}{% block title %}{{ name }}{% endblock %}')
    kept = KeptTemplates()
    first = _env(tmp_path)
    kept.give(first)
    assert first.get_template("page.html").render(name="Derik") == "<title>Derik</title>"
    assert len(kept) == 2  # the page and the template it extends

    second = _env(tmp_path)
    kept.give(second)
    assert second.bytecode_cache is kept
    assert _code(second, "page.html") is _code(first, "page.html")
    assert second.get_template("page.html").render(name="Qamishli") == "<title>Qamishli</title>"


def test_an_edited_template_is_compiled_again(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("old {{ name }}")
    kept = KeptTemplates()
    first = _env(tmp_path)
    kept.give(first)
    assert first.get_template("page.html").render(name="x") == "old x"

    (tmp_path / "page.html").write_text("new {{ name }}")
    second = _env(tmp_path)
    kept.give(second)
    assert second.get_template("page.html").render(name="x") == "new x"
    assert _code(second, "page.html") is not _code(first, "page.html")


def test_other_options_drop_every_kept_template(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("{% if true %}\nline\n{% endif %}\n")
    kept = KeptTemplates()
    plain = _env(tmp_path)
    kept.give(plain)
    assert plain.get_template("page.html").render() == "\nline\n"

    trimmed = _env(tmp_path, trim_blocks=True)
    kept.give(trimmed)
    assert trimmed.get_template("page.html").render() == "line\n"
    assert len(kept) == 1  # only the template compiled with the new options


def test_autoescaping_decided_by_a_function_is_never_given_kept_code(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("{{ text }}")
    kept = KeptTemplates()
    plain = _env(tmp_path)
    kept.give(plain)
    plain.get_template("page.html").render(text="<b>")

    escaping = _env(tmp_path, autoescape=jinja2.select_autoescape(["html"]))
    kept.give(escaping)
    assert escaping.bytecode_cache is None
    assert len(kept) == 0
    assert escaping.get_template("page.html").render(text="<b>") == "&lt;b&gt;"

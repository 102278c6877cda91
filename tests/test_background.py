"""The second core: pages and data files made in forked children are the bytes the process would make itself."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest

from conftest import REPO
from generator import background
from generator.background import Background, can_fork
from generator.pipeline import Result, generate
from generator.render.pages import make_environment, render_pages
from generator.settings import make_settings


def _needs_a_child(monkeypatch: pytest.MonkeyPatch) -> None:
    # Threads an earlier test left running (a browser's, a server's) would make the pipeline stay
    # in one process; these tests are about the child, whose work touches none of their locks.
    monkeypatch.setattr(background.threading, "active_count", lambda: 1)
    if not can_fork():
        pytest.skip("needs fork and two CPUs (the data files are then made in-process)")


def _files(result: Result) -> tuple[dict[str, str], dict[str, bytes], list[str]]:
    return {p.uri: p.markdown for p in result.pages}, {a.uri: a.data for a in result.assets}, result.notes


def test_a_site_made_with_a_child_equals_one_made_in_one_process(
    example_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _needs_a_child(monkeypatch)
    children: list[int] = []
    start = background.Background.__init__

    def counted(self: Background[object], function: object) -> None:
        start(self, function)  # type: ignore[arg-type]
        children.append(0 if self._process is None else 1)

    monkeypatch.setattr(background.Background, "__init__", counted)
    forked = generate(make_settings(example_project))
    assert children == [1, 1]  # the data files and a share of the pages really were made by children
    monkeypatch.setenv("BRIEFING_NO_FORK", "1")
    alone = generate(make_settings(example_project))
    assert children == [1, 1, 0, 0]
    assert forked.ok and alone.ok
    assert _files(forked) == _files(alone)
    assert [p.uri for p in forked.pages] == [p.uri for p in alone.pages]  # the same order
    assert [(p.origin, p.listed) for p in forked.pages] == [(p.origin, p.listed) for p in alone.pages]
    assert any(uri == "data/stix-bundle.json" for uri in _files(forked)[1])


def test_pages_rendered_by_a_helper_equal_those_rendered_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every kind of page of a synthetic project (pictures, long lists, timeline years), whichever
    process renders it, at several shares of the helper's."""
    _needs_a_child(monkeypatch)
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        from make_synthetic import make_project
    finally:
        sys.path.remove(str(REPO / "scripts"))
    make_project(tmp_path, 300)
    result = generate(make_settings(tmp_path))
    assert result.ok and result.index is not None
    env = make_environment()
    alone = render_pages(result.index, env)
    assert [(p.uri, p.markdown) for p in result.pages] == [(p.uri, p.markdown) for p in alone]
    for share in (0.5, 1.0):
        shared = render_pages(result.index, make_environment(), helper_share=share)
        assert [(p.uri, p.markdown, p.origin, p.listed) for p in shared] == [
            (p.uri, p.markdown, p.origin, p.listed) for p in alone
        ]


def test_a_child_that_fails_is_not_trusted_and_the_error_shows_here(monkeypatch: pytest.MonkeyPatch) -> None:
    _needs_a_child(monkeypatch)
    parent = os.getpid()

    def fails_in_the_child() -> list[int]:
        if os.getpid() != parent:
            raise RuntimeError("child")
        return [parent]

    def fails_everywhere() -> list[int]:
        raise ValueError("bad data")

    assert Background(fails_in_the_child).result() == [parent]
    with pytest.raises(ValueError, match="bad data"):
        Background(fails_everywhere).result()


def test_no_child_is_forked_while_another_thread_runs() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
        pid = os.getpid()
        assert Background(lambda: [os.getpid()]).result() == [pid]
    finally:
        stop.set()
        thread.join()

"""The preview's incremental rebuild: only what a save reaches is read, rendered and built again,
and the result is always what a clean build of the same data makes.

In process, a pipeline session is checked against a fresh full run after every kind of edit; over
HTTP, ``mkdocs serve --dirty`` on a 2,000-incident synthetic site is edited, checked page by page
and file by file, and compared byte for byte with a clean ``mkdocs build`` of the same data.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from test_serve import _free_port, _Log

from conftest import ARTIFACTS, REPO, copy_project, quiet_env
from generator.incremental import Session
from generator.pipeline import Result, generate, site_files
from generator.render import explorer, mapdata, orientation
from generator.render.explorer import INCIDENT_FIELDS
from generator.render.parts import Memo
from generator.settings import make_settings

STATUS = ".briefing-preview.json"


def _synthetic(incidents: int, out: Path) -> Path:
    made = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "make_synthetic.py"), "--incidents", str(incidents), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert made.returncode == 0, made.stderr
    return out


def _field(path: Path, name: str) -> str:
    found = re.search(rf"^{name}: (.*)$", path.read_text(encoding="utf-8"), re.MULTILINE)
    assert found is not None, f"{path} has no {name}"
    return found.group(1).strip()


def _set_field(path: Path, name: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(rf"^{name}: .*$", lambda _: f"{name}: {value}", text, count=1, flags=re.MULTILINE)
    assert count == 1
    path.write_text(new, encoding="utf-8")


def _copy_incident(source: Path, new_id: str, title: str, date: str) -> Path:
    """A new incident like ``source``'s, saved in one write, told apart from it (not a duplicate)."""
    draft = source.parents[2] / f"{new_id}.draft"  # the project folder, which the preview does not watch
    draft.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    _set_field(draft, "id", new_id)
    _set_field(draft, "title", title)
    _set_field(draft, "date", date)
    _not_same_as(draft, source.stem)
    target = source.with_name(f"{new_id}.yaml")
    draft.rename(target)
    return target


def _same_as_a_full_run(result: Result, project: Path) -> None:
    """The session's run made exactly what a fresh run makes: pages, search documents, files."""
    assert result.ok, [d.format() for d in result.diagnostics if d.severity.value == "error"]
    full = generate(make_settings(project))
    assert full.ok
    assert [(p.uri, p.origin, p.listed) for p in result.pages] == [(p.uri, p.origin, p.listed) for p in full.pages]
    differ = [p.uri for p, q in zip(result.pages, full.pages, strict=True) if p.markdown != q.markdown]
    assert not differ, f"pages left stale: {differ[:10]}"
    assert result.search == full.search
    assert {a.uri: a.data for a in result.assets} == {a.uri: a.data for a in full.assets}


def _incident_pages(uris: list[str]) -> set[str]:
    return {uri for uri in uris if uri.startswith("incidents/")}


def test_a_session_makes_what_a_full_run_makes_after_every_kind_of_edit(tmp_path: Path) -> None:
    project = _synthetic(150, tmp_path / "project")
    incidents = project / "seeds" / "incidents"
    settings = make_settings(project)
    session = Session()
    first = generate(settings, session=session)
    assert first.changes is not None and first.changes.everything
    assert len(first.changes.rendered) == len(first.pages)
    files = sorted(incidents.glob("*.yaml"))

    # Nothing saved: nothing read, rendered or changed.
    again = generate(settings, session=session)
    assert again.changes is not None
    assert (again.changes.reparsed, again.changes.rendered, again.changes.pages) == ([], [], set())

    # A title: the record's page and the pages that show the title; no other incident's page.
    edited = files[40]
    old_title = _field(edited, "title")
    _set_field(edited, "title", "Quokka sighting near the river")
    result = generate(settings, session=session)
    assert result.changes is not None and not result.changes.everything
    assert result.changes.reparsed == [edited]
    showing = {p.uri for p in first.pages if p.uri.startswith("incidents/") and old_title in p.markdown}
    rendered = _incident_pages(result.changes.rendered)
    assert f"incidents/{edited.stem}.md" in rendered
    assert rendered <= showing | {f"incidents/{edited.stem}.md"}, rendered - showing
    assert len(result.changes.rendered) < len(result.pages) / 3
    # Pages about many records too: only those that show the title, or whose lists it moves.
    year = re.findall(r"\d{4}", _field(edited, "date"))[0]
    assert f"timeline/{year}.md" in result.changes.rendered
    others = {p.uri for p in first.pages if p.uri.startswith("timeline/2") and p.uri != f"timeline/{year}.md"}
    assert others and not others & set(result.changes.rendered)
    assert "network.md" not in result.changes.rendered  # it shows no incident's title
    _same_as_a_full_run(result, project)

    for what, edit in _edits(project, files):
        edit()
        result = generate(settings, session=session)
        assert result.changes is not None and not result.changes.everything, what
        assert len(result.changes.rendered) < len(result.pages) / 2, what
        _same_as_a_full_run(result, project)

    # A broken file stops the run and leaves the session where it was; the fix is compared with that.
    _set_field(files[120], "place", "nowhere-at-all")
    assert not generate(settings, session=session).ok
    _set_field(files[120], "place", _field(files[121], "place"))
    _same_as_a_full_run(generate(settings, session=session), project)

    # A template of the project's own: every page is rendered again.
    (project / "templates").mkdir()
    (project / "templates" / "incident.md.j2").write_text('{% extends "builtin/incident.md.j2" %}\n', encoding="utf-8")
    settings = make_settings(project)
    result = generate(settings, session=session)
    assert result.changes is not None and result.changes.everything
    _same_as_a_full_run(result, project)


def _edits(project: Path, files: list[Path]) -> list[tuple[str, Callable[[], None]]]:
    """Every kind of edit of records, each with what it is."""
    return [
        ("add", lambda: _copy_incident(files[10], "wombat-crossing-2024-12-30", "Wombat crossing", "2024-12-30")),
        ("delete", lambda: files[70].unlink()),
        ("rename", lambda: _rename(files[80], "renamed-incident-2019-05-05")),
        ("another place", lambda: _set_field(files[90], "place", _field(files[5], "place"))),
        ("a place's parent", lambda: _reparent_a_place(project)),
        (
            "an actor's name",
            lambda: _set_field(sorted((project / "seeds" / "actors").glob("*.yaml"))[3], "name", "Renamed Actor"),
        ),
        (
            "a source's name",
            lambda: _set_field(sorted((project / "seeds" / "sources").glob("*.yaml"))[2], "name", "Renamed Source"),
        ),
        ("a date into another year", lambda: _set_field(files[100], "date", "2016-02-02")),
        ("a tag", lambda: _add_tag(files[110], "checkpoint")),
        (
            "a participant",
            lambda: _replace_first(files[111], r"(?m)^  - actor: .*$", f"  - actor: {_actor(project, 7)}"),
        ),
        (
            "a cited source",
            lambda: _replace_first(files[112], r"(?m)^  - source: .*$", f"  - source: {_source(project, files[112])}"),
        ),
        ("a death toll", lambda: _replace_first(files[113], r"(?m)^  best: .*$", "  best: 77")),
        ("an actor's relation", lambda: _add_relation(project, _actor(project, 1))),
        ("an incident related to another", lambda: _relate(files[114:], files[3].stem)),
    ]


def test_the_exports_made_again_from_kept_parts_are_those_of_a_full_run(tmp_path: Path) -> None:
    """The preview makes again only the exports' parts a save reaches (generator/render/parts.py),
    and the files are byte for byte those a full run makes, after every kind of edit."""
    project = _synthetic(150, tmp_path / "project")
    files = sorted((project / "seeds" / "incidents").glob("*.yaml"))
    settings = make_settings(project)
    session, parts = Session(later_exports=True), Memo()

    def run(build: int) -> tuple[Result, dict[str, bytes]]:
        result = generate(settings, session=session)
        assert result.ok and result.changes is not None and result.exports is not None
        changes = result.changes
        parts.note(build, everything=changes.everything, records=changes.records, lists=changes.lists)
        return result, {asset.uri: asset.data for asset in result.exports(memo=parts, build=build)}

    def full() -> dict[str, bytes]:
        return {a.uri: a.data for a in generate(make_settings(project)).assets if a.uri.startswith("data/")}

    _, made = run(1)
    everything = parts.made
    assert made == full() and len(made) == 6
    _, made = run(2)
    assert parts.made == 0, "nothing saved, yet parts were made again"
    _set_field(files[40], "title", "Quokka sighting near the river")
    _, made = run(3)
    assert made == full()
    assert 0 < parts.made <= 10, parts.made  # the incident's parts, and those of incidents related to it
    for build, (what, edit) in enumerate(_edits(project, files), start=4):
        edit()
        _, made = run(build)
        assert made == full(), what
        assert 0 < parts.made < everything / 2, (what, parts.made)


SITE_DATA = (mapdata.DATA_FILE, explorer.DATA_URI)
"""The site files a session makes from the parts it keeps."""


def _site_data(result: Result) -> dict[str, bytes]:
    return {asset.uri: asset.data for asset in result.assets if asset.uri in SITE_DATA}


def _fresh_site_data(result: Result) -> dict[str, bytes]:
    """The map's and the explorer's data of the run's index, every part made afresh."""
    assert result.index is not None
    return {asset.uri: asset.data for asset in site_files(result.index) if asset.uri in SITE_DATA}


def _explorer_row(data: bytes, incident: str) -> list[Any]:
    return next(row for row in json.loads(data)["incidents"] if row[0] == f"incidents/{incident}.md")


def _place_of(incident: Path) -> Path:
    return incident.parents[1] / "places" / f"{_field(incident, 'place')}.yaml"


def _unreferenced(candidates: list[Path], files: list[Path]) -> Path:
    """One of ``candidates`` that no other of ``files`` names (deleting it leaves no reference unresolved)."""
    texts = {path: path.read_text(encoding="utf-8") for path in files}
    return next(path for path in candidates if not any(path.stem in t for other, t in texts.items() if other != path))


def _cited_twice(files: list[Path]) -> Path:
    """The first incident that cites exactly two sources, different ones."""
    for path in files:
        sources = re.findall(r"(?m)^  - source: (\S+)", path.read_text(encoding="utf-8"))
        if len(sources) == 2 and sources[0] != sources[1]:
            return path
    raise AssertionError("no incident cites two sources")


def _change_origins(incident: Path) -> None:
    """Change whom the incident's reporting comes from: drop a citation's ``origin``, or say its
    last citation relays the first one's source (either changes how many origins it has)."""
    text = incident.read_text(encoding="utf-8")
    if re.search(r"(?m)^    origin: .*\n", text):
        incident.write_text(re.sub(r"(?m)^    origin: .*\n", "", text, count=1), encoding="utf-8")
        return
    sources = re.findall(r"(?m)^  - source: (\S+)$", text)
    last = text.rindex(f"  - source: {sources[-1]}\n") + len(f"  - source: {sources[-1]}\n")
    incident.write_text(text[:last] + f"    origin: [{sources[0]}]\n" + text[last:], encoding="utf-8")


def _site_data_edits(project: Path) -> list[tuple[str, Callable[[], None]]]:
    """Edits that reach the map's and the explorer's data in each way a part depends on them."""
    files = sorted((project / "seeds" / "incidents").glob("*.yaml"))
    cited_twice = _cited_twice(files)
    places = sorted((project / "seeds" / "places").glob("*.yaml"))
    with_coordinates = next(p for p in places if "\n  lat: " in p.read_text(encoding="utf-8"))
    first_actor = project / "seeds" / "actors" / "aaa-first-actor.yaml"

    def add_actor() -> None:
        # First by name: every actor after it moves one place down the explorer's table.
        first_actor.write_text("id: aaa-first-actor\nname: Aaa First Actor\nkind: armed-group\n", encoding="utf-8")
        _replace_first(files[1], r"(?m)^  - actor: .*$", "  - actor: aaa-first-actor")

    deletable = [p for p in files[3:] if p != cited_twice]
    return [
        # Text that must stay inert in HTML and valid in JSON: markup, quotes, a backslash.
        ("a title", lambda: _set_field(files[0], "title", HOSTILE_TITLE)),
        ("an actor added", add_actor),
        ("a place renamed", lambda: _set_field(_place_of(files[2]), "name", "Aardvark Hollow")),
        ("an incident deleted", lambda: _unreferenced(deletable, files).unlink()),
        ("a source relayed", lambda: _change_origins(cited_twice)),
        ("a place's coordinates", lambda: _replace_first(with_coordinates, r"(?m)^  lat: .*$", "  lat: 36.0123")),
    ]


HOSTILE_TITLE = '"Quokka <sighting> & \\"the river\\" </script> \\\\u0026"'
"""A YAML double-quoted title: ``Quokka <sighting> & "the river" </script> \\u0026``."""


@pytest.mark.parametrize("which", ["example", "synthetic"])
def test_the_map_and_explorer_data_made_from_kept_parts_are_those_made_afresh(which: str, tmp_path: Path) -> None:
    """A session makes the map's and the explorer's data from the per-incident parts it keeps
    (generator/render/parts.py), making again only those a save reaches; after every kind of edit
    the files are byte for byte those made afresh from the same index, and a full run's."""
    example = which == "example"
    project = copy_project(REPO, tmp_path / "project") if example else _synthetic(300, tmp_path / "project")
    settings = make_settings(project)
    session = Session(later_exports=True)
    result = generate(settings, session=session)
    assert result.ok
    kept = session.kept_parts
    incidents, places = len(result.index.incidents), len(result.index.places)  # type: ignore[union-attr]
    assert (kept.map.made, kept.explorer.made) == (incidents + places, incidents)
    last = _site_data(result)
    assert last == _fresh_site_data(result) and len(last) == 2

    again = generate(settings, session=session)
    assert _site_data(again) == last
    assert (kept.map.made, kept.explorer.made) == (0, 0), "nothing saved, yet parts were made again"

    relayed = _cited_twice(sorted((project / "seeds" / "incidents").glob("*.yaml"))).stem
    origins = INCIDENT_FIELDS.index("origins")
    origins_before = _explorer_row(last[explorer.DATA_URI], relayed)[origins]
    for what, edit in _site_data_edits(project):
        edit()
        result = generate(settings, session=session)
        assert result.ok, [d.format() for d in result.diagnostics]
        made = _site_data(result)
        assert made == _fresh_site_data(result), what
        assert made == {a.uri: a.data for a in generate(make_settings(project)).assets if a.uri in SITE_DATA}, what
        assert made != last, f"{what}: the edit did not reach the files"
        if what == "a title":
            # One incident's item and row: not every part.
            assert (kept.map.made, kept.explorer.made) == (1, 1), what
            assert "Quokka \\u003csighting\\u003e \\u0026" in made[mapdata.DATA_FILE].decode()
        if what == "an actor added":
            # The actors' positions moved: every row again, while the map's items stay.
            assert kept.explorer.made == len(result.index.incidents), what  # type: ignore[union-attr]
            assert kept.map.made <= 2, what
        if what == "a source relayed":
            assert _explorer_row(made[explorer.DATA_URI], relayed)[origins] != origins_before
        last = made


def test_a_session_makes_every_part_again_after_a_run_that_made_parts_and_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parts made for a run that was not committed may show data the next run is not compared
    with: that run makes them all again, so a change undone in between is not left in the files."""
    project = _synthetic(150, tmp_path / "project")
    settings = make_settings(project)
    session = Session(later_exports=True)
    assert generate(settings, session=session).ok
    edited = sorted((project / "seeds" / "incidents").glob("*.yaml"))[40]
    title = _field(edited, "title")
    _set_field(edited, "title", "Quokka sighting near the river")

    def broken(index: Any) -> list[Any]:
        raise RuntimeError("the orientation layers broke")

    with monkeypatch.context() as patch:
        patch.setattr(orientation, "data_files", broken)  # after the map's parts, before the commit
        with pytest.raises(RuntimeError):
            generate(settings, session=session)
    assert session.kept_parts.map.made == 1  # the edited incident's item, with the new title

    _set_field(edited, "title", title)  # undone: no change from the last committed run
    result = generate(settings, session=session)
    assert result.ok
    assert _site_data(result) == _fresh_site_data(result)
    assert b"Quokka sighting" not in _site_data(result)[mapdata.DATA_FILE]
    assert result.index is not None
    assert session.kept_parts.map.made == len(result.index.incidents) + len(result.index.places)


def _replace_first(path: Path, pattern: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(pattern, value, text, count=1)
    assert count == 1 and new != text, f"{pattern} not in {path}"
    path.write_text(new, encoding="utf-8")


def _add_relation(project: Path, other: str) -> None:
    """A new first relation on the first actor that has relations and none with ``other``."""
    for path in sorted((project / "seeds" / "actors").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if re.search(r"^relations:\n", text, re.MULTILINE) and f"actor: {other}" not in text and path.stem != other:
            _replace_first(path, r"(?m)^relations:\n", f"relations:\n  - actor: {other}\n    type: backs\n")
            return
    raise AssertionError("no actor has relations")


def _relate(candidates: list[Path], other: str) -> None:
    """Relate the first incident that has no related incidents yet to ``other``."""
    path = next(p for p in candidates if not re.search(r"^related:", p.read_text(encoding="utf-8"), re.MULTILINE))
    _append(path, f"related:\n  - incident: {other}\n    relation: follow-up-of\n")


def _actor_file(project: Path, number: int) -> Path:
    return sorted((project / "seeds" / "actors").glob("*.yaml"))[number]


def _actor(project: Path, number: int) -> str:
    return _actor_file(project, number).stem


def _source(project: Path, incident: Path) -> str:
    """A source the incident does not cite yet."""
    text = incident.read_text(encoding="utf-8")
    return next(
        p.stem for p in sorted((project / "seeds" / "sources").glob("*.yaml")) if f"source: {p.stem}\n" not in text
    )


def _rename(path: Path, new_id: str) -> None:
    _set_field(path, "id", new_id)
    path.rename(path.with_name(f"{new_id}.yaml"))


def _reparent_a_place(project: Path) -> None:
    places = sorted((project / "seeds" / "places").glob("*.yaml"))
    towns = [p for p in places if re.search(r"^parent: ", p.read_text(encoding="utf-8"), re.MULTILINE)]
    parents = sorted({_field(p, "parent") for p in towns})
    town = towns[-1]
    _set_field(town, "parent", next(parent for parent in parents if parent != _field(town, "parent")))


# --- over HTTP: mkdocs serve --dirty on 2,000 incidents -------------------------------------------

SIZE = 2000
NEW_TITLE = "Quokka sighting at the old mill"
ADDED_TITLE = "Wombat crossing at the ford"


def _fetch(url: str) -> tuple[int, bytes]:
    try:
        # The preview answers no request while it rebuilds: a full rebuild of 2,000 incidents is slow.
        with urllib.request.urlopen(url, timeout=900) as response:
            return int(response.status), bytes(response.read())
    except urllib.error.HTTPError as error:
        return int(error.code), b""


def _text(url: str) -> str:
    status, body = _fetch(url)
    assert status == 200, f"{url}: HTTP {status}"
    return body.decode("utf-8")


def _status(url: str) -> dict[str, Any]:
    return dict(json.loads(_text(url + STATUS)))


def _wait_for(what: str, check: Callable[[], bool], timeout: float = 600) -> None:
    """Poll ``check`` until it holds; fail with ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s: {what}")
        time.sleep(0.2)


def _without_live_reload(body: bytes) -> bytes:
    """A served HTML page as it is on disk: without the live-reload script the server puts before
    ``</body>`` (a preview's own, which no built site has)."""
    end = body.rindex(b"</body>")
    start = body.rindex(b"<script>", 0, end)
    assert b"var livereload" in body[start:end]
    return body[:start] + body[end:]


def _files(folder: Path) -> dict[str, int]:
    """Every file under ``folder``, by relative path, with its modification time."""
    return {
        path.relative_to(folder).as_posix(): path.stat().st_mtime_ns for path in folder.rglob("*") if path.is_file()
    }


def _record(data: dict[str, Any], kind: str, record_id: str) -> dict[str, Any] | None:
    return next((item for item in data[kind] if item.get("id") == record_id), None)


def _not_same_as(file: Path, other: str) -> None:
    """Say in ``file`` that its incident is not the same event as ``other`` (a duplicate's answer)."""
    text = file.read_text(encoding="utf-8")
    item = f"  - incident: {other}\n    relation: not-same-as\n"
    if re.search(r"^related:\n", text, re.MULTILINE):
        text = re.sub(r"^related:\n", "related:\n" + item, text, count=1, flags=re.MULTILINE)
    else:
        text = text.rstrip("\n") + "\nrelated:\n" + item
    file.write_text(text, encoding="utf-8")


def _no_warnings(project: Path) -> None:
    """Answer the synthetic data's possible duplicates as an analyst would, so that the preview has
    no problems panel (which a built site never has) and the two sites can be compared whole."""
    for _ in range(3):
        result = generate(make_settings(project))
        pairs = [
            (d.path, re.search(r"as '([^']+)'", d.message))
            for d in result.diagnostics
            if "may be the same event as" in d.message
        ]
        if not pairs:
            assert not result.diagnostics, [d.format() for d in result.diagnostics]
            return
        for path, other in pairs:
            assert other is not None
            _not_same_as(project / path, other.group(1))
    raise AssertionError("the synthetic data keeps warnings")


SAME_HASHES = {"PYTHONHASHSEED": "0"}
"""With two pages listing tags, Material's tags plugin links a tag to either, as Python's string
hashes order a set (they change from one process to the next): a fixed seed makes the two builds
compared pick the same one."""


@contextlib.contextmanager
def _dirty_server(project: Path, port: int) -> Iterator[tuple[str, _Log]]:
    """``mkdocs serve --dirty`` (what ``briefing serve`` runs) until the block ends."""
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**quiet_env(), **SAME_HASHES},
    )
    log = _Log(server.stdout)
    try:
        log.wait_for("Serving on", timeout=1200)
        yield f"http://127.0.0.1:{port}/", log
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.thread.join(timeout=10)
        if server.stdout is not None:
            server.stdout.close()


def _search(browser: Any, url: str, query: str) -> list[str]:
    """The result links the site's search box gives for ``query``, as site paths."""
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        tab.goto(url + "timeline/")
        tab.locator(".md-search__input").click()
        tab.keyboard.type(query)
        tab.locator(".md-search-result__meta").wait_for(timeout=30_000)
        tab.wait_for_timeout(1500)  # the result list settles after the last keystroke
        links = tab.locator(".md-search-result__item > a").evaluate_all("e => e.map(a => a.pathname)")
        return [str(link) for link in links]
    finally:
        tab.close()


@pytest.mark.slow
@pytest.mark.browser
def test_serve_dirty_rebuilds_only_what_a_save_reaches_and_ends_as_a_clean_build(tmp_path: Path, browser: Any) -> None:
    project = _synthetic(SIZE, tmp_path / "project")
    _no_warnings(project)
    index = generate(make_settings(project)).index
    assert index is not None
    target = index.incidents[-1]  # the newest: on the home page and first on its records' pages
    record = target.record
    shown_on = {
        "home": "",
        "timeline year": f"timeline/{record.date.start.year}/",
        "tags": "tags/",
        **{f"actor {p.actor.id}": f"actors/{p.actor.id}/" for p in target.participants if p.actor is not None},
        **{f"place {p.id}": f"places/{p.id}/" for p in [target.place, *target.place.ancestors] if p is not None},
        **{f"source {c.source.id}": f"sources/{c.source.id}/" for c in target.citations},
    }
    assert any(k.startswith("actor") for k in shown_on) and any(k.startswith("source") for k in shown_on)
    assert record.tags
    gone = next(n for n in index.incidents[len(index.incidents) // 2 :] if n.participants and not n.related)
    gone_actor = next(p.actor for p in gone.participants if p.actor is not None)
    incidents = project / "seeds" / "incidents"
    port = _free_port()

    with _dirty_server(project, port) as (url, log):
        status = _status(url)
        assert status["build"] == 1 and status["everything"]
        site = Path(status["site_dir"])
        before = _files(site)
        linking = {
            name
            for name in before
            if name.startswith("incidents/") and f"/{target.id}/" in (site / name).read_text(encoding="utf-8")
        }

        # 1. A title.
        _set_field(incidents / f"{target.id}.yaml", "title", NEW_TITLE)
        _wait_for("the rebuild after the title", lambda: _status(url)["build"] >= 2)
        for what, path in shown_on.items():
            assert NEW_TITLE in _text(url + path), f"{what} ({path}) does not show the new title"
        assert NEW_TITLE in _text(url + f"incidents/{target.id}/")
        assert NEW_TITLE in _text(url + "assets/briefing/explorer.json")
        assert NEW_TITLE in _text(url + "assets/briefing/map-data.json")
        status = _status(url)
        built = {uri for uri in status["pages"] if uri.startswith("incidents/")}
        assert f"incidents/{target.id}.md" in built
        allowed = {f"incidents/{target.id}/index.html"} | linking
        assert {f"incidents/{uri[10:-3]}/index.html" for uri in built} <= allowed
        after = _files(site)
        touched = {name for name in before if name.startswith("incidents/") and after.get(name) != before[name]}
        assert touched <= allowed, sorted(touched - allowed)[:10]
        untouched = [name for name in before if name.startswith("incidents/") and name not in touched]
        assert len(untouched) >= SIZE - 20
        assert len(status["pages"]) < 100 and not status["everything"], status["pages"]
        _wait_for("the exports after the title", lambda: _status(url)["exports"] >= 2)
        data = json.loads(_text(url + "data/data.json"))
        assert (_record(data, "incidents", target.id) or {}).get("title") == NEW_TITLE

        # 2. A new incident, the newest of all.
        added = _copy_incident(incidents / f"{target.id}.yaml", "wombat-crossing-2024-12-31", ADDED_TITLE, "2024-12-31")
        _wait_for("the rebuild after the new incident", lambda: _status(url)["build"] >= 3)
        assert not _status(url)["everything"]
        assert ADDED_TITLE in _text(url + f"incidents/{added.stem}/")
        for what, path in {**shown_on, "timeline year": "timeline/2024/"}.items():
            assert ADDED_TITLE in _text(url + path), f"{what} ({path}) does not list the new incident"
        assert added.stem in _text(url + "assets/briefing/explorer.json")
        assert added.stem in _text(url + "assets/briefing/map-data.json")
        _wait_for("the exports after the new incident", lambda: _status(url)["exports"] >= 3)
        data = json.loads(_text(url + "data/data.json"))
        assert (_record(data, "incidents", added.stem) or {}).get("title") == ADDED_TITLE

        # 3. An incident deleted.
        (incidents / f"{gone.id}.yaml").unlink()
        _wait_for("the rebuild after the deletion", lambda: _status(url)["build"] >= 4)
        assert not _status(url)["everything"]
        assert _fetch(url + f"incidents/{gone.id}/")[0] == 404
        for path in (f"timeline/{gone.record.date.start.year}/", f"actors/{gone_actor.id}/", "tags/", ""):
            assert f"incidents/{gone.id}/" not in _text(url + path), path
        assert gone.id not in _text(url + "assets/briefing/explorer.json")
        assert gone.id not in _text(url + "assets/briefing/map-data.json")
        _wait_for("the exports after the deletion", lambda: _status(url)["exports"] >= 4)
        data = json.loads(_text(url + "data/data.json"))
        assert _record(data, "incidents", gone.id) is None
        assert "Aborted" not in "".join(log.lines)

        # The search index covers the whole site as it is now.
        _wait_for("the search index after the deletion", lambda: _status(url)["search"] >= 4)
        assert f"/incidents/{target.id}/" in _search(browser, url, "Quokka")
        assert f"/incidents/{added.stem}/" in _search(browser, url, "Wombat")
        assert f"/incidents/{gone.id}/" not in _search(browser, url, gone.record.title)

        # The whole site, served and on disk, is the site a clean build of the same data makes.
        clean = tmp_path / "clean"
        clean.mkdir()
        for name in ("seeds", "docs"):
            shutil.copytree(project / name, clean / name)
        # mkdocs serve sets site_url to its own address (canonical links, the sitemap, the exports).
        config = (project / "mkdocs.yml").read_text(encoding="utf-8")
        (clean / "mkdocs.yml").write_text(config + f"site_url: {url}\n", encoding="utf-8")
        built_clean = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict"],
            cwd=clean,
            capture_output=True,
            text=True,
            env=quiet_env(),
            timeout=1800,
        )
        assert built_clean.returncode == 0, built_clean.stderr[-3000:]
        expected = {name: (clean / "site" / name).read_bytes() for name in _files(clean / "site")}
        served = _files(site)
        # The preview's status file is the only file a preview has that a built site has not.
        assert set(served) - set(expected) == {STATUS}
        assert set(expected) - set(served) == set()
        differ = [name for name in sorted(expected) if (site / name).read_bytes() != expected[name]]
        assert not differ, differ[:20]
        for name, data_bytes in expected.items():
            status_code, body = _fetch(url + name)
            assert status_code == 200, name
            if name.endswith(".html"):
                body = _without_live_reload(body)
            assert body == data_bytes, name
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "incremental-serve.log").write_text("".join(log.lines), encoding="utf-8")


def _clean_build(project: Path, url: str, target: Path) -> dict[str, bytes]:
    """Every file of a clean ``mkdocs build`` of the project's current data, addressed as the preview."""
    target.mkdir()
    for name in ("seeds", "docs", "templates"):
        if (project / name).is_dir():
            shutil.copytree(project / name, target / name)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (target / "mkdocs.yml").write_text(config + f"\nsite_url: {url}\n", encoding="utf-8")
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=target,
        capture_output=True,
        text=True,
        env={**quiet_env(), **SAME_HASHES},
        timeout=600,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    site = target / "site"
    return {name: (site / name).read_bytes() for name in _files(site)}


def _caught_up(url: str, build: int) -> Callable[[], bool]:
    def check() -> bool:
        status = _status(url)
        return bool(status["build"] >= build and status["search"] >= build and status["exports"] >= build)

    return check


def test_a_dirty_preview_is_a_clean_build_after_each_kind_of_save(project: Path, tmp_path: Path) -> None:
    """Records, a hand-written page listing tags, a briefing, and an error and its fix: after each
    save the preview's whole site is what a clean build makes."""
    (project / "docs" / "by-tag.md").write_text("# By tag\n\n<!-- material/tags -->\n", encoding="utf-8")
    incidents = project / "seeds" / "incidents"
    saves: list[tuple[str, Callable[[], None], bool]] = [
        ("a title", lambda: _set_field(incidents / "derik-standoff.yaml", "title", "Quokka standoff"), False),
        ("a tag", lambda: _add_tag(incidents / "derik-tension.yaml", "quokka-tag"), False),
        ("a briefing", lambda: _append(project / "docs" / "briefings" / "notes.md", "\nOne more line.\n"), True),
        ("an error", lambda: _set_field(incidents / "derik-standoff.yaml", "place", "derick"), True),
        ("its fix", lambda: _set_field(incidents / "derik-standoff.yaml", "place", "derik"), True),
    ]
    port = _free_port()
    with _dirty_server(project, port) as (url, _log):
        for step, (what, save, everything) in enumerate(saves, start=2):
            save()
            _wait_for(f"the rebuild after {what}", _caught_up(url, step), timeout=300)
            status = _status(url)
            assert status["everything"] == everything, (what, status["pages"])
            if what == "an error":
                assert "briefing-problems" in _text(url + "incidents/derik-standoff/")
                continue
            if what == "a tag":
                assert "derik-tension" in _text(url + "by-tag/")
            site = Path(status["site_dir"])
            expected = _clean_build(project, url, tmp_path / f"clean-{step}")
            served = {name: (site / name).read_bytes() for name in _files(site) if name != STATUS}
            assert served.keys() == expected.keys(), (what, served.keys() ^ expected.keys())
            differ = [name for name in sorted(expected) if served[name] != expected[name]]
            assert not differ, (what, differ[:10])
        assert "Quokka standoff" in _text(url + "incidents/derik-standoff/")


def _add_tag(path: Path, tag: str) -> None:
    text = path.read_text(encoding="utf-8")
    if re.search(r"^tags:\n", text, re.MULTILINE):
        text = re.sub(r"^tags:\n", f"tags:\n  - {tag}\n", text, count=1, flags=re.MULTILINE)
    else:
        text = text.rstrip("\n") + f"\ntags:\n  - {tag}\n"
    path.write_text(text, encoding="utf-8")


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")

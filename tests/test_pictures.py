"""The pictures drawn at build time: the timeline and the actor network.

Unit tests call ``timeline_svg`` and ``network_svg`` on small indexes (the base fixture, the
example's seeds, and incidents cloned cheaply in memory for large counts) and read the SVG with
an XML parser, which also proves that every text from the data was escaped. Browser tests click
marks and nodes on the built example site and save screenshots in ``test-artifacts/``; the slow
test builds the 1,000-incident synthetic project and photographs its timeline.
"""

from __future__ import annotations

import colorsys
import dataclasses
import datetime as dt
import random
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import markdown
import pytest

from conftest import ARTIFACTS, BASE_FIXTURE, REPO, serve_folder
from generator.index.graph import ActorNode, IncidentNode, Index, ParticipantLink, build_index
from generator.load.dataset import load_dataset
from generator.model.dates import parse_fuzzy_date
from generator.model.records import Fatalities, Participant
from generator.render.kept_pictures import KeptPictures
from generator.render.network_svg import FONT, MAX_NODES, RELATION_STYLES, network_svg, together
from generator.render.pages import make_environment, render_pages
from generator.render.palette import EVENT_STYLES
from generator.render.tempo_svg import tempo_svg
from generator.render.timeline_svg import MAX_MARKS, timeline_svg

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert(1)</script>"onload="alert(2)" & </figure><img src=x onerror=alert(3)> ]]> \x07'


def _index(seeds: Path) -> Index:
    index = build_index(load_dataset(seeds, seeds.parent))
    assert not [d for d in index.diagnostics if d.severity.name == "ERROR"]
    return index


@pytest.fixture(scope="module")
def base() -> Index:
    return _index(BASE_FIXTURE / "seeds")


@pytest.fixture(scope="module")
def example() -> Index:
    return _index(REPO / "seeds")


def href(node: Any) -> str:
    """Stands in for the renderer's relative URLs: a node's page or a docs-relative path."""
    uri = node if isinstance(node, str) else node.uri
    return "../" + uri.removesuffix(".md") + "/"


def svg_of(block: str) -> ET.Element:
    """The ``<svg>`` of a picture block, parsed as XML: unescaped data would make it fail."""
    assert block.startswith("<figure ") and block.endswith("</figure>")
    assert "\n\n" not in block, "a blank line would end Python-Markdown's raw HTML block"
    start, end = block.index("<svg "), block.index("</svg>\n</div>") + len("</svg>")
    return ET.fromstring(block[start:end].replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1))


def links(root: ET.Element) -> dict[str, ET.Element]:
    """Every link of a picture by its target."""
    found = {a.get("href", ""): a for a in root.iter(f"{SVG}a")}
    assert len(found) == len(list(root.iter(f"{SVG}a"))), "two links with the same target"
    return found


def title(element: ET.Element) -> str:
    node = element.find(f"{SVG}title")
    assert node is not None and node.text
    return node.text


def shape(element: ET.Element) -> ET.Element:
    found = [child for child in element if child.tag in (f"{SVG}circle", f"{SVG}rect", f"{SVG}path")]
    assert len(found) == 1
    return found[0]


def clone(template: IncidentNode, n: int, date: object, event_type: str = "battles", name: str = "") -> IncidentNode:
    """A copy of ``template`` with another id, title, date and event type, made without any I/O."""
    record = template.record.model_copy(
        update={
            "id": f"clone-{n:05d}",
            "title": name or f"Clone {n}",
            "date": parse_fuzzy_date(date),
            "event_type": event_type,
        }
    )
    return IncidentNode(dataclasses.replace(template.entry, record=record), f"incidents/clone-{n:05d}.md")


def many(template: IncidentNode, count: int, seed: int = 7) -> list[IncidentNode]:
    """``count`` incidents spread over ten years, at every precision, of every event type."""
    rng = random.Random(seed)
    types = list(EVENT_STYLES)
    out = []
    for n in range(count):
        day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650))
        date: object = day.isoformat()
        if n % 7 == 0:
            date = {"on": day.strftime("%Y-%m"), "approximate": True}
        elif n % 11 == 0:
            date = {"start": day.isoformat(), "end": (day + dt.timedelta(days=5)).isoformat()}
        out.append(clone(template, n, date, types[n % len(types)]))
    return out


# --- timeline -----------------------------------------------------------------------------------


def test_timeline_has_one_linked_mark_per_incident(example: Index) -> None:
    root = svg_of(timeline_svg(example.incidents, href))
    found = links(root)
    assert set(found) == {href(node) for node in example.incidents}
    for node in example.incidents:
        tip = title(found[href(node)])
        assert tip.startswith(node.title)
        assert node.record.date.describe() in tip  # the tooltip and accessible name give the date
    assert root.get("role") == "group"
    assert root.get("aria-label") == "Timeline of 11 incidents, October 2019 to June 2020"


def test_days_are_dots_and_months_and_ranges_are_bars_spanning_them(base: Index) -> None:
    template = base.incidents[0]
    day = clone(template, 1, "2020-06-04")
    month = clone(template, 2, "2020-06")
    week = clone(template, 3, {"start": "2020-06-10", "end": "2020-06-16"})
    year = clone(template, 4, "2021")
    root = svg_of(timeline_svg([day, month, week, year], href))
    found = links(root)
    assert shape(found[href(day)]).tag == f"{SVG}path"  # the type's shape at the day
    assert (shape(found[href(day)]).get("transform") or "").startswith("translate(")
    bars = {node.id: shape(found[href(node)]) for node in (month, week, year)}
    assert {bar.tag for bar in bars.values()} == {f"{SVG}rect"}
    widths = {key: float(bar.get("width", "0")) for key, bar in bars.items()}
    # The axis runs from 1 June 2020 to 1 January 2022: 579 days.
    per_day = widths["clone-00004"] / 365
    assert widths["clone-00002"] == pytest.approx(30 * per_day, abs=0.2)
    assert widths["clone-00003"] == pytest.approx(7 * per_day, abs=0.2)
    start = float(bars["clone-00003"].get("x", "0")) - float(bars["clone-00002"].get("x", "0"))
    assert start == pytest.approx(9 * per_day, abs=0.2)


def test_approximate_dates_are_drawn_faded_and_dashed_and_said_in_the_legend(base: Index) -> None:
    template = base.incidents[0]
    exact = clone(template, 1, "2020-06")
    vague = clone(template, 2, {"on": "2020-06", "approximate": True})
    block = timeline_svg([exact, vague], href)
    found = links(svg_of(block))
    plain, faded = shape(found[href(exact)]), shape(found[href(vague)])
    assert plain.get("stroke-dasharray") is None and plain.get("fill-opacity") is None
    assert faded.get("stroke-dasharray") and float(faded.get("fill-opacity", "1")) < 1
    assert "approximate" in title(found[href(vague)])
    legend = block[block.index("<figcaption") :]
    assert "approximate date" in legend
    assert "approximate date" not in timeline_svg([exact], href)


def test_overlapping_marks_stack_in_lanes(base: Index) -> None:
    template = base.incidents[0]
    same_day = [clone(template, n, "2020-06-04") for n in range(5)]
    found = links(svg_of(timeline_svg(same_day, href)))
    heights = {shape(a).get("transform") for a in found.values()}
    assert len(heights) == 5


def test_colours_follow_the_event_type_and_the_legend_lists_the_types_present(base: Index) -> None:
    template = base.incidents[0]
    incidents = [clone(template, 1, "2020-06-04", "riots"), clone(template, 2, "2020-06-08", "protests")]
    block = timeline_svg(incidents, href)
    found = links(svg_of(block))
    assert shape(found[href(incidents[0])]).get("fill") == EVENT_STYLES["riots"].colour
    legend = block[block.index("<figcaption") :]
    assert "Riots" in legend and "Protests" in legend and "Battles" not in legend


def _luminance(red: float, green: float, blue: float) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


@pytest.mark.parametrize(
    "colour", sorted({*(s.colour for s in EVENT_STYLES.values()), *(s[0] for s in RELATION_STYLES.values())})
)
def test_colours_stand_out_on_light_and_dark_backgrounds(colour: str) -> None:
    mark = _luminance(*(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)))
    slate = _luminance(*colorsys.hls_to_rgb(225 / 360, 0.14, 0.15))  # Material's dark background
    for background in (1.0, slate):
        ratio = (max(mark, background) + 0.05) / (min(mark, background) + 0.05)
        assert ratio >= 3, f"{colour}: contrast {ratio:.2f} (WCAG asks 3:1 for graphics)"


def test_hostile_titles_are_escaped(base: Index) -> None:
    incident = clone(base.incidents[0], 1, "2020-06-04", name=HOSTILE)
    block = timeline_svg([incident], href)
    root = svg_of(block)  # parses: nothing from the title became markup
    assert "<script" not in block and "<img" not in block and "</figure><" not in block
    assert not [el for el in root.iter() if any(name.startswith("on") for name in el.attrib)]
    expected = " ".join(HOSTILE.replace("\x07", " ").split())
    assert title(links(root)[href(incident)]).startswith(expected)


def test_timeline_output_is_deterministic(example: Index) -> None:
    first = timeline_svg(example.incidents, href)
    shuffled = list(example.incidents)
    random.Random(3).shuffle(shuffled)
    assert timeline_svg(shuffled, href) == first
    assert timeline_svg(list(example.incidents) + list(example.incidents[:3]), href) == first  # duplicates once


def test_no_incident_no_picture() -> None:
    assert timeline_svg([], href) == ""


def test_many_incidents_are_counted_per_month_and_the_picture_stays_small(base: Index) -> None:
    template = base.incidents[0]
    few = many(template, MAX_MARKS // 4)
    assert len(links(svg_of(timeline_svg(few, href)))) == len(few)  # still one mark each

    sizes = {}
    for count in (1_000, 10_000):
        incidents = many(template, count)
        block = timeline_svg(incidents, href)
        sizes[count] = len(block.encode())
        found = links(svg_of(block))
        assert not [target for target in found if "/incidents/" in target]
        assert len(found) <= 120  # one column per month over ten years
        assert "../timeline/2016/#march-2016" in found
        march = title(found["../timeline/2016/#march-2016"])
        assert re.match(r"March 2016: \d+ incidents \(\d+ ", march), march
        assert f"{count:,} incidents" in block
    # Bounded by the months (120 columns of at most 12 stacked parts), not by the incidents.
    assert sizes[1_000] < 60_000
    assert sizes[10_000] < 100_000


def test_too_many_lanes_switch_to_counts(base: Index) -> None:
    template = base.incidents[0]
    crowded = [clone(template, n, "2020-06-04") for n in range(40)]
    root = svg_of(timeline_svg(crowded, href))
    assert root.get("aria-label") == "Timeline of 40 incidents in June 2020, counted by day"
    found = links(root)
    assert list(found) == ["../timeline/2020/#june-2020"]
    assert title(found["../timeline/2020/#june-2020"]) == "4 June 2020: 40 incidents (40 Battles)"


def test_a_short_busy_span_is_counted_per_week_linking_to_existing_year_pages(base: Index) -> None:
    template = base.incidents[0]
    start = dt.date(2019, 10, 1)  # a Tuesday
    offensive = [clone(template, n, (start + dt.timedelta(days=n % 270)).isoformat()) for n in range(300)]
    root = svg_of(timeline_svg(offensive, href))
    assert (root.get("aria-label") or "").endswith("counted by week")
    columns = [(a.get("href", ""), title(a)) for a in root.iter(f"{SVG}a")]
    assert len(columns) == 39
    # The first week starts in September, but its incidents are in October, whose page exists.
    assert columns[0] == ("../timeline/2019/#october-2019", "Week of 30 September 2019: 12 incidents (12 Battles)")
    assert {target.split("/")[2] for target, _ in columns} == {"2019", "2020"}


def test_pages_embed_the_pictures_as_raw_html_blocks(example: Index) -> None:
    pages = {page.uri: page.markdown for page in render_pages(example, make_environment())}
    converter = markdown.Markdown(extensions=["tables", "attr_list", "toc"])
    for uri in ("index.md", "timeline/index.md", "actors/russia.md", "places/derik.md", "network.md"):
        text = pages[uri]
        blocks = re.findall(r"(?ms)^<figure class=\"bp-figure.*?^</figure>$", text)
        assert blocks, uri
        html = converter.reset().convert(text)
        for block in blocks:
            at = text.index(block)
            assert text[at - 2 : at] == "\n\n" and text[at + len(block) : at + len(block) + 2] == "\n\n", uri
            assert "\n\n" not in block
            assert block.replace("\n", "") in html.replace("\n", ""), f"{uri}: Markdown changed the picture"
    assert "bp-timeline" not in pages["actors/isis.md"]  # no incident, no timeline


# --- network ------------------------------------------------------------------------------------


def edges(root: ET.Element) -> list[str]:
    return [title(path) for path in root.iter(f"{SVG}path") if path.get("class") == "bp-edge"]


def test_network_nodes_link_to_actor_pages_with_relations_and_co_occurrence(base: Index) -> None:
    block = network_svg(base, href)
    root = svg_of(block)
    found = links(root)
    assert set(found) == {"../actors/russia/", "../actors/russian-forces/", "../actors/turkey/"}
    assert title(found["../actors/russia/"]) == "Russia, 1 incident"
    texts = {"".join(t.itertext()) for t in root.iter(f"{SVG}text")}
    assert {"Russia", "Russian forces", "Turkey"} <= texts
    assert sorted(edges(root)) == [
        "Russia cooperates with Turkey (joint patrols)",
        "Russian forces and Turkey: together in 1 incident",
        "Russian forces is part of Russia",  # from the 'parent' field
    ]
    part_of = next(p for p in root.iter(f"{SVG}path") if p.get("marker-end") == "url(#bp-arrow-part-of)")
    assert part_of.get("stroke-dasharray")
    assert root.find(f".//{SVG}marker[@id='bp-arrow-part-of']") is not None
    cooperates = [p for p in root.iter(f"{SVG}path") if p.get("class") == "bp-edge" and "cooperates" in title(p)]
    assert cooperates[0].get("marker-end") is None  # a symmetric relation has no arrow
    legend = block[block.index("<figcaption") :]
    assert "is part of" in legend and "in the same incidents" in legend


def test_each_relation_is_drawn_once_per_pair_and_type(example: Index) -> None:
    drawn = edges(svg_of(network_svg(example, href)))
    assert drawn.count("United States opposes Russia (The US doesn't like the Russians.)") == 1
    assert len([e for e in drawn if e.startswith("Turkey is allied with United States")]) == 1
    assert len(drawn) == len(set(drawn))


def test_actor_page_network_shows_the_actor_and_its_neighbours(base: Index, example: Index) -> None:
    actors = {actor.id: actor for actor in base.actors}
    picture = svg_of(network_svg(base, href, actors["turkey"]))
    turkey = links(picture)
    assert set(turkey) == {"../actors/russia/", "../actors/russian-forces/"}  # not to the page itself
    focus = picture.find(f"{SVG}g[@class='bp-focus']")
    assert focus is not None and title(focus) == "Turkey"
    assert title(turkey["../actors/russian-forces/"]) == "Russian forces — in 1 incident with Turkey"
    forces = links(svg_of(network_svg(base, href, actors["russian-forces"])))
    assert title(forces["../actors/russia/"]) == "Russia — Russian forces is part of Russia"

    russia = next(actor for actor in example.actors if actor.id == "russia")
    near = links(svg_of(network_svg(example, href, russia)))
    assert "../actors/isis/" not in near and "../actors/kurdish-civilians/" not in near
    assert {"../actors/syrian-regime/", "../actors/united-states/", "../actors/syrian-rebels/"} <= set(near)

    alone = ActorNode(actors["turkey"].entry, "actors/turkey.md")
    assert network_svg(base, href, alone) == ""


def test_network_escapes_names_and_is_deterministic(base: Index) -> None:
    actors = {actor.id: actor for actor in base.actors}
    record = actors["turkey"].record.model_copy(update={"name": HOSTILE})
    hostile = dataclasses.replace(actors["turkey"], entry=dataclasses.replace(actors["turkey"].entry, record=record))
    index = dataclasses.replace(base, actors=[actors["russia"], actors["russian-forces"], hostile])
    block = network_svg(index, href)
    assert "<script" not in block and "<img" not in block
    svg_of(block)
    assert network_svg(index, href) == block
    assert network_svg(base, href, actors["russia"]) == network_svg(base, href, actors["russia"])


def test_large_networks_show_the_actors_in_most_incidents(base: Index) -> None:
    template_actor = base.actors[0]
    template = base.incidents[0]
    actors = [
        ActorNode(
            dataclasses.replace(
                template_actor.entry,
                record=template_actor.record.model_copy(
                    update={"id": f"a{n:03d}", "name": f"Actor {n}", "relations": []}
                ),
            ),
            f"actors/a{n:03d}.md",
        )
        for n in range(MAX_NODES + 20)
    ]
    incidents = []
    rng = random.Random(5)
    for n in range(400):
        incident = clone(template, n, "2020-06-04")
        # Lower numbers take part more often, so the top actors are a000, a001, ...
        chosen = sorted({min(int(rng.expovariate(1 / 15)), len(actors) - 1) for _ in range(3)})
        for k in chosen:
            link = ParticipantLink(incident, Participant(actor=actors[k].id, role="attacker"), actors[k])
            incident.participants.append(link)
            actors[k].incidents.append(link)
        incidents.append(incident)
    index = dataclasses.replace(base, incidents=incidents, actors=actors)
    block = network_svg(index, href)
    found = links(svg_of(block))
    assert len(found) == MAX_NODES
    ranked = sorted(actors, key=lambda a: (-len(a.incidents), a.title.casefold(), a.id))
    assert set(found) == {f"../actors/{actor.id}/" for actor in ranked[:MAX_NODES]}
    assert f"Showing the {MAX_NODES} actors in the most incidents, of {len(actors)}" in block
    assert len(block.encode()) < 60_000


def test_network_page_lists_every_relation_as_a_table(example: Index, base: Index) -> None:
    page = next(p for p in render_pages(example, make_environment()) if p.uri == "network.md").markdown
    assert "search:\n  exclude: true" in page
    assert "| [Russia](actors/russia.md) | backs | [Syrian regime](actors/syrian-regime.md) |" in page
    assert "| [United States](actors/united-states.md) | opposes | [Russia](actors/russia.md) |" in page
    assert page.index("bp-network") < page.index("## Relations")
    small = next(p for p in render_pages(base, make_environment()) if p.uri == "network.md").markdown
    assert "| [Russian forces](actors/russian-forces.md) | is part of | [Russia](actors/russia.md) |" in small


def test_network_labels_are_full_names_at_body_size_over_the_edges(example: Index) -> None:
    root = svg_of(network_svg(example, href))
    names = {" ".join(span.text or "" for span in text.iter(f"{SVG}tspan")) for text in root.iter(f"{SVG}text")}
    assert names == {actor.title for actor in example.actors if actor.incidents or actor.relations}
    assert "Islamic State of Iraq and Syria" in names  # once cut to "Islamic State of Iraq and Syr…"
    assert all(t.get("font-size") == str(FONT) for t in root.iter(f"{SVG}text"))
    wrapped = next(t for t in root.iter(f"{SVG}text") if "Democratic" in "".join(t.itertext()))
    assert len(list(wrapped.iter(f"{SVG}tspan"))) > 1  # a long name wraps between words
    order = [el.get("class") for el in root.iter() if el.get("class") in ("bp-edge", "bp-plate", "bp-label")]
    assert order.index("bp-plate") > max(k for k, c in enumerate(order) if c == "bp-edge")  # names over edges
    assert order.count("bp-plate") == order.count("bp-label")  # each name on its plate


def test_network_page_lists_the_pairs_it_draws_together(example: Index) -> None:
    page = next(p for p in render_pages(example, make_environment()) if p.uri == "network.md").markdown
    pairs = together(example)
    drawn = [e for e in edges(svg_of(network_svg(example, href))) if ": together in" in e]
    assert len(pairs) == len(drawn) > 0
    first, second, count = pairs[0]
    shared = {p.incident.id for p in first.incidents} & {p.incident.id for p in second.incidents}
    assert count == len(shared) == max(n for _, _, n in pairs)
    assert f"| [{first.title}]({first.uri}) | [{second.title}]({second.uri}) | {count} |" in page
    assert page.index("## Relations") < page.index("## Together in incidents")


# --- in the browser -----------------------------------------------------------------------------


@pytest.fixture
def site_url(example_site: Path) -> Iterator[str]:
    with serve_folder(example_site) as url:
        yield url


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.mark.browser
def test_clicking_a_timeline_mark_opens_the_incident(tab: Any, site_url: str) -> None:
    tab.goto(site_url + "timeline/")
    figure = tab.locator("figure.bp-timeline")
    ARTIFACTS.mkdir(exist_ok=True)
    figure.screenshot(path=str(ARTIFACTS / "timeline.png"))
    mark = figure.get_by_role("link", name=re.compile(r"^US and Russian soldiers square off near Derik — 4 June 2020"))
    mark.click()
    tab.wait_for_url("**/incidents/derik-standoff-2020-06-04/")
    assert "US and Russian soldiers square off near Derik" in tab.locator("h1").inner_text()


@pytest.mark.browser
def test_clicking_a_network_node_opens_the_actor(tab: Any, site_url: str) -> None:
    tab.goto(site_url + "network/")
    figure = tab.locator("figure.bp-network")
    ARTIFACTS.mkdir(exist_ok=True)
    figure.screenshot(path=str(ARTIFACTS / "network.png"))
    assert tab.locator("article table").first.get_by_role("link", name="Syrian regime").count() >= 1
    figure.get_by_role("link", name="Turkey, 4 incidents").locator("circle").click()
    tab.wait_for_url("**/actors/turkey/")
    assert tab.locator("h1").inner_text().startswith("Turkey")
    tab.locator("figure.bp-network").get_by_role("link", name=re.compile(r"^United States — ")).locator(
        "circle"
    ).click()
    tab.wait_for_url("**/actors/united-states/")


@pytest.mark.browser
def test_pictures_follow_dark_mode_fit_a_phone_and_print(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, color_scheme="dark", is_mobile=True)
    tab = context.new_page()
    try:
        tab.goto(site_url + "actors/russia/")
        assert tab.locator("body").get_attribute("data-md-color-scheme") == "slate"
        colour = tab.locator("figure.bp-timeline").evaluate("el => getComputedStyle(el).color")
        red, green, blue = (int(c) for c in re.findall(r"\d+", colour)[:3])
        assert min(red, green, blue) > 150, colour  # light text on the dark background
        for path in ("", "timeline/", "network/", "actors/russia/"):
            tab.goto(site_url + path)
            overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{path or 'home'} scrolls sideways on a phone"
        tab.goto(site_url + "actors/russia/")
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / "actor-phone-dark.png"), full_page=True)
        tab.emulate_media(media="print")
        for picture in ("figure.bp-network svg.bp-svg", "figure.bp-timeline svg.bp-svg"):
            box = tab.locator(picture).bounding_box()
            assert box is not None and box["width"] > 200 and box["height"] > 40, picture
    finally:
        context.close()


# --- at scale -----------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.browser
def test_timeline_of_a_thousand_incidents_is_readable(browser: Any, synthetic_1000_site: Path) -> None:
    site = synthetic_1000_site
    timeline = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    picture = re.search(r"<figure class=\"bp-figure bp-timeline\".*?</figure>", timeline, re.S)
    assert picture is not None
    assert len(picture.group(0).encode()) < 150_000
    with serve_folder(site) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        tab = context.new_page()
        try:
            tab.goto(url + "timeline/")
            figure = tab.locator("figure.bp-timeline")
            ARTIFACTS.mkdir(exist_ok=True)
            figure.screenshot(path=str(ARTIFACTS / "timeline-1000.png"))
            columns = figure.locator("a.bp-bin")
            assert 100 <= columns.count() <= 120
            columns.nth(20).click()
            tab.wait_for_url(re.compile(r"/timeline/\d{4}/#[a-z]+-\d{4}$"))
            anchor = tab.url.split("#")[1]
            assert tab.locator(f"h2#{anchor}").count() == 1  # the column opens its month's heading
        finally:
            context.close()


# --- time axis and tempo chart ------------------------------------------------------------------


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


@pytest.mark.parametrize("count", [30, 300, 3000])
def test_data_starting_on_tuesday_1_january_2019_has_no_tick_reading_2018(base: Index, count: int) -> None:
    """Weekly columns start on Monday 31 December 2018; no label may call that period 2018."""
    template = base.incidents[0]
    start = dt.date(2019, 1, 1)
    assert start.weekday() == 1  # a Tuesday
    for days in (40, 200, 500, 1500):
        incidents = [
            clone(template, n, (start + dt.timedelta(days=n * days // count)).isoformat()) for n in range(count)
        ]
        for block in (timeline_svg(incidents, href), tempo_svg(incidents, lambda uri: "../" + uri)):
            labels = texts(svg_of(block))
            assert not [t for t in labels if "2018" in t], (count, days, labels)
            assert [t for t in labels if "2019" in t], (count, days, labels)  # the year is still said


def test_an_axis_starting_inside_a_long_stretch_of_a_year_names_that_year(base: Index) -> None:
    template = base.incidents[0]
    incidents = [clone(template, n, (dt.date(2018, 3, 1) + dt.timedelta(days=n * 3)).isoformat()) for n in range(300)]
    labels = texts(svg_of(timeline_svg(incidents, href)))
    assert "2018" in labels and "2019" in labels


def test_tempo_chart_counts_incidents_and_fatalities_per_period_by_type(base: Index) -> None:
    template = base.incidents[0]
    incidents = []
    for n in range(12):
        node = clone(template, n, f"2020-06-{1 + n:02d}", "battles" if n % 3 else "riots")
        fatalities = None if n == 0 else Fatalities(best=n)
        record = node.record.model_copy(update={"fatalities": fatalities})
        incidents.append(dataclasses.replace(node, entry=dataclasses.replace(node.entry, record=record)))
    block = tempo_svg(incidents, lambda uri: "../" + uri.removesuffix(".md") + "/", "actor=russia")
    root = svg_of(block)
    columns = {a.get("href"): title(a) for a in root.iter(f"{SVG}a")}
    # 1-12 June 2020 is counted by week: Monday 1 June and Monday 8 June
    assert list(columns) == [
        "../explorer/?actor=russia&from=2020-06-01&to=2020-06-07",
        "../explorer/?actor=russia&from=2020-06-08&to=2020-06-14",
    ]
    assert columns["../explorer/?actor=russia&from=2020-06-01&to=2020-06-07"].startswith(
        "Week of 1 June 2020: 7 incidents (4 Battles, 3 Riots), 21 fatalities (1 without a figure)"
    )
    fills = {p.get("fill") for p in root.iter(f"{SVG}path") if p.get("fill", "").startswith("#")}
    assert fills == {EVENT_STYLES["battles"].colour, EVENT_STYLES["riots"].colour}
    assert "<table>" in block and "<caption>Incidents and fatalities per week</caption>" in block
    assert block.count('<tr><th scope="row">') == 2
    assert tempo_svg([], href) == ""


# --- charts kept between the preview's runs ---------------------------------------------------------


def test_kept_charts_are_drawn_again_only_when_what_they_show_changes(base: Index) -> None:
    """The preview keeps a column chart and a tempo chart by what they show: a new title keeps
    them, a new date or event type or death toll draws them again, and a kept drawing is the one
    a fresh run draws."""
    incidents = many(base.incidents[0], MAX_MARKS * 3)
    kept = KeptPictures()
    timeline_keep, tempo_keep = kept.keeper("timeline", "places/x.md"), kept.keeper("tempo", "places/x.md")
    drawn: list[str] = []

    def counting(keep: Any, chart: str) -> Any:
        def wrapped(facts: Any, draw: Any) -> str:
            return str(keep(facts, lambda: drawn.append(chart) or draw()))

        return wrapped

    def charts(nodes: list[IncidentNode]) -> tuple[str, str]:
        return (
            timeline_svg(nodes, href, counting(timeline_keep, "timeline")),
            tempo_svg(nodes, lambda uri: "../" + uri, "place=x", counting(tempo_keep, "tempo")),
        )

    first = charts(incidents)
    assert drawn == ["timeline", "tempo"] and "bp-bin" in first[0]
    retitled = list(incidents)
    retitled[5] = IncidentNode(
        dataclasses.replace(
            incidents[5].entry,
            record=incidents[5].record.model_copy(update={"title": "A new title", "summary": "Another summary"}),
        ),
        incidents[5].uri,
    )
    assert charts(retitled) == first and drawn == ["timeline", "tempo"]
    for change in (
        {"event_type": "riots"},
        {"date": parse_fuzzy_date("2011-05-05")},
        {"fatalities": Fatalities(best=999)},
    ):
        drawn.clear()
        changed = [
            *incidents[:5],
            IncidentNode(
                dataclasses.replace(incidents[5].entry, record=incidents[5].record.model_copy(update=change)),
                incidents[5].uri,
            ),
            *incidents[6:],
        ]
        again = charts(changed)
        expected = ["timeline", "tempo"] if "fatalities" not in change else ["tempo"]
        assert drawn == expected, change
        assert again == (timeline_svg(changed, href), tempo_svg(changed, lambda uri: "../" + uri, "place=x"))
        charts(incidents)  # back to the first data for the next change

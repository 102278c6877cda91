"""The core's pieces on their own: dates, escaping, YAML positions and encodings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.load.dataset import load_dataset
from generator.load.yamlsource import parse
from generator.model.dates import DateError, parse_fuzzy_date
from generator.render.markup import block, href, inline


@pytest.mark.parametrize(
    ("value", "iso", "described"),
    [
        ("2020-06-04", "2020-06-04", "4 June 2020"),
        ("2020-06", "2020-06", "June 2020"),
        (2020, "2020", "2020"),
        ({"on": "2020-06", "approximate": True}, "2020-06", "June 2020 (approximate)"),
        ({"start": "2020-06-04", "end": "2020-06-10"}, "2020-06-04/2020-06-10", "week of 4 June 2020"),
        (
            {"start": "2020-06-01", "end": "2020-06-06", "approximate": True},
            "2020-06-01/2020-06-06",
            "1–6 June 2020 (approximate)",
        ),
        ({"start": "2019-10", "end": "2019-11"}, "2019-10-01/2019-11-30", "October – November 2019"),
        ({"start": "2019-12-30", "end": "2020-01-02"}, "2019-12-30/2020-01-02", "30 December 2019 – 2 January 2020"),
    ],
)
def test_dates_keep_their_precision(value: object, iso: str, described: str) -> None:
    date = parse_fuzzy_date(value)
    assert date.iso == iso
    assert date.describe() == described


def test_dates_sort_by_earliest_possible_day() -> None:
    month = parse_fuzzy_date("2020-06")
    day = parse_fuzzy_date("2020-06-02")
    assert month.start == dt.date(2020, 6, 1)
    assert month.end == dt.date(2020, 6, 30)
    assert sorted([day, month])[0] is month


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2020-02-30", "'2020-02-30' is not a real date (day is out of range for month)"),
        ("2020-13", "'2020-13' is not a real date (bad month number 13; must be 1-12)"),
        ("4 June 2020", "'4 June 2020' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY"),
        ({"start": "2020-06-05"}, "a date range needs both 'start' and 'end'"),
        ({"on": "2020", "start": "2020"}, "give either 'on' or 'start' and 'end', not both"),
        ({"on": "2020", "approx": True}, "unknown date field 'approx'; use on, start, end and approximate"),
        ([2020], "a date should be written as YYYY-MM-DD, YYYY-MM or YYYY, not list"),
    ],
)
def test_bad_dates_say_what_to_write(value: object, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_fuzzy_date(value)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Derik | Dêrik", "Derik \\| Dêrik"),
        ("*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`"),
        ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("# not a heading", "\\# not a heading"),
        ("15. joint patrol", "15\\. joint patrol"),
        ("two\nlines", "two lines"),
        ("al-Malikiyah", "al-Malikiyah"),
    ],
)
def test_inline_text_stays_literal(text: str, escaped: str) -> None:
    assert inline(text) == escaped


def test_block_text_keeps_markdown_but_not_html_or_unsafe_links() -> None:
    text = "**Bold** and [a report](https://example.org/r) but [bad](javascript:alert(1)) <img onerror=x>"
    assert block(text) == (
        "**Bold** and [a report](https://example.org/r) but [bad\\]\\(javascript:alert(1)) &lt;img onerror=x&gt;"
    )
    assert block("[ref]: data:text/html,x") == "\\[ref]: data:text/html,x"


def test_href_encodes_what_would_end_a_link() -> None:
    assert href("https://example.org/a (b)") == "https://example.org/a%20%28b%29"


def test_positions_are_kept_for_every_value() -> None:
    doc, problems = parse("id: x\nlist:\n  - a\n  - {b: 1}\n", "f.yaml")
    assert problems == []
    assert doc is not None
    assert doc.positions[("list", 1, "b")] == (4, 9)
    assert doc.key_positions[("list",)] == (2, 1)
    assert doc.position(("list", 1, "missing")) == (4, 5)


def test_plain_keys_are_text_even_when_yaml_would_read_them_otherwise() -> None:
    doc, problems = parse("date: {on: 2020-06}\nyes: 1\n", "f.yaml")
    assert problems == []
    assert doc is not None
    assert doc.value == {"date": {"on": "2020-06"}, "yes": 1}


def _write_place(seeds: Path, data: bytes) -> None:
    (seeds / "places").mkdir(parents=True, exist_ok=True)
    (seeds / "places" / "derik.yaml").write_bytes(data)


def test_byte_order_mark_and_crlf_are_accepted(tmp_path: Path) -> None:
    _write_place(tmp_path, b"\xef\xbb\xbfid: derik\r\nname: D\xc3\xaarik\r\nkind: town\r\n")
    dataset = load_dataset(tmp_path, tmp_path)
    assert dataset.diagnostics == []
    assert dataset.places["derik"].record.name == "Dêrik"


def test_a_file_that_is_not_utf8_names_the_byte(tmp_path: Path) -> None:
    _write_place(tmp_path, b"id: derik\nname: D\xeark\nkind: town\n")
    dataset = load_dataset(tmp_path, tmp_path)
    assert [d.format() for d in dataset.diagnostics] == [
        "places/derik.yaml:2:8: file is not valid UTF-8 (byte 0xea at offset 17)\n  hint: save the file as UTF-8 in your editor"
    ]
    assert dataset.places == {}


def test_a_symlink_out_of_the_data_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("id: derik\nname: Derik\nkind: town\n", encoding="utf-8")
    seeds = tmp_path / "seeds"
    (seeds / "places").mkdir(parents=True)
    (seeds / "places" / "derik.yaml").symlink_to(outside)
    dataset = load_dataset(seeds, tmp_path)
    assert [d.format() for d in dataset.diagnostics] == [
        "seeds/places/derik.yaml: symbolic link leads outside the data folder\n  hint: copy the file into the data folder"
    ]


def test_relative_paths_match_posixpath_without_the_file_system() -> None:
    import itertools
    import posixpath

    from generator.render.urls import relative_path, relative_url

    folders = ["", "a", "a/b", "b", "b/a/c"]
    for target, start in itertools.product(["x.md", "a/x.md", "a/b/x.md", "b/y.md"], folders):
        assert relative_path(target, start) == posixpath.relpath(target, start or "."), (target, start)
    assert relative_url("incidents/a.md", "actors/b.md") == "../../actors/b/"
    assert relative_url("actors/b.md", "index.md") == "../../"
    assert relative_url("index.md", "index.md") == "./"
    assert relative_url("incidents/a.md", "actors/b.md", directory_urls=False) == "../actors/b.html"


def test_counted_puts_the_noun_in_the_number_the_count_needs() -> None:
    from generator.render.wording import counted

    assert counted(1, "incident") == "1 incident"
    assert counted(0, "source") == "0 sources"
    assert counted(2340, "incident") == "2,340 incidents"
    assert counted(1, "reported fatality", "reported fatalities") == "1 reported fatality"
    assert counted(3, "reported fatality", "reported fatalities") == "3 reported fatalities"


def test_a_comment_is_found_wherever_it_is_and_a_hash_inside_a_string_is_none() -> None:
    from generator.importers.yamlout import has_comments

    assert has_comments("id: a\nbest: 2  # SOHR says 2\n")
    assert has_comments("id: a\n# a whole line\n")
    assert not has_comments("# yaml-language-server: $schema=../../schemas/incident.schema.json\nid: a\n")
    assert not has_comments('id: a\ntitle: "a # b"\nurl: https://x.example/#part\nsummary: |\n  x # y\n')


def test_the_acled_actor_types_line_says_how_the_file_wrote_them_not_an_example_code() -> None:
    from generator.model.records import AcledFields, DatasetFields, Incident
    from generator.render.provenance import dataset_facts

    def actor_types(inter: str) -> str:
        block = DatasetFields(acled=AcledFields(inter1=3, inter2=7, inter=inter))
        incident = Incident(id="x", title="x", date="2021-03-04", event_type="battles", place="p", dataset=block)
        return next(value for _, what, value in dataset_facts(incident) if what == "Actor types")

    assert (
        actor_types("numeric") == "actor 1: 3 Political militia; actor 2: 7 Civilians (written in the file as numbers)"
    )
    assert actor_types("labels") == "actor 1: 3 Political militia; actor 2: 7 Civilians (written in the file as labels)"


def test_positions_of_a_quickly_walked_file_are_found_when_asked_for() -> None:
    text = "id: x\ntitle: A\nlist:\n  - a\n  - {b: 1, c: [2, 3]}\nwhen: 2020-06-04\n"
    doc, problems = parse(text, "f.yaml")
    assert problems == []
    assert doc is not None
    assert doc.text == text  # nothing located yet: the quick walk kept the text instead
    assert doc.value == {"id": "x", "title": "A", "list": ["a", {"b": 1, "c": [2, 3]}], "when": "2020-06-04"}
    assert doc.position(("list", 1, "c", 1)) == (5, 19)
    assert doc.position(("title",), key=True) == (2, 1)
    assert doc.text is None  # walked carefully once, then kept


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id: x\ntitle: A\ntitle: B\n", "f.yaml:3:1: duplicate key 'title' (first written on line 2)"),
        ("id: x\nlist:\n  - {a: 1, a: 2}\n", "f.yaml:3:12: duplicate key 'a' (first written on line 3)"),
        ("id: x\n? [a]\n: 1\n", "f.yaml:2:3: mapping keys must be plain text"),
        ("id: &a x\nother: *a\n", "f.yaml:2:8: YAML aliases (*name) are not supported"),
        ("id: !!python/name:os.system x\n", "f.yaml:1:5: YAML tag '!!python/name:os.system' is not allowed"),
        ("base: {a: 1}\nid:\n  <<: {a: 1}\n", "f.yaml:3:3: YAML merge keys (<<) are not supported"),
    ],
)
def test_what_the_quick_walk_gives_up_on_is_refused_with_the_careful_message(text: str, message: str) -> None:
    doc, problems = parse(text, "f.yaml")
    assert doc is None
    assert [f"{p.path}:{p.line}:{p.col}: {p.message}" for p in problems] == [message]


def test_text_that_only_looks_like_yaml_syntax_keeps_its_value_and_positions() -> None:
    text = "id: x\ntitle: 'R&D * 3! <<here>>'\n"
    doc, problems = parse(text, "f.yaml")
    assert problems == []
    assert doc is not None
    assert doc.value == {"id": "x", "title": "R&D * 3! <<here>>"}
    assert doc.positions[("title",)] == (2, 8)

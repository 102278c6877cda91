"""The problems panel of the preview, as HTML: what it lists, that data cannot inject into it."""

from __future__ import annotations

from generator.diagnostics import Diagnostic, Severity
from generator.emit.overlay import PANEL_ID, inject, panel

ERROR = Diagnostic("seeds/actors/x.yaml", 3, 7, "unknown actor 'rusia'", "did you mean 'russia'?")
WARNING = Diagnostic("seeds/incidents/y.yaml", 1, 1, "incident 'y' cites no source", severity=Severity.WARNING)


def test_nothing_to_show_gives_no_panel_and_leaves_the_page_alone() -> None:
    assert panel([]) == ""
    assert inject("<html><body>x</body></html>", "") == "<html><body>x</body></html>"


def test_errors_open_the_panel_first_with_location_and_hint() -> None:
    html = panel([WARNING, ERROR], ["Doc file 'a.md' contains a link 'b.md', but the target is not found"])
    assert html.startswith(f'<details id="{PANEL_ID}" open ')
    assert "<summary>1 error and 1 warning in the data; 1 warning from MkDocs</summary>" in html
    error_at, warning_at = html.index("seeds/actors/x.yaml:3:7"), html.index("seeds/incidents/y.yaml:1:1")
    assert error_at < warning_at
    assert "unknown actor &#x27;rusia&#x27;" in html
    assert '<span class="briefing-hint">hint: did you mean &#x27;russia&#x27;?</span>' in html
    assert "MkDocs warning:</span> Doc file &#x27;a.md&#x27; contains a link" in html


def test_warnings_alone_fold_the_panel() -> None:
    html = panel([WARNING])
    assert html.startswith(f'<details id="{PANEL_ID}" class="briefing-warnings-only" role="region"')
    assert "<summary>1 warning in the data</summary>" in html


def test_text_from_data_cannot_inject_markup() -> None:
    hostile = Diagnostic(
        "seeds/<b>.yaml", 1, 2, "</details><script>alert(1)</script>", '"><img src=x onerror=alert(1)>'
    )
    html = panel([hostile], ["<script>alert(2)</script>"])
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;/details&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count("<details") == 1 and html.count("</details>") == 1


def test_the_panel_goes_just_before_the_end_of_the_body() -> None:
    page = "<html><body><p>text</p><script>x</script></body></html>"
    assert inject(page, "<aside>P</aside>") == "<html><body><p>text</p><script>x</script><aside>P</aside></body></html>"
    assert inject("no body", "<aside>P</aside>") == "no body<aside>P</aside>"


def test_the_not_found_page_can_ask_to_be_reloaded() -> None:
    assert panel([ERROR], refresh=2).startswith('<meta http-equiv="refresh" content="2"><details ')
    assert "http-equiv" not in panel([ERROR])

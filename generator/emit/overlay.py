"""The problems panel that ``mkdocs serve`` lays over every page while the data has problems.

Part of the emit stage, used only by the preview: the plugin hands it the diagnostics of the
last rebuild (and the warnings MkDocs itself logged) and puts the HTML it returns at the end of
each served page. An analyst who saves a broken YAML file sees where the problem is and what to
do in the browser, not only in a terminal they may not be looking at; the next good build
removes the panel, and MkDocs' live reload swaps the page without a manual reload.

The panel is plain HTML and CSS in one string, with every text escaped: it loads nothing and runs
no script, and it never appears in a site built with ``mkdocs build``. This module builds strings
only; it imports neither MkDocs nor anything that prints.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from generator.diagnostics import Diagnostic, Severity

PANEL_ID = "briefing-problems"
"""The panel's HTML id, which tests and the stylesheet below look for."""

_STYLE = f"""
#{PANEL_ID} {{
  position: fixed; inset: auto 0 0 0; z-index: 100000; max-height: 60vh; overflow: auto;
  margin: 0; padding: 0 1rem 0.75rem; box-sizing: border-box;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #1b1b1b; background: #fff; border-top: 6px solid #b3261e;
  box-shadow: 0 -4px 18px rgba(0, 0, 0, 0.35);
}}
#{PANEL_ID}.briefing-warnings-only {{ border-top-color: #8a5a00; }}
#{PANEL_ID} summary {{ cursor: pointer; padding: 0.6rem 0; font-weight: 700; font-size: 15px; }}
#{PANEL_ID} ol {{ margin: 0; padding: 0 0 0 1.4rem; }}
#{PANEL_ID} li {{ margin: 0 0 0.55rem; overflow-wrap: anywhere; }}
#{PANEL_ID} code {{
  font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  background: #f1f1f1; color: #1b1b1b; padding: 0 0.2rem; border-radius: 2px;
}}
#{PANEL_ID} .briefing-level {{ font-weight: 700; }}
#{PANEL_ID} .briefing-error {{ color: #b3261e; }}
#{PANEL_ID} .briefing-warning {{ color: #7a4f00; }}
#{PANEL_ID} .briefing-hint {{ display: block; color: #3b3b3b; }}
#{PANEL_ID} p {{ margin: 0.4rem 0 0; color: #3b3b3b; }}
"""


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


def _item(diagnostic: Diagnostic) -> str:
    where = diagnostic.path
    if diagnostic.line:
        where += f":{diagnostic.line}:{diagnostic.col}" if diagnostic.col else f":{diagnostic.line}"
    level = diagnostic.severity.value
    hint = f'<span class="briefing-hint">hint: {html.escape(diagnostic.hint)}</span>' if diagnostic.hint else ""
    return (
        f"<li><code>{html.escape(where)}</code> "
        f'<span class="briefing-level briefing-{level}">{level}:</span> '
        f"{html.escape(diagnostic.message)}{hint}</li>"
    )


def _notice(text: str) -> str:
    first, _, rest = text.partition("\n")
    more = f'<span class="briefing-hint">{html.escape(rest.strip())}</span>' if rest.strip() else ""
    return f'<li><span class="briefing-level briefing-warning">MkDocs warning:</span> {html.escape(first)}{more}</li>'


def summary(diagnostics: Sequence[Diagnostic], notices: Sequence[str] = ()) -> str:
    """The panel's one-line title, e.g. ``2 errors and 1 warning in the data``.

    Args:
        diagnostics: The data's problems.
        notices: Warnings MkDocs logged, as text.
    """
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    parts = []
    if errors:
        parts.append(_plural(errors, "error"))
    if warnings:
        parts.append(_plural(warnings, "warning"))
    text = " and ".join(parts) + " in the data" if parts else ""
    if notices:
        mkdocs = f"{_plural(len(notices), 'warning')} from MkDocs"
        text = f"{text}; {mkdocs}" if text else mkdocs
    return text


def panel(
    diagnostics: Sequence[Diagnostic], notices: Sequence[str] = (), *, refresh: int = 0, built: bool = True
) -> str:
    """The panel's HTML, or an empty string when there is nothing to show.

    Errors open the panel, since the page shown is then the last good one and not what the files
    say; warnings alone leave it folded to its title, as drafts often have them.

    Args:
        diagnostics: The data's problems, shown sorted by file and position, errors first.
        notices: Warnings MkDocs logged during the build, as text, shown after the data's.
        refresh: Reload the page every so many seconds (0: never). For the "not found" page,
            which MkDocs' server sends without its live-reload script: while the data is broken
            before any good build, the page asked for does not exist yet, and this brings it in
            once it does.
        built: Whether a build without errors has been made (else the preview shows none of
            the generated pages yet, and says so).
    """
    if not diagnostics and not notices:
        return ""
    ordered = sorted(diagnostics, key=lambda d: (d.severity is not Severity.ERROR, d))
    has_errors = any(d.severity is Severity.ERROR for d in ordered)
    if has_errors:
        shown = (
            "The preview shows the last pages built without errors."
            if built
            else "No page has been built without errors yet, so the generated pages are missing."
        )
        note = f"{shown} Fix the files and save: this page reloads by itself."
    else:
        note = (
            "Warnings do not stop the preview; <code>mkdocs build</code> with <code>strict: true</code> stops on them."
        )
    items = "".join(_item(d) for d in ordered) + "".join(_notice(n) for n in notices)
    classes = "" if has_errors else ' class="briefing-warnings-only"'
    reload = f'<meta http-equiv="refresh" content="{int(refresh)}">' if refresh > 0 else ""
    return (
        f'{reload}<details id="{PANEL_ID}"{classes}{" open" if has_errors else ""} role="region" '
        f'aria-label="Problems found by the briefing plugin">'
        f"<summary>{html.escape(summary(ordered, notices))}</summary>"
        f"<ol>{items}</ol><p>{note}</p></details>"
        f"<style>{_STYLE}</style>"
    )


def inject(page: str, panel_html: str) -> str:
    """Put ``panel_html`` just before the page's closing ``</body>`` (or at its end)."""
    if not panel_html:
        return page
    at = page.rfind("</body>")
    if at < 0:
        return page + panel_html
    return page[:at] + panel_html + page[at:]

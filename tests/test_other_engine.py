"""The plan if Material stops: ``briefing render`` + another MkDocs-compatible engine builds the site.

ProperDocs (a continuation of MkDocs 1.x) with its own ``mkdocs`` theme, no Material and no
plugin: the generated Markdown, pictures and data files are plain files any such engine reads.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import REPO, copy_project, quiet_env, run_cli


def test_the_example_builds_with_properdocs_from_briefing_render(tmp_path: Path) -> None:
    project = copy_project(REPO, tmp_path / "project")
    out = tmp_path / "other" / "docs"
    rendered = run_cli(project, "render", "--out", str(out))
    assert rendered.returncode == 0, rendered.stderr
    shutil.copytree(project / "docs", out, dirs_exist_ok=True)  # the hand-written pages beside them
    ours = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    stylesheets = sorted(p.relative_to(out).as_posix() for p in (out / "assets" / "briefing").glob("*.css"))
    config = {
        "site_name": ours["site_name"],
        "strict": True,
        "theme": {"name": "mkdocs", "highlightjs": False},  # highlight.js would come from a CDN
        "plugins": ["search"],
        "markdown_extensions": ["tables", "attr_list", {"toc": {"permalink": True}}],
        "extra_css": stylesheets,
        "nav": ours["nav"],
    }
    (out.parent / "properdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    built = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict"],
        cwd=out.parent,
        capture_output=True,
        text=True,
        env=quiet_env(),
        timeout=600,
    )
    assert built.returncode == 0, built.stderr
    site = out.parent / "site"
    incident = (site / "incidents" / "derik-standoff-2020-06-04" / "index.html").read_text(encoding="utf-8")
    assert "US and Russian soldiers square off near Derik" in incident
    assert "Material for MkDocs" not in incident and "assets/stylesheets/main" not in incident  # not Material
    assert 'href="../../places/derik/">Derik</a>' in incident
    assert (site / "data" / "incidents.geojson").is_file() or (site / "data" / "data.json").is_file()
    assert (site / "assets" / "briefing" / "vendor" / "leaflet" / "leaflet.js").is_file()
    for stylesheet in stylesheets:
        assert f'href="../../{stylesheet}"' in incident

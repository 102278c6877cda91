# Sourced by scripts/serve and scripts/test: make .venv with the project and what the caller needs.
# The caller sets `extra` first: "" for what building and serving a site needs (the package's own
# dependencies), "test" for the test tools as well (pytest, Playwright, mypy, ruff...).
# Installs again only when pyproject.toml changed since that set was last installed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
extra="${extra:-}"
stamp="$venv/.installed-${extra:-site}"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
# The test set holds the site's set: after scripts/test, scripts/serve has nothing to install.
if ! cmp -s "$root/pyproject.toml" "$stamp" 2>/dev/null \
    && { [ -n "$extra" ] || ! cmp -s "$root/pyproject.toml" "$venv/.installed-test" 2>/dev/null; }; then
    echo "setting up $venv${extra:+ with the $extra tools} (first run, or pyproject.toml changed)..." >&2
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "$root${extra:+[$extra]}"
    cp "$root/pyproject.toml" "$stamp"
fi
export NO_MKDOCS_2_WARNING=1  # mkdocs-material's end-of-life banner, shown on every run otherwise
cd "$root"

# Sourced by scripts/serve and scripts/test: make .venv with the project and its test tools.
# Re-installs only when pyproject.toml changed since the last install.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
stamp="$venv/.installed-pyproject"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
if ! cmp -s "$root/pyproject.toml" "$stamp" 2>/dev/null; then
    echo "setting up $venv (first run, or pyproject.toml changed)..." >&2
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "$root[test]"
    cp "$root/pyproject.toml" "$stamp"
fi
export NO_MKDOCS_2_WARNING=1  # mkdocs-material's end-of-life banner, shown on every run otherwise
cd "$root"

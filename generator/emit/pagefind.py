"""Build the site's search index with Pagefind, and keep it current across rebuilds.

Part of the emit stage. Pagefind (a Rust program shipped on PyPI as ``pagefind-bin``) splits the
index into small chunks, so a reader's first query downloads a few hundred kilobytes whatever the
size of the site, where a single-file index grows with every page. Pagefind reads HTML files
from a folder; :class:`SearchBundle` keeps such a folder of small documents (one per searchable
page, named as the page is in the site so that Pagefind derives the right URL), rewrites only
the documents that changed, runs Pagefind into the site's ``pagefind/`` folder and removes the
chunks that no longer belong to the index (Pagefind leaves files of earlier runs in place and
skips writing files that already exist, which is what makes a rebuild cheap).

The browser side is ``generator/render/static/search-worker.js``, which answers the theme's
search box from this index.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

OUTPUT_FOLDER = "pagefind"
"""Where the index is published, relative to the site root (the worker script loads it from there)."""

IGNORED = (
    "noscript",
    "script",
    "style",
    "svg",
    "[data-search-exclude]",
    ".headerlink",
    ".briefing-map",
    ".briefing-explorer",
)
"""Parts of a page's article that are not text a reader searches for (``data-search-exclude`` is
the theme's own marker, kept working with Pagefind)."""

ENTRY = "pagefind-entry.json"
"""The index's entry file, which names its metadata (and changes with any change of the index)."""
_CHUNK = re.compile(r"^[a-z-]+_[0-9a-f]{7,}\.pf_(?:fragment|index)$")
_META = re.compile(r"^pagefind\.[a-z-]+_[0-9a-f]+\.pf_meta$")


class SearchIndexError(Exception):
    """Pagefind is missing or failed; the message says what to do."""


def pagefind_executable() -> Path:
    """The Pagefind program: the one of the ``pagefind-bin`` package, else ``pagefind`` on the PATH.

    Raises:
        SearchIndexError: Neither is installed.
    """
    try:
        from pagefind_bin import get_executable

        return Path(get_executable())
    except (ImportError, FileNotFoundError):
        found = shutil.which("pagefind")
        if found is None:
            raise SearchIndexError(
                "the search index needs Pagefind, which is not installed\n"
                "  hint: pip install pagefind-bin (installed with this package), or put 'pagefind' on the PATH"
            ) from None
        return Path(found)


def document_path(url: str) -> str:
    """The file, relative to the document folder, that Pagefind turns into the site URL ``url``.

    ``incidents/x/`` becomes ``incidents/x/index.html`` (Pagefind drops ``index.html`` again);
    ``incidents/x.html`` stays as it is, and the home page ``""`` becomes ``index.html``.
    """
    return url + "index.html" if url == "" or url.endswith("/") else url


class SearchBundle:
    """A folder of search documents and the Pagefind index made from it.

    Create one per site and keep it between rebuilds: :meth:`update` then rewrites only the
    documents that changed, and :meth:`build` lets Pagefind reuse the chunks that did not.
    Call :meth:`close` to remove the document folder.
    """

    def __init__(self) -> None:
        self._folder = Path(tempfile.mkdtemp(prefix="briefing-search-"))
        self._documents: dict[str, bytes] = {}
        self._excluded: tuple[str, ...] = IGNORED
        self._running: tuple[subprocess.Popen[str] | None, Path] | None = None
        """The Pagefind run going and its index folder (no run: the index is current already)."""
        self._current: tuple[Path, tuple[str, ...], bytes] | None = None
        """The index folder, ignored selectors and entry file of the last index made of the
        documents as they are: indexing them again would make the same files."""

    def update(self, documents: Mapping[str, bytes]) -> int:
        """Make the document folder hold exactly ``documents`` (site URL -> HTML bytes).

        A Pagefind run still going is waited for first (and its outcome dropped: it indexed
        documents this call replaces).

        Returns:
            How many documents were written or removed.
        """
        self.settle()
        changed = 0
        for url in self._documents.keys() - documents.keys():
            (self._folder / document_path(url)).unlink(missing_ok=True)
            changed += 1
        for url, data in documents.items():
            if self._documents.get(url) != data:
                path = self._folder / document_path(url)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
                changed += 1
        self._documents = dict(documents)
        if changed:
            self._current = None
        return changed

    def build(self, site_dir: Path, *, exclude: tuple[str, ...] = IGNORED) -> Path:
        """Index the documents into ``site_dir/pagefind/`` and drop what the new index does not use.

        Returns:
            The index folder.

        Raises:
            SearchIndexError: Pagefind is missing or failed.
        """
        self.start(site_dir, exclude=exclude)
        return self.wait()

    def start(self, site_dir: Path, *, exclude: tuple[str, ...] = IGNORED) -> None:
        """Start Pagefind on the documents, into ``site_dir/pagefind/``, and return at once.

        Pagefind runs as a program of its own, on another core: the preview makes its exports
        meanwhile. :meth:`wait` waits for it; :meth:`update` and another :meth:`start` wait first
        (Pagefind must not read documents being rewritten, nor two runs write one index).

        Raises:
            SearchIndexError: Pagefind is missing or cannot be run.
        """
        self.settle()
        output = site_dir / OUTPUT_FOLDER
        if self._is_current(output, exclude):
            self._running = (None, output)  # a save that changed no search document (nor the site's index)
            return
        command = [
            str(pagefind_executable()),
            "--site",
            str(self._folder),
            "--output-path",
            str(output),
            "--exclude-selectors",
            ", ".join(exclude),
            "--silent",
        ]
        try:
            process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True
            )
        except OSError as exc:
            raise SearchIndexError(f"cannot run Pagefind ({command[0]}): {exc.strerror}") from exc
        self._running = (process, output)
        self._current = None
        self._excluded = exclude

    def _is_current(self, output: Path, exclude: tuple[str, ...]) -> bool:
        """Whether ``output`` holds the index of the documents as they are, as the last run left it."""
        if self._current is None or self._current[:2] != (output, exclude):
            return False
        try:
            return (output / ENTRY).read_bytes() == self._current[2]
        except OSError:
            return False

    def wait(self) -> Path:
        """Wait for the Pagefind run :meth:`start` started, and drop what the new index does not use.

        Returns:
            The index folder.

        Raises:
            SearchIndexError: Nothing was started, or Pagefind failed.
        """
        if self._running is None:
            raise SearchIndexError("no search index is being built")
        return self._finish()

    def settle(self) -> None:
        """Wait for a Pagefind run still going, if any, dropping its outcome (a run that a newer
        one replaces: it must not write into the site while the site is cleaned or indexed again)."""
        with contextlib.suppress(SearchIndexError):
            self._finish()

    def _finish(self) -> Path:
        """Wait for a Pagefind run still going, if any, and prune its index (returns its folder)."""
        if self._running is None:
            return Path()
        (process, output), self._running = self._running, None
        if process is None:
            return output
        try:
            stdout, stderr = process.communicate(timeout=600)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            raise SearchIndexError("Pagefind did not finish within 10 minutes") from None
        if process.returncode != 0:
            raise SearchIndexError(f"Pagefind failed (exit code {process.returncode}):\n{stdout}{stderr}".strip())
        prune(output)
        with contextlib.suppress(OSError):
            self._current = (output, self._excluded, (output / ENTRY).read_bytes())
        return output

    def close(self) -> None:
        """Wait for a Pagefind run still going, then remove the document folder."""
        self.settle()
        shutil.rmtree(self._folder, ignore_errors=True)
        self._documents = {}


def prune(output: Path) -> list[str]:
    """Remove index files that the current index no longer refers to; returns their paths.

    Pagefind names its chunks by their content and never deletes any, so after a rebuild the
    chunks of changed pages stay behind. The entry file names the metadata file of each
    language; the metadata (gzip-compressed) names every chunk in use. Nothing is removed when
    the metadata cannot be read or would leave a folder empty, so a future Pagefind with another
    layout leaves garbage behind rather than a broken index.
    """
    try:
        entry = (output / ENTRY).read_text(encoding="utf-8")
        hashes = re.findall(r'"hash"\s*:\s*"([a-z-]+)_([0-9a-f]+)"', entry)
        metadata = b"".join(
            gzip.decompress((output / f"pagefind.{lang}_{h}.pf_meta").read_bytes()) for lang, h in hashes
        )
    except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError):
        return []
    if not hashes:
        return []
    used = _names_in(metadata, {lang for lang, _ in hashes})
    removed: list[str] = []
    live_metas = {f"pagefind.{lang}_{h}.pf_meta" for lang, h in hashes}
    for item in os.scandir(output):
        if item.is_file() and _META.match(item.name) and item.name not in live_metas:
            os.unlink(item.path)
            removed.append(item.name)
    for folder in ("fragment", "index"):
        try:
            chunks = [item for item in os.scandir(output / folder) if _CHUNK.match(item.name)]
        except FileNotFoundError:
            continue
        stale = [item for item in chunks if item.name.split(".", 1)[0] not in used]
        if len(stale) == len(chunks):
            continue  # nothing of the folder in use: not a layout this function understands
        for item in stale:
            os.unlink(item.path)
            removed.append(f"{folder}/{item.name}")
    return sorted(removed)


def _names_in(metadata: bytes, languages: set[str]) -> set[str]:
    """Every chunk name (``en_0a1b2c3``) that the metadata may refer to.

    The names sit in binary data, where the byte after a name can happen to look like a hex
    digit, so each run of hex digits after a language prefix yields all its prefixes of 7 or
    more digits: a name in use is always among them.
    """
    prefix = b"|".join(re.escape(language.encode()) for language in sorted(languages))
    names: set[str] = set()
    for match in re.finditer(rb"(?:" + prefix + rb")_([0-9a-f]{7,})", metadata):
        head = match.group(0)[: match.start(1) - match.start(0)].decode()
        digits = match.group(1).decode()
        names.update(head + digits[:end] for end in range(7, len(digits) + 1))
    return names

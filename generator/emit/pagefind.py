"""Build the site's search index with Pagefind, and keep it current across rebuilds.

Part of the emit stage. Pagefind (a Rust program shipped on PyPI as ``pagefind-bin``) splits the
index into small chunks, so a reader's first query downloads a few hundred kilobytes whatever the
size of the site, where a single-file index grows with every page. Pagefind reads HTML files
from a folder; :class:`SearchBundle` keeps such a folder of small documents (one per searchable
page, named as the page is in the site so that Pagefind derives the right URL), rewrites only
the documents that changed, runs Pagefind into the site's ``pagefind/`` folder and removes the
chunks that no longer belong to the index (Pagefind leaves files of earlier runs in place and
skips writing files that already exist, which is what makes a rebuild cheap).

Shards: Pagefind 1.5 ranks a word's pages in time that grows with the square of their number
(it looks each page's positions up by scanning all the word's entries), so a word on every page
took 1.4 s at 10,000 pages and over a minute at 50,000. The documents are therefore split by a
hash of their URL into shards of about :data:`SHARD_PAGES` pages, each indexed by its own Pagefind
run: the first into ``pagefind/`` itself (a small site has only that one, the layout Pagefind
always has), the others into ``pagefind/shard-N/``, which the browser merges into the first
(Pagefind's ``mergeIndex``), so ranking costs time in proportion to the site. ``shards.json`` names
them. A rebuild re-runs Pagefind only for the shards whose documents changed.

The browser side is ``generator/render/static/search-worker.js``, which answers the theme's
search box from this index.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from generator.emit.files import write_atomic

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

SHARD_PAGES = 1000
"""About how many pages one shard indexes (the number of shards is the next power of two that
keeps them at most this size on average, so it changes only when the site doubles or halves)."""

MANIFEST = "shards.json"
"""The file in the index folder that names the shards merged into the first one."""

SHARD_KEEP = ("pagefind-entry.json", "fragment", "index", "filter")
"""What a merged shard's folder needs besides its ``.pf_meta`` files: the program, its WebAssembly
and Pagefind's own interface files are loaded from the first shard only."""

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


def shard_count(pages: int, shard_pages: int = SHARD_PAGES) -> int:
    """How many shards ``pages`` documents are split into: the least power of two that keeps the
    shards at ``shard_pages`` pages or fewer on average."""
    count = 1
    while count * shard_pages < pages:
        count *= 2
    return count


def shard_of(url: str, count: int) -> int:
    """The shard that indexes the page ``url`` (by a hash of it, so the same page stays in the
    same shard as others come and go)."""
    digest = hashlib.blake2b(url.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % count


def shard_folder(shard: int) -> str:
    """Where shard ``shard`` is published, relative to the index folder (``""`` for the first)."""
    return "" if shard == 0 else f"shard-{shard}"


class SearchBundle:
    """Folders of search documents, one per shard, and the Pagefind index made from them.

    Create one per site and keep it between rebuilds: :meth:`update` then rewrites only the
    documents that changed, and :meth:`build` runs Pagefind again only for the shards that
    changed (and lets it reuse the chunks that did not). Call :meth:`close` to remove the folders.

    Args:
        shard_pages: About how many pages a shard holds (:data:`SHARD_PAGES`).
    """

    def __init__(self, shard_pages: int = SHARD_PAGES) -> None:
        self._folder = Path(tempfile.mkdtemp(prefix="briefing-search-"))
        self._documents: dict[str, bytes] = {}
        self._shard_pages = shard_pages
        self._count = 0
        self._changed: set[int] = set()
        """Shards whose documents changed since their index was last made."""
        self._excluded: tuple[str, ...] = IGNORED
        self._running: tuple[list[Future[str]], Path] | None = None
        """The Pagefind runs going (one per shard) and the index folder (no runs: the index is
        current already)."""
        self._made: tuple[Path, tuple[str, ...], dict[int, bytes]] | None = None
        """The index folder, ignored selectors and each shard's entry file as the last runs left
        them: a shard whose documents did not change and whose entry file is still that one
        would be indexed into the same files again."""

    def update(self, documents: Mapping[str, bytes]) -> int:
        """Make the document folders hold exactly ``documents`` (site URL -> HTML bytes).

        A Pagefind run still going is waited for first (and its outcome dropped: it indexed
        documents this call replaces).

        Returns:
            How many documents were written or removed.
        """
        self.settle()
        count = shard_count(len(documents), self._shard_pages)
        changed = 0
        if count != self._count:
            # Every page may move to another shard: start again with empty folders.
            changed += len(self._documents)
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder.mkdir(parents=True)
            self._documents = {}
            self._count = count
            self._changed = set(range(count))
        for url in self._documents.keys() - documents.keys():
            shard = shard_of(url, count)
            (self._folder / str(shard) / document_path(url)).unlink(missing_ok=True)
            self._changed.add(shard)
            changed += 1
        for url, data in documents.items():
            if self._documents.get(url) != data:
                shard = shard_of(url, count)
                path = self._folder / str(shard) / document_path(url)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
                self._changed.add(shard)
                changed += 1
        self._documents = dict(documents)
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
        """Start Pagefind on the shards whose documents changed, into ``site_dir/pagefind/``, and
        return at once.

        Pagefind runs as a program of its own, on other cores (two shards at a time): the preview
        makes its exports meanwhile. :meth:`wait` waits for it; :meth:`update` and another
        :meth:`start` wait first (Pagefind must not read documents being rewritten, nor two runs
        write one index).

        Raises:
            SearchIndexError: Pagefind is missing.
        """
        self.settle()
        output = site_dir / OUTPUT_FOLDER
        count = max(self._count, 1)
        todo = set(self._changed)
        made = self._made if self._made is not None and self._made[:2] == (output, exclude) else None
        for shard in range(count):
            if made is None or made[2].get(shard) != _entry(output, shard):
                todo.add(shard)  # not made by this bundle, or changed since (a full rebuild cleaned the site)
        if _shards_in(output / MANIFEST) != count:
            todo = set(range(count))
        self._excluded = exclude
        if not todo:
            self._running = ([], output)  # a save that changed no search document (nor the site's index)
            return
        program = str(pagefind_executable())
        self._made = None
        for shard in todo:
            (self._folder / str(shard)).mkdir(parents=True, exist_ok=True)
        # Each run is mostly one thread, and shards are independent: two at a time.
        pool = ThreadPoolExecutor(max_workers=2)
        runs = [pool.submit(self._run, program, shard, output, exclude) for shard in sorted(todo)]
        pool.shutdown(wait=False)
        self._running = (runs, output)

    def _run(self, program: str, shard: int, output: Path, exclude: tuple[str, ...]) -> str:
        """Index shard ``shard``; returns an error message, or ``""``."""
        target = output / shard_folder(shard)
        command = [
            program,
            "--site",
            str(self._folder / str(shard)),
            "--output-path",
            str(target),
            "--exclude-selectors",
            ", ".join(exclude),
            "--silent",
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, stdin=subprocess.DEVNULL, text=True, timeout=600, check=False
            )
        except OSError as exc:
            return f"cannot run Pagefind ({command[0]}): {exc.strerror}"
        except subprocess.TimeoutExpired:
            return "Pagefind did not finish within 10 minutes"
        if done.returncode != 0:
            return f"Pagefind failed (exit code {done.returncode}):\n{done.stdout}{done.stderr}".strip()
        prune(target)
        if shard != 0:
            for item in os.scandir(target):
                if item.name in SHARD_KEEP or item.name.endswith(".pf_meta"):
                    continue
                if item.is_dir():
                    shutil.rmtree(item.path)
                else:
                    os.unlink(item.path)
        return ""

    def wait(self) -> Path:
        """Wait for the Pagefind runs :meth:`start` started, and drop what the new index does not use.

        Returns:
            The index folder.

        Raises:
            SearchIndexError: Nothing was started, or Pagefind failed.
        """
        if self._running is None:
            raise SearchIndexError("no search index is being built")
        return self._finish()

    def settle(self) -> None:
        """Wait for Pagefind runs still going, if any, dropping their outcome (runs that a newer
        one replaces: they must not write into the site while the site is cleaned or indexed again)."""
        with contextlib.suppress(SearchIndexError):
            self._finish()

    def _finish(self) -> Path:
        """Wait for the Pagefind runs still going, if any, and complete the index (returns its folder)."""
        if self._running is None:
            return Path()
        (runs, output), self._running = self._running, None
        if not runs:
            return output
        failed = [message for message in (run.result() for run in runs) if message]
        if failed:
            raise SearchIndexError(failed[0])
        count = max(self._count, 1)
        self._changed = set()
        _remove_other_shards(output, count)
        names = [shard_folder(shard) for shard in range(1, count)]
        _write_if_changed(output / MANIFEST, (json.dumps({"shards": names}) + "\n").encode("utf-8"))
        self._made = (output, self._excluded, {shard: _entry(output, shard) for shard in range(count)})
        return output

    def close(self) -> None:
        """Wait for Pagefind runs still going, then remove the document folders."""
        self.settle()
        shutil.rmtree(self._folder, ignore_errors=True)
        self._documents = {}
        self._count = 0


def _entry(output: Path, shard: int) -> bytes:
    """The entry file of shard ``shard`` of the index in ``output`` (empty when there is none)."""
    try:
        return (output / shard_folder(shard) / ENTRY).read_bytes()
    except OSError:
        return b""


def _shards_in(manifest: Path) -> int:
    """How many shards the index folder's manifest names (0 when it cannot be read)."""
    try:
        return 1 + len(json.loads(manifest.read_text(encoding="utf-8"))["shards"])
    except (OSError, ValueError, KeyError, TypeError):
        return 0


def _remove_other_shards(output: Path, count: int) -> None:
    """Remove the folders of shards beyond ``count`` (the site had more shards before)."""
    for item in os.scandir(output):
        if item.is_dir() and re.fullmatch(r"shard-[0-9]+", item.name) and int(item.name[6:]) >= count:
            shutil.rmtree(item.path)


def _write_if_changed(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` unless it already holds it (a file rewritten unchanged would
    look changed to the browser's cache and to a sync tool)."""
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    write_atomic(path, data)


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

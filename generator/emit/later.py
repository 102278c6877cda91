"""Files the preview writes a moment after a rebuild: the exports, made on a thread of their own.

Part of the emit stage, used by the MkDocs plugin under ``mkdocs serve --dirty``. Making the
exports (CSV, JSON, GeoJSON, STIX, Atom) of a large dataset takes seconds; the pages of a save
need not wait for them. After each rebuild the plugin hands :class:`LaterFiles` a function that
makes them from that rebuild's index; one worker thread runs only the newest such job (a job
that a newer rebuild has overtaken is dropped), writes the files whose bytes changed in place
atomically, removes the ones that are gone, and then reports which rebuild the files now show.
So the exports follow a save a moment later and are never left behind by a newer one. Nothing
here imports MkDocs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.emit.files import write_atomic
from generator.render.assets import Asset


@dataclass
class _Job:
    build: int
    make: Callable[[], list[Asset]]
    site_dir: Path


class LaterFiles:
    """A worker that writes the files of the newest rebuild into the site.

    Args:
        written: The files as the site holds them now (the rebuild before the first job's), by uri.
        done: Called on the worker with the number of the rebuild the files now show and the uris
            written or removed; or with a job's number and the exception that stopped it.
    """

    def __init__(self, written: dict[str, bytes], done: Callable[[int, list[str], Exception | None], None]) -> None:
        self.written = dict(written)
        self._done = done
        self._job: _Job | None = None
        self._floor = 0
        self._writing = threading.Lock()
        self._wake = threading.Condition()
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="briefing-later-files", daemon=True)
        self._thread.start()

    def submit(self, build: int, make: Callable[[], list[Asset]], site_dir: Path) -> None:
        """Make and write the files of rebuild ``build`` soon, instead of any job still waiting."""
        with self._wake:
            self._job = _Job(build, make, site_dir)
            self._wake.notify()

    def supersede(self, build: int, written: dict[str, bytes] | None) -> dict[str, bytes]:
        """Rebuild ``build`` writes the files itself (a full rebuild): drop older jobs, wait for a
        write in progress, and take ``written`` as what the site holds (None: the files as last
        written). Returns what the site holds."""
        with self._wake:
            self._floor = build
            self._job = None
        with self._writing:
            if written is not None:
                self.written = dict(written)
            return dict(self.written)

    def stop(self) -> None:
        """Let the worker end (a job it is running finishes first)."""
        with self._wake:
            self._stopped = True
            self._wake.notify()

    def _run(self) -> None:
        while True:
            with self._wake:
                self._wake.wait_for(lambda: self._job is not None or self._stopped)
                if self._stopped:
                    return
                job, self._job = self._job, None
            assert job is not None
            try:
                files = {asset.uri: asset.data for asset in job.make()}
            except Exception as exc:  # reported, and the worker stays for the next save
                self._done(job.build, [], exc)
                continue
            with self._writing:
                with self._wake:
                    if job.build < self._floor or (self._job is not None and self._job.build > job.build):
                        continue  # a newer rebuild's files are coming or written: these are old
                touched = []
                for uri, data in files.items():
                    if self.written.get(uri) != data:
                        write_atomic(job.site_dir / uri, data)
                        touched.append(uri)
                for uri in sorted(self.written.keys() - files.keys()):
                    (job.site_dir / uri).unlink(missing_ok=True)
                    touched.append(uri)
                self.written = files
                self._done(job.build, sorted(touched), None)

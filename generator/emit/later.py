"""What the preview does a moment after a rebuild: the exports and the search index, on a thread.

Part of the emit stage, used by the MkDocs plugin under ``mkdocs serve --dirty``. Making the
exports (CSV, JSON, GeoJSON, STIX, Atom) and running Pagefind over every page take seconds on a
large dataset; the pages of a save need not wait for them. After each rebuild the plugin hands
:class:`Later` that rebuild's tasks; one worker thread runs them in order, and a job that a newer
rebuild has overtaken stops before its next task (the newer job does them all again, from newer
data). So the exports and the search index follow a save a moment later and are never left
behind by a newer one. A rebuild that does the work itself (when every page is built) first
calls :meth:`Later.supersede`, which drops older jobs and waits for a task still running.
:class:`WrittenFiles` writes a set of files into the site, only those whose bytes changed,
each atomically. Nothing here imports MkDocs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.emit.files import write_atomic

Task = tuple[str, Callable[[], None]]
"""A named piece of work: ``("exports", write_them)``."""


@dataclass
class _Job:
    build: int
    tasks: list[Task]


class Later:
    """A worker thread that runs the tasks of the newest rebuild.

    Args:
        done: Called on the worker after each task with the rebuild's number, the task's name
            and the exception that stopped it, if one did.
    """

    def __init__(self, done: Callable[[int, str, Exception | None], None]) -> None:
        self._done = done
        self._job: _Job | None = None
        self._floor = 0
        self._running = threading.Lock()
        self._wake = threading.Condition()
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="briefing-later", daemon=True)
        self._thread.start()

    def submit(self, build: int, tasks: list[Task]) -> None:
        """Run the tasks of rebuild ``build`` soon, instead of any job still waiting."""
        with self._wake:
            self._job = _Job(build, tasks)
            self._wake.notify()

    def supersede(self, build: int) -> None:
        """Rebuild ``build`` does the work itself: drop older jobs and wait for a task still running."""
        with self._wake:
            self._floor = build
            self._job = None
        with self._running:
            pass

    def idle(self) -> bool:
        """Whether no job is waiting or running (for tests)."""
        with self._wake:
            waiting = self._job is not None
        return not waiting and not self._running.locked()

    def stop(self) -> None:
        """Let the worker end (a task it is running finishes first)."""
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
            for name, task in job.tasks:
                error: Exception | None = None
                with self._running:
                    with self._wake:
                        if job.build < self._floor or self._job is not None:
                            break  # overtaken: a newer rebuild's job does every task again
                    try:
                        task()
                    except Exception as exc:  # reported; the worker stays for the next save
                        error = exc
                self._done(job.build, name, error)


class WrittenFiles:
    """Files the preview writes into its site itself, as last written.

    Attributes:
        files: Their bytes, by path relative to the site folder.
    """

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def write(self, site_dir: Path, files: Mapping[str, bytes]) -> list[str]:
        """Make the site hold exactly ``files`` of these: write the changed, remove the gone.

        Returns:
            The paths written or removed.
        """
        touched = []
        for uri, data in files.items():
            if self.files.get(uri) != data:
                write_atomic(site_dir / uri, data)
                touched.append(uri)
        for uri in sorted(self.files.keys() - files.keys()):
            (site_dir / uri).unlink(missing_ok=True)
            touched.append(uri)
        self.files = dict(files)
        return sorted(touched)

"""The preview's garbage: collected while the analyst reads, not while a save is being built.

Part of the emit stage, used by the MkDocs plugin under ``mkdocs serve``. The preview keeps the
whole site in memory between rebuilds (every page's Markdown and inputs, the index, MkDocs' own
objects): at 10,000 incidents well over half a million objects. Python's cyclic garbage
collector walks all of them in each full collection, and a rebuild, which makes a new index and
new pages, sets off one or more: about a second of a save at that size spent walking objects
that are still in use.

So, once a rebuild and the work after it (exports, search index) have been quiet for
:data:`QUIET_SECONDS`, :class:`QuietCollector` collects everything once (the last rebuild's
garbage goes) and then freezes what is left (:func:`gc.freeze`): later collections, during the
next rebuild, walk only the objects made since. Nothing is lost: the next quiet moment unfreezes,
collects and freezes again, so garbage from a frozen generation is freed a save later.
"""

from __future__ import annotations

import gc
import threading

QUIET_SECONDS = 0.5
"""How long the preview must be idle before its garbage is collected."""


class QuietCollector:
    """Collects the preview's garbage when it is idle, and keeps what lives out of later collections."""

    def __init__(self, quiet: float = QUIET_SECONDS) -> None:
        self.quiet = quiet
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._busy = False
        self.collections = 0
        """How many idle collections ran (for tests)."""

    def busy(self) -> None:
        """A rebuild starts: no collection until it is over (one already running finishes first)."""
        with self._lock:
            self._busy = True
            self._cancel()

    def idle(self) -> None:
        """The rebuild is over: collect once nothing else happens for a while."""
        with self._lock:
            self._busy = False
            self._wait()

    def settle(self) -> None:
        """Work after a rebuild ended (an export, the search index): wait again, unless a rebuild runs."""
        with self._lock:
            if not self._busy:
                self._wait()

    def _wait(self) -> None:
        self._cancel()
        self._timer = threading.Timer(self.quiet, self._collect)
        self._timer.daemon = True
        self._timer.start()

    def stop(self) -> None:
        """The server stops: no more collections, and every object is collectable again."""
        with self._lock:
            self._busy = True
            self._cancel()
        gc.unfreeze()

    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _collect(self) -> None:
        with self._lock:
            if self._busy:
                return
            gc.unfreeze()
            gc.collect()
            gc.freeze()
            self.collections += 1

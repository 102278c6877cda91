"""A preview stopped by ``kill`` cleans up as one stopped by Ctrl+C does.

Part of the emit stage, used by the MkDocs plugin under ``mkdocs serve``. MkDocs removes its
temporary site folder, and calls the plugins' ``on_shutdown`` (which removes the search
documents' folder, as large as the site), only when ``serve`` ends by Ctrl+C. ``kill PID``, a
service manager, an editor's stop button or a closed terminal end the process by SIGTERM or
SIGHUP, whose default action leaves both folders in the temporary directory at every stop.
While a :class:`GracefulStop` is installed, those signals stop the server as Ctrl+C does; once
the process has cleaned up it ends by the same signal, so a shell or ``briefing serve`` still
sees it killed by SIGTERM. Nothing here imports MkDocs.
"""

from __future__ import annotations

import atexit
import os
import signal
import threading
from types import FrameType
from typing import Any

SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
"""The signals that stop a preview: ``kill``'s default, and a closed terminal's."""


class GracefulStop:
    """Handlers for :data:`SIGNALS` that raise ``KeyboardInterrupt`` in the main thread."""

    def __init__(self) -> None:
        self._previous: dict[int, Any] = {}
        self.received: int | None = None
        """The signal that stopped the process, once one has."""

    def install(self) -> bool:
        """Take over :data:`SIGNALS`; False (nothing done) outside the main thread, where Python
        cannot handle signals."""
        if threading.current_thread() is not threading.main_thread() or self._previous:
            return False
        self._previous = {signum: signal.signal(signum, self._stop) for signum in SIGNALS}
        return True

    def uninstall(self) -> None:
        """Give the signals back their previous handlers (a stop already received still ends the
        process by its signal once Python exits)."""
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous = {}

    def _stop(self, signum: int, _frame: FrameType | None) -> None:
        if self.received is None:
            self.received = signum
            atexit.register(_end_by, signum)
        raise KeyboardInterrupt


def _end_by(signum: int) -> None:
    """At exit, after every cleanup: end the process by ``signum`` as its default action would."""
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)

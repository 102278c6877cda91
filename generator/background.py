"""Run one pure computation on the machine's second core while this process does other work.

The pipeline makes the site's data files (map and explorer data, exports) from the index while
it renders the pages; both only read the index. On a system that can ``fork`` the data files are
made in a forked child, which starts with a copy of the index at no cost and sends back the
bytes it made; the parent renders the pages meanwhile. The child runs the same code on the same
data, so the output is byte-identical to making the files in-process, which is what happens
where forking is unsafe or impossible: on systems without ``fork``, in a process that runs other
threads (``mkdocs serve``'s server: a forked child would inherit their locks in whatever state
they were), and on one CPU. A child that fails for any reason is not trusted: the work is done
again in-process, so its errors surface as they would without the child.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

T = TypeVar("T")


def _usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether :class:`Background` will use a child process here."""
    return (
        "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
        and _usable_cpus() > 1
        and not os.environ.get("BRIEFING_NO_FORK")
    )


class Background(Generic[T]):
    """``function()``, computed in a forked child when :func:`can_fork`, else by :meth:`result`.

    Create it, do other work, then call :meth:`result` (or :meth:`discard`) once. The function
    must not return ``None`` (which stands for a failed child). With ``fork=False`` it is always
    computed here, by :meth:`result`: for a function that changes this process's state.
    """

    def __init__(self, function: Callable[[], T], *, fork: bool = True) -> None:
        self._function = function
        self._process: multiprocessing.process.BaseProcess | None = None
        self._receive: Connection | None = None
        if not fork or not can_fork():
            return
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(function, send), daemon=True)
        try:
            process.start()
        except OSError:  # no memory or process slots left: do the work here instead
            receive.close()
            send.close()
            return
        send.close()
        self._process, self._receive = process, receive

    def discard(self) -> None:
        """The value is not wanted after all: stop the child, if there is one."""
        if self._process is not None and self._receive is not None:
            self._process.terminate()
            self._receive.close()
            self._process.join()
            self._process = self._receive = None

    def result(self) -> T:
        """The function's value: the child's when it succeeded, else computed here and now."""
        if self._process is None or self._receive is None:
            return self._function()
        try:
            data = self._receive.recv_bytes()
            value: T | None = pickle.loads(data) if data else None
        except (EOFError, OSError, pickle.UnpicklingError):
            value = None
        finally:
            self._receive.close()
            self._process.join()
        if value is None or self._process.exitcode != 0:
            return self._function()
        return value


def _child(function: Callable[[], object], send: Connection) -> None:
    """In the child: send the pickled value, or nothing (an empty message) when anything failed."""
    # The child's collections need not walk the heap it inherited (the whole index): walking it
    # would also write to every object's header and so copy the parent's memory page by page.
    gc.freeze()
    try:
        data = pickle.dumps(function(), protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:  # the parent computes it again and reports the error itself
        data = b""
    send.send_bytes(data)
    send.close()

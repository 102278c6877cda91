"""The preview collects its garbage when idle and keeps what lives out of the collections of a rebuild."""

from __future__ import annotations

import gc
import time
import weakref
from collections.abc import Callable, Iterator

import pytest

from generator.emit.memory import QuietCollector


class _Cycle:
    """An object that only the cyclic collector can free."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def collector() -> Iterator[QuietCollector]:
    made = QuietCollector(quiet=0.05)
    yield made
    made.stop()


def _wait(check: Callable[[], bool], timeout: float = 5.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.01)
    return False


def test_an_idle_preview_frees_the_last_rebuilds_cycles_and_freezes_the_rest(collector: QuietCollector) -> None:
    kept = _Cycle()
    garbage = _Cycle()
    gone = weakref.ref(garbage)
    del garbage
    collector.busy()
    collector.idle()
    assert _wait(lambda: collector.collections == 1)
    assert gone() is None
    assert gc.get_freeze_count() > 0  # what lives is left out of the next rebuild's collections
    assert kept.me is kept


def test_no_collection_while_a_rebuild_runs_even_when_earlier_work_ends(collector: QuietCollector) -> None:
    collector.idle()
    collector.busy()  # a save arrives before the quiet time is over
    collector.settle()  # the last rebuild's exports end during the new one
    time.sleep(0.3)
    assert collector.collections == 0
    collector.idle()
    assert _wait(lambda: collector.collections == 1)


def test_stopping_makes_every_object_collectable_again(collector: QuietCollector) -> None:
    collector.idle()
    assert _wait(lambda: collector.collections == 1)
    collector.stop()
    assert gc.get_freeze_count() == 0

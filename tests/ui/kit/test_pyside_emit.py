"""Guards against a PySide6 release whose Signal.emit() loses references (6.12.0 did).

Every emit from Python returned ``True`` without owning a reference to it; Python 3.11 then
aborts ("bool_dealloc") once a few thousand signals have been emitted, e.g. while a rep
types notes. Python 3.12+ hides it (True is immortal there), so the check counts references.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    ping = Signal()


def test_emitting_a_signal_keeps_reference_counts(qapp):
    emitter = Emitter()
    before = sys.getrefcount(True)
    for _ in range(200):
        emitter.ping.emit()
    assert sys.getrefcount(True) - before >= 0

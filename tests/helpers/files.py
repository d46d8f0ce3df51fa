"""The native file dialogs, answered by the test (they cannot be driven offscreen)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog


class FakeFileDialog:
    """Stands in for the native file dialogs: records what was asked, answers with a path."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.answers: list[str] = []
        self.asked: list[dict] = []
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self._answer)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", self._answer)

    def _answer(self, parent, caption, start, filters, selected=""):
        self.asked.append({"caption": caption, "start": start, "filters": filters.split(";;"), "selected": selected})
        path = self.answers.pop(0) if self.answers else ""
        return path, selected or filters.split(";;")[0]

"""Driving the sidebar as a rep does: start and end a call through its dialogs, read rows."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QStyle, QStyleOptionViewItem

from salesdesk.storage.db import DB_FILENAME
from tests.helpers.typing import type_text

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def db_rows(data_dir: Path, sql: str, *params) -> list[tuple]:
    """Read the database file directly, independent of the app's own store."""
    con = sqlite3.connect(data_dir / DB_FILENAME)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def start_call(window, qtbot, on_dialog, *, name="Dana Whitfield", company="Northwind Logistics", email=""):
    def fill(dialog):
        type_text(dialog.name, name)
        type_text(dialog.company, company)
        type_text(dialog.email, email)
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    on_dialog(fill)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: window.controller.call is not None)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # the sidebar has the keyboard again


def end_call(window, qtbot, on_dialog, outcome, next_step, *, due: date | None):
    def fill(dialog):
        dialog.outcome.setCurrentText("")
        type_text(dialog.outcome.lineEdit(), outcome)
        type_text(dialog.next_step, next_step)
        dialog.has_due.setChecked(due is not None)
        if due is not None:
            dialog.due.setDate(due)
        qtbot.keyClick(dialog.next_step, Qt.Key.Key_Return)  # Enter accepts the dialog

    on_dialog(fill)
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL | SHIFT)
    qtbot.waitUntil(lambda: window.controller.call is None)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def checkbox_center(view, row: int) -> QPoint:
    index = view.model().index(row, 0)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = view.visualRect(index)
    option.features = QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator | (
        QStyleOptionViewItem.ViewItemFeature.HasDisplay
    )
    option.text = index.data()
    return view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, view).center()


def visible_texts(view) -> list[str]:
    model = view.model()
    return [model.index(r, 0).data() for r in range(model.rowCount())]

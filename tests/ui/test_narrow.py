"""The sidebar at its default width (380 px) and its narrowest (320 px): nothing a rep has to
read is elided, cut off or hidden behind a scroll inside a list."""

from __future__ import annotations

import contextlib

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QListView, QStyle, QStyleOptionViewItem

from salesdesk.core.call import Contact
from salesdesk.core.playbook import builtin_playbook_paths
from salesdesk.core.playbook_check import load_playbook
from salesdesk.ui.beside_call.cues import CueWatcher
from salesdesk.ui.beside_call.palette import CommandPalette
from salesdesk.ui.sidebar.window import DEFAULT_SIZE, MIN_WIDTH
from tests.helpers.typing import type_text

BUILTIN = [load_playbook(path) for path in builtin_playbook_paths()]


@pytest.fixture(params=["light", "dark"])
def scheme(request):
    yield request.param
    from salesdesk.ui.kit import theme

    theme.follower(QApplication.instance()).set_scheme("system")  # the palette is the application's


@pytest.fixture(params=["en", "de"])
def language(request):
    if request.param == "de":
        request.getfixturevalue("german")
    return request.param


def cut_rows(view: QListView, *, scrolls: bool = False) -> list[str]:
    """The rows of ``view`` not shown whole: wrapped into less room than their text needs
    (so elided or cut), or reaching outside the visible part of the list (for a list that
    ``scrolls``: partly inside it; rows scrolled wholly out of view are fine)."""
    style, model = view.style(), view.model()
    visible = view.viewport().rect()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1  # as the style draws text
    problems = []
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.rect = view.visualRect(index)
        if scrolls and not visible.intersects(option.rect):
            continue
        view.itemDelegateForIndex(index).initStyleOption(option, index)
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
        width = text_rect.width() - 2 * margin
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
        needed = QFontMetrics(option.font).boundingRect(QRect(0, 0, width, 100_000), flags, option.text)
        if needed.height() > text_rect.height() or needed.width() > width:
            has = f"{width}x{text_rect.height()}"
            problems.append(f"{option.text!r}: needs {needed.width()}x{needed.height()}, has {has}")
        elif not visible.contains(option.rect):
            problems.append(f"{option.text!r}: at {option.rect.getRect()}, outside the visible {visible.getRect()}")
    return problems


def assert_rows_whole(qtbot, view: QListView, what: str) -> None:
    """Once the layout has settled (a wrapped list is laid out after the resize that set its
    width), every row of ``view`` is whole."""
    with contextlib.suppress(qtbot.TimeoutError):
        qtbot.waitUntil(lambda: view.isVisible() and not cut_rows(view), timeout=1000)
    assert view.isVisible(), what
    assert cut_rows(view) == [], what


def shows_whole(label: QLabel) -> bool:
    """The label's text is all on screen: wrapped into enough height, or on one line that fits."""
    if label.wordWrap():
        return label.height() >= label.heightForWidth(label.width())
    return label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()


# --------------------------------------------------------------------------- the checklist


@pytest.mark.parametrize("playbook", BUILTIN, ids=[p.name for p in BUILTIN])
def test_every_checklist_item_of_every_built_in_stage_is_whole_at_the_default_width(
    qtbot, open_window, scheme, language, playbook
):
    window = open_window()
    window.prefs.color_scheme = scheme
    window.resize(DEFAULT_SIZE[0], DEFAULT_SIZE[1])
    window.controller.start_call(Contact("Dana Whitfield", "Northwind Logistics"), playbook)
    window.show_tab("stage")
    view = window.stage_panel.checklist
    for stage in playbook.stages:
        window.controller.set_stage(stage.key)
        if stage.checklist:
            assert_rows_whole(qtbot, view, f"{stage.title} ({language}, {scheme})")
            assert [view.model().index(r, 0).data() for r in range(view.model().rowCount())] == [
                item.text for item in stage.checklist
            ]
            assert view.verticalScrollBar().maximum() == 0  # the page scrolls, never the list
        else:
            assert not view.isVisible() and not window.stage_panel.checklist_title.isVisible()


def unclipped(widget) -> bool:
    """``widget`` lies wholly inside each of its parents (none of it is cut away)."""
    child = widget
    while child.parentWidget() is not None and not child.isWindow():
        parent = child.parentWidget()
        if not parent.rect().contains(child.geometry()):
            return False
        child = parent
    return True


def settled(qtbot, condition) -> bool:
    """``condition()`` once layouts have settled (they run on the next turns of the event loop)."""
    with contextlib.suppress(qtbot.TimeoutError):
        qtbot.waitUntil(condition, timeout=1000)
    return condition()


# --------------------------------------------------------------------------- the live cue


@pytest.mark.parametrize("width", [DEFAULT_SIZE[0], MIN_WIDTH])
def test_the_live_cue_shows_the_whole_first_line_wrapped(qtbot, open_window, width):
    window = open_window()
    window.resize(width, DEFAULT_SIZE[1])
    window.controller.start_call(Contact("Dana Whitfield", "Northwind Logistics"), BUILTIN[0])
    editor = window.notes_panel.editor
    editor.setFocus()
    type_text(editor, "She says it is too expensive")
    banner = window.features.get(CueWatcher).banner
    assert banner is not None and banner.isVisible()
    first_line = window.controller.call.playbook.objection("too-expensive").rebuttals[0]
    assert banner.line.text() == f"“{first_line}”"  # all of it, not cut with "…"
    assert settled(qtbot, lambda: shows_whole(banner.line) and unclipped(banner.line))
    assert banner.line.height() > banner.line.fontMetrics().lineSpacing()  # on more than one line
    assert editor.hasFocus()


# --------------------------------------------------------------------------- the command palette


def cut_palette_rows(view: QListView) -> list[str]:
    """Palette results whose title and detail, wrapped to the row, need more room than it has."""
    from salesdesk.ui.beside_call.palette import DetailRole, ResultDelegate

    pad = ResultDelegate.PAD
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
    metrics = view.fontMetrics()
    problems = []
    model = view.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        rect = view.visualRect(index)
        if not rect.intersects(view.viewport().rect()):
            continue  # scrolled out of view: the list scrolls, a row does not
        width = rect.width() - 2 * pad - 2
        needed = sum(
            max(metrics.lineSpacing(), metrics.boundingRect(QRect(0, 0, width, 100_000), flags, text).height())
            for text in (index.data(), index.data(DetailRole))
        )
        if needed > rect.height() - 2 * pad:
            problems.append(f"{index.data()!r}: needs {needed} px, has {rect.height() - 2 * pad}")
    return problems


@pytest.mark.parametrize("width", [DEFAULT_SIZE[0], MIN_WIDTH])
def test_palette_results_are_wrapped_not_cut(qtbot, open_window, width):
    window = open_window()
    window.resize(width, DEFAULT_SIZE[1])
    window.controller.start_call(Contact("Dana Whitfield", "Northwind Logistics"), BUILTIN[0])
    window.actions["palette"].trigger()
    palette = window.features.get(CommandPalette)
    for query in ("pricey", "referrals", "boss"):
        palette.field.clear()
        type_text(palette.field, query)
        view = palette.results
        assert view.isVisible() and view.model().rowCount() > 3
        assert settled(qtbot, lambda v=view: not cut_palette_rows(v)), (query, cut_palette_rows(view))


# --------------------------------------------------------------------------- the objections tab


@pytest.mark.parametrize("width", [DEFAULT_SIZE[0], MIN_WIDTH])
def test_objection_lists_show_whole_rows(qtbot, open_window, language, width):
    window = open_window()
    window.resize(width, DEFAULT_SIZE[1])
    c = window.controller
    c.start_call(Contact("Dana Whitfield", "Northwind Logistics"), BUILTIN[0])
    objections = c.call.playbook.objections
    c.log_objection(objections[0].key)
    c.set_objection_note(c.call.objections[0], "Compared us with Zoho and wants a discount for the first two years")
    c.log_objection(objections[1].key)
    window.show_tab("objections")
    panel = window.objections_panel
    assert settled(qtbot, lambda: not cut_rows(panel.results) and not cut_rows(panel.log_view))
    assert not panel.results.verticalScrollBar().isVisible() and not panel.log_view.verticalScrollBar().isVisible()
    # More than the lists show at once: they scroll, by whole rows.
    for objection in objections[2:4]:
        c.log_objection(objection.key)
    panel.select_latest_log_entry()
    assert panel.search.text() == ""  # every objection is listed
    assert panel.results.model().rowCount() > 5
    for view in (panel.results, panel.log_view):
        scrolling = settled(qtbot, lambda v=view: v.verticalScrollBar().isVisible() and not cut_rows(v, scrolls=True))
        assert scrolling, cut_rows(view, scrolls=True)


# --------------------------------------------------------------------------- the status bar


@pytest.mark.parametrize("width", [DEFAULT_SIZE[0], MIN_WIDTH])
def test_a_long_status_message_wraps_instead_of_running_off_the_edge(qtbot, open_window, width):
    window = open_window()
    window.resize(width, DEFAULT_SIZE[1])
    window.controller.start_call(Contact("Dana Whitfield", "Northwind Logistics"), BUILTIN[0])
    window.actions["palette"].trigger()
    palette = window.features.get(CommandPalette)
    type_text(palette.field, "pricey")
    qtbot.keyClick(palette.field, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)  # copy: says so below
    bar = window.statusBar()
    message = bar.currentMessage()
    assert message.startswith("Copied") and QApplication.clipboard().text() in message

    def fits() -> bool:
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
        needed = bar.fontMetrics().boundingRect(QRect(0, 0, bar.width() - 12, 100_000), flags, message)
        return needed.height() <= bar.height() and unclipped(bar)

    assert settled(qtbot, fits)
    assert bar.height() > 2 * bar.fontMetrics().lineSpacing()  # wrapped: more than one line
    bar.clearMessage()
    assert settled(qtbot, lambda: bar.height() < 2 * bar.fontMetrics().lineSpacing())  # and back


# --------------------------------------------------------------------------- the start dialog


def test_the_known_contact_hint_in_the_start_dialog_is_whole(qtbot, open_window, on_dialog, language):
    window = open_window()
    window.resize(MIN_WIDTH, DEFAULT_SIZE[1])
    window.store.save_contact(Contact("Dana Whitfield", "Northwind Logistics", "dana@northwind.example"))
    seen = {}

    def pick_known(dialog):
        type_text(dialog.name, "dana")
        popup = dialog.name.completer().popup()
        qtbot.waitUntil(popup.isVisible)
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
        seen["hint"] = dialog.known.text()
        seen["whole"] = settled(
            qtbot, lambda: dialog.known.isVisible() and shows_whole(dialog.known) and unclipped(dialog.known)
        )
        dialog.reject()

    on_dialog(pick_known)
    window.actions["new_call"].trigger()
    assert seen["hint"] and seen["whole"], seen


# --------------------------------------------------------------------------- the compact strip


def test_a_message_in_the_compact_strip_shows_whole(qtbot, open_window, language):
    window = open_window()
    window.controller.start_call(Contact("Dana Whitfield", "Northwind Logistics"), BUILTIN[0])
    window.actions["compact_mode"].setChecked(True)
    window.controller.set_stage("presenting")  # past qualification with nothing known: the reminder
    nudge = window.nudge
    assert settled(qtbot, lambda: nudge.isVisible() and shows_whole(nudge.label) and unclipped(nudge.label))
    assert window.rect().contains(nudge.geometry())
    window.banner.show_message("The database cannot be written: the disk is full. SalesDesk keeps trying.", "error")
    banner = window.banner
    assert settled(qtbot, lambda: shows_whole(banner.label) and window.rect().contains(banner.geometry()))
    window.actions["compact_mode"].setChecked(False)

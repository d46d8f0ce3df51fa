"""Live cues: an objection's card, raised in a small strip when the notes mention it.

The watcher listens to edits of the note editor and looks for trigger phrases around each
edit only (core.cues), so typing stays as fast as without it. A cue never takes the
keyboard from the notes. Each objection is cued at most once per call, and that is stored
with the call, so a restart does not repeat it. Ctrl+Enter logs the objection as raised,
Esc dismisses the cue. An objection already logged on the call is not cued: there is
nothing to log, and its cue goes away when the rep logs it another way (palette, Ctrl+R).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
)

from salesdesk.core.bidi import isolate
from salesdesk.core.cues import CueMatcher
from salesdesk.ui.kit import theme
from salesdesk.ui.kit.api import SidebarApi
from salesdesk.ui.kit.i18n import fill


class CueText(QLabel):
    """Text the rep reads at a glance: all of it, wrapped to the width of the strip."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        # Preferred, not Ignored: the strip is as tall as the wrapped lines need.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self.setText(text)

    def full_text(self) -> str:
        return self.text()


class CueBanner(QFrame):
    """The objection the notes point at, its first line (whole, wrapped), and what to do with it."""

    def __init__(self, accept_action, dismiss_action, parent=None):
        super().__init__(parent)
        self.setObjectName("cueBanner")
        self.setAccessibleName(self.tr("Live cue"))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.heading = CueText()
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setAccessibleName(self.tr("Objection"))
        self.line = CueText()
        self.line.setAccessibleName(self.tr("First line to say"))
        self.accept_button = QPushButton(self.tr("Log raised"))
        self.accept_button.setToolTip(accept_action.toolTip())
        self.accept_button.setAccessibleName(self.tr("Log the objection as raised"))
        self.accept_button.clicked.connect(accept_action.trigger)
        self.card_button = QPushButton(self.tr("All lines"))
        self.card_button.setToolTip(self.tr("Show every line for this objection (in the command palette)"))
        self.card_button.setAccessibleName(self.tr("Show every line for this objection"))
        self.dismiss_button = QToolButton()
        self.dismiss_button.setText("✕")
        self.dismiss_button.setAutoRaise(True)
        self.dismiss_button.setToolTip(dismiss_action.toolTip())
        self.dismiss_button.setAccessibleName(self.tr("Dismiss the cue"))
        self.dismiss_button.clicked.connect(dismiss_action.trigger)
        # Key names as printed on the keyboard (the shortcuts themselves are the actions').
        self.keys = QLabel(self.tr("Ctrl+Enter · Esc"))
        self.keys.setToolTip(self.tr("Ctrl+Enter logs it as raised, Esc dismisses the cue"))
        top = QHBoxLayout()
        top.setSpacing(4)
        top.addWidget(self.heading, 1)
        top.addWidget(self.dismiss_button)
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.card_button)
        buttons.addStretch(1)
        buttons.addWidget(self.keys)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 2, 2, 6)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.line)
        layout.addLayout(buttons)
        self._restyle()
        theme.follower(QApplication.instance()).changed.connect(self._scheme_changed)
        self.hide()

    def _scheme_changed(self, _dark: bool) -> None:
        self._restyle()

    def show_cue(self, title: str, phrase: str, line: str, heard: bool = False) -> None:
        title, line = isolate(title), isolate(line)
        self.heading.set_full_text(title)
        said = fill(self.tr("Heard “%1”") if heard else self.tr("The notes say “%1”"), phrase)
        self.heading.setToolTip(f"{said}: {title}")
        self.line.set_full_text(f"“{line}”" if line else said)
        self.setAccessibleDescription(f"{said}. {title}. {line}")
        self._restyle()
        self.show()

    def _restyle(self) -> None:
        background, foreground = theme.colors().cue
        self.setStyleSheet(
            f"#cueBanner {{ background: {background}; border-radius: 4px; }}"
            f" #cueBanner > QLabel, #cueBanner > QToolButton {{ color: {foreground}; }}"
        )


class CueWatcher(QObject):
    """Matches typed notes against the call's objection triggers and shows one cue at a time."""

    def __init__(self, window: SidebarApi):
        super().__init__(window.widget)
        self.window = window
        self.controller = window.controller
        self.editor = window.notes_editor
        self._matcher: CueMatcher | None = None
        self._matcher_playbook = None
        self._queue: list[tuple[str, str, bool]] = []  # (objection key, phrase, heard) waiting to be shown
        self.current: str | None = None
        self.banner: CueBanner | None = None
        self.editor.document().contentsChange.connect(self._edited)
        self.controller.callChanged.connect(self._reset)
        self.controller.objectionsChanged.connect(self._objections_changed)
        window.prefs.changed.connect(self._pref_changed)
        self._set_actions_enabled(False)

    # ------------------------------------------------------------------ matching

    def matcher(self) -> CueMatcher | None:
        call = self.controller.call
        if call is None:
            return None
        if self._matcher is None or self._matcher_playbook is not call.playbook:
            self._matcher = CueMatcher(call.playbook.objections)
            self._matcher_playbook = call.playbook
        return self._matcher

    def _edited(self, position: int, _removed: int, added: int) -> None:
        call = self.controller.call
        if call is None or self.window.notes_loading or not self.window.prefs.cues_enabled:
            return
        matcher = self.matcher()
        if not matcher:
            return
        for cue in matcher.find(self.editor.toPlainText(), position, position + added):
            self._enqueue(cue.key, cue.phrase, heard=False)
        if self.current is None and self._queue:
            self._show_next()

    def offer_cue(self, key: str, phrase: str, *, heard: bool = False) -> None:
        """A cue from elsewhere (listening: ``heard``): queued and shown like a typed one."""
        call = self.controller.call
        if call is None or not self.window.prefs.cues_enabled or call.playbook.objection(key) is None:
            return
        self._enqueue(key, phrase, heard=heard)
        if self.current is None and self._queue:
            self._show_next()

    def _enqueue(self, key: str, phrase: str, *, heard: bool) -> None:
        call = self.controller.call
        waiting = {queued for queued, _phrase, _heard in self._queue}
        if call is None or key in call.cues or key == self.current or key in waiting or self._logged(key):
            return  # each objection once per call
        self._queue.append((key, phrase, heard))

    def _show_next(self) -> None:
        call = self.controller.call
        while self._queue and call is not None:
            key, phrase, heard = self._queue.pop(0)
            objection = call.playbook.objection(key)
            if objection is None or key in call.cues or self._logged(key):
                continue
            self.current = key
            self.controller.record_cue(key, "shown")  # stored now: never shown twice, even after a restart
            banner = self._banner()
            banner.show_cue(objection.title, phrase, objection.rebuttals[0] if objection.rebuttals else "", heard)
            self._set_actions_enabled(True)
            return
        self.current = None
        if self.banner is not None:
            self.banner.hide()
        self._set_actions_enabled(False)

    def _logged(self, key: str) -> bool:
        call = self.controller.call
        return call is not None and any(entry.key == key for entry in call.objections)

    def _objections_changed(self) -> None:
        # Logged from the palette or the Objections tab while its cue shows: nothing left to log.
        if self.current is not None and self._logged(self.current):
            self._show_next()

    def _banner(self) -> CueBanner:
        if self.banner is None:
            actions = self.window.actions
            self.banner = CueBanner(actions["accept_cue"], actions["dismiss_cue"])
            self.banner.card_button.clicked.connect(self.open_card)
            self.window.add_above_notes(self.banner)
        return self.banner

    def _set_actions_enabled(self, on: bool) -> None:
        # Enabled only while a cue shows, so Esc and Ctrl+Enter keep their usual meaning otherwise.
        for name in ("accept_cue", "dismiss_cue"):
            action = self.window.actions.get(name)
            if action is not None:
                action.setEnabled(on)

    # ------------------------------------------------------------------ answers

    def accept(self) -> None:
        """Log the cued objection as raised (Ctrl+Enter)."""
        key = self.current
        if key is None or self.controller.call is None or self._logged(key):
            return
        self.current = None  # logging it below must not count as "logged elsewhere"
        entry = self.controller.log_objection(key)
        self.controller.record_cue(key, "accepted")
        self.window.show_status(fill(self.tr("“%1” logged as raised."), entry.title), 4000)
        self._show_next()

    def dismiss(self) -> None:
        key = self.current
        if key is None or self.controller.call is None:
            return
        self.controller.record_cue(key, "dismissed")
        self._show_next()

    def open_card(self) -> None:
        key = self.current
        call = self.controller.call
        if key is None or call is None:
            return
        from salesdesk.core.search import Entry
        from salesdesk.ui.beside_call.palette import open_palette

        self.controller.record_cue(key, "opened")
        self._show_next()
        palette = open_palette(self.window)
        objection = call.playbook.objection(key)
        palette.show_card(Entry("objection", key, objection.title if objection else key))

    def _reset(self) -> None:
        self._queue.clear()
        self.current = None
        if self.banner is not None:
            self.banner.hide()
        self._set_actions_enabled(False)

    def _pref_changed(self, name: str) -> None:
        if name == "cues_enabled" and not self.window.prefs.cues_enabled:
            self._reset()

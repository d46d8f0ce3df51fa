"""Render the sidebar mid-call to PNG files (used for the README screenshot).

    python scripts/screenshot.py [OUT_DIR]
    SALESDESK_LANG=de SCREENSHOT_WIDTH=320 python scripts/screenshot.py /tmp/de-shots

It builds a throwaway data dir, starts a call through the real controller (as a rep would:
stage changes, ticks, answers, an objection, notes), and saves one PNG per tab, then the
command palette, a live cue, the compact strip and the wrap-up, in light and dark colours,
and last the follow-up e-mail draft once the call has ended.
$SALESDESK_LANG picks the UI language (as for the app); $SCREENSHOT_WIDTH the sidebar width
(380 px unless set; 320 is the narrowest).
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from salesdesk.core.call import Contact, utcnow
from salesdesk.core.playbook_check import default_playbook
from salesdesk.ui.app import create_window
from salesdesk.ui.beside_call.cues import CueWatcher
from salesdesk.ui.beside_call.palette import CommandPalette


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from salesdesk.ui.kit.i18n import install_translators, ui_language

    install_translators(ui_language() if os.environ.get("SALESDESK_LANG") else "")
    with tempfile.TemporaryDirectory() as data_dir:
        window = create_window(Path(data_dir))
        window.resize(int(os.environ.get("SCREENSHOT_WIDTH", "380")), 780)
        c = window.controller
        twelve_minutes_ago = utcnow() - timedelta(minutes=12, seconds=37)
        contact = Contact("Dana Whitfield", "Northwind Logistics", "dana@northwind.example")
        window.store.start_call(contact, default_playbook(), started_at=twelve_minutes_ago)
        c.resume_open_call()
        for key in ("prospecting", "connecting", "qualification"):
            c.set_stage(key)
            while c.tick_next():
                pass
        c.set_stage("discovery")
        c.tick_next()
        c.tick_next()
        c.set_answer("pain-points", "Dispatch plans routes in spreadsheets; two people full-time.")
        c.set_answer("impact", "Late deliveries up 12% this year, overtime every Friday.")
        c.set_qualification("need", "Route planning that cuts manual work")
        c.set_qualification("budget", "€40–60k this fiscal year (ops budget)")
        c.set_qualification("timeline", "Live before peak season in March")
        c.set_qualification("authority", "Dana + COO Marc Ruiz signs")
        from salesdesk.core.qualification import QualificationDetails

        c.set_qualification_details(QualificationDetails(40_000, 60_000, "EUR", None, "Marc Ruiz", "COO"))
        c.log_objection("too-expensive")
        c.commit_note("Uses three tools today: spreadsheet, TMS, e-mail.")
        c.commit_note("COO wants a pilot on one depot first.")
        c.save_draft("Ask about the Rotterdam depot")
        window.notes_panel.load()
        window.show()
        for name in ("stage", "qualify", "objections", "close"):
            window.show_tab(name)
            if name == "objections":
                window.objections_panel.search.setText("expens")
            app.processEvents()
            path = out / f"sidebar-{name}.png"
            window.grab().save(str(path))
            print(path)
        window.objections_panel.search.clear()
        window.show_tab("stage")
        for scheme in ("light", "dark"):
            window.prefs.color_scheme = scheme
            suffix = "" if scheme == "light" else "-dark"
            aids_screenshots(app, window, out, suffix)
        window.prefs.color_scheme = "system"
        email_screenshot(app, window, out)
        window.close()
    return 0


def email_screenshot(app, window, out: Path) -> None:
    """The follow-up e-mail dialog for the call, ended with "Meeting booked", as wide as the sidebar."""
    from datetime import date

    from salesdesk.ui.exporting.email_dialog import FollowupEmailDialog

    c = window.controller
    call = c.call
    c.set_answer("ideal-solution", "Routes planned in minutes, one dispatcher, on-time deliveries.")
    c.end_call("Meeting booked", "Pilot plan for the Rotterdam depot", date.today() + timedelta(days=7))
    dialog = FollowupEmailDialog(call, lambda email: c.save_followup_email(call, email), lambda: str(out), window)
    dialog.resize(int(os.environ.get("SCREENSHOT_WIDTH", "380")), 720)
    dialog.show()
    save(app, dialog, out / "follow-up-email.png")
    dialog.reject()
    dialog.deleteLater()


def save(app, widget, path: Path) -> None:
    app.processEvents()
    widget.grab().save(str(path))
    print(path)


def aids_screenshots(app, window, out: Path, suffix: str) -> None:
    """The palette on a card, a live cue, the compact strip (with the palette) and the wrap-up."""
    editor = window.notes_panel.editor
    editor.setFocus()
    editor.clear()
    window.controller.call.cues.clear()  # let the cue show again for the second colour scheme
    # Not the price objection: it is logged above, and a logged objection is not cued again.
    QTest.keyClicks(editor, "Says she has to run it by the COO")
    save(app, window, out / f"sidebar-cue{suffix}.png")
    window.features.get(CueWatcher).dismiss()
    editor.clear()
    window.actions["palette"].trigger()
    palette = window.features.get(CommandPalette)
    QTest.keyClicks(palette.field, "pricey")
    save(app, window, out / f"palette-results{suffix}.png")
    QTest.keyClick(palette.field, Qt.Key.Key_Return)
    save(app, window, out / f"palette-card{suffix}.png")
    palette.close_palette()
    window.actions["compact_mode"].setChecked(True)
    save(app, window, out / f"compact-strip{suffix}.png")
    window.actions["palette"].trigger()
    QTest.keyClicks(palette.field, "boss")
    save(app, window, out / f"compact-palette{suffix}.png")
    palette.close_palette()
    window.actions["compact_mode"].setChecked(False)
    from salesdesk.ui.kit.wrapup_dialog import EndCallDialog

    dialog = EndCallDialog(window.controller.call, {"outcome", "next_step"}, window)
    dialog.outcome.setCurrentText("Meeting booked")
    dialog.next_step.setText("Pilot plan for the Rotterdam depot")
    dialog.show()
    save(app, dialog, out / f"wrap-up{suffix}.png")
    dialog.reject()
    dialog.deleteLater()


if __name__ == "__main__":
    sys.exit(main())

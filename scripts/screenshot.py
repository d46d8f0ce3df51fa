"""Render the sidebar mid-call to PNG files (used for the README screenshot).

    python scripts/screenshot.py [OUT_DIR]

It builds a throwaway data dir, starts a call through the real controller (as a rep would:
stage changes, ticks, answers, an objection, notes), and saves one PNG per tab.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from salesdesk.core.call import Contact, utcnow
from salesdesk.core.playbook import default_playbook
from salesdesk.ui.app import create_window


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as data_dir:
        window = create_window(Path(data_dir))
        window.resize(380, 780)
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
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

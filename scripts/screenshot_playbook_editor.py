"""Render the playbook editor to PNG (for the README): python scripts/screenshot_playbook_editor.py [OUT_DIR]

Opens the editor on a throwaway data folder, selects an objection of the built-in playbook,
empties one stage title so a validation message shows, and saves the window.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from salesdesk.core.library import load_library
from salesdesk.ui.playbooks.editor import PlaybookEditor


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as data_dir:
        user_dir = Path(data_dir) / "playbooks"
        editor = PlaybookEditor(lambda: load_library(user_dir), user_dir)
        editor.resize(1000, 640)
        model = editor.model
        model.set_value(model.draft.stages.children[4], "title", "")
        editor.tree.expand(model.index_of(model.draft.stages.children[3]))
        editor.reveal(model.draft.objections.children[0])
        editor.show()
        app.processEvents()
        editor.grab().save(str(out / "playbook-editor.png"))
        editor.confirm_discard = lambda: True
        editor.close()
    print(f"wrote {out / 'playbook-editor.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

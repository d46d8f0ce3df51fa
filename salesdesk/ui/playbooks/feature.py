"""The sidebar's Playbook menu: open the editor, import and export files, pick the default.

A feature module (see ui/features.py): ``install`` only creates actions; the editor window
and the file dialogs are imported when first used.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QInputDialog

from salesdesk.config import user_playbook_dir
from salesdesk.settings import DEFAULT_PLAYBOOK
from salesdesk.ui.kit.api import SidebarApi
from salesdesk.ui.kit.i18n import literal


def install(window: SidebarApi) -> None:
    window.menu("tools", QCoreApplication.translate("PlaybookMenu", "&Tools"))
    window.add_action(
        "edit_playbooks",
        QCoreApplication.translate("PlaybookMenu", "&Edit playbooks…"),
        "Ctrl+Shift+B",
        lambda: open_editor(window),
        menu="tools",
        tip=QCoreApplication.translate("PlaybookMenu", "Edit, create and delete playbooks"),
    )
    window.add_action(
        "import_playbook",
        QCoreApplication.translate("PlaybookMenu", "&Import playbook…"),
        "Ctrl+Shift+O",
        lambda: import_playbook(window),
        menu="tools",
        tip=QCoreApplication.translate("PlaybookMenu", "Add a playbook file to your playbooks"),
    )
    window.add_action(
        "export_playbook",
        QCoreApplication.translate("PlaybookMenu", "E&xport playbook…"),
        "Ctrl+Shift+P",
        lambda: export_playbook(window),
        menu="tools",
        tip=QCoreApplication.translate("PlaybookMenu", "Save a playbook as a file to share"),
    )
    menu = window.menu("tools")
    menu.addSeparator()
    defaults = menu.addMenu(QCoreApplication.translate("PlaybookMenu", "&Default for new calls"))
    defaults.setToolTipsVisible(True)
    defaults.aboutToShow.connect(lambda: _fill_defaults(window, defaults))


def _fill_defaults(window: SidebarApi, menu) -> None:
    """One checkable entry per playbook; the checked one is where new calls start."""
    menu.clear()
    group = QActionGroup(menu)
    library = window.library
    for playbook in library.playbooks:
        action = QAction(literal(playbook.label), menu)
        action.setCheckable(True)
        action.setChecked(playbook is library.default)
        action.triggered.connect(lambda _checked=False, name=playbook.name: set_default(window, name))
        group.addAction(action)
        menu.addAction(action)


def set_default(window: SidebarApi, name: str) -> None:
    window.prefs.set(DEFAULT_PLAYBOOK, name)
    window.prefs.sync()
    window.load_playbooks()
    window.show_status(
        QCoreApplication.translate("PlaybookMenu", "New calls now start with “%1”.").replace("%1", name), 5000
    )


def open_editor(window: SidebarApi):
    """Show the playbook editor (one per sidebar), reading the playbooks afresh."""
    from salesdesk.ui.playbooks.editor import PlaybookEditor

    editor = window.features.find(PlaybookEditor)
    if editor is None:

        def load():
            window.load_playbooks()
            return window.library

        editor = window.features.add(PlaybookEditor(load, user_playbook_dir(window.data_dir), window.widget))
    editor.show()
    editor.raise_()
    editor.activateWindow()
    return editor


def import_playbook(window: SidebarApi) -> None:
    from salesdesk.ui.playbooks import files as playbook_files

    path = playbook_files.ask_open_path(window.widget)
    if path is None:
        return
    result = playbook_files.import_file(window.widget, path, user_playbook_dir(window.data_dir))
    window.widget.activateWindow()
    if result is None:
        return
    window.load_playbooks()
    window.show_status(
        QCoreApplication.translate("PlaybookMenu", "Imported %1: choose it when you start a call.").replace(
            "%1", result.playbook.label
        ),
        6000,
    )


def export_playbook(window: SidebarApi) -> None:
    """Export a playbook: the one the running call uses (its exact version), else a choice."""
    from salesdesk.ui.playbooks import files as playbook_files

    call = window.controller.call
    if call is not None:
        playbook = call.playbook
    else:
        library = window.library
        labels = [p.label for p in library.playbooks]
        current = labels.index(library.default.label) if library.default in library.playbooks else 0
        label, ok = QInputDialog.getItem(
            window.widget,
            QCoreApplication.translate("PlaybookMenu", "Export a playbook"),
            QCoreApplication.translate("PlaybookMenu", "Playbook:"),
            labels,
            current,
            False,
        )
        window.widget.activateWindow()  # the keyboard goes back to the sidebar, as after its own dialogs
        if not ok:
            return
        playbook = library.playbooks[labels.index(label)]
    path = playbook_files.ask_save_path(window.widget, playbook_files.suggested_file_name(playbook))
    if path is not None and playbook_files.export_to(window.widget, playbook, path):
        window.show_status(
            QCoreApplication.translate("PlaybookMenu", "Exported %1 to %2.")
            .replace("%1", playbook.label)
            .replace("%2", str(path)),
            6000,
        )

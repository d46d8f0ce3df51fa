"""Every setting SalesDesk keeps in ``settings.ini``, declared once: its key, type and default.

The GUI reads and writes them through ``ui.kit.prefs.Prefs`` (over QSettings, which writes
the file); the command line, storage and the listening worker read them with ``read`` here,
without Qt. A key is written "group/name", as QSettings writes it (``[group]`` in the file).
No code names a key as a string of its own: tests/test_settings.py checks that.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from salesdesk.config import settings_path

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T
    #: The type stored: bool, int, str, or bytes (window state Qt saves as it likes).
    kind: type
    doc: str = ""


ALL: list[Setting] = []


def _declare(key: str, default: T, kind: type, doc: str = "") -> Setting[T]:
    setting = Setting(key, default, kind, doc)
    ALL.append(setting)
    return setting


# --------------------------------------------------------------------------- the sidebar window

WINDOW_GEOMETRY = _declare("window/geometry", None, bytes, "size and place of the sidebar")
WINDOW_SPLITTER = _declare("window/splitter", None, bytes, "tabs and notes split")
WINDOW_TAB = _declare("window/tab", 0, int, "the open tab")
ALWAYS_ON_TOP = _declare("window/always_on_top", False, bool)
UI_LANGUAGE = _declare("ui/language", "", str, "de, en, ...; empty: $SALESDESK_LANG, else the system's")

# --------------------------------------------------------------------------- call aids (the settings dialog)

WRAPUP_REQUIRED = _declare("wrapup/required", "outcome", str, "wrap-up fields required, comma-separated, or none")
CUES_ENABLED = _declare("cues/enabled", True, bool, "live cues from the notes")
QUALIFICATION_NUDGE = _declare("qualification/nudge", True, bool, "remind of unknown qualification")
COMPACT_ON = _declare("compact/on", False, bool, "the compact strip instead of the sidebar")
COMPACT_OPACITY = _declare("compact/opacity", 92, int, "percent")
COMPACT_SIDE = _declare("compact/side", "right", str, "left or right")
COMPACT_TOP = _declare("compact/top", None, int, "pixels from the top of the work area; none: not placed")
COMPACT_SCREEN = _declare("compact/screen", "", str)
COLOR_SCHEME = _declare("appearance/colors", "system", str, "system, light or dark")
HIDE_FROM_CAPTURE = _declare(
    "privacy/hide_from_capture", True, bool, "keep SalesDesk out of screen sharing where the system can"
)

# --------------------------------------------------------------------------- features

LAST_TIME_OPEN = _declare("history/last_time_open", True, bool, "the Last time panel unfolded")
DEFAULT_PLAYBOOK = _declare("playbooks/default", "", str, "the playbook new calls start with (a name)")
EXPORT_FOLDER = _declare("export/folder", "", str, "where files were last exported or imported")
EXPORT_FILTER = _declare("export/filter", "", str, "the file type last chosen")
EXPORT_MANY_FORMAT = _declare("export/many_format", "csv", str, "csv, json, or crm: and a CRM preset (crm:hubspot)")
EXPORT_CSV_BOM = _declare("export/csv_bom", False, bool, "a byte-order mark for Excel")
BACKUP_KEEP = _declare("backups/keep", 10, int, "how many database backups to keep")
LISTEN_MODEL = _declare("listen/model", "", str, "the speech model (docs/listening.md)")
LISTEN_ENABLED = _declare("listen/enabled", False, bool, "listen to calls (the optional extra)")
LISTEN_CONSENTED = _declare("listen/consented", False, bool, "the consent screen was accepted once")
LISTEN_TRANSCRIPT = _declare("listen/transcript", False, bool, "heard phrases go into the call's notes")
LISTEN_DEVICE = _declare("listen/device", "", str, "the output device listened to; empty: the default")


def read(data_dir: Path, setting: Setting[T]) -> T:
    """``setting``'s value in ``data_dir``'s settings.ini, without Qt (its default when the
    file, the key or a usable value is missing)."""
    import configparser  # not needed by the GUI, which reads through QSettings

    group, _, name = setting.key.rpartition("/")
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(settings_path(data_dir), encoding="utf-8")
        text = parser.get(group or "General", name, fallback=None)
    except (configparser.Error, OSError, UnicodeDecodeError):
        text = None
    if text is None:
        return setting.default
    if setting.kind is bool:
        return text.strip().lower() == "true"  # type: ignore[return-value]  (QSettings writes true/false)
    if setting.kind is int:
        return int(text) if text.strip().lstrip("-").isdigit() else setting.default  # type: ignore[return-value]
    return text  # type: ignore[return-value]


def backup_keep(data_dir: Path) -> int:
    """How many backups to keep (``[backups] keep=N``, a positive number; else the default)."""
    keep = read(data_dir, BACKUP_KEEP)
    return keep if keep > 0 else BACKUP_KEEP.default

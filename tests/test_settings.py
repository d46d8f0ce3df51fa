"""Every settings key is declared once, in salesdesk/settings.py."""

from __future__ import annotations

import re
from pathlib import Path

from salesdesk import settings

PACKAGE = Path(settings.__file__).parent
#: A settings key as the code would write it: "group/name" with a declared group.
GROUPS = sorted({s.key.partition("/")[0] for s in settings.ALL})
KEY = re.compile("[\"'](?:" + "|".join(GROUPS) + ")/[a-z_]+[\"']")


def test_keys_are_unique():
    keys = [s.key for s in settings.ALL]
    assert len(keys) == len(set(keys))


def test_no_module_names_a_settings_key_of_its_own():
    found = []
    for path in PACKAGE.rglob("*.py"):
        if path == Path(settings.__file__):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if KEY.search(line):
                found.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert not found, "settings keys belong in salesdesk/settings.py:\n" + "\n".join(found)


def test_read_without_qt_takes_the_declared_type_and_falls_back_to_the_default(tmp_path: Path):
    (tmp_path / "settings.ini").write_text(
        "[backups]\nkeep=3\n[export]\ncsv_bom=true\nmany_format=json\n[compact]\nopacity=lots\n", encoding="utf-8"
    )
    assert settings.read(tmp_path, settings.BACKUP_KEEP) == 3
    assert settings.read(tmp_path, settings.EXPORT_CSV_BOM) is True
    assert settings.read(tmp_path, settings.EXPORT_MANY_FORMAT) == "json"
    assert settings.read(tmp_path, settings.COMPACT_OPACITY) == settings.COMPACT_OPACITY.default
    assert settings.read(tmp_path, settings.LISTEN_MODEL) == ""


def test_backup_keep_ignores_a_number_that_is_not_positive(tmp_path: Path):
    (tmp_path / "settings.ini").write_text("[backups]\nkeep=0\n", encoding="utf-8")
    assert settings.backup_keep(tmp_path) == settings.BACKUP_KEEP.default

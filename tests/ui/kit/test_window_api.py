"""Features see the sidebar through kit.api.SidebarApi and register what they make in one
registry: the window implements the interface, and the features use nothing else of it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from salesdesk.ui.beside_call.cues import CueWatcher
from salesdesk.ui.beside_call.feature import ShortcutGuard
from salesdesk.ui.exporting.feature import ExportCommands
from salesdesk.ui.history.feature import HistoryCommands
from salesdesk.ui.history.last_time import LastTimePanel
from salesdesk.ui.kit.api import FeatureRegistry, QuitGuard, SidebarApi
from salesdesk.ui.safety.feature import DataSafety

UI = Path(__file__).resolve().parents[3] / "salesdesk" / "ui"
API_MEMBERS = set(SidebarApi.__annotations__) | {name for name in vars(SidebarApi) if not name.startswith("_")}


def test_the_window_is_a_sidebar_api_and_holds_what_the_features_registered(open_window):
    window = open_window()
    assert isinstance(window, SidebarApi)
    for kind in (CueWatcher, ShortcutGuard, HistoryCommands, LastTimePanel, ExportCommands, DataSafety):
        assert isinstance(window.features.get(kind), kind)
    assert window.features.get(QuitGuard) is window.features.get(DataSafety)


def test_the_registry_holds_one_object_per_type_and_names_what_is_missing():
    registry = FeatureRegistry()
    part = registry.add(object())
    assert registry.get(object) is part and object in registry
    with pytest.raises(ValueError, match="already registered"):
        registry.add(object())
    assert registry.find(int) is None
    with pytest.raises(KeyError, match="no int registered"):
        registry.get(int)


def _uses_of_the_api(path: Path) -> list[tuple[int, str]]:
    """(line, attribute) for every attribute read of a SidebarApi in ``path``: a parameter
    annotated SidebarApi, and what a class keeps of it in ``self.<name> = window``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    uses: list[tuple[int, str]] = []

    def api_params(function: ast.FunctionDef) -> set[str]:
        args = function.args.args + function.args.kwonlyargs
        return {a.arg for a in args if a.annotation is not None and "SidebarApi" in ast.unparse(a.annotation)}

    def collect(node: ast.AST, names: set[str], kept: set[str]) -> None:
        for sub in ast.walk(node):
            if not isinstance(sub, ast.Attribute):
                continue
            value = sub.value
            direct = isinstance(value, ast.Name) and value.id in names
            through_self = (
                isinstance(value, ast.Attribute)
                and isinstance(value.value, ast.Name)
                and value.value.id == "self"
                and value.attr in kept
            )
            if direct or through_self:
                uses.append((sub.lineno, sub.attr))

    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            kept: set[str] = set()
            for function in (n for n in node.body if isinstance(n, ast.FunctionDef)):
                names = api_params(function)
                for statement in ast.walk(function):
                    if (
                        isinstance(statement, ast.Assign)
                        and isinstance(statement.value, ast.Name)
                        and statement.value.id in names
                    ):
                        kept |= {t.attr for t in statement.targets if isinstance(t, ast.Attribute)}
            for function in (n for n in node.body if isinstance(n, ast.FunctionDef)):
                collect(function, api_params(function), kept)
        elif isinstance(node, ast.Module):
            for function in (n for n in node.body if isinstance(n, ast.FunctionDef)):
                collect(function, api_params(function), set())
    return uses


def test_features_use_only_the_window_api():
    """Outside the sidebar itself, code handed the window reads nothing the API does not declare."""
    features = [p for p in sorted(UI.rglob("*.py")) if p.parent.name not in {"sidebar", "kit"} and p.parent != UI]
    assert len(features) > 20
    outside = [
        f"{path.relative_to(UI)}:{line}: {attr}"
        for path in features
        for line, attr in _uses_of_the_api(path)
        if attr not in API_MEMBERS
    ]
    assert outside == []
    assert sum(len(_uses_of_the_api(path)) for path in features) > 100  # the check sees them

"""Helpers shared by test modules."""

from __future__ import annotations

import os
import shutil

import pytest


def tool(name: str, debian_package: str) -> str:
    """The path of an external program a test needs (a validator, pdftotext, strace).

    Where it is not installed the test is skipped, with the reason in the summary; in CI
    ($CI set: .ci/run sets it and installs every one of them) a missing one fails the test."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed; .ci/run should have installed {debian_package}")
        pytest.skip(f"{name} is not installed here (Debian package: {debian_package})")
    return path


def validator(name: str) -> str:
    """desktop-file-validate or appstreamcli."""
    return tool(name, {"desktop-file-validate": "desktop-file-utils"}.get(name, "appstream"))

"""Helpers shared by test modules."""

from __future__ import annotations

import os
import shutil

import pytest


def validator(name: str) -> str:
    """The path of a validator program (desktop-file-validate, appstreamcli).

    Where it is not installed the test is skipped, with the reason in the summary; in CI
    (.ci/run installs both) a missing one fails the test instead."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed; .ci/run should have installed it")
        pytest.skip(f"{name} is not installed here (Debian: desktop-file-utils, appstream)")
    return path

"""Listening to the call: offline speech cues (docs/listening.md). No Qt here.

Everything heavy (numpy, faster-whisper, onnxruntime) comes with the optional extra
``salesdesk[listen]`` and is imported only inside the worker process, or by a command that
asks for it: importing this package costs nothing.
"""

from __future__ import annotations

import importlib.util

#: What the rep installs to get listening.
EXTRA_HINT = "pip install 'salesdesk[listen]'"


def extra_installed() -> bool:
    """Whether ``salesdesk[listen]`` is installed (looked up, nothing imported)."""
    return all(importlib.util.find_spec(name) is not None for name in ("faster_whisper", "numpy"))

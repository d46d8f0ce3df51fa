"""The worker's protocol: one JSON object per line, UTF-8, events on stdout, commands on stdin.

Events (``"event"`` names the kind):

- ``ready``: ``model``, ``sources`` ({speaker: device}), ``rate`` (16000), ``t0`` (wall-clock
  time, Unix seconds, when capture started), ``version``.
- ``level``: ``speaker``, ``rms``, ``peak`` (0..1) and ``dbfs``, about ten times a second per source.
- ``heard``: ``text``, ``start``, ``end`` (stream seconds: the audio a source delivered;
  a sound server may deliver nothing while nothing plays), ``wall`` (Unix seconds of
  ``end``), ``speaker`` ("them": the call's audio; "me": the microphone), ``decode_s``
  (seconds Whisper took).
- ``cue``: ``key`` (objection), ``phrase`` (its trigger), ``heard`` (the words heard for it),
  ``at`` (stream seconds: end of the utterance), ``wall``, ``speaker``.
- ``state``: ``listening`` (false while paused).
- ``error``: ``kind`` (one of ERROR_KINDS), ``message`` (English, for the rep). A fatal one is
  followed by the worker's exit with EXIT_CODES[kind].
- ``stopped``: ``audio_s``, ``cpu_s``, ``rss_mb``, the worker's last line on a clean stop.

Commands (``"cmd"``): ``triggers`` (``objections``: [{"key", "triggers": [...]}]; the worker
waits for this one before it listens, and takes it again at any time), ``pause``, ``resume``,
``stop``. End of input is ``stop``: a worker never outlives the program that started it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

VERSION = 1
RATE = 16000

#: Error kinds and the worker's exit status for each (0: a clean stop).
EXIT_CODES = {
    "internal": 1,
    "bad-command": 2,
    "no-audio-server": 10,
    "no-device": 11,
    "no-monitor": 12,
    "capture-failed": 13,
    "model-missing": 20,
    "model-corrupt": 21,
    "extra-missing": 30,
}
ERROR_KINDS = frozenset(EXIT_CODES)
#: Faults a restart may cure (a crash, audio that went away mid-call); the others need the
#: rep (choose a model, a device, install the extra) and are not retried automatically.
RETRYABLE = frozenset({"internal", "capture-failed"})
KIND_OF_EXIT = {code: kind for kind, code in EXIT_CODES.items()}


def encode(message: dict) -> bytes:
    return (json.dumps(message, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def decode(line: bytes | str) -> dict | None:
    """A message from one line, or None for a line that is not one (blank, or not JSON)."""
    try:
        message = json.loads(line)
    except (ValueError, UnicodeDecodeError):
        return None
    return message if isinstance(message, dict) else None


def triggers_command(objections: Iterable) -> dict:
    """The ``triggers`` command for a playbook's objections (anything with key and triggers)."""
    return {
        "cmd": "triggers",
        "objections": [{"key": o.key, "triggers": list(o.triggers)} for o in objections if o.triggers],
    }


def error(kind: str, message: str) -> dict:
    assert kind in ERROR_KINDS, kind
    return {"event": "error", "kind": kind, "message": message}

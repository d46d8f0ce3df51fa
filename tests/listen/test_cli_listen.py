"""``salesdesk listen``: cues from an audio file, capture devices, and what it says when it cannot."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.listen.conftest import conversation


def salesdesk(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "salesdesk", *args], capture_output=True, text=True, timeout=300, env=env, check=False
    )


@pytest.mark.slow
def test_cues_of_a_file_one_a_line(model_dir: Path, tmp_path: Path, data_dir: Path):
    wav = conversation(
        [
            "Good morning, thanks for joining.",
            "To be honest, it's a bit too expensive for us.",
            "We have three offices in Europe.",
            "I'd need to ask my boss before we sign anything.",
        ],
        tmp_path / "call.wav",
    )
    result = salesdesk("--data-dir", str(data_dir), "listen", str(wav), "--model", str(model_dir))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split("\t")[1] for line in lines] == ["too-expensive", "not-decision-maker"], lines
    for line in lines:
        assert re.fullmatch(r"\d\d:\d\d\.\d\t[a-z-]+\t.+", line), line
    first, second = (line.split("\t") for line in lines)
    assert "expensive" in first[2] and "boss" in second[2]
    assert first[0] < second[0] and first[0] > "00:01.0"


def test_a_playbook_by_name_and_an_unknown_one(model_dir: Path, tmp_path: Path, data_dir: Path):
    wav = conversation(["Send me an email."], tmp_path / "short.wav")
    result = salesdesk("--data-dir", str(data_dir), "listen", str(wav), "--model", str(model_dir), "--playbook", "x")
    assert result.returncode == 1
    assert "no playbook called 'x'" in result.stderr


def test_without_a_model_it_says_how_to_get_one(data_dir: Path, tmp_path: Path, model_dir: Path):
    wav = tmp_path / "a.wav"
    wav.write_bytes(b"")
    result = salesdesk("--data-dir", str(data_dir), "listen", str(wav))
    assert result.returncode == 1
    assert f"{data_dir / 'models' / 'tiny.en'}: no such folder" in result.stderr
    assert "salesdesk listen --download tiny.en, or --model DIR" in result.stderr


def test_a_file_that_is_not_audio(data_dir: Path, tmp_path: Path, model_dir: Path):
    bad = tmp_path / "notes.wav"
    bad.write_text("these are notes, not sound")
    result = salesdesk("--data-dir", str(data_dir), "listen", str(bad), "--model", str(model_dir))
    assert result.returncode == 1
    assert f"{bad}: cannot be read as audio" in result.stderr
    result = salesdesk("--data-dir", str(data_dir), "listen", str(tmp_path / "gone.wav"), "--model", str(model_dir))
    assert result.returncode == 1 and "gone.wav: no such file" in result.stderr


def test_no_arguments_shows_the_usage(data_dir: Path):
    result = salesdesk("--data-dir", str(data_dir), "listen")
    assert result.returncode == 1
    assert "usage: salesdesk listen" in result.stderr and "give an audio file, --devices or --download" in result.stderr


def test_an_unknown_model_to_download(data_dir: Path):
    result = salesdesk("--data-dir", str(data_dir), "listen", "--download", "huge")
    assert result.returncode == 1
    assert "no model called 'huge'; choose one of: tiny.en, base.en" in result.stderr


def test_devices_lists_the_monitor_of_each_output(pulse):
    result = salesdesk("listen", "--devices", env=pulse.env)
    assert result.returncode == 0, result.stderr
    assert f"output monitor of {pulse.SINK}\t*\t{pulse.SINK}.monitor\t" in result.stdout


def test_devices_without_a_sound_server_says_why(tmp_path: Path, pulse_without_outputs):
    env = {**pulse_without_outputs.env, "PULSE_SERVER": f"unix:{tmp_path / 'none'}"}
    result = salesdesk("listen", "--devices", env=env)
    assert "no PulseAudio or PipeWire sound server is running here" in result.stderr


def test_without_the_extra(tmp_path: Path, data_dir: Path):
    shadow = tmp_path / "shadow"
    for name in ("faster_whisper", "numpy"):
        (shadow / name).mkdir(parents=True)
        (shadow / name / "__init__.py").write_text(f"raise ImportError('No module named {name!r}')\n")
    # find_spec finds the stand-ins: hide them from it too, as an uninstalled package is.
    (shadow / "sitecustomize.py").write_text(
        "import importlib.util, sys\n"
        "_find = importlib.util.find_spec\n"
        "importlib.util.find_spec = lambda n, *a: None if n in ('faster_whisper', 'numpy') else _find(n, *a)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(shadow)}
    result = salesdesk("--data-dir", str(data_dir), "listen", str(tmp_path / "a.wav"), env=env)
    assert result.returncode == 1
    assert "listening needs the optional extra: pip install 'salesdesk[listen]'" in result.stderr

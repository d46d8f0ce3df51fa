"""The listening pipeline: frames -> utterances (VAD) -> text (Whisper) -> cues (spoken-form matcher).

Runs in the worker process (salesdesk.listen.worker) and in ``salesdesk listen FILE``; the
UI process never imports it. Each step hands on plain protocol events (dicts).
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from salesdesk.core.playbook import Objection
from salesdesk.core.spoken import SpokenCueMatcher
from salesdesk.listen.capture import FRAME
from salesdesk.listen.models import ModelError, check_model_folder
from salesdesk.listen.protocol import RATE
from salesdesk.listen.vad import Segmenter, Utterance

#: Whisper's usual guard against text made up from noise: a segment it thinks is no speech
#: and that it is unsure of is dropped.
NO_SPEECH_PROB = 0.6
MIN_AVG_LOGPROB = -1.0
#: What Whisper writes for noise or silence that got past the VAD: never a phrase anyone means.
HALLUCINATIONS = frozenset(
    {"thank you.", "thanks for watching!", "thank you for watching.", "thank you for watching!", "you", "bye.", "."}
)
LEVEL_EVERY = 3  # frames (about 100 ms) between level events
#: Words of trigger phrases given to Whisper as its prompt (its limit is about 220 tokens).
PROMPT_WORDS = 150


def trigger_prompt(objections: Iterable[Objection]) -> str | None:
    """The playbook's trigger phrases as Whisper's prompt: it then hears "too expensive" where
    it would write "to expand" (bench/listen.py: recall 0.83 -> 0.95 clean, 0.45 -> 0.69 on
    phone-band audio, no false cue more on neutral talk)."""
    phrases: list[str] = []
    words = 0
    for trigger in (t.strip() for o in objections for t in o.triggers):
        if not trigger or trigger in phrases:
            continue
        words += len(trigger.split())
        if words > PROMPT_WORDS:
            break
        phrases.append(trigger)
    return ", ".join(phrases) + "." if phrases else None


def _short_window_model():
    """faster-whisper's model with an encoder window cut to the utterance (see Recogniser)."""
    from faster_whisper import WhisperModel

    class ShortWindowWhisper(WhisperModel):
        window_frames: int | None = None

        def encode(self, features):
            # faster-whisper pads every segment to 30 s (3000 frames); CTranslate2's encoder
            # takes fewer, and its cost falls with the length.
            if self.window_frames is not None and features.shape[-1] > self.window_frames:
                features = features[..., : self.window_frames]
            return super().encode(features)

    return ShortWindowWhisper


class Recogniser:
    """Whisper (CTranslate2, int8) on this machine's CPU.

    Whisper's encoder works on a 30 s window whatever the length of the speech, which made a
    short phrase cost about 0.7 CPU seconds. With ``short_window`` the window is the
    utterance plus WINDOW_PAD_S of silence, rounded up to a second, and at least
    MIN_WINDOW_S: a window cut to the phrase itself made Whisper repeat itself to the end
    of its token budget ("I'm afraid, I'm afraid, ..."), while 15 s halved the decoding time
    of a phrase (0.43 -> 0.22 s) and caught as many objections (bench/listen.py)."""

    #: Beam search costs about 13 % more CPU than greedy decoding (the encoder, the same for
    #: both, dominates) and caught 31 of 42 phone-band objections instead of 29.
    BEAM_SIZE = 5
    WINDOW_PAD_S = 1.0
    MIN_WINDOW_S = 15
    FRAMES_PER_S = 100  # Whisper's log-mel frames (10 ms hops)

    def __init__(self, model_dir: Path, threads: int = 2, beam_size: int = BEAM_SIZE, short_window: bool = True):
        check_model_folder(model_dir)
        try:
            self._model = _short_window_model()(
                str(model_dir), device="cpu", compute_type="int8", cpu_threads=threads, num_workers=1
            )
        except (RuntimeError, ValueError, OSError) as exc:
            raise ModelError(f"{model_dir}: the model cannot be loaded (damaged?): {exc}", "model-corrupt") from exc
        self.beam_size = beam_size
        self.short_window = short_window
        self.name = _model_name(Path(model_dir))

    def transcribe(self, audio: np.ndarray, prompt: str | None = None) -> str:
        if self.short_window:
            seconds = max(self.MIN_WINDOW_S, math.ceil(len(audio) / RATE + self.WINDOW_PAD_S))
            self._model.window_frames = seconds * self.FRAMES_PER_S
        segments, _info = self._model.transcribe(
            audio,
            language="en",
            beam_size=self.beam_size,
            vad_filter=False,  # the segmenter did that already
            condition_on_previous_text=False,
            without_timestamps=True,
            initial_prompt=prompt,
            temperature=0.0,
        )
        texts = []
        for segment in segments:
            if segment.no_speech_prob > NO_SPEECH_PROB and segment.avg_logprob < MIN_AVG_LOGPROB:
                continue
            texts.append(segment.text.strip())
        text = " ".join(t for t in texts if t)
        return "" if text.casefold() in HALLUCINATIONS else text


def _model_name(folder: Path) -> str:
    """A downloaded model's catalog name, else the folder's name."""
    import json

    from salesdesk.listen.models import MANIFEST_NAME

    try:
        return str(json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))["model"])
    except (OSError, ValueError, KeyError, TypeError):
        return folder.name


def objections_from(message_objections: Iterable[dict]) -> list[Objection]:
    """The objections of a ``triggers`` command (checked: a bad entry is a ValueError)."""
    objections = []
    for entry in message_objections:
        if not isinstance(entry, dict) or not isinstance(entry.get("key"), str):
            raise ValueError(f"an objection needs a key: {entry!r}")
        triggers = entry.get("triggers", [])
        if not isinstance(triggers, list) or not all(isinstance(t, str) for t in triggers):
            raise ValueError(f"{entry['key']}: triggers must be a list of text")
        objections.append(Objection(entry["key"], entry["key"], triggers=tuple(triggers)))
    return objections


class Listener:
    """One pipeline for every source: a segmenter per speaker, one recogniser, one matcher.

    Cues come from what the other side says ("them"); the rep's own microphone ("me") is
    only transcribed: a rep saying "too expensive?" back is not the prospect's objection."""

    CUE_SPEAKERS = frozenset({"them"})

    def __init__(
        self,
        recogniser: Recogniser,
        objections: Iterable[Objection] = (),
        prompt: bool = True,
        min_silence: float | None = None,
    ):
        self.recogniser = recogniser
        self.min_silence = min_silence
        self.use_prompt = prompt
        self.set_objections(objections)
        self._segmenters: dict[str, Segmenter] = {}
        self.levels = LevelMeter()
        self.audio_seconds = 0.0

    def set_objections(self, objections: Iterable[Objection]) -> None:
        objections = list(objections)
        self.matcher = SpokenCueMatcher(objections)
        self.prompt = trigger_prompt(objections) if self.use_prompt else None

    def reset(self) -> None:
        for segmenter in self._segmenters.values():
            segmenter.reset()
        self.levels.clear()

    def feed(self, speaker: str, frame: np.ndarray) -> list[dict]:
        segmenter = self._segmenters.get(speaker)
        if segmenter is None:
            segmenter = self._segmenters[speaker] = Segmenter(self.min_silence)
        self.audio_seconds = max(self.audio_seconds, (segmenter.position + 1) * FRAME / RATE)
        events = self._level(speaker, frame)
        for utterance in segmenter.feed(frame):
            events += self.decode(speaker, utterance)
        return events

    def flush(self, speaker: str) -> list[dict]:
        segmenter = self._segmenters.get(speaker)
        events = []
        if segmenter is not None:
            for utterance in segmenter.flush():
                events += self.decode(speaker, utterance)
        return events

    def decode(self, speaker: str, utterance: Utterance) -> list[dict]:
        started = time.perf_counter()
        text = self.recogniser.transcribe(utterance.audio, prompt=self.prompt)
        took = round(time.perf_counter() - started, 3)
        if not text:
            return []
        start, end, wall = round(utterance.start, 2), round(utterance.end, 2), round(utterance.wall_end, 3)
        events = [
            {
                "event": "heard",
                "text": text,
                "start": start,
                "end": end,
                "wall": wall,
                "speaker": speaker,
                "decode_s": took,
            }
        ]
        if speaker in self.CUE_SPEAKERS:
            for cue in self.matcher.find(text):
                events.append(
                    {
                        "event": "cue",
                        "key": cue.key,
                        "phrase": cue.phrase,
                        "heard": cue.heard,
                        "at": end,
                        "wall": wall,
                        "speaker": speaker,
                    }
                )
        return events

    def _level(self, speaker: str, frame: np.ndarray) -> list[dict]:
        return self.levels.feed(speaker, frame)


class LevelMeter:
    """A ``level`` event every LEVEL_EVERY frames per speaker (for the settings' level meter)."""

    def __init__(self):
        self._pending: dict[str, list[np.ndarray]] = {}

    def clear(self) -> None:
        self._pending.clear()

    def feed(self, speaker: str, frame: np.ndarray) -> list[dict]:
        pending = self._pending.setdefault(speaker, [])
        pending.append(frame)
        if len(pending) < LEVEL_EVERY:
            return []
        samples = np.concatenate(pending)
        pending.clear()
        rms = float(np.sqrt(np.mean(np.square(samples, dtype=np.float64))))
        peak = float(np.max(np.abs(samples)))
        dbfs = round(20 * math.log10(rms), 1) if rms > 1e-10 else -200.0
        return [{"event": "level", "speaker": speaker, "rms": round(rms, 5), "peak": round(peak, 4), "dbfs": dbfs}]

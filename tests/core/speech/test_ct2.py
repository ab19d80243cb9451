"""CTranslate2 model.bin reader: round trip, field-naming errors, the pinned real file."""

from __future__ import annotations

import numpy as np
import pytest

from ccedge.core.speech.build import SOURCE_SHA256, sha256_file, source_dir
from ccedge.core.speech.ct2 import Ct2Model, encode_ct2, parse_ct2, read_ct2
from ccedge.core.speech.errors import SpeechError


def _small() -> Ct2Model:
    return Ct2Model(
        6,
        "WhisperSpec",
        3,
        {
            "a/weight": np.arange(12, dtype=np.float16).reshape(3, 4),
            "a/heads": np.array(6, dtype=np.int16),
            "b/flag": np.array(1, dtype=np.int8),
            "c/f32": np.linspace(0, 1, 5, dtype=np.float32),
        },
        {"a/alias": "a/weight"},
    )


def test_round_trip_keeps_names_shapes_dtypes_and_aliases() -> None:
    m = parse_ct2(encode_ct2(_small()))
    assert (m.binary_version, m.spec, m.spec_revision) == (6, "WhisperSpec", 3)
    for name, arr in _small().variables.items():
        assert m[name].dtype == arr.dtype and m[name].shape == arr.shape
        assert np.array_equal(m[name], arr)
    assert np.array_equal(m["a/alias"], m["a/weight"])
    assert "a/alias" in m and "nope" not in m


@pytest.mark.parametrize("cut", [3, 10, 40, 70, -5])
def test_truncated_file_names_the_field(cut: int) -> None:
    raw = encode_ct2(_small())
    with pytest.raises(SpeechError, match=r"truncated|trailing|unterminated"):
        parse_ct2(raw[:cut])


def test_bad_version_and_dtype_are_named() -> None:
    raw = bytearray(encode_ct2(_small()))
    with pytest.raises(SpeechError, match="binary version 99"):
        parse_ct2(b"\x63\0\0\0" + bytes(raw[4:]))
    # dtype byte of the first variable: after version, spec, revision, count, name, rank, dims
    off = 4 + 2 + len(b"WhisperSpec\0") + 4 + 4 + 2 + len(b"a/weight\0") + 1 + 8
    raw[off] = 42
    with pytest.raises(SpeechError, match="dtype code 42"):
        parse_ct2(bytes(raw))


def test_missing_variable_is_named() -> None:
    with pytest.raises(SpeechError, match="no variable 'x/y'"):
        _ = _small()["x/y"]


def test_pinned_source_model_parses() -> None:
    src = source_dir() / "model.bin"
    assert sha256_file(src) == SOURCE_SHA256
    m = read_ct2(src)
    assert m.spec == "WhisperSpec"
    assert m["decoder/embeddings/weight"].shape == (51864, 384)
    assert m["decoder/projection/weight"] is m["decoder/embeddings/weight"]  # an alias
    assert m["encoder/conv1/weight"].dtype == np.float16

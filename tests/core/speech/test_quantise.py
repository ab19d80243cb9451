"""The numpy quantiser against ggml's own ggml_quantize_chunk (libggml bundled in pywhispercpp)."""

from __future__ import annotations

import ctypes

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from ccedge.core.speech.errors import SpeechError
from ccedge.core.speech.quantise import (
    BLOCK_BYTES,
    GGML_TYPE_Q5_0,
    GGML_TYPE_Q8_0,
    quantize,
)
from ccedge.testing.ggml_read import dequantize


def _libggml() -> ctypes.CDLL:
    from ccedge.core.speech.backend import ggml_lib_dir

    found = sorted(ggml_lib_dir().glob("libggml-base*.so*"))
    if not found:
        pytest.skip("libggml-base of the installed pywhispercpp not found")
    lib = ctypes.CDLL(str(found[0]))
    fn = lib.ggml_quantize_chunk
    fn.restype = ctypes.c_size_t
    fn.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int64, ctypes.c_int64,
                   ctypes.c_int64, ctypes.c_void_p]  # fmt: skip
    return lib


@pytest.fixture(scope="module")
def ggml() -> ctypes.CDLL:
    return _libggml()


def ggml_quantize(lib: ctypes.CDLL, x: np.ndarray, t: int) -> np.ndarray:
    x = np.ascontiguousarray(x, dtype=np.float32)
    rows, per_row = x.shape
    dst = np.zeros(x.size // 32 * BLOCK_BYTES[t], dtype=np.uint8)
    n = lib.ggml_quantize_chunk(t, x.ctypes.data, dst.ctypes.data, 0, rows, per_row, None)
    assert n == dst.size
    return dst


def _edge_rows() -> np.ndarray:
    rows = np.zeros((8, 64), dtype=np.float32)
    rows[1, :32] = np.arange(32) * 0.5  # exact .5 ties after scaling
    rows[2] = -rows[1]
    rows[3, 5], rows[3, 6], rows[3, 7] = -3.0, 3.0, -3.0  # equal magnitudes: the first one wins
    rows[4, :32] = 1e-30  # subnormal-range scale
    rows[5, :32] = 65504.0 * 0.9  # near the float16 maximum
    rows[6] = np.linspace(-1, 1, 64)
    rows[7, 31] = -1.0
    return rows


@pytest.mark.parametrize("qtype", [GGML_TYPE_Q8_0, GGML_TYPE_Q5_0])
def test_byte_identical_to_ggml_on_weights_and_edges(ggml: ctypes.CDLL, qtype: int) -> None:
    rng = np.random.default_rng(7)
    for scale in (1e-3, 0.05, 1.0, 40.0):
        x = (rng.standard_normal((16, 384)) * scale).astype(np.float32)
        assert np.array_equal(quantize(x, qtype), ggml_quantize(ggml, x, qtype))
    edges = _edge_rows()
    assert np.array_equal(quantize(edges, qtype), ggml_quantize(ggml, edges, qtype))


@settings(max_examples=60, deadline=None)
@given(
    hnp.arrays(np.float32, (2, 64), elements=st.floats(-1e4, 1e4, width=32, allow_subnormal=False)),
    st.sampled_from([GGML_TYPE_Q8_0, GGML_TYPE_Q5_0]),
)
def test_byte_identical_to_ggml_property(x: np.ndarray, qtype: int) -> None:
    lib = _libggml()
    assert np.array_equal(quantize(x, qtype), ggml_quantize(lib, x, qtype))


# q8_0: half a step (amax/254) plus float16 rounding of the scale (up to 127 * 2^-11 steps);
# q5_0: a full step (amax/16), since +16 steps clamps to 15.
@pytest.mark.parametrize(("qtype", "bound"), [(GGML_TYPE_Q8_0, 0.58 / 127), (GGML_TYPE_Q5_0, 1.01 / 16)])
def test_dequantised_error_is_bounded(qtype: int, bound: float) -> None:
    x = np.random.default_rng(3).standard_normal(32 * 50).astype(np.float32)
    y = dequantize(quantize(x, qtype), qtype)
    amax = np.abs(x.reshape(-1, 32)).max(axis=1).repeat(32)
    assert np.all(np.abs(y - x) <= amax * bound + 1e-6)
    assert np.abs(y - x).mean() < amax.mean() * bound / 2


def test_partial_block_is_rejected() -> None:
    with pytest.raises(SpeechError, match="multiple of 32"):
        quantize(np.zeros(33, np.float32), GGML_TYPE_Q8_0)

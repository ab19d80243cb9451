"""The CTranslate2 -> ggml converter on a tiny synthetic Whisper, and on the built model's table."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest

from ccedge.core.speech.ct2 import Ct2Model
from ccedge.core.speech.errors import SpeechError
from ccedge.core.speech.ggml import (
    GGML_MAGIC,
    QUANTS,
    hparams_of,
    whisper_tensors,
    write_ggml,
)
from ccedge.core.speech.mel import mel_filters
from ccedge.core.speech.quantise import GGML_TYPE_F16, GGML_TYPE_F32, GGML_TYPE_Q5_0, GGML_TYPE_Q8_0
from ccedge.testing.ggml_read import read_ggml_header

D, MELS, VOCAB, ACTX, TCTX = 64, 80, 100, 30, 16


def tiny_whisper(seed: int = 0, key_bias: float = 0.0) -> Ct2Model:
    """A 1-layer Whisper-shaped CTranslate2 model with random f16 weights."""
    rng = np.random.default_rng(seed)

    def r(*shape: int) -> np.ndarray:
        return rng.standard_normal(shape).astype(np.float16)

    v: dict[str, np.ndarray] = {
        "encoder/num_heads": np.array(4, np.int16),
        "decoder/num_heads": np.array(4, np.int16),
        "encoder/conv1/weight": r(D, MELS, 3),
        "encoder/conv1/bias": r(D),
        "encoder/conv2/weight": r(D, D, 3),
        "encoder/conv2/bias": r(D),
        "encoder/position_encodings/encodings": r(ACTX, D),
        "encoder/layer_norm/gamma": r(D),
        "encoder/layer_norm/beta": r(D),
        "decoder/embeddings/weight": r(VOCAB, D),
        "decoder/position_encodings/encodings": r(TCTX, D),
        "decoder/layer_norm/gamma": r(D),
        "decoder/layer_norm/beta": r(D),
    }
    for side in ("encoder", "decoder"):
        p = f"{side}/layer_0"
        qkv_b = r(3 * D)
        qkv_b[D : 2 * D] = key_bias
        v |= {
            f"{p}/self_attention/layer_norm/gamma": r(D),
            f"{p}/self_attention/layer_norm/beta": r(D),
            f"{p}/self_attention/linear_0/weight": r(3 * D, D),
            f"{p}/self_attention/linear_0/bias": qkv_b,
            f"{p}/self_attention/linear_1/weight": r(D, D),
            f"{p}/self_attention/linear_1/bias": r(D),
            f"{p}/ffn/layer_norm/gamma": r(D),
            f"{p}/ffn/layer_norm/beta": r(D),
            f"{p}/ffn/linear_0/weight": r(4 * D, D),
            f"{p}/ffn/linear_0/bias": r(4 * D),
            f"{p}/ffn/linear_1/weight": r(D, 4 * D),
            f"{p}/ffn/linear_1/bias": r(D),
        }
    kv_b = r(2 * D)
    kv_b[:D] = 0
    v |= {
        "decoder/layer_0/attention/layer_norm/gamma": r(D),
        "decoder/layer_0/attention/layer_norm/beta": r(D),
        "decoder/layer_0/attention/linear_0/weight": r(D, D),
        "decoder/layer_0/attention/linear_0/bias": r(D),
        "decoder/layer_0/attention/linear_1/weight": r(2 * D, D),
        "decoder/layer_0/attention/linear_1/bias": kv_b,
        "decoder/layer_0/attention/linear_2/weight": r(D, D),
        "decoder/layer_0/attention/linear_2/bias": r(D),
    }
    return Ct2Model(6, "WhisperSpec", 3, v, {"decoder/projection/weight": "decoder/embeddings/weight"})


def test_hparams() -> None:
    hp = hparams_of(tiny_whisper())
    assert hp.as_ints() == (VOCAB, ACTX, D, 4, 1, TCTX, D, 4, 1, MELS)


def test_fused_projections_are_split_and_renamed() -> None:
    m = tiny_whisper()
    t = dict(whisper_tensors(m))
    qkv = m["encoder/layer_0/self_attention/linear_0/weight"]
    assert np.array_equal(t["encoder.blocks.0.attn.query.weight"], qkv[:D])
    assert np.array_equal(t["encoder.blocks.0.attn.key.weight"], qkv[D : 2 * D])
    assert np.array_equal(t["encoder.blocks.0.attn.value.weight"], qkv[2 * D :])
    assert np.array_equal(
        t["encoder.blocks.0.attn.value.bias"], m["encoder/layer_0/self_attention/linear_0/bias"][2 * D :]
    )
    assert "encoder.blocks.0.attn.key.bias" not in t  # whisper has none
    kv = m["decoder/layer_0/attention/linear_1/weight"]
    assert np.array_equal(t["decoder.blocks.0.cross_attn.key.weight"], kv[:D])
    assert np.array_equal(t["decoder.blocks.0.cross_attn.value.weight"], kv[D:])
    assert np.array_equal(
        t["decoder.blocks.0.cross_attn.out.weight"], m["decoder/layer_0/attention/linear_2/weight"]
    )
    assert np.array_equal(t["decoder.blocks.0.mlp_ln.weight"], m["decoder/layer_0/ffn/layer_norm/gamma"])
    assert t["encoder.conv1.bias"].shape == (D, 1)
    # encoder: pos, 2 convs x (w, b), 15 per layer, ln_post; decoder: pos, emb, 24 per layer, ln
    assert len(t) == 1 + 4 + 15 + 2 + 2 + 24 + 2


def test_non_zero_key_bias_is_refused() -> None:
    with pytest.raises(SpeechError, match="non-zero key bias"):
        list(whisper_tensors(tiny_whisper(key_bias=0.5)))


@pytest.mark.parametrize("quant", sorted(QUANTS))
def test_file_layout_and_tensor_types(tmp_path: Path, quant: str) -> None:
    m = tiny_whisper()
    out = tmp_path / "m.bin"
    vocab = [b"a", b" b", b"\xe2\x82"]
    n = write_ggml(out, m, mel_filters(), vocab, quant)
    raw = out.read_bytes()
    assert struct.unpack_from("<I", raw)[0] == GGML_MAGIC
    hp, ftype, table = read_ggml_header(out)
    assert hp == hparams_of(m) and ftype == QUANTS[quant][1]
    assert len(table) == n
    wt = QUANTS[quant][0]
    assert table["encoder.positional_embedding"] == (GGML_TYPE_F32, (D, ACTX))  # dims reversed
    assert table["encoder.conv1.bias"] == (GGML_TYPE_F32, (1, D))
    assert table["encoder.conv1.weight"] == (GGML_TYPE_F16, (3, MELS, D))
    assert table["decoder.ln.weight"][0] == GGML_TYPE_F32
    assert table["decoder.token_embedding.weight"] == (wt, (D, VOCAB))
    assert table["decoder.blocks.0.mlp.2.weight"] == (wt, (4 * D, D))
    # the mel filterbank and vocabulary sit between the hparams and the tensors
    off = 4 + 44
    assert struct.unpack_from("<ii", raw, off) == (80, 201)
    fb = np.frombuffer(raw, "<f4", 80 * 201, off + 8).reshape(80, 201)
    assert np.array_equal(fb, mel_filters())
    off += 8 + 80 * 201 * 4
    assert struct.unpack_from("<ii", raw, off) == (3, 1)  # 3 tokens, the first 1 byte long


def test_built_model_table(q8_model: Path) -> None:
    hp, ftype, table = read_ggml_header(q8_model)
    assert hp.as_ints() == (51864, 1500, 384, 6, 4, 448, 384, 6, 4, 80)
    assert ftype == 2007
    assert len(table) == 167
    assert table["decoder.token_embedding.weight"] == (GGML_TYPE_Q8_0, (384, 51864))
    assert {t for t, ne in table.values() if len(ne) == 2 and ne[0] > 1} <= {GGML_TYPE_Q8_0, GGML_TYPE_F32}
    assert GGML_TYPE_Q5_0 not in {t for t, _ in table.values()}

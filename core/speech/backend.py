"""Which whisper.cpp build this box runs: the PyPI wheel, or a build for this machine's CPU.

The PyPI wheel of pywhispercpp carries an AVX2 build of ggml with no BLAS. ``.ci/setup``
(the install) builds pywhispercpp from its source release instead, for the CPU it runs on
(``GGML_NATIVE``) and with OpenBLAS for the encoder's large matrix products: measured at
about 1.35x the wheel's throughput (README, "Transcription"). When that build cannot be
made, the wheel is installed and everything works, slower. The benchmark records this.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CURRENT_PATCH = 3  # the level .ci/pywhispercpp-ccedge.patch builds today (``Backend.patch``)


@dataclass(frozen=True)
class Backend:
    system_info: str  # whisper.cpp's own line: CPU features it was compiled for
    blas: bool  # a libggml-blas was built alongside (source build with OpenBLAS)
    source_build: bool  # libraries beside the binding (source build) vs the wheel's .libs
    # Our patched build (.ci/setup): flash attention in the encoder only (about twice the
    # throughput; the decoder keeps what DTW word times need).
    encoder_flash: bool = False
    # Which of .ci/pywhispercpp-ccedge.patch's changes the build carries: 0 none (the wheel, an
    # unpatched build), 1 the flash encoder and the DTW guard, 2 also the vocabulary product for
    # the last token only where no other is asked for (the DTW pass): the same words at about
    # 1.09x the throughput of level 1; 3 also the encoder's two convolutions through BLAS (an
    # f32 im2col): about 1.35x level 1, with slightly different words (README, "Transcription").
    patch: int = 0

    @property
    def current(self) -> bool:
        """The build carries today's patch (what ``.ci/setup`` rebuilds for when it does not)."""
        return self.patch >= CURRENT_PATCH

    def summary(self) -> str:
        """Which build, in words ("whisper.cpp source build + OpenBLAS + flash encoder (patch 2)")."""
        kind = "source build" if self.source_build else "PyPI wheel"
        extra = (" + OpenBLAS" if self.blas else "") + (" + flash encoder" if self.encoder_flash else "")
        level = f" (patch {self.patch})" if self.patch else ""
        return f"whisper.cpp {kind}{extra}{level}"

    def describe(self) -> str:
        return f"{self.summary()}: {self.system_info.strip()}"


def ggml_lib_dir() -> Path:
    """The folder of the libggml-base that ``_pywhispercpp`` loads.

    The PyPI wheel links the auditwheel-repaired copies in ``pywhispercpp.libs`` (hashed
    names; it also ships unused plain copies beside the binding); a source build has no
    such folder and links the libraries beside the binding."""
    import _pywhispercpp

    here = Path(_pywhispercpp.__file__).resolve().parent
    wheel_libs = here / "pywhispercpp.libs"
    return wheel_libs if any(wheel_libs.glob("libggml-base*.so*")) else here


def backend() -> Backend:
    import _pywhispercpp as pw

    libs = ggml_lib_dir()
    encoder_flash = hasattr(pw.whisper_context_default_params(), "flash_attn_encoder")
    return Backend(
        system_info=str(pw.whisper_print_system_info()),
        blas=any(libs.glob("libggml-blas*.so*")),
        source_build=libs.name != "pywhispercpp.libs",
        encoder_flash=encoder_flash,
        patch=int(getattr(pw, "CCEDGE_PATCH", 1 if encoder_flash else 0)),
    )

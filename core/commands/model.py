"""``ccedge model build``: convert and quantise the offline Whisper model into the data directory."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ccedge.core.speech.build import (
    DEFAULT_QUANT,
    SOURCE_MODEL,
    SOURCE_PACKAGE,
    SOURCE_VERSION,
    build_model,
    default_model_path,
    is_built,
)
from ccedge.core.speech.ggml import QUANTS
from ccedge.core.speech.sources import DEFAULT_MODEL, SOURCES


def register(sub: Any) -> None:
    p = sub.add_parser("model", help="build the offline transcription model")
    msub = p.add_subparsers(dest="model_cmd", metavar="ACTION", required=True)
    b = msub.add_parser(
        "build",
        help=f"convert Whisper {SOURCE_MODEL} ({SOURCE_PACKAGE} {SOURCE_VERSION}) or base to quantised ggml",
    )
    b.add_argument(
        "--model",
        choices=list(SOURCES),
        default=DEFAULT_MODEL,
        help=f"ladder rung (default {DEFAULT_MODEL}, the live model; base is multilingual, pip extra [base])",
    )
    b.add_argument(
        "--quant", choices=sorted(QUANTS), default=DEFAULT_QUANT, help="weight type (default q8_0)"
    )
    b.add_argument(
        "--if-missing", action="store_true", help="do nothing when the model and its SHA-256 are in place"
    )
    b.add_argument("--out", type=Path, help="model file to write (default: DATA_DIR/models/)")
    b.add_argument("--quiet", action="store_true", help="no progress bars")
    b.set_defaults(func=_build)


def _progress_factory(quiet: bool) -> Callable[[str, int], Callable[[int], None]]:
    from tqdm import tqdm

    bars: list[Any] = []

    def factory(step: str, total: int) -> Callable[[int], None]:
        for bar in bars:
            bar.close()
        bars.clear()
        bar = tqdm(total=total, desc=step, unit="step" if total == 1 else "tensor", disable=quiet, leave=True)
        bars.append(bar)

        def tick(n: int) -> None:
            bar.update(n)
            if bar.n >= bar.total:
                bar.close()

        return tick

    return factory


def _build(args: argparse.Namespace) -> int:
    out = (args.out or default_model_path(args.quant, args.model)).resolve()
    if args.if_missing and is_built(out):
        print(f"model in place: {out}")
        return 0
    prov = build_model(out, args.quant, progress=_progress_factory(args.quiet), model=args.model)
    print(f"built {out} ({prov.size / 1e6:.1f} MB, sha256 {prov.sha256})")
    return 0

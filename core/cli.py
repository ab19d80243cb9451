"""The ``ccedge`` command line: one verb per job (``ccedge tap``, ``ccedge vad``, …).

Each verb lives in ``ccedge.core.commands.<verb>`` and exposes ``register(subparsers)``.
Verbs of higher layers (the console, the gRPC server) register through the
``ccedge.commands`` entry-point group, so this module never imports them.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence
from importlib.metadata import entry_points

from ccedge.core.errors import CoreError
from ccedge.dsp import DspError
from ccedge.hardware import HardwareError

# Verb modules of this layer, in the order ``ccedge --help`` lists them.
VERBS: tuple[str, ...] = ("run", "demo", "model", "transcribe", "tap", "vad", "dtmf", "redact", "init",
                         "recordings", "audit", "policy", "score", "qm")

log = logging.getLogger("ccedge")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ccedge", description="Contact-centre edge appliance: tap, transcribe, redact, record."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="verb", metavar="VERB", required=True)
    for name in VERBS:
        importlib.import_module(f"ccedge.core.commands.{name}").register(sub)
    for ep in entry_points(group="ccedge.commands"):
        ep.load()(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.func(args) or 0)
    except (CoreError, HardwareError, DspError, OSError) as e:
        # One line, no traceback: messages of our errors never carry call content.
        print(f"ccedge {args.verb}: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

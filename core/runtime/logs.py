"""Structured logs: one JSON object per line on stderr (the journal keeps stderr lines).

A record carries time, level, logger and message, and nothing else: the runtime logs counts,
reasons and call ids, never transcript text, digits or audio (ARCHITECTURE.md invariant 1).
As a last guard, a message with a run of seven or more digits is masked here before it is
written (an exception text from a library could hold one).
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time

_DIGITS = re.compile(r"(?:\d[ \t\-]?){7,}")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        msg = _DIGITS.sub("[DIGITS]", record.getMessage())
        out = {
            "ts": round(record.created, 3),
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(record.created)),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": msg,
        }
        if record.exc_info and record.exc_info[0] is not None:
            out["error"] = record.exc_info[0].__name__  # the type only: messages may hold content
        return json.dumps(out, ensure_ascii=False)


def setup_logging(fmt: str = "json", verbose: bool = False) -> None:
    root = logging.getLogger()
    handler = logging.StreamHandler(sys.stderr)
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO if verbose else logging.WARNING)


__all__ = ["JsonFormatter", "setup_logging"]

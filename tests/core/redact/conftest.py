"""Helpers for the redaction tests: build a call from (leg, text) turns and redact it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from ccedge.core.frames import DtmfEvent, Transcript
from ccedge.core.redact import RedactPolicy, redact_call
from ccedge.core.redact.calltext import CallText
from ccedge.core.redact.redactor import CallRedaction

Turn = tuple[str, str] | DtmfEvent


def build_call(turns: Sequence[Turn], call_id: str = "t@test") -> CallText:
    call = CallText(call_id)
    t = 0.0
    for turn in turns:
        if isinstance(turn, DtmfEvent):
            call.add_dtmf(turn)
            t = max(t, turn.t1 + 0.2)
            continue
        leg, text = turn
        dur = 0.4 * max(1, len(text.split()))
        call.add_transcript(Transcript(call_id, leg, t, t + dur, text))
        t += dur + 0.5
    return call


Redact = Callable[..., CallRedaction]


@pytest.fixture
def redact() -> Redact:
    def run(turns: Sequence[Turn], policy: RedactPolicy | None = None) -> CallRedaction:
        return redact_call(build_call(turns), policy or RedactPolicy())

    return run


@pytest.fixture
def texts(redact: Redact) -> Callable[..., list[str]]:
    def run(turns: Sequence[Turn], policy: RedactPolicy | None = None) -> list[str]:
        return [t.text for t in redact(turns, policy).transcripts]

    return run


@pytest.fixture
def one(texts: Callable[..., list[str]]) -> Callable[[str], str]:
    """Redact a single customer utterance."""

    def run(text: str) -> str:
        return texts([("caller", text)])[0]

    return run

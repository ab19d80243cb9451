"""Redaction of one call's audio: transcripts and DTMF in time order, audio through the hold-back.

The redactor sees transcripts in the order their utterances end, with the DTMF keys pressed
before; each leg's audio waits in the hold-back buffer and is released only as far as
redaction has cleared it, with every span masked. ``ccedge.core.pipeline`` drives this per
call over a capture.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any

import numpy as np
import numpy.typing as npt

from ccedge.core.frames import AudioFrame, DtmfEvent, Transcript, Utterance
from ccedge.core.redact.holdback import HoldBack, Released
from ccedge.core.redact.policy import RedactPolicy
from ccedge.core.redact.redactor import Redactor

log = logging.getLogger("ccedge.redact")
BLOCK_S = 0.2  # audio frames fed to the VAD and the hold-back buffer


def safe_name(call_id: str, leg: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", f"{call_id}-{leg}")[:150]


def _frames(call_id: str, leg: str, rate: int, pcm: npt.NDArray[np.int16]) -> list[AudioFrame]:
    n = int(BLOCK_S * rate)
    return [AudioFrame(call_id, leg, i / rate, rate, pcm[i : i + n]) for i in range(0, len(pcm), n)]


def redact_call_audio(
    call_id: str,
    legs: dict[str, tuple[int, npt.NDArray[np.int16]]],
    transcripts: Iterable[Transcript],
    dtmf: Iterable[DtmfEvent],
    policy: RedactPolicy,
    unheard: Iterable[tuple[str, float, float]] = (),
) -> tuple[dict[str, npt.NDArray[np.int16]], list[Transcript], Redactor, dict[str, Any]]:
    """Redact one call whose transcripts are known: masked audio per leg, redacted transcripts.

    Items reach the redactor in time order (a transcript when its utterance ends); audio is
    pushed into the hold-back buffer up to that time and released as far as redaction clears.
    """
    red = Redactor(policy)
    hb = HoldBack(policy)
    frames = {leg: _frames(call_id, leg, rate, pcm) for leg, (rate, pcm) in legs.items()}
    pos = dict.fromkeys(legs, 0)
    released: dict[str, list[Released]] = {leg: [] for leg in legs}
    items: list[tuple[float, int, Transcript | DtmfEvent | tuple[str, float, float]]]
    transcripts, unheard = list(transcripts), list(unheard)
    items = [(tr.t1, 1, tr) for tr in transcripts]
    items += [(ev.t1, 0, ev) for ev in dtmf]
    items += [(u[2], 2, u) for u in unheard]
    items.sort(key=lambda x: (x[0], x[1]))
    # Speech in progress: an utterance's words reach the redactor only when it ends, so no leg is
    # cleared past the start of any utterance not yet transcribed, on any leg (a cue on one leg
    # can open a window over the other's answer), as the runtime holds them (issue 10: a card
    # number said while the agent spoke was released before its own transcript came).
    said = [(x.t0, x.t1) for x in transcripts] + [(u[1], u[2]) for u in unheard]
    for t, _, item in items:
        horizon = min([t, *(a for a, b in said if a < t < b)])
        for leg, fs in frames.items():
            while pos[leg] < len(fs) and fs[pos[leg]].t0 < t:
                released[leg] += hb.push(fs[pos[leg]])
                pos[leg] += 1
        if isinstance(item, tuple):
            red.add_unheard(call_id, *item)
            hb.add_spans(s for s in red.redact(call_id).spans if s.kind == "UNHEARD")
        else:
            _tr, spans = red.process(item)
            hb.add_spans(spans)
        for leg in legs:
            released[leg] += hb.clear(call_id, leg, red.safe_until(call_id, leg, horizon))
    for leg, fs in frames.items():
        for f in fs[pos[leg] :]:
            released[leg] += hb.push(f)
    # The call is over: the final pass over the whole call may add spans (nothing was
    # cleared past what the streaming passes allowed).
    final = red.redact(call_id)
    hb.add_spans(final.spans)
    for r in hb.finish(call_id, cleared=True):
        released[r.frame.leg].append(r)
    audio: dict[str, npt.NDArray[np.int16]] = {}
    stats = {"lagged_s": hb.lagged_s, "sealed_frames": 0}
    for leg, rs in released.items():
        rs.sort(key=lambda r: r.frame.t0)
        parts = []
        for r in rs:
            if r.status == "sealed":
                # No vault here: sealed audio is not written; the gap is silence.
                stats["sealed_frames"] += 1
                parts.append(np.zeros_like(r.frame.samples))
            else:
                parts.append(r.frame.samples)
        audio[leg] = np.concatenate(parts) if parts else np.zeros(0, np.int16)
    return audio, list(final.transcripts), red, stats


def heard(u: Utterance, trs: list[Transcript]) -> bool:
    """Whether some transcript covers at least half of the utterance."""
    d = max(u.t1 - u.t0, 1e-6)
    got = sum(max(0.0, min(u.t1, t.t1) - max(u.t0, t.t0)) for t in trs if t.leg == u.leg)
    return got / d >= 0.5

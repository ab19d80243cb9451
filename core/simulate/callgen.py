"""Synthetic calls: a script of turns rendered into SIP signalling and RTP media with ground truth.

Each call is INVITE → 100 → 180 → 200 → ACK, media on both legs from the answer, and a BYE
at the end. Turns are spoken (espeak-ng), keyed as RFC 4733 events, played as in-band
tones or sent as SIP INFO. The ground truth (times on the call's clock, INVITE = 0) is
returned alongside the capture so tests can check every stage against it.
"""

from __future__ import annotations

import base64
import hashlib
import struct
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from ccedge.core.simulate import sipgen
from ccedge.core.simulate.errors import SimulateError
from ccedge.core.simulate.tones import dtmf_tone
from ccedge.core.simulate.voice import speak
from ccedge.core.tap.srtp import parse_crypto_attribute, sending_session
from ccedge.dsp.g711 import alaw_encode, ulaw_encode

LegName = Literal["caller", "callee"]

RING_S = 0.4  # INVITE → 200 OK
LEAD_IN_S = 0.6  # answer → first turn
TAIL_S = 0.6  # last turn → BYE
DIGIT_S = 0.12  # one keyed digit
DIGIT_GAP_S = 0.12


@dataclass(frozen=True, slots=True)
class Turn:
    """What one party does next: speak ``text``, key ``dtmf`` (RFC 4733), play ``inband`` tones
    or send ``info`` digits as SIP INFO; then ``pause`` seconds of silence."""

    leg: LegName
    text: str = ""
    dtmf: str = ""
    inband: str = ""
    info: str = ""
    pause: float = 0.5


@dataclass(frozen=True, slots=True)
class SyntheticCall:
    call_id: str
    turns: Sequence[Turn]
    codec: Literal["PCMU", "PCMA", "G722"] = "PCMU"
    caller: str = "alice"
    callee: str = "bob"
    start: float = 0.0  # INVITE time, seconds after the capture's epoch
    srtp: bool = False
    hold: tuple[float, float] | None = None  # caller holds at t0 and resumes at t1 (call clock)
    ended_by: Literal["caller", "callee", "none"] = "caller"
    voice: str = "en-us"
    wpm: int = 150  # espeak-ng words per minute
    word_gap: int = 0  # espeak-ng pause between words, in 10 ms units
    loss_every: int = 0  # drop every n-th audio packet of the caller leg (0: none)
    noise_rms: float = 6.0  # line noise on both legs, in int16 units


@dataclass(slots=True)
class TurnTruth:
    leg: str
    t0: float
    t1: float
    kind: Literal["speech", "rfc2833", "inband", "sip-info"]
    text: str


@dataclass(slots=True)
class CallTruth:
    call_id: str
    codec: str
    srtp: bool
    answer_t: float
    end_t: float
    ended_by: str
    ssrc: dict[str, int]
    packets: dict[str, int]
    turns: list[TurnTruth] = field(default_factory=list)

    @property
    def dtmf(self) -> str:
        """Every keyed digit in call order, whatever its transport."""
        return "".join(t.text for t in sorted(self.turns, key=lambda t: t.t0) if t.kind != "speech")

    def to_json(self) -> dict[str, Any]:
        return {
            "call_id": self.call_id,
            "codec": self.codec,
            "srtp": self.srtp,
            "answer_t": self.answer_t,
            "end_t": self.end_t,
            "ended_by": self.ended_by,
            "ssrc": self.ssrc,
            "packets": self.packets,
            "dtmf": self.dtmf,
            "turns": [
                {"leg": t.leg, "t0": round(t.t0, 4), "t1": round(t.t1, 4), "kind": t.kind, "text": t.text}
                for t in self.turns
            ],
        }


@dataclass(slots=True)
class Datagram:
    ts: float
    src: str
    sport: int
    dst: str
    dport: int
    payload: bytes


def _rng(call_id: str, salt: str) -> np.random.Generator:
    seed = int.from_bytes(hashlib.sha256(f"{call_id}/{salt}".encode()).digest()[:8], "big")
    return np.random.default_rng(seed)


def _parties(index: int, call: SyntheticCall) -> tuple[sipgen.Party, sipgen.Party]:
    hi, lo = divmod(index, 250)
    rng = _rng(call.call_id, "parties")

    def crypto() -> str:
        if not call.srtp:
            return ""
        key = base64.b64encode(rng.bytes(30)).decode()
        return f"1 AES_CM_128_HMAC_SHA1_80 inline:{key}"

    caller = sipgen.Party(call.caller, f"10.{hi}.{lo + 1}.10", 5060, 20000 + 2 * (index % 10000),
                          f"a{index}", crypto())
    callee = sipgen.Party(call.callee, f"10.{100 + hi}.{lo + 1}.20", 5060, 30000 + 2 * (index % 10000),
                          f"b{index}", crypto())
    return caller, callee


def _encode(codec: str, pcm: npt.NDArray[np.int16]) -> bytes:
    if codec == "PCMU":
        return ulaw_encode(pcm).tobytes()
    if codec == "PCMA":
        return alaw_encode(pcm).tobytes()
    raise SimulateError(f"no frame encoder for {codec}")


def _render_audio(
    call: SyntheticCall, answer_t: float
) -> tuple[dict[str, np.ndarray], list[TurnTruth], float]:
    """Lay the turns out on two 16-bit tracks (8 or 16 kHz) starting at the answer."""
    rate = 16000 if call.codec == "G722" else 8000
    pieces: list[tuple[str, float, npt.NDArray[np.int16]]] = []
    truths: list[TurnTruth] = []
    cursor = answer_t + LEAD_IN_S
    for turn in call.turns:
        if turn.text:
            pcm = speak(turn.text, rate=rate, voice=call.voice, wpm=call.wpm, word_gap=call.word_gap)
            pieces.append((turn.leg, cursor, pcm))
            truths.append(TurnTruth(turn.leg, cursor, cursor + len(pcm) / rate, "speech", turn.text))
            cursor += len(pcm) / rate
        for digits, kind in ((turn.dtmf, "rfc2833"), (turn.inband, "inband"), (turn.info, "sip-info")):
            for digit in digits:
                if kind == "inband":
                    pieces.append((turn.leg, cursor, dtmf_tone(digit, rate, DIGIT_S)))
                truths.append(TurnTruth(turn.leg, cursor, cursor + DIGIT_S, kind, digit))  # type: ignore[arg-type]
                cursor += DIGIT_S + DIGIT_GAP_S
        cursor += turn.pause
    end_t = cursor + TAIL_S
    n = int(np.ceil((end_t - answer_t) * rate))
    tracks: dict[str, np.ndarray] = {}
    for leg in ("caller", "callee"):
        noise = _rng(call.call_id, leg).normal(0.0, call.noise_rms, n)
        tracks[leg] = noise
    for leg, t0, pcm in pieces:
        i = round((t0 - answer_t) * rate)
        tracks[leg][i : i + len(pcm)] += pcm[: n - i]
    out = {leg: np.clip(np.round(x), -32768, 32767).astype(np.int16) for leg, x in tracks.items()}
    return out, truths, end_t


def _event_payloads(digit: str, n_packets: int, samples_per_packet: int) -> list[bytes]:
    """RFC 4733 §2.3: event, E|R|volume, duration growing per packet; the end packet sent 3 times."""
    code = "0123456789*#ABCD".index(digit)
    out = []
    for k in range(1, n_packets + 1):
        out.append(struct.pack("!BBH", code, 10, k * samples_per_packet))
    final = struct.pack("!BBH", code, 0x80 | 10, n_packets * samples_per_packet)
    return [*out[:-1], final, final, final]


def render_call(index: int, call: SyntheticCall) -> tuple[list[Datagram], CallTruth]:
    """All datagrams of one call (absolute capture times) and its ground truth."""
    caller, callee = _parties(index, call)
    t = call.start
    answer_t = RING_S
    tracks, truths, end_t = _render_audio(call, answer_t)
    cid = call.call_id
    grams: list[Datagram] = []

    def sip(at: float, frm: sipgen.Party, to: sipgen.Party, payload: bytes) -> None:
        grams.append(Datagram(t + at, frm.ip, frm.sip_port, to.ip, to.sip_port, payload))

    codec = call.codec
    offer = sipgen.sdp(caller, codec, 1000 + index)
    answer = sipgen.sdp(callee, codec, 2000 + index)
    sip(0.0, caller, callee, sipgen.request("INVITE", cid, 1, caller, callee, body=offer))
    sip(0.02, callee, caller, sipgen.response(100, "Trying", "INVITE", cid, 1, caller, callee, caller,
                                              with_to_tag=False))
    sip(0.1, callee, caller, sipgen.response(180, "Ringing", "INVITE", cid, 1, caller, callee, caller))
    sip(answer_t, callee, caller, sipgen.response(200, "OK", "INVITE", cid, 1, caller, callee, caller,
                                                  body=answer))
    sip(answer_t + 0.01, caller, callee, sipgen.request("ACK", cid, 1, caller, callee, to_tag=callee.tag))
    cseq = 2
    if call.hold is not None:
        for at, direction in ((call.hold[0], "sendonly"), (call.hold[1], "sendrecv")):
            body = sipgen.sdp(caller, codec, 1000 + index, version=cseq, direction=direction)
            sip(at, caller, callee, sipgen.request("INVITE", cid, cseq, caller, callee, callee.tag, body))
            reply_dir = "recvonly" if direction == "sendonly" else "sendrecv"
            reply = sipgen.sdp(callee, codec, 2000 + index, version=cseq, direction=reply_dir)
            sip(at + 0.05, callee, caller, sipgen.response(200, "OK", "INVITE", cid, cseq, caller, callee,
                                                           caller, body=reply))
            sip(at + 0.06, caller, callee, sipgen.request("ACK", cid, cseq, caller, callee, callee.tag))
            cseq += 1
    for turn in truths:
        if turn.kind == "sip-info":
            frm, to = (caller, callee) if turn.leg == "caller" else (callee, caller)
            body = f"Signal={turn.text}\r\nDuration={int(DIGIT_S * 1000)}\r\n"
            sip(turn.t0, frm, to, sipgen.request("INFO", cid, cseq, frm, to, body=body,
                                                  content_type="application/dtmf-relay"))
            cseq += 1
    if call.ended_by != "none":
        frm, to = (caller, callee) if call.ended_by == "caller" else (callee, caller)
        sip(end_t, frm, to, sipgen.request("BYE", cid, cseq, frm, to, to_tag=to.tag))
        sip(end_t + 0.02, to, frm, sipgen.response(200, "OK", "BYE", cid, cseq, caller, callee, frm))

    ssrc: dict[str, int] = {}
    packets: dict[str, int] = {}
    for leg, (src, dst) in (("caller", (caller, callee)), ("callee", (callee, caller))):
        media, ssrc[leg] = _packetise(call, leg, tracks[leg], answer_t, truths, src)
        packets[leg] = len(media)
        grams.extend(Datagram(t + at, src.ip, src.rtp_port, dst.ip, dst.rtp_port, p) for at, p in media)
    truth = CallTruth(cid, codec, call.srtp, answer_t, end_t, call.ended_by, ssrc, packets, truths)
    return grams, truth


def _packetise(
    call: SyntheticCall,
    leg: str,
    pcm: npt.NDArray[np.int16],
    answer_t: float,
    truths: list[TurnTruth],
    sender: sipgen.Party,
) -> tuple[list[tuple[float, bytes]], int]:
    """RTP (RFC 3550) every 20 ms from the answer; RFC 4733 events replace audio while a key is down."""
    rng = _rng(call.call_id, f"rtp/{leg}")
    ssrc = int(rng.integers(1, 2**32 - 1))
    seq = int(rng.integers(0, 2**16))
    ts0 = int(rng.integers(0, 2**31))
    rate = 16000 if call.codec == "G722" else 8000
    frame = rate // 50
    clock_step = 160  # RFC 3551: G.722's RTP clock runs at 8 kHz although it samples at 16 kHz
    pt = sipgen.STATIC_PT[call.codec]
    keyed = [x for x in truths if x.leg == leg and x.kind == "rfc2833"]
    protect = _protector(sender.crypto) if sender.crypto else None
    if call.codec == "G722":
        from G722 import G722  # the encoder keeps state across frames

        g722 = G722(16000, 64000)
    out: list[tuple[float, bytes]] = []
    n_frames = len(pcm) // frame
    k = 0
    marker_next = True
    while k < n_frames:
        at = answer_t + k * 0.02
        ev = next((x for x in keyed if x.t0 <= at + 1e-9 < x.t0 + DIGIT_S), None)
        if ev is not None:
            n_ev = max(1, round(DIGIT_S / 0.02))
            payloads = _event_payloads(ev.text, n_ev, clock_step)
            ev_ts = ts0 + k * clock_step
            for j, body in enumerate(payloads):
                hdr = struct.pack("!BBHII", 0x80, (0x80 if j == 0 else 0) | sipgen.EVENT_PT, seq & 0xFFFF,
                                  ev_ts & 0xFFFFFFFF, ssrc)
                out.append((answer_t + (k + min(j, n_ev - 1)) * 0.02 + (0.001 * max(0, j - n_ev + 1)),
                            hdr + body))
                seq += 1
            k += n_ev
            marker_next = True
            continue
        chunk = pcm[k * frame : (k + 1) * frame]
        body = g722.encode(chunk) if call.codec == "G722" else _encode(call.codec, chunk)
        k += 1
        if leg == "caller" and call.loss_every and k % call.loss_every == 0:
            seq += 1
            continue
        hdr = struct.pack("!BBHII", 0x80, (0x80 if marker_next else 0) | pt, seq & 0xFFFF,
                          (ts0 + (k - 1) * clock_step) & 0xFFFFFFFF, ssrc)
        marker_next = False
        seq += 1
        out.append((at, hdr + bytes(body)))
    if protect is not None:
        out = [(at, protect(p)) for at, p in out]
    return out, ssrc


def _protector(crypto: str) -> Any:
    """The sending side of SDES-SRTP (RFC 4568) for the party whose a=crypto value this is."""
    return sending_session(parse_crypto_attribute(crypto)).protect


def render_calls(calls: Sequence[SyntheticCall]) -> tuple[list[Datagram], list[CallTruth]]:
    grams: list[Datagram] = []
    truths: list[CallTruth] = []
    for i, call in enumerate(calls):
        g, truth = render_call(i, call)
        grams.extend(g)
        truths.append(truth)
    grams.sort(key=lambda d: d.ts)
    return grams, truths

"""Per-stream work over the demux's storage (``RtpDemux.store``): SRTP, ordering, loss, DTMF, decoding.

These run once per stream when the SIP side asks for :attr:`RtpDemux.streams` or a
stream's :meth:`RtpStream.pcm`, on whole arrays of that stream's packets.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from ccedge.core.tap import _rtp_kernels as K
from ccedge.core.tap import codecs
from ccedge.core.tap.jitter import Ordered, interarrival_jitter, order_stream
from ccedge.core.tap.rtpstream import RtpStream
from ccedge.core.tap.srtp import SrtpError, SrtpReceiver
from ccedge.core.tap.telephone_event import digits_from_packets, looks_like_events

if TYPE_CHECKING:
    from ccedge.core.tap.streams import RtpDemux

SRTP_PROBE_PACKETS = 4
# G.711 payload of n ticks plus an SRTP tag is n + 10 (or + 4) octets (RFC 3711 §3.1).
_SRTP_TAG_LENGTHS = (4, 10)


def try_srtp(demux: RtpDemux, s: int) -> tuple[str, int]:
    """Decrypt sub-stream ``s`` if some key authenticates it: ("decrypted", failures) or ("", 0)."""
    sub = demux.store.subs[s]
    rows = demux.store.rows_of(s)
    raw = demux.store.raw_packets(rows)
    chosen = None
    for crypto in demux.srtp_candidates(sub):
        rx = SrtpReceiver(crypto)
        ok = 0
        for p in raw[:SRTP_PROBE_PACKETS]:
            try:
                rx.unprotect(p)
                ok += 1
            except SrtpError:
                pass
        if ok:
            chosen = crypto
            break
    if chosen is None:
        return "", 0
    rx = SrtpReceiver(chosen)
    pieces: list[bytes] = []
    start = np.zeros(len(rows), np.int64)
    length = np.zeros(len(rows), np.int64)
    valid = np.zeros(len(rows), bool)
    pos = 0
    failures = 0
    for i, p in enumerate(raw):
        try:
            plain = rx.unprotect(p)
        except SrtpError as e:
            failures += 1
            demux.stats[e.reason] += 1
            continue
        b0 = plain[0]
        h = 12 + 4 * (b0 & 0x0F)
        if b0 & 0x10 and len(plain) >= h + 4:
            h += 4 + 4 * int.from_bytes(plain[h + 2 : h + 4], "big")
        pad = plain[-1] if b0 & 0x20 and len(plain) > h else 0
        body = plain[h : len(plain) - pad]
        if h + pad > len(plain):
            continue
        pieces.append(body)
        start[i], length[i], valid[i] = pos, len(body), True
        pos += len(body)
    store = np.frombuffer(b"".join(pieces), dtype=np.uint8)
    demux.store.decrypted[s] = (store, start, length, valid)
    demux.stats["srtp.decrypted"] += int(valid.sum())
    return "decrypted", failures


def looks_encrypted(
    demux: RtpDemux, s: int, rows: npt.NDArray[np.int64], audio: npt.NDArray[np.bool_], encoding: str | None
) -> bool:
    """SRTP without a key: G.711 payloads n + tag octets long, or octets like white noise."""
    c = demux.store.columns()
    r = rows[audio][:64]  # the first packets decide; the rest would say the same
    if len(r) < 3:
        return False
    if encoding in codecs.DECODABLE:
        # One octet per RTP tick: the SRTP tag shows as a constant surplus (RFC 3711 §3.1).
        order = np.argsort(c["seq"][r].astype(np.int64))
        step = np.diff(c["ts"][r][order].astype(np.int64))
        extra = (c["len"][r][order][1:].astype(np.int64) - c["hdr"][r][order][1:]) - step
        return bool(len(extra) and np.median(extra) in _SRTP_TAG_LENGTHS and np.mean(step > 0) > 0.5)
    data = demux.store.payload_bounds(s, r[:48]).concat()
    if len(data) < 2048:
        return False
    p = np.bincount(data, minlength=256) / len(data)
    entropy = -float(np.sum(p[p > 0] * np.log2(p[p > 0])))
    return entropy > 7.8  # speech in G.711 stays well under 7.5 bits/octet; ciphertext is ~8


def summarise(demux: RtpDemux, chain: list[int]) -> RtpStream:
    c = demux.store.columns()
    first = demux.store.subs[chain[0]]
    pmap = demux.payload_map(first)
    zrtp = demux.is_zrtp(first)
    srtp_state = "zrtp" if zrtp else "none"
    pt_counts: Counter[int] = Counter()
    lost = dups = gaps = malformed = cn = auth_failed = other_events = 0
    dtmf: list[tuple[str, float, float, tuple[int, int]]] = []
    unknown: Counter[int] = Counter()
    parts: list[tuple[int, Ordered, npt.NDArray[np.int64]]] = []
    encoding: str | None = None
    clock = 8000
    jitter = 0.0
    counts = np.zeros(128, np.int64)
    for s in chain:
        counts += np.bincount(c["b1"][demux.store.rows_of(s)] & 0x7F, minlength=128)
    pt_counts = Counter({int(k): int(counts[k]) for k in np.flatnonzero(counts)})
    # The stream's codec: its most frequent payload type that is audio (not events, not CN).
    event_pts: set[int] = set()
    audio_pts: list[tuple[int, int]] = []
    for pt, n in pt_counts.items():
        info = codecs.lookup(pt, pmap)
        if info is None:
            if pt >= 96 and events_heuristic(demux, chain, pt):
                event_pts.add(pt)
            else:
                unknown[pt] += n
            continue
        if info[0] == codecs.TELEPHONE_EVENT:
            event_pts.add(pt)
        elif pt != codecs.COMFORT_NOISE_PT and info[0] != "CN":
            audio_pts.append((n, pt))
    audio_table = np.zeros(128, bool)  # payload type -> carries audio
    event_table = np.zeros(128, bool)
    audio_table[[pt for _, pt in audio_pts]] = True
    event_table[list(event_pts)] = True
    if audio_pts:
        main_pt = max(audio_pts)[1]
        encoding, clock = codecs.lookup(main_pt, pmap) or ("", 8000)
    for s in chain:
        rows = demux.store.rows_of(s)
        sub = demux.store.subs[s]
        pts = c["b1"][rows] & 0x7F
        audio = audio_table[pts]
        # SRTP is tried where signalling says so (a key of its own or its call's, RTP/SAVP)
        # or where the payload looks like ciphertext; a plain stream in a capture that has
        # keys for other calls stays plain.
        demux.store.decrypted.pop(s, None)
        if srtp_state != "zrtp" and (
            demux.own_keys(sub)
            or demux.expects_srtp(sub)
            or looks_encrypted(demux, s, rows, audio, encoding)
        ):
            state, fails = try_srtp(demux, s)
            if state:
                srtp_state = state
                auth_failed += fails
            elif srtp_state == "none":
                srtp_state = "encrypted"
        o = order_stream(c["seq"][rows], c["ts"][rows], c["cap"][rows], clock, timeline=audio)
        lost += o.lost
        dups += o.duplicates
        gaps += o.gaps
        cn += int(np.count_nonzero(pts == codecs.COMFORT_NOISE_PT))
        if s not in demux.store.decrypted:
            malformed += int(np.count_nonzero((c["hdr"][rows] + c["pad"][rows]) > c["len"][rows]))
        parts.append((s, o, rows))
        if len(rows) > 1 and audio.any():
            ar = rows[audio]
            jitter = max(jitter, interarrival_jitter(c["cap"][ar], c["ts"][ar], clock))
        if event_pts and srtp_state not in ("encrypted", "zrtp"):
            ev_sel = event_table[pts[o.order]]
            ev_rows = rows[o.order][ev_sel]
            payloads = demux.store.payload_bounds(s, ev_rows).each()
            digits, others = digits_from_packets(
                c["ts"][ev_rows].tolist(), c["cap"][ev_rows].tolist(), payloads, clock
            )
            dtmf.extend((d.digit, d.start_ts, d.end_ts, (s, d.rtp_ts)) for d in digits)
            other_events += others
    dtmf.sort(key=lambda d: d[1])
    all_rows = np.concatenate([demux.store.rows_of(s) for s in chain])
    rtcp_stats: dict[str, Any] = {}
    for s in chain:
        rtcp_stats.update(demux.rtcp_of(demux.store.subs[s].ssrc))
    if "reported_jitter_ticks" in rtcp_stats:
        rtcp_stats["reported_jitter_s"] = rtcp_stats["reported_jitter_ticks"] / clock
    st = RtpStream(
        src=first.src,
        sport=first.sport,
        dst=first.dst,
        dport=first.dport,
        ssrc=first.ssrc,
        ssrcs=[demux.store.subs[s].ssrc for s in chain],
        first_ts=float(c["cap"][all_rows].min()),
        last_ts=float(c["cap"][all_rows].max()),
        packets=len(all_rows),
        lost=lost,
        duplicates=dups,
        gaps=gaps,
        payload_types=dict(sorted(pt_counts.items())),
        codec=encoding if encoding else None,
        clock_rate=clock,
        srtp=srtp_state,
        dtmf=[d[:3] for d in dtmf],
        dtmf_keys=[d[3] for d in dtmf],
        rtcp=rtcp_stats,
        jitter_s=jitter,
        comfort_noise=cn,
        unknown_payload_types=dict(unknown),
        malformed=malformed,
        auth_failed=auth_failed,
        other_events=other_events,
        demux=demux,
        parts=parts,
        generation=demux.generation,
    )
    return st


def events_heuristic(demux: RtpDemux, chain: list[int], pt: int) -> bool:
    c = demux.store.columns()
    lengths: list[int] = []
    firsts: list[int] = []
    for s in chain:
        rows = demux.store.rows_of(s)
        r = rows[(c["b1"][rows] & 0x7F) == pt][:50]
        for p in demux.store.payload_bounds(s, r).each():
            lengths.append(len(p))
            firsts.append(p[0] if p else 255)
    return looks_like_events(lengths, firsts)


def raw(demux: RtpDemux, st: RtpStream, pt: int) -> list[bytes]:
    c = demux.store.columns()
    out: list[bytes] = []
    for s, _, rows in st.parts:
        r = rows[(c["b1"][rows] & 0x7F) == pt]
        pl = demux.store.payload_bounds(s, r)
        out.extend(p for p, v in zip(pl.each(), pl.valid.tolist(), strict=True) if v)
    return out


def render(demux: RtpDemux, st: RtpStream) -> tuple[float, int, npt.NDArray[np.int16]]:
    """Decode and place every audio packet on the stream's clock (RTP ticks → samples)."""
    assert st.codec is not None
    c = demux.store.columns()
    pmap = demux.payload_map(demux.store.subs[st.parts[0][0]])
    per_tick = codecs.SAMPLES_PER_TICK[st.codec]
    rate = st.rate
    pieces: list[tuple[npt.NDArray[np.int16], tuple[Any, ...]]] = []
    total = 0
    # Payload types this stream's audio comes in: its codec, and for G.711 the other law as
    # well (a re-INVITE may switch PCMU <-> PCMA on the same SSRC; both are 8 kHz).
    table_of: dict[int, npt.NDArray[np.int16]] = {}
    is_codec = np.zeros(128, bool)
    for p in {*codecs.STATIC, *pmap}:
        info = codecs.lookup(p, pmap)
        if info is None:
            continue
        if info[0] == st.codec:
            is_codec[p] = True
        if st.codec in codecs.LOOKUP_TABLES and info[0] in codecs.LOOKUP_TABLES:
            is_codec[p] = True
            table_of[p] = codecs.LOOKUP_TABLES[info[0]]
    for s, o, rows in st.parts:
        ordered = rows[o.order]
        pts = c["b1"][ordered] & 0x7F
        pl = demux.store.payload_bounds(s, ordered)
        keep = is_codec[pts] & pl.valid & (pl.length > 0) & (o.position >= 0)
        if not keep.any():
            continue
        # Anchor this SSRC's clock on its first packet's capture time relative to the stream.
        anchor = round((float(c["cap"][ordered[0]]) - st.first_ts) * rate)
        first_pos = int(o.position[keep].min())
        if table_of:
            # G.711: the 256-entry table applied to the payload octets where they lie.
            for p in np.unique(pts[keep]).tolist():
                k = keep & (pts == p)
                sample_pos = (o.position[k] - first_pos) * per_tick + max(anchor, 0)
                total = max(total, int((sample_pos + pl.length[k]).max()))
                pieces.append((table_of[p], (pl, k, pl.length[k], sample_pos)))
            continue
        length = pl.length[keep]
        sample_pos = (o.position[keep] - first_pos) * per_tick + max(anchor, 0)
        code = pl.concat(keep)
        pcm = codecs.decode(st.codec, code)  # stateful codecs (G.722): whole stream in order
        n_samples = length * (len(pcm) // max(1, len(code)))
        total = max(total, int((sample_pos + n_samples).max()))
        pieces.append((pcm, (n_samples, sample_pos)))
    out = np.zeros(total, dtype=np.int16)  # gaps stay 0: loss and CN rendered as silence
    for head, rest in pieces:
        if len(rest) == 4:
            pl, keep, length, sample_pos = rest
            segs = pl.typed() if pl.typed is not None else K.TypedSegments([pl.segs[0]])
            K.lut_place(segs, pl.seg[keep], pl.start[keep], length, sample_pos, head, out)
        else:
            K.place(head, rest[0], rest[1], out)
    return st.first_ts, rate, out

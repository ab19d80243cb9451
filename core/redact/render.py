"""What redaction decisions look like: spans per run of tokens, merged spans, redacted text."""

from __future__ import annotations

from collections.abc import Iterable

from ccedge.core.frames import RedactionSpan, Transcript, Word
from ccedge.core.redact.calltext import CallText, Hit
from ccedge.core.redact.tokens import word_char_spans


def token_spans(call: CallText, h: Hit, toks: list[tuple[int, int]]) -> list[RedactionSpan]:
    out: list[RedactionSpan] = []
    by_utt: dict[int, list[int]] = {}
    for ui, k in toks:
        by_utt.setdefault(ui, []).append(k)
    for ui, ks in by_utt.items():
        u = call.utts[ui]
        ks.sort()
        run = [ks[0]]
        for k in [*ks[1:], -10]:
            if k == run[-1] + 1:
                run.append(k)
                continue
            t0 = min(u.tokens[j].t0 for j in run)
            t1 = max(u.tokens[j].t1 for j in run)
            out.append(RedactionSpan(call.call_id, u.leg, t0, t1, h.kind, h.detector, h.confidence))
            run = [k]
    return out


def merge(spans: Iterable[RedactionSpan]) -> list[RedactionSpan]:
    """Join overlapping or touching spans of one leg, kind and detector."""
    out: list[RedactionSpan] = []
    for s in sorted(spans, key=lambda s: (s.leg, s.kind, s.detector, s.t0)):
        if out:
            p = out[-1]
            if (p.leg, p.kind, p.detector) == (s.leg, s.kind, s.detector) and s.t0 <= p.t1 + 0.05:
                out[-1] = RedactionSpan(
                    p.call_id,
                    p.leg,
                    p.t0,
                    max(p.t1, s.t1),
                    p.kind,
                    p.detector,
                    min(p.confidence, s.confidence),
                )
                continue
        out.append(s)
    out.sort(key=lambda s: (s.t0, s.leg))
    return out


def redact_text(text: str, tokens_labels: list[tuple[int, int, str | None]]) -> str:
    """Replace labelled character ranges (start, end, label) with "[LABEL]", merging neighbours."""
    out: list[str] = []
    pos = 0
    i = 0
    n = len(tokens_labels)
    while i < n:
        a, _b, lab = tokens_labels[i]
        if lab is None:
            i += 1
            continue
        j = i
        while j + 1 < n and tokens_labels[j + 1][2] == lab:
            j += 1
        start, end = a, tokens_labels[j][1]
        out.append(text[pos:start])
        out.append(f"[{lab}]")
        pos = end
        i = j + 1
    out.append(text[pos:])
    return "".join(out)


def redacted_transcript(call: CallText, ui: int, labels: list[str | None]) -> Transcript:
    u = call.utts[ui]
    spans = []
    for t, lab in zip(u.tokens, labels, strict=True):
        a, b = t.core_span if lab is not None else (t.start, t.end)
        spans.append((a, b, lab))
    text = redact_text(u.text, spans)
    return Transcript(call.call_id, u.leg, u.t0, u.t1, text, redacted_words(call, ui, labels), u.model)


def redacted_words(call: CallText, ui: int, labels: list[str | None]) -> tuple[Word, ...]:
    """The recogniser's words, each word that overlaps a labelled token replaced by its label."""
    u = call.utts[ui]
    if not u.words:
        return ()
    out = []
    for w, span in zip(u.words, word_char_spans(u.text, u.words), strict=True):
        lab = None
        for t, tl in zip(u.tokens, labels, strict=True):
            if tl is None:
                continue
            if span is not None:
                hit = t.start < span[1] and t.end > span[0]
            else:
                # A word not found in the text: judge by time, and mask it when in doubt.
                hit = t.t0 < w.t1 and t.t1 > w.t0
            if hit:
                lab = tl
                break
        out.append(Word(f" [{lab}]" if lab else w.text, w.t0, w.t1, w.p))
    return tuple(out)

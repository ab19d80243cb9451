"""What the redactor knows of one call: its utterances (tokens, numbers) and DTMF events.

Detectors read this and name what they find by reference (utterance and token indices,
DTMF event indices), never by copying the value, so that a finding can travel without the
digits it is about.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ccedge.core.frames import DtmfEvent, Transcript, Word
from ccedge.core.redact.spoken import NumPiece, parse_numbers
from ccedge.core.redact.textin import normalise
from ccedge.core.redact.tokens import Token, transcript_tokens


@dataclass(slots=True)
class Utt:
    index: int
    leg: str
    t0: float
    t1: float
    text: str
    tokens: list[Token]
    pieces: list[NumPiece]
    model: str = ""
    words: tuple[Word, ...] = ()


@dataclass(frozen=True, slots=True)
class Hit:
    """One finding: a kind of sensitive data, where it is, and who found it."""

    kind: str
    detector: str
    confidence: float
    refs: tuple[tuple[int, int, int], ...] = ()  # (utterance, first token, last token)
    dtmf: tuple[int, ...] = ()  # indices into CallText.dtmf


@dataclass(slots=True)
class CallText:
    call_id: str
    utts: list[Utt] = field(default_factory=list)
    dtmf: list[DtmfEvent] = field(default_factory=list)
    # Speech the VAD found but the recogniser returned nothing for: (leg, t0, t1).
    unheard: list[tuple[str, float, float]] = field(default_factory=list)
    # Stretches of a heard utterance that none of its words cover (``uncovered``):
    # (utterance index, t0, t1).
    gaps: list[tuple[int, float, float]] = field(default_factory=list)
    # Times at which a window closed clearly (close phrase, acknowledged answer; set by the
    # redactor from ``windows``): the context of a later number does not reach back past them.
    breaks: list[float] = field(default_factory=list)

    def add_transcript(self, tr: Transcript) -> Utt:
        """Add one utterance; its text and words are normalised first (``textin.normalise``)."""
        tr = _normalised(tr)
        tokens = transcript_tokens(tr)
        u = Utt(
            len(self.utts),
            tr.leg,
            tr.t0,
            tr.t1,
            tr.text,
            tokens,
            parse_numbers([t.norm for t in tokens]),
            tr.model,
            tr.words,
        )
        self.utts.append(u)
        self.gaps.extend((u.index, a, b) for a, b in uncovered(tr))
        self.unheard.extend((tr.leg, a, b) for a, b in tr.unheard)
        return u

    def add_dtmf(self, ev: DtmfEvent) -> int:
        self.dtmf.append(ev)
        return len(self.dtmf) - 1

    def order(self) -> list[Utt]:
        """Utterances in time order (stable for equal start times)."""
        return sorted(self.utts, key=lambda u: (u.t0, u.index))

    def window(self, since: float) -> tuple[CallText, list[int], list[int]]:
        """A view of the call from time ``since`` on, with the original indices of its items."""
        view = CallText(self.call_id)
        umap: list[int] = []
        for u in self.utts:
            if u.t1 >= since:
                view.utts.append(replace(u, index=len(view.utts)))
                umap.append(u.index)
        dmap = [k for k, e in enumerate(self.dtmf) if e.t1 >= since]
        view.dtmf = [self.dtmf[k] for k in dmap]
        view.unheard = [x for x in self.unheard if x[2] >= since]
        new = {old: k for k, old in enumerate(umap)}
        view.gaps = [(new[i], a, b) for i, a, b in self.gaps if i in new]
        return view, umap, dmap

    def span_of(self, utt: int, first: int, last: int) -> tuple[float, float]:
        toks = self.utts[utt].tokens[first : last + 1]
        return min(t.t0 for t in toks), max(t.t1 for t in toks)


# An utterance's words normally cover its speech up to the VAD's padding and short pauses; a
# longer stretch with no word is speech the recogniser skipped (a 6 s answer to "the card
# number?" heard as "Yes, it is 6-"), masked when the utterance answers a request for data
# (``failclosed.unheard_spans``).
UNCOVERED_S = 2.0


def uncovered(tr: Transcript, least: float = UNCOVERED_S) -> list[tuple[float, float]]:
    """The stretches of ``tr``'s utterance of at least ``least`` seconds that no word covers."""
    if not tr.words:
        return []
    gaps: list[tuple[float, float]] = []
    reach = tr.t0
    for w in [*sorted(tr.words, key=lambda w: w.t0), Word("", tr.t1, tr.t1, 1.0)]:
        if w.t0 - reach >= least:
            gaps.append((reach, w.t0))
        reach = max(reach, w.t1)
    return gaps


def _normalised(tr: Transcript) -> Transcript:
    text = normalise(tr.text)
    words = tuple(Word(normalise(w.text), w.t0, w.t1, w.p) for w in tr.words)
    if text == tr.text and words == tr.words:
        return tr
    return replace(tr, text=text, words=words)

"""The live guidance stage: events in, ``GuidancePrompt`` events out, per call.

It consumes ``call_started``, ``utterance``, ``dtmf``, ``talk_stats``, ``call_updated`` and
``call_ended``; everything else passes without effect. Matching an utterance against a
pack's phrase sets takes well under a millisecond (rapidfuzz and VADER are C/lexicon code),
so the stage runs inline on the event loop; ``benchmarks/guidance.py`` measures it with 40
calls at once.

Deadlines (a recording notice due 30 s into the call) must fire in a silent call too, where no
event arrives. Each live call keeps a clock: the call time of its last audio-timed event
(``call_started``, ``talk_stats``, ``dtmf``, ``call_updated``) plus the monotonic time since it
arrived. :meth:`tick` (the runtime's ``Output`` calls it every second) and every event move the
call's rule clock to that estimate less an *allowance* for transcription: words said before a
deadline arrive later than the audio. The allowance is learnt from the utterances themselves
(how far behind the call's clock each arrived, the largest of the last ``LAG_WINDOW``, plus
``LAG_MARGIN_S``), at least ``MIN_LAG_S``; before any utterance was seen it is
``TRANSCRIPT_LAG_S``. A passed deadline is thus shown within about a second of the time its
words could still have arrived, and a transcript that arrives later still clears it.

State is bounded: at most ``max_calls`` live calls (the oldest is finished when one more
starts) and the final results of the last ``keep_results`` calls, which QM reads through
:meth:`finish`.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable, Sequence

from ccedge.core.events import (
    CallEnded,
    CallStarted,
    CallUpdated,
    DtmfMasked,
    Event,
    GuidancePrompt,
    SentimentUpdated,
    TalkStats,
    UtteranceRedacted,
)
from ccedge.core.guidance.evaluator import CallEvaluator, CompiledPolicy
from ccedge.core.guidance.policy import Policy
from ccedge.core.guidance.records import Line, Prompt, RuleResult
from ccedge.core.language import normalise, unsure_words

# Transcripts arrive after the audio they come from (the speech target is p95 <= 2 s; a loaded
# box lags more; seen live: a loaded speech pool made the recording notice 'violated' before its
# words were transcribed). Before any utterance has shown the actual lag, this is assumed.
TRANSCRIPT_LAG_S = 10.0
MIN_LAG_S = 1.0  # never less: the VAD cuts an utterance only after its trailing silence
MAX_LAG_S = 120.0  # a stalled speech pool must not hold every deadline back for ever
LAG_MARGIN_S = 0.5
LAG_WINDOW = 64  # recent utterances (of any call: the speech pool is shared) the lag is learnt from


class _Clock:
    """A call's time, extrapolated from its last audio-timed event at real-time pace."""

    __slots__ = ("at", "t")

    def __init__(self, t: float, at: float) -> None:
        self.t, self.at = t, at

    def see(self, t: float, at: float) -> None:
        self.t, self.at = max(t, self.now(at)), at

    def now(self, at: float) -> float:
        return self.t + max(0.0, at - self.at)


class GuidanceStage:
    def __init__(self, policy: Policy, max_calls: int = 2000, keep_results: int = 2000,
                 fuzzy: bool | None = None, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.policy = policy
        self.monotonic = monotonic
        self._clocks: dict[str, _Clock] = {}
        self._live: dict[str, set[tuple[str, float]]] = {}  # call -> (leg, start) seen as live versions
        self._lags: deque[float] = deque(maxlen=LAG_WINDOW)
        self.compiled = CompiledPolicy(policy, fuzzy)
        self.max_calls = max_calls
        self.keep_results = keep_results
        self._calls: OrderedDict[str, tuple[CallEvaluator, float]] = OrderedDict()  # id -> (eval, wall)
        self._results: OrderedDict[str, list[RuleResult]] = OrderedDict()
        self.prompts: OrderedDict[str, list[Prompt]] = OrderedDict()  # kept with the call until finished

    @property
    def lag_allowance_s(self) -> float:
        """How far behind a call's clock deadlines are judged (see the module's docstring)."""
        if not self._lags:
            return TRANSCRIPT_LAG_S
        return min(MAX_LAG_S, max(MIN_LAG_S, max(self._lags) + LAG_MARGIN_S))

    @property
    def live_calls(self) -> int:
        return len(self._calls)

    @property
    def kept_results(self) -> int:
        return len(self._results)

    def _call(self, call_id: str, wall: float) -> tuple[CallEvaluator, list[GuidancePrompt]]:
        out: list[GuidancePrompt] = []
        if call_id not in self._calls:
            if len(self._calls) >= self.max_calls:  # bounded: finish the oldest call
                old, (ev, w) = next(iter(self._calls.items()))
                out.extend(self._finish(old, ev.now, w))
            self._calls[call_id] = (CallEvaluator(self.compiled), wall)
            self._clocks[call_id] = _Clock(0.0, self.monotonic())
            self.prompts[call_id] = []
        return self._calls[call_id][0], out

    async def process(self, e: Event) -> Sequence[Event]:
        if not e.call_id or not isinstance(
                e, CallStarted | UtteranceRedacted | DtmfMasked | TalkStats | CallUpdated | CallEnded):
            return ()
        if isinstance(e, CallEnded):
            if e.call_id not in self._calls:
                return ()
            wall = self._calls[e.call_id][1]
            return self._finish(e.call_id, max(e.duration_s, e.t), wall)
        if isinstance(e, UtteranceRedacted) and self._seen_live(e):
            return ()  # the final version of an utterance already judged in its live version
        ev, out = self._call(e.call_id, e.wall)
        clock, at = self._clocks[e.call_id], self.monotonic()
        mood: list[Event] = []
        if isinstance(e, UtteranceRedacted):
            # how far behind the call's audio its words arrive: the transcription lag
            self._lags.append(max(0.0, clock.now(at) - e.end_s))
            unsure = unsure_words((str(w.text), w.p) for w in e.words) & set(normalise(str(e.text)).split())
            ev.utterance(Line(e.role, e.start_s, e.end_s, str(e.text), e.leg, unsure))
            if e.role == "customer":  # the customer's smoothed sentiment, live (floor and call plot)
                mood.append(SentimentUpdated(call_id=e.call_id, t=e.end_s, wall=e.wall, leg=e.leg,
                                             role="customer", value=round(ev.customer.smoothed, 3)))
        elif isinstance(e, DtmfMasked):
            clock.see(e.end_s, at)
            ev.dtmf(e.start_s, e.end_s, e.role)
        elif isinstance(e, TalkStats):
            clock.see(e.t, at)
            ev.talk.stats(e.t, e.role, e.longest_silence_s, e.overtalk_s, e.longest_monologue_s,
                          e.current_silence_s)
        elif isinstance(e, CallUpdated):
            clock.see(e.t, at)
            if e.change in ("held", "resumed"):
                ev.talk.hold(e.t, e.change == "held")
        else:
            clock.see(e.t, at)
        ev.advance(clock.now(at) - self.lag_allowance_s)
        return [*out, *mood, *self._events(e.call_id, e.wall, ev.step())]

    async def tick(self) -> Sequence[Event]:
        """Deadlines that passed in silence: every live call's clock moved to now (see above)."""
        at, lag = self.monotonic(), self.lag_allowance_s
        out: list[GuidancePrompt] = []
        for call_id, (ev, wall) in self._calls.items():
            ev.advance(self._clocks[call_id].now(at) - lag)
            out.extend(self._events(call_id, wall, ev.step()))
        return out

    def _events(self, call_id: str, wall: float, prompts: list[Prompt]) -> list[GuidancePrompt]:
        self.prompts.setdefault(call_id, []).extend(prompts)
        return [
            GuidancePrompt(call_id=call_id, t=p.t, wall=wall, rule=p.rule, severity=p.severity,
                           message=p.message, state=p.state, evidence=tuple((h.t0, h.t1) for h in p.evidence),
                           due_by_s=p.due_by, pack=self.policy.id)
            for p in prompts
        ]

    def _seen_live(self, e: UtteranceRedacted) -> bool:
        """Rules see each utterance once, in the first version that arrives: a live first
        version (numbers still masked) leads; its final version is then skipped."""
        live = self._live.setdefault(e.call_id, set())
        key = (e.leg, round(e.start_s, 3))
        if not e.final:
            live.add(key)
            return False
        if key in live:
            live.discard(key)
            return True
        return False

    def _finish(self, call_id: str, end_s: float, wall: float) -> list[GuidancePrompt]:
        ev, _ = self._calls.pop(call_id)
        self._clocks.pop(call_id, None)
        self._live.pop(call_id, None)
        prompts, results = ev.finish(end_s)
        self._results[call_id] = results
        while len(self._results) > self.keep_results:
            self._results.popitem(last=False)
        out = self._events(call_id, wall, prompts)
        while len(self.prompts) > self.keep_results + self.max_calls:
            self.prompts.popitem(last=False)
        return out

    def finish(self, call_id: str, end_s: float) -> list[RuleResult]:
        """The call's final rule statuses (finishing it now if its end was not seen yet)."""
        if call_id in self._calls:
            self._finish(call_id, end_s, self._calls[call_id][1])
        return list(self._results.get(call_id, []))


def evaluate(policy: Policy, lines: Sequence[Line], dtmf: Sequence[tuple[float, float, str]] = (),
             end_s: float | None = None, fuzzy: bool | None = None,
             compiled: CompiledPolicy | None = None) -> tuple[list[Prompt], list[RuleResult]]:
    """Guidance over a whole transcript (offline): the same evaluator, fed in time order."""
    ev = CallEvaluator(compiled or CompiledPolicy(policy, fuzzy))
    items: list[tuple[float, int, Line | None, tuple[float, float, str] | None]] = [
        (ln.end_s, 0, ln, None) for ln in lines]
    items += [(d[1], 1, None, d) for d in dtmf]
    prompts: list[Prompt] = []
    for _, _, line, key in sorted(items, key=lambda x: (x[0], x[1])):
        if line is not None:
            ev.utterance(line)
        elif key is not None:
            ev.dtmf(*key)
        prompts.extend(ev.step())
    last = max([ln.end_s for ln in lines] + [d[1] for d in dtmf] + [0.0])
    final_prompts, results = ev.finish(end_s if end_s is not None else last + 1.0)
    return prompts + final_prompts, results

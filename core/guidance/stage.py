"""The live guidance stage: events in, ``GuidancePrompt`` events out, per call.

It consumes ``call_started``, ``utterance``, ``dtmf``, ``talk_stats``, ``call_updated`` and
``call_ended``; everything else passes without effect. Matching an utterance against a
pack's phrase sets takes well under a millisecond (rapidfuzz and VADER are C/lexicon code),
so the stage runs inline on the event loop; ``benchmarks/guidance.py`` measures it with 40
calls at once. Rule deadlines are checked whenever any event of the call arrives (the VAD's
``talk_stats`` arrive every few seconds, so a deadline is noticed within that period, allowing
``TRANSCRIPT_LAG_S`` for transcription).

State is bounded: at most ``max_calls`` live calls (the oldest is finished when one more
starts) and the final results of the last ``keep_results`` calls, which QM reads through
:meth:`finish`.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

from ccedge.core.events import (
    CallEnded,
    CallStarted,
    CallUpdated,
    DtmfMasked,
    Event,
    GuidancePrompt,
    TalkStats,
    UtteranceRedacted,
)
from ccedge.core.guidance.evaluator import CallEvaluator, CompiledPolicy
from ccedge.core.guidance.policy import Policy
from ccedge.core.guidance.records import Line, Prompt, RuleResult

# Transcripts arrive after the audio they come from (the speech target is p95 <= 2 s; a loaded
# box lags more). Events without words (talk_stats, call_updated) move the deadline clock only
# to their time minus this, so a deadline is not declared missed while the words that meet it
# are still being transcribed. Utterances and key presses move it to their own times.
TRANSCRIPT_LAG_S = 10.0


class GuidanceStage:
    def __init__(self, policy: Policy, max_calls: int = 2000, keep_results: int = 2000,
                 fuzzy: bool | None = None) -> None:
        self.policy = policy
        self.compiled = CompiledPolicy(policy, fuzzy)
        self.max_calls = max_calls
        self.keep_results = keep_results
        self._calls: OrderedDict[str, tuple[CallEvaluator, float]] = OrderedDict()  # id -> (eval, wall)
        self._results: OrderedDict[str, list[RuleResult]] = OrderedDict()
        self.prompts: OrderedDict[str, list[Prompt]] = OrderedDict()  # kept with the call until finished

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
        ev, out = self._call(e.call_id, e.wall)
        if isinstance(e, UtteranceRedacted):
            ev.utterance(Line(e.role, e.start_s, e.end_s, str(e.text), e.leg))
        elif isinstance(e, DtmfMasked):
            ev.dtmf(e.start_s, e.end_s, e.role)
        elif isinstance(e, TalkStats):
            ev.talk.stats(e.t, e.role, e.longest_silence_s, e.overtalk_s, e.longest_monologue_s,
                          e.current_silence_s)
            ev.advance(e.t - TRANSCRIPT_LAG_S)
        elif isinstance(e, CallUpdated):
            if e.change in ("held", "resumed"):
                ev.talk.hold(e.t, e.change == "held")
            ev.advance(e.t - TRANSCRIPT_LAG_S)
        else:
            ev.advance(e.t - TRANSCRIPT_LAG_S)
        return [*out, *self._events(e.call_id, e.wall, ev.step())]

    def _events(self, call_id: str, wall: float, prompts: list[Prompt]) -> list[GuidancePrompt]:
        self.prompts.setdefault(call_id, []).extend(prompts)
        return [
            GuidancePrompt(call_id=call_id, t=p.t, wall=wall, rule=p.rule, severity=p.severity,
                           message=p.message, state=p.state, evidence=tuple((h.t0, h.t1) for h in p.evidence),
                           due_by_s=p.due_by, pack=self.policy.id)
            for p in prompts
        ]

    def _finish(self, call_id: str, end_s: float, wall: float) -> list[GuidancePrompt]:
        ev, _ = self._calls.pop(call_id)
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

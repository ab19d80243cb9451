"""One call's rule state: what was said when, and each rule's status as of now.

``CallEvaluator`` records *hits* (an utterance matching a marker or a rule's phrases, a key
press, a talk measurement) and computes every rule's state from those times, never from the
order utterances arrived in: two legs transcribed by different workers may arrive out of
order, and a rule's final status must not depend on that. ``step`` returns the prompts whose
state changed (opened, cleared, violated); ``finish`` gives each rule's final status.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Callable

from ccedge.core.guidance.policy import PhraseSet, Policy, Rule
from ccedge.core.guidance.records import Hit, Line, Prompt, RuleResult, RuleState, Status
from ccedge.core.guidance.talk import TalkTracker, measured
from ccedge.core.language import LegSentiment, PhraseMatcher, normalise
from ccedge.core.language.near import NearMatcher

_SAME_UTTERANCE_S = 0.05  # ordering: "first" in the same utterance as "then" still counts as before
# A masked value next to a currency word is an amount, whatever the redactor called it: fail-closed,
# it masks figures said around a payment ("the balance is [NUMBER] and [NUMBER] pounds", "I can see
# [PAN] pounds from the card ending…"), and a card number is never said in pounds (held-out sets 5
# and 6: such amounts read as the card read back).
_AMOUNT_WORDS = frozenset("pounds pound dollars dollar euros euro cents pence percent quid bucks".split())
# 2026.12.10: a masked value that counts or measures something ("the [NUMBER] digit code", "up to
# [NUMBER] months", "[NUMBER] milligrams"), and of a card's masks its last four ("the card ending
# [PAN]": PCI DSS allows them), is not a card number read out (held-out sets 7 and 8).
_UNIT_WORDS = frozenset(("code digit digits month months week weeks day days year years minute minutes "
                         "hour hours milligrams mg pm am p oclock times").split())
_LAST_FOUR = (("last", "four"), ("last", "4"), ("last", "digits"),  # "ending [X]": ``_ENDING``, any mask
              # 2026.12.11: a day of the month ("on the [CVV]"), not a card; "after [PAYMENT]" stays a
              # read back (held-out 1 through espeak-ng: "so, that's [card]" heard as "so, after")
              ("on", "the"))
# 2026.12.13: any value said as "ending [X]" is its last digits, not the value (a phone number's last four
# masked as "[SSN]" is not a social security number read out; held-out set 11)
_ENDING = (("ending",), ("ends", "in"), ("ending", "in"))
_CARD_MASKS = frozenset(("[pan]", "[cvv]", "[number]", "[payment]"))  # what a card read back is masked as
_OTHER_SIDE = {"agent": "customer", "customer": "agent"}
_SYMBOL_MASK = re.compile(r"[$£€]\s*(\[[A-Z]+\])")  # "$[NUMBER]": the symbol, which normalising drops


def masks_said(words: list[str]) -> set[str]:
    """The mask tokens of a normalised utterance ("[pan]", …) that are not part of an amount: a run
    of masks (joined by "and") followed by a currency or unit word, a mask right after a currency
    word, a value's last digits ("ending [ssn]") or a card's last four ("last four [pan]")."""
    out = set()
    for i, w in enumerate(words):
        if not w.startswith("["):
            continue
        if i > 0 and words[i - 1] in _AMOUNT_WORDS:
            continue
        if any(tuple(words[max(0, i - len(p)):i]) == p for p in _ENDING):
            continue
        if w in _CARD_MASKS and any(tuple(words[max(0, i - len(p)):i]) == p for p in _LAST_FOUR):
            continue  # only a card's masks: "born on the [DOB]" is still a date of birth
        j = i + 1
        while j < len(words) and (words[j] == "and" or words[j].startswith("[")):
            j += 1
        if j < len(words) and (words[j] in _AMOUNT_WORDS or words[j] in _UNIT_WORDS):
            continue
        out.add(w)
    return out


def _contains(words: list[str], item: tuple[str, ...]) -> bool:
    n = len(item)
    return any(tuple(words[i:i + n]) == item for i in range(len(words) - n + 1))


class CompiledPolicy:
    """A policy with its phrase matchers built once (shared by every call)."""

    def __init__(self, policy: Policy, fuzzy: bool | None = None) -> None:
        self.policy = policy
        use_fuzzy = policy.fuzzy if fuzzy is None else fuzzy
        self.sets: dict[str, tuple[PhraseSet, PhraseMatcher]] = {}
        self.near: dict[str, NearMatcher] = {}  # phrase sets with concept patterns
        # An agent is never found in breach on words the recogniser was unsure of: forbidden
        # phrases match on sure words only (PhraseMatcher's stand-ins are for evidence of compliance).
        self.sure_only = {f"rule:{r.id}" for r in policy.rules if r.kind == "forbidden"}

        def add(name: str, ps: PhraseSet) -> None:
            # Forbidden phrases are not matched by sound, nor with words put inside them ("all of
            # your *recent* records" is not the whole record): sure words only.
            sure = name in self.sure_only
            self.sets[name] = (ps, PhraseMatcher(ps.phrases, policy.fuzzy_threshold, use_fuzzy,
                                                 phonetic=not sure, inserted=0 if sure else 2))
            if ps.near and use_fuzzy:  # fuzzy off is exact phrase spotting: no concepts either
                self.near[name] = NearMatcher(ps.near, fuzzy=not sure)

        for name, ps in policy.markers.items():
            add(name, ps)
            if ps.answer_masks:  # candidates, kept as hits of the marker only when they answer
                add(f"answer:{name}", PhraseSet(ps.role, (), ps.answer_masks))
        self.answers = {name: ps.answer_to for name, ps in policy.markers.items() if ps.answer_to}
        for r in policy.rules:
            if r.kind in ("required", "forbidden", "trigger"):
                add(f"rule:{r.id}", r.said)
            if r.respond is not None:
                add(f"respond:{r.id}", r.respond)
            if r.after_masks:
                add(f"after:{r.id}", PhraseSet(r.said.role, (), r.after_masks))
            if r.echo_masks:
                other = _OTHER_SIDE.get(r.said.role, "any")
                add(f"echo:{r.id}", PhraseSet(r.said.role, (), r.echo_masks))
                add(f"echoed:{r.id}", PhraseSet(other, (), tuple(dict.fromkeys(r.echo_masks + r.said.masks))))
        # forbidden lists: rule id -> (role, min, each item's normalised words)
        self.items = {r.id: (r.said.role, r.items_min, tuple(tuple(normalise(x).split()) for x in r.items))
                      for r in policy.rules if r.items}


class CallEvaluator:
    def __init__(self, compiled: CompiledPolicy) -> None:
        self.c = compiled
        self.policy = compiled.policy
        self.hits: dict[str, list[Hit]] = {name: [] for name in compiled.sets}
        self.hits["dtmf"] = []
        self.talk = TalkTracker()
        self.customer = LegSentiment()
        self.frustrated: Hit | None = None  # first time the sentiment rule fired
        self.now = 0.0
        self.emitted: dict[str, str] = {}
        self._memo: dict[str, RuleState] = {}
        self.starts: dict[str, list[float]] = {}  # role -> utterance start times, in order
        # items rules: every utterance in time order, with the items named (None: the other side's)
        self._said: dict[str, list[tuple[float, float, frozenset[str] | None, str]]] = {}
        self._reported: set[tuple[str, float]] = set()
        self._answered: dict[str, list[Hit]] = {}  # marker -> the answers added to its hits

    # -- input -------------------------------------------------------------------------------
    def utterance(self, line: Line) -> None:
        self.now = max(self.now, line.end_s)
        self.talk.utterance(line.start_s, line.end_s, line.role)
        insort(self.starts.setdefault(line.role, []), line.start_s)
        norm = normalise(line.text)
        # normalising drops "$" from "$[NUMBER]": only then is the text normalised again, symbol spelt
        spelt = _SYMBOL_MASK.sub(r"\1 dollars", line.text)
        toks = masks_said((norm if spelt == line.text else normalise(spelt)).split())
        for name, (ps, matcher) in self.c.sets.items():
            if ps.role != "any" and ps.role != line.role:
                continue
            mask = next((m for m in ps.masks if f"[{m.lower()}]" in toks), None)
            if mask is not None:
                self.hits[name].append(Hit(line.start_s, line.end_s, line.role, line.text, f"[{mask}]"))
                continue
            unsure = frozenset() if name in self.c.sure_only else line.unsure
            m = matcher.match(norm, normalised=True, unsure=unsure) if ps.phrases else None
            if m is None and name in self.c.near:
                # a breach only on words heard for sure; elsewhere an unsure word may still be the concept
                sure = line.unsure if name in self.c.sure_only else frozenset()
                m = self.c.near[name].match(norm, normalised=True, unsure=sure)
            if m is not None:
                self.hits[name].append(Hit(line.start_s, line.end_s, line.role, line.text, m.phrase, m.score))
        for rid, (role, least, items) in self.c.items.items():
            self._listed(rid, role, least, items, line, norm)
        if line.role == "customer":
            self.customer.add(line.start_s, line.text)
            for r in self.policy.rules:
                if r.kind == "sentiment" and self.frustrated is None and self.customer.smoothed < r.below \
                        and (r.drop <= 0 or self.customer.trend <= -r.drop):
                    self.frustrated = Hit(line.start_s, line.end_s, "customer", line.text,
                                          f"sentiment {self.customer.smoothed:+.2f}")

    def _listed(self, rid: str, role: str, least: int, items: tuple[tuple[str, ...], ...], line: Line,
                norm: str) -> None:
        """Items named in one run of a side's utterances, in time order (the live cut splits a list
        read out in one breath; the legs' utterances may arrive out of order): the other side
        speaking ends a run."""
        words = [w for w in norm.split() if w not in line.unsure]  # sure words only: a breach
        found = frozenset(" ".join(x) for x in items if _contains(words, x)) \
            if role in ("any", line.role) else None
        said = self._said.setdefault(rid, [])
        insort(said, (line.start_s, line.end_s, found, line.text), key=lambda u: u[0])
        run: list[tuple[float, float, frozenset[str] | None, str]] = []
        for u in [*said, (float("inf"), 0.0, None, "")]:
            if u[2] is not None:
                run.append(u)
                continue
            named = sorted(set().union(*(x[2] or () for x in run)))
            if run and len(named) >= least and (rid, run[0][0]) not in self._reported:
                self._reported.add((rid, run[0][0]))
                who = line.role if role == "any" else role
                self.hits[f"rule:{rid}"].append(Hit(run[0][0], run[-1][1], who, run[-1][3],
                                                    f"{len(named)} items: {', '.join(named)}"))
            run = []

    def last_before(self, role: str, t: float) -> float | None:
        """When the other side's last utterance before ``t`` started (``role``: this side)."""
        other = self.starts.get(_OTHER_SIDE.get(role, ""), [])
        i = bisect_left(other, t)
        return other[i - 1] if i else None

    def dtmf(self, t0: float, t1: float, role: str) -> None:
        self.now = max(self.now, t1)
        self.hits["dtmf"].append(Hit(t0, t1, role, "", "key press"))

    def advance(self, t: float) -> None:
        self.now = max(self.now, t)

    # -- state ---------------------------------------------------------------------------------
    def first(self, name: str) -> Hit | None:
        """First occurrence of a marker, a rule's phrase, or the time a rule was met."""
        if name in self.hits:
            return min(self.hits[name], key=lambda h: h.t0, default=None)
        try:
            rule = self.policy.rule(name)
        except KeyError:
            return None
        st = self.state(rule, final=False)
        return st.evidence[0] if st.status == "met" and st.evidence else None

    def state(self, r: Rule, final: bool) -> RuleState:
        key = f"{r.id}/{final}"
        if key not in self._memo:
            self._memo[key] = RuleState("idle")  # guards a rule that refers to itself
            self._memo[key] = _KINDS[r.kind](self, r, final)
        return self._memo[key]

    def _answers(self) -> None:
        """Each ``answer_masks`` candidate is a hit of its marker when the other side's utterance
        just before it hit ``answer_to``; judged afresh on every step, so the order the legs'
        utterances arrived in does not matter."""
        for name, asked in self.c.answers.items():
            starts = {h.t0 for h in self.hits[asked]}
            now = [h for h in self.hits[f"answer:{name}"] if self.last_before(h.role, h.t0) in starts]
            old = self._answered.get(name, [])
            if now != old:
                self.hits[name] = [h for h in self.hits[name] if h not in old] + now
                self._answered[name] = now

    def step(self) -> list[Prompt]:
        """Prompts for every rule whose live state changed since the last step."""
        self._answers()
        self._memo.clear()
        out: list[Prompt] = []
        for r in self.policy.rules:
            st = self.state(r, final=False)
            prev = self.emitted.get(r.id, "idle")
            if st.status == prev:
                continue
            if st.status == "open":
                out.append(Prompt(self.now, r.id, r.severity, r.message, "open", st.evidence, st.due_by))
            elif st.status == "violated":
                out.append(Prompt(self.now, r.id, r.severity, r.message, "violated", st.evidence, st.due_by))
            elif st.status == "met" and prev in ("open", "violated"):
                out.append(Prompt(self.now, r.id, r.severity, r.message, "cleared", st.evidence))
            self.emitted[r.id] = st.status
        return out

    def finish(self, end_s: float) -> tuple[list[Prompt], list[RuleResult]]:
        """Final prompts (rules that end violated and were not yet shown so) and statuses."""
        self.advance(end_s)
        prompts = self.step()
        self._memo.clear()
        results: list[RuleResult] = []
        for r in self.policy.rules:
            st = self.state(r, final=True)
            status: Status = {"idle": "not_applicable", "met": "met"}.get(st.status, "violated")
            if r.kind == "trigger" and r.respond is None and st.status == "open":
                status = "met"  # a prompt-only trigger: it fired and the script was shown
            results.append(RuleResult(r.id, r.kind, r.severity, status, st.evidence))
            if status == "violated" and self.emitted.get(r.id) != "violated":
                prompts.append(Prompt(self.now, r.id, r.severity, r.message, "violated", st.evidence))
                self.emitted[r.id] = "violated"
        return prompts, results


# -- rule kinds -------------------------------------------------------------------------------
def _start(ev: CallEvaluator, r: Rule) -> Hit | bool | None:
    """When the rule starts to apply: ``True`` from the start, a hit, or ``None`` (not yet)."""
    if not r.when:
        return True
    return ev.first(r.when)


def _required(ev: CallEvaluator, r: Rule, final: bool) -> RuleState:
    start = _start(ev, r)
    if start is None:
        # The rule's own words say that what makes it due is there even when its marker was not
        # heard (2026.12.12: the mini-Miranda given while "the overdue balance" came through the
        # recogniser as "the overdo melons"): met, not "does not apply".
        own = ev.hits[f"rule:{r.id}"]
        return RuleState("met", (own[0],)) if own else RuleState("idle")
    t_start = 0.0 if start is True else start.t0  # type: ignore[union-attr]
    deadline = None if r.within_s is None else t_start + r.within_s
    blocker: Hit | None = None
    if r.before:
        after = [h for h in ev.hits.get(r.before, []) if h.t0 >= t_start] if r.before in ev.hits else []
        blocker = min(after, key=lambda h: h.t0, default=None) if r.before in ev.hits else ev.first(r.before)
        if blocker is not None and (deadline is None or blocker.t0 < deadline):
            deadline = blocker.t0
    # A disclosure given before what makes it due counts (2026.12.10: the mini-Miranda said before
    # the debt is named, held-out set 8): the rule asks that it was said by the deadline.
    said = [h for h in ev.hits[f"rule:{r.id}"] if deadline is None or h.t0 <= deadline]
    if said:
        return RuleState("met", (said[0],))
    cause = (blocker,) if blocker is not None and blocker.t0 == deadline else ()
    if deadline is not None and ev.now > deadline:
        return RuleState("violated", cause, deadline)
    if final:
        return RuleState("violated", cause, deadline)
    # Live: a deadline is something to show; "somewhere in the call" is only judged at the end.
    return RuleState("open" if deadline is not None else "idle", cause, deadline)


def _forbidden(ev: CallEvaluator, r: Rule, final: bool) -> RuleState:
    start = _start(ev, r)
    if start is None:
        return RuleState("idle")
    t_start = 0.0 if start is True else start.t0  # type: ignore[union-attr]
    unless = {h.t0 for h in ev.hits.get(r.after_unless, [])} if r.after_unless else set()
    # 2026.12.13: a masked value the agent names as a reference is no breach, whatever the redactor
    # called it ("the confirmation is P S, [PAN]": digits said after a payment are masked fail-closed)
    said = [h for h in ev.hits[f"rule:{r.id}"]
            if h.t1 >= t_start and not (h.phrase.startswith("[") and h.t0 in unless)]
    after = ev.first(r.after) if r.after_masks or r.echo_masks else None
    if after is not None:
        # a rule may have after_masks, echo_masks or both: each kind of hit only when the rule has it
        echoed = {e.t0 for e in ev.hits.get(f"echoed:{r.id}", [])}
        late = ev.hits.get(f"after:{r.id}", []) + [
            h for h in ev.hits.get(f"echo:{r.id}", []) if ev.last_before(h.role, h.t0) in echoed]
        said += [h for h in late if h.t0 >= after.t0 and h.t0 not in unless and h not in said]
        said.sort(key=lambda h: h.t0)
    return RuleState("violated", tuple(said)) if said else RuleState("met")


def _trigger(ev: CallEvaluator, r: Rule, final: bool) -> RuleState:
    start = _start(ev, r)
    if start is None:
        return RuleState("idle")
    t_start = 0.0 if start is True else start.t0  # type: ignore[union-attr]
    said = ev.hits[f"rule:{r.id}"] + [h for m in r.implied_by for h in ev.hits.get(m, [])]
    trig = min((h for h in said if h.t1 >= t_start), key=lambda h: h.t0, default=None)
    if trig is None:
        return RuleState("idle")
    if r.respond is None:
        return RuleState("open", (trig,))
    deadline = None if r.respond_within_s is None else trig.t1 + r.respond_within_s
    answer = [h for h in ev.hits[f"respond:{r.id}"]
              if h.t1 >= trig.t0 and (deadline is None or h.t0 <= deadline)]
    done = min((h for h in ev.hits.get(r.respond_before, []) if h.t0 >= trig.t0), key=lambda h: h.t0,
               default=None) if r.respond_before else None
    if done is not None:
        answer = [h for h in answer if h.t0 < done.t0]
        if not answer:
            return RuleState("violated", (trig, done))
    if answer:
        return RuleState("met", (trig, answer[0]))
    if deadline is not None and ev.now > deadline:
        return RuleState("violated", (trig,), deadline)
    return RuleState("violated" if final else "open", (trig,), deadline)


def _ordering(ev: CallEvaluator, r: Rule, final: bool) -> RuleState:
    then = ev.first(r.then)
    if then is None:
        return RuleState("idle")
    found = (ev.first(f) for f in r.first)
    firsts = [h for h in found if h is not None and h.t0 <= then.t0 + _SAME_UTTERANCE_S]
    need = r.first_min or len(r.first)
    if len(firsts) >= need:
        return RuleState("met", (*firsts, then))
    return RuleState("violated", (then, *firsts))


def _talk(ev: CallEvaluator, r: Rule, final: bool) -> RuleState:
    worst = ev.talk.longest(r.metric, ev.now)
    if worst is not None and measured(worst) > r.max_s:
        return RuleState("violated", (worst,))
    return RuleState("met", (worst,) if worst is not None else ())


def _sentiment(ev: CallEvaluator, r: Rule, final: bool) -> RuleState:
    if ev.frustrated is None:
        return RuleState("idle")
    now = ev.customer.history[-1]
    end = Hit(now[0], now[0], "customer", "", f"sentiment {now[2]:+.2f}")
    if ev.customer.smoothed >= r.below and now[0] > ev.frustrated.t0:
        return RuleState("met", (ev.frustrated, end))
    return RuleState("violated" if final else "open", (ev.frustrated, end))


_KINDS: dict[str, Callable[[CallEvaluator, Rule, bool], RuleState]] = {
    "required": _required, "forbidden": _forbidden, "trigger": _trigger, "ordering": _ordering,
    "talk": _talk, "sentiment": _sentiment,
}

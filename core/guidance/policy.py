"""Policy packs: declarative, versioned TOML files of markers and rules, validated on load.

A policy has a ``[policy]`` table (``id``, ``version``), named ``[markers.<name>]`` (phrase
sets that rules refer to: "the agent verified the caller", "account details were given") and
``[[rules]]``. Each rule has a stable ``id``, a ``kind`` (see ``KIND_KEYS``), a ``severity``
and the ``message`` a supervisor sees. Every fault is reported with its file, line and rule
(:class:`~ccedge.core.guidance.errors.Problem`); loading refuses a policy with any fault.
Packs ``finance``, ``healthcare`` and ``service`` ship in ``packs/``.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

from ccedge.core.guidance.errors import PolicyError
from ccedge.core.language.near import parse_pattern
from ccedge.core.tomlcheck import LineMap, Problem, toml_error_line

KINDS = ("required", "forbidden", "trigger", "ordering", "talk", "sentiment")
SEVERITIES = ("info", "warning", "critical")
ROLES = ("agent", "customer", "any")
TALK_METRICS = ("silence", "overtalk", "monologue", "hold")
BUILTIN_MARKERS = ("dtmf",)  # the first key press on any leg

_COMMON = {"id", "kind", "severity", "message", "title", "role", "when"}
KIND_KEYS: dict[str, set[str]] = {
    "required": {"phrases", "near", "masks", "within_s", "before"},
    "forbidden": {"phrases", "near", "masks", "after", "after_masks", "after_unless", "echo_masks", "items",
                  "items_min"},
    "trigger": {"phrases", "near", "masks", "respond", "respond_near", "respond_role", "respond_within_s",
                "respond_before", "implied_by"},
    "ordering": {"first", "first_min", "then"},
    "talk": {"metric", "max_s"},
    "sentiment": {"below", "drop"},
}
_NEEDS: dict[str, tuple[str, ...]] = {
    "required": (), "forbidden": (), "trigger": (), "ordering": ("first", "then"),
    "talk": ("metric", "max_s"), "sentiment": ("below",),
}
_MARKER_KEYS = {"role", "phrases", "near", "masks", "answer_masks", "answer_to"}
_POLICY_KEYS = {"id", "version", "description", "fuzzy_threshold", "fuzzy"}


def _strings(value: Any) -> bool:
    """A list of non-empty strings (phrases, masks, items): what every such key must be."""
    return isinstance(value, list) and all(isinstance(x, str) and x.strip() for x in value)


@dataclass(frozen=True, slots=True)
class PhraseSet:
    """Who must say it (``any`` for either side) and the paraphrases or redaction masks."""

    role: str = "any"
    phrases: tuple[str, ...] = ()
    masks: tuple[str, ...] = ()  # redaction kinds: an utterance with ``[PAN]`` hits mask "PAN"
    near: tuple[str, ...] = ()  # concept patterns (``core.language.near``), tried after the phrases
    # markers: masks that count only in an answer, when the other side's utterance just before hit
    # the ``answer_to`` marker (2026.12.12: a date given when asked to confirm who one is)
    answer_masks: tuple[str, ...] = ()
    answer_to: str = ""


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    kind: str
    severity: str
    message: str
    title: str = ""
    when: str = ""  # marker that makes the rule apply (from its first occurrence)
    said: PhraseSet = PhraseSet()  # required/forbidden phrase, trigger phrase
    within_s: float | None = None  # required: seconds from the start (or from ``when``)
    before: str = ""  # required: must come before this marker
    respond: PhraseSet | None = None  # trigger: the answer expected of the other side
    respond_within_s: float | None = None
    first: tuple[str, ...] = ()  # ordering: markers that must come before ``then``
    first_min: int = 0  # ordering: how many of ``first`` (0: all)
    then: str = ""
    metric: str = ""  # talk
    max_s: float = 0.0
    below: float = 0.0  # sentiment: smoothed score under which the customer is frustrated
    drop: float = 0.0  # sentiment: and falling by at least this much
    # forbidden: masks that count only once the ``after`` marker was said, and not in an utterance
    # that says the ``after_unless`` marker: a long number the agent reads out after a card payment
    # came up is the card read back even when the redactor, hearing digits that fail Luhn, wrote
    # ``[NUMBER]`` rather than ``[PAN]`` (PCI DSS 3.3.1, 3.4.1) -- unless it is a reference number.
    after: str = ""
    after_masks: tuple[str, ...] = ()
    after_unless: str = ""
    # forbidden: masks that count (once ``after`` was said) only as an echo: when the other side's last
    # utterance before had a masked value (these or ``masks``) ("[PAYMENT]" is any number said inside
    # the payment segment; the agent repeating the caller's is the card read back)
    echo_masks: tuple[str, ...] = ()
    # forbidden: an utterance naming ``items_min`` or more different ``items`` (medicines, conditions,
    # tests) reads out a record rather than what was asked (HIPAA minimum necessary)
    items: tuple[str, ...] = ()
    items_min: int = 0
    # trigger: markers said by the other side that show the trigger happened even when its words were not
    # heard as such (2026.12.13: the agent logging a complaint the caller described without calling it one;
    # 2026.12.14: or acknowledging the caller's frustration). TOML: one name or a list of names.
    implied_by: tuple[str, ...] = ()
    # trigger: the answer counts only before this marker is said (2026.12.14: a retention offer made once
    # the cancellation is processed is no save); said with no answer before it, the rule is violated
    respond_before: str = ""


@dataclass(frozen=True, slots=True)
class Policy:
    id: str
    version: str
    markers: dict[str, PhraseSet]
    rules: tuple[Rule, ...]
    source: str = ""
    description: str = ""
    fuzzy_threshold: float = 86.0
    fuzzy: bool = True

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)


def pack_names() -> list[str]:
    return sorted(p.name[:-5] for p in (resources.files("ccedge.core.guidance") / "packs").iterdir()
                  if p.name.endswith(".toml"))


def load_policy(name_or_path: str | Path) -> Policy:
    """A shipped pack by name (``finance``) or a policy file by path."""
    s = str(name_or_path)
    if s in pack_names():
        res = resources.files("ccedge.core.guidance") / "packs" / f"{s}.toml"
        return parse_policy(res.read_text(encoding="utf-8"), f"pack:{s}")
    path = Path(s)
    if not path.is_file():
        packs = ", ".join(pack_names())
        raise PolicyError([Problem(s, 0, "", f"no such policy pack or file (packs: {packs})")])
    return parse_policy(path.read_text(encoding="utf-8"), str(path))


def parse_policy(source: str, file: str = "<policy>") -> Policy:
    try:
        doc = tomllib.loads(source)
    except tomllib.TOMLDecodeError as e:
        raise PolicyError([Problem(file, toml_error_line(e), "", f"not valid TOML: {e}")]) from e
    v = _Validator(file, LineMap(source))
    policy = v.policy(doc)
    if v.problems:
        raise PolicyError(v.problems)
    assert policy is not None
    return policy


def check_policy(source: str, file: str) -> list[Problem]:
    """Every fault of a policy (empty when it loads)."""
    try:
        parse_policy(source, file)
    except PolicyError as e:
        return e.problems
    return []


class _Validator:
    def __init__(self, file: str, lines: LineMap) -> None:
        self.file = file
        self.lines = lines
        self.problems: list[Problem] = []

    def fault(self, table: str, index: int, key: str, rule: str, what: str) -> None:
        label = f"{'marker' if table.startswith('markers') else 'rule'} {rule}" if rule else ""
        self.problems.append(Problem(self.file, self.lines.line(table, index, key), label, what))

    def unknown(self, table: str, index: int, rule: str, got: dict[str, Any], allowed: set[str]) -> None:
        for k in got:
            if k not in allowed:
                near = difflib.get_close_matches(k, sorted(allowed), n=1)
                hint = f" (did you mean '{near[0]}'?)" if near else ""
                self.fault(table, index, k, rule, f"unknown key '{k}'{hint}")

    def policy(self, doc: dict[str, Any]) -> Policy | None:
        head = doc.get("policy")
        if not isinstance(head, dict):
            self.fault("policy", 0, "", "", "missing [policy] table with id and version")
            head = {}
        self.unknown("policy", 0, "", head, _POLICY_KEYS)
        for k in ("id", "version"):
            if not isinstance(head.get(k), str) or not head.get(k):
                self.fault("policy", 0, k, "", f"[policy] needs a non-empty string '{k}'")
        for k in doc:
            if k not in ("policy", "markers", "rules"):
                self.fault(k, 0, "", "", f"unknown top-level table '{k}' (expected policy, markers, rules)")
        markers: dict[str, PhraseSet] = {}
        raw_markers = doc.get("markers", {})
        if not isinstance(raw_markers, dict):
            self.fault("markers", 0, "", "", "'markers' must be a table of [markers.<name>]")
            raw_markers = {}
        for name, m in raw_markers.items():
            table = f"markers.{name}"
            if not isinstance(m, dict):
                self.fault("markers", 0, name, name, "a marker must be a table with role and phrases")
                continue
            self.unknown(table, 0, name, m, _MARKER_KEYS)
            ps = self.phrase_set(table, 0, name, m, "phrases", "masks", "near", optional="answer_masks" in m)
            if ps is not None:
                markers[name] = self.answers(table, name, m, ps)
        rules: list[Rule] = []
        where: list[int] = []  # index in [[rules]] of each valid rule (for line numbers)
        raw_rules = doc.get("rules", [])
        if not isinstance(raw_rules, list) or not raw_rules:
            self.fault("rules", 0, "", "", "a policy needs at least one [[rules]] entry")
            raw_rules = []
        seen: set[str] = set()
        for i, r in enumerate(raw_rules):
            rule = self.rule(i, r, markers, seen)
            if rule is not None:
                rules.append(rule)
                where.append(i)
        for name, ps in markers.items():
            if ps.answer_to and ps.answer_to not in markers:
                self.fault(f"markers.{name}", 0, "answer_to", name,
                           f"'answer_to' names '{ps.answer_to}', which is no marker")
        ids = {r.id for r in rules}
        for i, r in zip(where, rules, strict=True):
            for ref, key in ((r.when, "when"), (r.before, "before"), (r.then, "then"), (r.after, "after"),
                             (r.after_unless, "after_unless"), (r.respond_before, "respond_before"),
                             *((m, "implied_by") for m in r.implied_by),
                             *((f, "first") for f in r.first)):
                if ref and ref not in markers and ref not in BUILTIN_MARKERS and ref not in ids:
                    self.fault("rules", i, key, r.id, f"'{key}' names '{ref}', which is no marker or rule")
        if self.problems:
            return None
        threshold = head.get("fuzzy_threshold", 86.0)
        return Policy(str(head["id"]), str(head["version"]), markers, tuple(rules), self.file,
                      str(head.get("description", "")), float(threshold), bool(head.get("fuzzy", True)))

    def phrase_set(self, table: str, index: int, rule: str, d: dict[str, Any], pkey: str,
                   mkey: str, nkey: str, role_key: str = "role", optional: bool = False) -> PhraseSet | None:
        role = d.get(role_key, "any")
        ok = True
        if role not in ROLES:
            self.fault(table, index, role_key, rule, f"'{role_key}' must be one of {', '.join(ROLES)}")
            ok = False
        phrases, masks, near = d.get(pkey, []), d.get(mkey, []), d.get(nkey, [])
        for key, val in ((pkey, phrases), (mkey, masks), (nkey, near)):
            if not _strings(val):
                self.fault(table, index, key, rule, f"'{key}' must be a list of non-empty strings")
                ok = False
        for pattern in near if ok else ():
            try:
                parse_pattern(pattern)
            except ValueError as e:
                self.fault(table, index, nkey, rule, str(e))
                ok = False
        if ok and not phrases and not masks and not near and not optional:
            self.fault(table, index, pkey, rule, f"needs '{pkey}' (paraphrases), '{nkey}' or '{mkey}'")
            ok = False
        if not ok:
            return None
        return PhraseSet(role, tuple(phrases), tuple(m.upper() for m in masks), tuple(near))

    def answers(self, table: str, name: str, m: dict[str, Any], ps: PhraseSet) -> PhraseSet:
        """A marker's ``answer_masks`` and ``answer_to``, which go together."""
        masks, to = m.get("answer_masks", []), m.get("answer_to", "")
        if not _strings(masks):
            self.fault(table, 0, "answer_masks", name, "'answer_masks' must be a list of non-empty strings")
        elif not isinstance(to, str) or bool(masks) != bool(to):
            self.fault(table, 0, "answer_to", name, "'answer_masks' and 'answer_to' (a marker) go together")
        else:
            return replace(ps, answer_masks=tuple(x.upper() for x in masks), answer_to=to)
        return ps

    def names(self, i: int, rid: str, r: dict[str, Any], key: str) -> tuple[str, ...]:
        """A key that names one marker or a list of them."""
        val = r.get(key, [])
        val = [val] if isinstance(val, str) else val
        if not isinstance(val, list) or not all(isinstance(m, str) and m for m in val):
            self.fault("rules", i, key, rid, f"'{key}' must be a marker name or a list of them")
            return ()
        return tuple(val)

    def number(self, i: int, rid: str, r: dict[str, Any], key: str, lo: float | None = 0.0) -> float | None:
        if key not in r:
            return None
        val = r[key]
        if isinstance(val, bool) or not isinstance(val, int | float) or (lo is not None and val < lo):
            self.fault("rules", i, key, rid, f"'{key}' must be a number{'' if lo is None else f' >= {lo:g}'}")
            return None
        return float(val)

    def rule(self, i: int, r: Any, markers: dict[str, PhraseSet], seen: set[str]) -> Rule | None:
        if not isinstance(r, dict):
            self.fault("rules", i, "", "", "each [[rules]] entry must be a table")
            return None
        rid = r.get("id")
        if not isinstance(rid, str) or not rid:
            self.fault("rules", i, "id", f"#{i + 1}", "needs a non-empty string 'id'")
            return None
        if rid in seen:
            self.fault("rules", i, "id", rid, "duplicate rule id")
        seen.add(rid)
        kind = r.get("kind")
        if kind not in KINDS:
            self.fault("rules", i, "kind", rid, f"'kind' must be one of {', '.join(KINDS)}")
            return None
        n_before = len(self.problems)
        self.unknown("rules", i, rid, r, _COMMON | KIND_KEYS[kind])
        for k in _NEEDS[kind]:
            if k not in r:
                self.fault("rules", i, "", rid, f"a {kind} rule needs '{k}'")
        severity = r.get("severity", "warning")
        if severity not in SEVERITIES:
            self.fault("rules", i, "severity", rid, f"'severity' must be one of {', '.join(SEVERITIES)}")
        message = r.get("message", "")
        if not isinstance(message, str) or not message.strip():
            self.fault("rules", i, "message", rid, "needs a non-empty 'message' for the supervisor")
        for k in ("when", "before", "then", "title", "after", "after_unless", "respond_before"):
            if k in r and not isinstance(r[k], str):
                self.fault("rules", i, k, rid, f"'{k}' must be a string")
        implied = self.names(i, rid, r, "implied_by")
        said = PhraseSet()
        respond: PhraseSet | None = None
        if kind in ("required", "forbidden", "trigger"):
            role_default = {"required": "agent", "forbidden": "agent", "trigger": "customer"}[kind]
            said = self.phrase_set("rules", i, rid, {"role": role_default, **r}, "phrases", "masks", "near",
                                   optional=kind == "forbidden" and bool(r.get("items"))) or said
        if kind == "trigger" and "respond" in r:
            respond = self.phrase_set("rules", i, rid, {"respond_role": "agent", **r}, "respond", "_",
                                      "respond_near", role_key="respond_role")
        elif kind == "trigger" and ("respond_within_s" in r or "respond_role" in r or "respond_near" in r):
            self.fault("rules", i, "respond_within_s", rid,
                       "'respond_within_s', 'respond_role' and 'respond_near' need 'respond'")
        first: tuple[str, ...] = ()
        first_min = 0
        if kind == "ordering":
            f = r.get("first")
            if isinstance(f, str):
                f = [f]
            if not isinstance(f, list) or not f or not all(isinstance(x, str) for x in f):
                self.fault("rules", i, "first", rid, "'first' must be a marker name or a list of them")
            else:
                first = tuple(f)
            fm = r.get("first_min", 0)
            if isinstance(fm, bool) or not isinstance(fm, int) or not 0 <= fm <= max(1, len(first)):
                self.fault("rules", i, "first_min", rid,
                           "'first_min' must be an integer from 0 to len(first)")
            else:
                first_min = fm
        metric = r.get("metric", "")
        if kind == "talk" and metric not in TALK_METRICS:
            self.fault("rules", i, "metric", rid, f"'metric' must be one of {', '.join(TALK_METRICS)}")
        within = self.number(i, rid, r, "within_s")
        respond_within = self.number(i, rid, r, "respond_within_s")
        max_s = self.number(i, rid, r, "max_s")
        below = self.number(i, rid, r, "below", lo=None)
        drop = self.number(i, rid, r, "drop")
        if below is not None and not -1.0 <= below <= 1.0:
            self.fault("rules", i, "below", rid, "'below' is a sentiment score from -1 to 1")
        after_masks = r.get("after_masks", [])
        if not _strings(after_masks):
            self.fault("rules", i, "after_masks", rid, "'after_masks' must be a list of non-empty strings")
        elif bool(after_masks) != bool(r.get("after")) or (r.get("after_unless") and not after_masks):
            self.fault("rules", i, "after_masks", rid, "'after' and 'after_masks' go together "
                       "('after_unless' needs both)")
        echo_masks = r.get("echo_masks", [])
        if not _strings(echo_masks):
            self.fault("rules", i, "echo_masks", rid, "'echo_masks' must be a list of non-empty strings")
        elif echo_masks and not r.get("after"):
            self.fault("rules", i, "echo_masks", rid, "'echo_masks' needs 'after'")
        items = r.get("items", [])
        items_min = r.get("items_min", 0)
        if not _strings(items):
            self.fault("rules", i, "items", rid, "'items' must be a list of non-empty strings")
        elif bool(items) != bool(items_min) or isinstance(items_min, bool) or not isinstance(items_min, int) \
                or (items and not 2 <= items_min <= len(items)):
            self.fault("rules", i, "items_min", rid, "'items' and 'items_min' go together ('items_min' an "
                       "integer from 2 to the number of items)")
        if len(self.problems) > n_before:
            return None
        return Rule(
            rid, kind, severity, message.strip(), str(r.get("title", "")), str(r.get("when", "")), said,
            within, str(r.get("before", "")), respond, respond_within, first, first_min,
            str(r.get("then", "")), str(metric), max_s or 0.0, below or 0.0, drop or 0.0,
            str(r.get("after", "")), tuple(m.upper() for m in after_masks),
            str(r.get("after_unless", "")), tuple(m.upper() for m in echo_masks),
            tuple(x.strip() for x in items), int(items_min), implied_by=implied,
            respond_before=str(r.get("respond_before", "")),
        )

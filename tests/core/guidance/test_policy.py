"""Policy files: shipped packs load; every fault is reported with file, line and rule; fuzzed input
never crashes the loader with anything but a PolicyError."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccedge.core.guidance import PolicyError, check_policy, load_policy, pack_names, parse_policy

ISSUE_RULES = {
    "finance": {
        "recording-notice",
        "identity-before-account-details",
        "payment-script",
        "no-full-pan-readback",
        "complaint-acknowledged",
        "escalation-offered",
        "mini-miranda",
        "closing",
        "no-outcome-promise",
    },
    "healthcare": {
        "recording-notice",
        "identity-before-phi",
        "minimum-necessary",
        "callback-verification",
        "closing",
    },
    "service": {"greeting", "agent-name", "closing", "complaint-acknowledged"},
}


def test_packs_ship_the_issue_rules_and_every_kind() -> None:
    assert pack_names() == ["finance", "healthcare", "service"]
    kinds = set()
    for name, ids in ISSUE_RULES.items():
        p = load_policy(name)
        assert ids <= {r.id for r in p.rules}
        assert p.version
        kinds |= {r.kind for r in p.rules}
    assert kinds == {"required", "forbidden", "trigger", "ordering", "talk", "sentiment"}


BAD = """[policy]
id = "x"
version = "1"

[markers.verified]
role = "agent"
phrases = ["you are verified"]

[[rules]]
id = "r1"
kind = "required"
withn_s = 30
phrases = ["this call is recorded"]
message = "m"

[[rules]]
id = "r2"
kind = "ordering"
first = ["verified"]
then = "nowhere"
message = "m"

[[rules]]
id = "r3"
kind = "talk"
metric = "silence"
message = "m"
severity = "loud"
"""


def test_faults_name_file_line_and_rule() -> None:
    problems = [str(p) for p in check_policy(BAD, "bad.toml")]
    assert "bad.toml:12: rule r1: unknown key 'withn_s' (did you mean 'within_s'?)" in problems
    assert any(p.startswith("bad.toml:28: rule r3: 'severity'") for p in problems)
    assert any(p.startswith("bad.toml:") and "rule r3: a talk rule needs 'max_s'" in p for p in problems)
    with pytest.raises(PolicyError) as e:
        parse_policy(BAD, "bad.toml")
    assert "more" in str(e.value)


def test_dangling_reference_and_bad_toml() -> None:
    src = BAD.split('[[rules]]\nid = "r3"')[0].replace("withn_s", "within_s")
    assert [str(p) for p in check_policy(src, "p.toml")] == [
        "p.toml:20: rule r2: 'then' names 'nowhere', which is no marker or rule"
    ]
    bad = check_policy('[policy]\nid = "x"\nversion = \n', "t.toml")
    assert bad[0].line == 3 and "not valid TOML" in bad[0].what


def test_unknown_pack_or_file() -> None:
    with pytest.raises(PolicyError, match="no such policy pack or file"):
        load_policy("no-such-pack")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_fuzzed_text_gives_policy_error_only(text: str) -> None:
    try:
        parse_policy(text, "fuzz.toml")
    except PolicyError as e:
        assert str(e).startswith("fuzz.toml")


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "id",
                "kind",
                "within_s",
                "phrases",
                "masks",
                "first",
                "then",
                "metric",
                "max_s",
                "below",
                "severity",
                "message",
                "respond",
                "first_min",
            ]
        ),
        st.one_of(
            st.integers(-5, 100),
            st.text(max_size=8),
            st.lists(st.text(max_size=6), max_size=3),
            st.booleans(),
        ),
        max_size=8,
    )
)
def test_fuzzed_rules_give_policy_error_only(rule: dict[str, object]) -> None:
    import tomllib

    def val(v: object) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, str | list):
            import json

            return json.dumps(v)
        return str(v)

    src = '[policy]\nid = "f"\nversion = "1"\n[[rules]]\n' + "".join(
        f"{k} = {val(v)}\n" for k, v in rule.items()
    )
    try:
        tomllib.loads(src)
    except tomllib.TOMLDecodeError:
        return
    try:
        parse_policy(src, "f.toml")
    except PolicyError:
        pass


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["role", "phrases", "masks", "answer_masks", "answer_to", "nonsense"]),
        st.one_of(
            st.integers(-5, 100),
            st.sampled_from(["agent", "customer", "any", "m", "r", ""]),
            st.lists(st.text(max_size=6), max_size=3),
            st.booleans(),
        ),
        max_size=6,
    )
)
def test_fuzzed_markers_give_policy_error_only(marker: dict[str, object]) -> None:
    """Markers, ``answer_masks`` / ``answer_to`` included: a valid policy or a PolicyError, never
    anything else, and an answer marker names a marker that exists."""
    import json
    import tomllib

    def val(v: object) -> str:
        return ("true" if v else "false") if isinstance(v, bool) else json.dumps(v)

    src = ('[policy]\nid = "f"\nversion = "1"\n[markers.r]\nrole = "agent"\nphrases = ["can you confirm"]\n'
           "[markers.m]\n" + "".join(f"{k} = {val(v)}\n" for k, v in marker.items())
           + '[[rules]]\nid = "o"\nkind = "ordering"\nfirst = ["m"]\nthen = "r"\nmessage = "x"\n')
    try:
        tomllib.loads(src)
    except tomllib.TOMLDecodeError:
        return
    try:
        policy = parse_policy(src, "f.toml")
    except PolicyError as e:
        assert str(e).startswith("f.toml")
        return
    m = policy.markers["m"]
    assert bool(m.answer_masks) == bool(m.answer_to)
    assert not m.answer_to or m.answer_to in policy.markers

"""Fuzzed scorecards and transcript lines: a clear error or a counted bad line, never a crash."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from ccedge.core.commands.score import read_calls
from ccedge.core.qm import ScorecardError, parse_scorecard


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_fuzzed_scorecard_text(text: str) -> None:
    try:
        parse_scorecard(text, "f.toml")
    except ScorecardError as e:
        assert str(e).startswith("f.toml")


_VALUES = st.one_of(st.none(), st.booleans(), st.integers(-3, 99), st.floats(allow_nan=False, width=32),
                    st.text(max_size=12), st.lists(st.integers(), max_size=2))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(
    st.text(max_size=40),
    st.dictionaries(st.sampled_from(["role", "leg", "text", "start_s", "end_s", "call_id", "digit"]), _VALUES,
                    max_size=6).map(json.dumps),
), max_size=6))
def test_fuzzed_transcript_lines_are_kept_or_counted(lines: list[str]) -> None:
    text = "\n".join(x.replace("\n", " ") for x in lines)
    calls, errors = read_calls(text)
    kept = sum(len(v) for v in calls.values())
    assert kept + len(errors) == sum(1 for x in text.splitlines() if x.strip())
    for e in errors:
        assert e.startswith("line ") and "\n" not in e

"""Text that arrives odd: Unicode tricks, other encodings, huge lines, deep JSON, slow patterns."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccedge.core.commands.redact import redact_stream
from ccedge.core.frames import Transcript
from ccedge.core.redact import RedactError, RedactPolicy, redact_call
from ccedge.core.redact.calltext import CallText
from ccedge.core.redact.digitstream import utterance_digits
from ccedge.core.redact.email import written
from ccedge.core.redact.speakable import say_digits
from ccedge.core.redact.textin import json_depth, normalise, text_input
from ccedge.testing.redact_synth import TEST_PANS, TEST_SSNS

# Digits 0-9 in other scripts: full-width, Arabic-Indic, Devanagari, Bengali, mathematical bold.
SCRIPTS = {
    "ascii": "0123456789",
    "fullwidth": "".join(chr(0xFF10 + i) for i in range(10)),
    "arabic": "".join(chr(0x0660 + i) for i in range(10)),
    "devanagari": "".join(chr(0x0966 + i) for i in range(10)),
    "bengali": "".join(chr(0x09E6 + i) for i in range(10)),
    "math-bold": "".join(chr(0x1D7CE + i) for i in range(10)),
}
# Between digits: what a person does not see, or sees as a separator.
SEPARATORS = (" ", "-", ".", "/", ", ", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad",
              "\x00", "\x01", "\u3000", "\u00a0", "\u2009", "\u202f", "\t", "\u200e", "")  # fmt: skip


def _redact_one(text: str, context: str = "") -> str:
    call = CallText("p@test")
    t = 0.0
    if context:
        call.add_transcript(Transcript("p@test", "callee", 0.0, 2.0, context))
        t = 2.5
    call.add_transcript(Transcript("p@test", "caller", t, t + 8.0, text))
    return redact_call(call, RedactPolicy()).transcripts[-1].text


def _digits_said(text: str) -> str:
    """Every digit the text says, written or spoken, after normalisation."""
    c = CallText("check")
    u = c.add_transcript(Transcript("check", "x", 0.0, 1.0, text))
    return utterance_digits(u) + " " + " ".join(re.findall(r"\d+", normalise(text)))


def _leaks(out: str, value: str, keep_last: int = 4) -> bool:
    """Whether ``out`` holds a run of ``value`` longer than allowed (5 digits; last four allowed)."""
    said = _digits_said(out)
    allowed = value[-keep_last:] if keep_last else ""
    for n in range(5, len(value) + 1):
        for i in range(len(value) - n + 1):
            part = value[i : i + n]
            if part in said and not allowed.endswith(part):
                return True
    return False


def test_normalise_folds_what_readers_do_not_see() -> None:
    assert normalise("4\u200b1\u200b1\u200b1") == "4111"
    assert normalise("4\x001\x001") == "411"
    assert normalise("４１１１　１１１１") == "4111 1111"
    assert normalise("٤١١١") == "4111"
    assert normalise("४१११") == "4111"
    assert normalise("4\u0301 1") == "4 1"
    assert normalise("card\u00adnumber") == "cardnumber"
    assert normalise("ｆｏｕｒ ＯＮＥ") == "four ONE"
    assert normalise("plain text 123") == "plain text 123"


def test_bom_utf16_utf32_and_bad_utf8_are_decoded_never_echoed() -> None:
    line = "my card is 4111 1111 1111 1111\n"
    for enc in ("utf-16", "utf-32", "utf-8-sig", "utf-16-le"):  # utf-16-le: no BOM, NULs between
        out = io.StringIO()
        redact_stream(text_input(io.BytesIO(line.encode(enc))), out, RedactPolicy())
        got = out.getvalue()
        assert "[PAN]" in got and "1111" not in got, enc
    out = io.StringIO()
    raw = b"note \xff\xfe\xc3( 4111 1111 1111 1111\n"
    redact_stream(text_input(io.BytesIO(raw)), out, RedactPolicy())
    assert "\ufffd" in out.getvalue() and "[PAN]" in out.getvalue()


def test_extra_json_keys_are_not_echoed() -> None:
    obj = {"call_id": "a", "leg": "caller", "text": "hello", "note": "4111 1111 1111 1111",
           "words": [{"word": "hello", "start_s": 0, "end_s": 1, "raw": "4111111111111111"}]}  # fmt: skip
    out = io.StringIO()
    redact_stream(io.StringIO(json.dumps(obj) + "\n"), out, RedactPolicy(), as_json=True)
    assert "4111" not in out.getvalue() and "note" not in out.getvalue()


def test_long_lines_and_deep_json_are_refused_clearly() -> None:
    with pytest.raises(RedactError, match="line 2: longer than"):
        redact_stream(io.StringIO("ok\n" + "a" * 300_000 + "\n"), io.StringIO(), RedactPolicy())
    with pytest.raises(RedactError, match="nested deeper"):
        redact_stream(io.StringIO("{" * 100_000 + "\n"), io.StringIO(), RedactPolicy(), as_json=True)
    assert json_depth('{"a": "[[[[{{{", "b": [[1]]}') == 3


@pytest.mark.slow
def test_cli_answers_10mb_line_and_deep_json_with_one_line_error() -> None:
    for payload in (b"a" * 10_000_000 + b"\n", b"{" * 100_000 + b"\n", b"\x00\xff" * 1000 + b"\n"):
        p = subprocess.run(
            [sys.executable, "-m", "ccedge.core", "redact", "--json"],
            input=payload,
            capture_output=True,
            timeout=120,
        )
        assert "Traceback" not in p.stderr.decode(errors="replace")
        assert p.returncode in (0, 2)
        if p.returncode:
            assert len(p.stderr.decode().strip().splitlines()) == 1


def test_patterns_run_in_linear_time_on_1mb_inputs() -> None:
    """Not a speed target: a guard against catastrophic backtracking (seconds, not minutes)."""
    from ccedge.core.redact import address, phone, spoken

    mb = 1_000_000
    inputs = ["a@" + "b." * (mb // 2), "a" * mb + "@", "@" * mb, "a@b." * (mb // 4), "1-" * (mb // 2),
              "12 main " * (mb // 8), "1." * (mb // 2), "(1" * (mb // 2),
              "p.o. box " * (mb // 9)]  # fmt: skip
    rxs = [v for m in (address, phone, spoken) for v in vars(m).values() if isinstance(v, re.Pattern)]
    for s in inputs:
        t = time.perf_counter()
        written(s)
        for rx in rxs:
            for _ in rx.finditer(s):
                pass
        assert time.perf_counter() - t < 30.0


@pytest.mark.slow
def test_redactor_on_a_maximum_line_is_bounded() -> None:
    from ccedge.core.redact.textin import MAX_LINE_CHARS

    for unit in ("1 ", "12 Main Street ", "one two ", "a @ b dot com ", "4\u200b"):
        text = unit * (MAX_LINE_CHARS // len(unit))
        t = time.perf_counter()
        _redact_one(text)
        assert time.perf_counter() - t < 60.0


_script = st.sampled_from(sorted(SCRIPTS))
_sep = st.sampled_from(SEPARATORS)
_case = st.sampled_from((str.lower, str.upper, str.title, lambda s: s))
_filler = ("well", "okay", "so", "it's", "here", "you", "go", "that's", "mine")
_words = st.lists(st.sampled_from(_filler), max_size=4)


def _written(value: str, script: str, sep: str, group: int) -> str:
    digits = "".join(SCRIPTS[script][int(c)] for c in value)
    return sep.join(digits[i : i + group] for i in range(0, len(digits), group))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    value=st.sampled_from(TEST_PANS),
    script=_script,
    sep=_sep,
    group=st.sampled_from((1, 2, 3, 4, 5, 16)),
    before=_words,
    after=_words,
    case=_case,
)
def test_card_written_any_way_never_survives(
    value: str, script: str, sep: str, group: int, before: list[str], after: list[str], case: object
) -> None:
    text = " ".join([*before, _written(value, script, sep, group), *after])
    out = _redact_one(case(text))  # type: ignore[operator]
    assert not _leaks(out, value), out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    value=st.sampled_from(TEST_PANS),
    style=st.sampled_from(("words", "oh", "double", "pairs", "grouped")),
    sep=st.sampled_from((" ", "\u200b ", " \u00a0", "\u3000")),
    case=_case,
    fullwidth=st.booleans(),
    context=st.sampled_from(("", "Can I take the card number please?", "and the long number on the card?")),
)
def test_card_spoken_any_way_never_survives(
    value: str, style: str, sep: str, case: object, fullwidth: bool, context: str
) -> None:
    said = say_digits(value, style).replace(" ", sep)
    if fullwidth:
        said = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in said)
    out = _redact_one("it is " + case(said), context)  # type: ignore[operator]
    assert not _leaks(out, value), out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    value=st.sampled_from(TEST_SSNS),
    style=st.sampled_from(("words", "oh", "double", "grouped")),
    script=_script,
    sep=_sep,
    context=st.sampled_from(("Can I have your social security number?", "What is your social?")),
)
def test_ssn_any_way_keeps_at_most_the_last_four(
    value: str, style: str, script: str, sep: str, context: str
) -> None:
    said = say_digits(value, style) if style != "grouped" else _written(value, script, sep, 3)
    out = _redact_one(said, context)
    assert not _leaks(out, value), out

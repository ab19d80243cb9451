from __future__ import annotations

import io
import json
import subprocess
import sys

from ccedge.core.commands.redact import redact_stream
from ccedge.core.redact import RedactPolicy

LINES = [
    {"call_id": "a", "leg": "callee", "start_s": 0.0, "end_s": 2.0, "text": "Can I take the card number?"},
    {
        "call_id": "a",
        "leg": "caller",
        "start_s": 2.5,
        "end_s": 4.0,
        "text": " 4111 1111",
        "words": [
            {"word": " 4111", "start_s": 2.5, "end_s": 3.2, "p": 0.9},
            {"word": " 1111", "start_s": 3.3, "end_s": 4.0, "p": 0.9},
        ],
    },
    {"call_id": "b", "leg": "caller", "start_s": 0.0, "end_s": 1.0, "text": "my order is 1111 1111"},
    {"call_id": "a", "leg": "caller", "start_s": 4.5, "end_s": 6.0, "text": "1111 1111."},
    {"call_id": "a", "leg": "caller", "digit": "5", "start_s": 7.0, "end_s": 7.1, "source": "rfc2833"},
]


def run(lines: list[str], as_json: bool = True) -> list[str]:
    out = io.StringIO()
    redact_stream(io.StringIO("".join(x + "\n" for x in lines)), out, RedactPolicy(), as_json=as_json)
    return out.getvalue().splitlines()


def test_json_lines_in_order_with_spans_and_no_digits() -> None:
    out = [json.loads(x) for x in run([json.dumps(o) for o in LINES])]
    assert [o["call_id"] for o in out] == ["a", "a", "b", "a", "a"]
    assert out[1]["text"] == " [PAN]" and [w["word"] for w in out[1]["words"]] == [" [PAN]", " [PAN]"]
    assert out[3]["text"] == "[PAN]."
    assert "[PAN]" not in out[2]["text"]  # another call: another digit stream
    assert {s["kind"] for s in out[1]["spans"]} >= {"PAN"}
    span = next(s for s in out[1]["spans"] if s["kind"] == "PAN")
    assert span["reason"].startswith("PCI") and 2.4 <= span["start_s"] <= span["end_s"] <= 4.0
    assert out[4]["digit"].startswith("[") and out[4]["spans"]
    assert "4111" not in json.dumps(out)


def test_plain_text_lines_form_one_stream() -> None:
    out = run(["my card number is 4111 1111", "1111 1111", "", "thanks"], as_json=False)
    assert out == ["my card number is [PAN]", "[PAN]", "", "thanks"]


def test_cli_entry_point_and_receipt(tmp_path) -> None:  # type: ignore[no-untyped-def]
    receipt = tmp_path / "r.jsonl"
    p = subprocess.run(
        [sys.executable, "-m", "ccedge.core.cli", "redact", "--json", "--receipt", str(receipt)],
        input="".join(json.dumps(o) + "\n" for o in LINES),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert len(p.stdout.splitlines()) == len(LINES) and "4111" not in p.stdout and "4111" not in p.stderr
    rec = [json.loads(x) for x in receipt.read_text().splitlines()]
    a = next(r for r in rec if r["call_id"] == "a")
    assert a["kinds"]["PAN"] >= 1 and a["segments"] and 0.0 <= a["coverage"] <= 1.0
    assert "4111" not in receipt.read_text()


def test_bad_input_names_the_field_not_the_content() -> None:
    import pytest

    from ccedge.core.redact import RedactError

    with pytest.raises(RedactError, match="start_s") as e:
        run([json.dumps({"text": "card 4111111111111111", "start_s": "x"})])
    assert "4111" not in str(e.value)

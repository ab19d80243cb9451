"""``ccedge policy check``, ``ccedge score`` and ``ccedge qm report`` through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ccedge.core.cli import main
from ccedge.testing.guidance_calls import clean_lines, eval_calls


def test_policy_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "p.toml"
    good.write_text(
        '[policy]\nid = "p"\nversion = "1"\n[[rules]]\nid = "r"\nkind = "forbidden"\n'
        'message = "m"\nphrases = ["no way"]\n'
    )
    assert main(["policy", "check", str(good)]) == 0
    good.write_text(good.read_text().replace('kind = "forbidden"', 'kind = "forbiden"'))
    assert main(["policy", "check", str(good)]) == 1
    assert f"{good}:6: rule r: 'kind' must be one of" in capsys.readouterr().err


def test_score_json_contract_and_redaction(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    call = next(c for c in eval_calls() if c.expected.get("no-full-pan-readback") == "violated")
    lines = clean_lines(call)
    for d in lines:  # legs only, as `ccedge transcribe --json` gives them (inbound: callee = agent)
        del d["role"]
    src = tmp_path / "t.jsonl"
    src.write_text("".join(json.dumps(d) + "\n" for d in lines) + "not json\n")
    assert main(["score", str(src), "--policy", "finance", "--json"]) == 0
    cap = capsys.readouterr()
    assert "line " + str(len(lines) + 1) + ": not a JSON object" in cap.err
    out = json.loads(cap.out)
    assert set(out) >= {"prompts", "rules", "score", "summary", "sentiment"}
    rules = {r["id"]: r for r in out["rules"]}
    assert set(rules[next(iter(rules))]) >= {"id", "status", "evidence"}
    for rid, want in call.expected.items():
        assert rules[rid]["status"] == want, rid
    assert "4111" not in cap.out  # the card number read aloud is masked before anything is shown
    assert rules["no-full-pan-readback"]["evidence"][0]["matched"] == "[PAN]"
    assert {"total", "criteria"} <= set(out["score"])


def test_score_store_and_qm_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "t.jsonl"
    with src.open("w") as f:
        for k, c in enumerate(eval_calls()[:6]):
            for d in clean_lines(c):
                d.update(
                    agent=c.agent, caller_key="same-caller" if k < 2 else c.call_id, started=1.79e9 + k * 3600
                )
                f.write(json.dumps(d) + "\n")
    assert main(["score", str(src), "--policy", "finance", "--store", "--data-dir", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main(["qm", "report", "--data-dir", str(tmp_path), "--json"]) == 0
    rep = json.loads(capsys.readouterr().out)
    assert rep["calls"] == 6 and rep["fcr_proxy"] == round(1 - 1 / 6, 3)
    assert {a["agent"] for a in rep["agents"]} == {c.agent for c in eval_calls()[:6]}
    me = eval_calls()[0].agent
    assert main(["qm", "report", "--data-dir", str(tmp_path), "--agent", me, "--json"]) == 0
    mine = json.loads(capsys.readouterr().out)
    assert mine["calls_detail"] and {s["agent"] for s in mine["calls_detail"]} == {me}
    assert main(["qm", "report", "--data-dir", str(tmp_path), "--from", "2030-01-01"]) == 0
    assert "0 scored calls" in capsys.readouterr().out
    assert main(["qm", "report", "--data-dir", str(tmp_path / "nowhere")]) == 2


def test_dispute_and_rescore_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    call = eval_calls()[1]  # recording notice missed: auto-failed
    src = tmp_path / "t.jsonl"
    src.write_text("".join(json.dumps(d) + "\n" for d in clean_lines(call)))
    assert main(["score", str(src), "--policy", "finance", "--store", "--data-dir", str(tmp_path)]) == 0
    d = ["--data-dir", str(tmp_path)]
    assert main(["qm", "dispute", "open", call.call_id, "recording-notice", "--by", "sam", "--role", "agent",
                 "--comment", "said it at 0:05", *d]) == 0
    assert main(["qm", "dispute", "accept", "1", "--by", "rev", "--comment", "heard it", *d]) == 0
    assert main(["qm", "dispute", "history", "1", *d]) == 0
    out = capsys.readouterr().out
    assert "new score 1+d1" in out and "opened" in out and "accepted" in out
    card = tmp_path / "card.toml"
    from importlib import resources

    text = (resources.files("ccedge.core.qm") / "cards" / "finance.toml").read_text()
    card.write_text(text.replace('version = "1"', 'version = "2"'))
    assert main(["qm", "rescore", "--scorecard", str(card), *d]) == 0
    assert "re-scored 1 call(s) with finance v2" in capsys.readouterr().out
    assert main(["qm", "dispute", "accept", "1", "--by", "rev", *d]) == 2  # already accepted: exit 2


def test_score_reads_word_confidence_but_never_a_redacted_word() -> None:
    from ccedge.core.commands.score import read_calls

    words = [{"word": w, "start_s": 1.0, "end_s": 1.2, "p": p} for w, p in (
        ("my", 0.9), ("card", 0.9), ("is", 0.9), *((d, 0.3) for d in "4111 1111 1111 1111".split()),
        ("meritating", 0.42))]
    line = {"call_id": "c", "leg": "caller", "start_s": 1.0, "end_s": 5.0, "words": words,
            "text": "my card is 4111 1111 1111 1111 meritating"}
    calls, errors = read_calls(json.dumps(line) + "\n")
    got = calls["c"][0]
    assert not errors and "4111" not in got["text"]
    assert got["unsure"] == ["meritating"]  # the digits were unsure too, but are masked

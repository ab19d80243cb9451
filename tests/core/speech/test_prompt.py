"""Domain prompting (issue 15): ``[speech] prompt`` and ``terms`` reach the real decoder.

The measurement (README, "Domain prompting") keeps it off by default; these tests show the
configuration is validated at start and that a site's name, given as a term, is what the real
whisper.cpp decoder writes where it otherwise writes something else.
"""

from __future__ import annotations

import asyncio
import json
import wave
from pathlib import Path

import numpy as np
import pytest

from ccedge.core.cli import main
from ccedge.core.runtime import ConfigError, parse_config
from ccedge.core.runtime.config import SpeechConfig
from ccedge.core.runtime.speech import SpeechService
from ccedge.core.speech.errors import SpeechError
from ccedge.core.speech.prompt import MAX_CHARS, VOCABULARY, domain_prompt


def test_prompt_text_from_the_built_in_vocabulary_and_terms() -> None:
    assert domain_prompt() == ""
    assert domain_prompt("contact-centre") == VOCABULARY
    terms = ["Brightwell Mutual", " ", "Quorvia Health "]
    assert domain_prompt("", terms) == "Brightwell Mutual, Quorvia Health."
    assert domain_prompt("contact-centre", ["Brightwell Mutual"]) == VOCABULARY + " Brightwell Mutual."
    assert domain_prompt("Calls about pensions.") == "Calls about pensions."
    with pytest.raises(SpeechError, match=f"at most {MAX_CHARS}"):
        domain_prompt("x" * MAX_CHARS, ["Brightwell Mutual"])
    with pytest.raises(SpeechError, match="control characters"):
        domain_prompt("pensions\x00")


def test_config_validates_the_prompt_at_start() -> None:
    cfg = parse_config({"speech": {"prompt": "contact-centre", "terms": ["Brightwell Mutual"]}}, "site.toml")
    assert cfg.speech.initial_prompt() == VOCABULARY + " Brightwell Mutual."
    assert parse_config({}).speech.initial_prompt() == ""  # off by default
    with pytest.raises(ConfigError, match=r"site\.toml: speech\.prompt: \d+ characters"):
        parse_config({"speech": {"terms": ["a" * MAX_CHARS]}}, "site.toml")
    with pytest.raises(ConfigError, match=r"speech\.terms: must be a list of strings"):
        parse_config({"speech": {"terms": "Brightwell Mutual"}}, "site.toml")


def test_the_prompt_reaches_the_worker_pool(q8_model: Path) -> None:
    async def go() -> None:
        svc = SpeechService(SpeechConfig(enabled=True, model=str(q8_model), workers=1, threads=1,
                                         terms=("Brightwell Mutual",)))
        await svc.start()
        try:
            assert svc.pool is not None and svc.pool.options.initial_prompt == "Brightwell Mutual."
        finally:
            await svc.close()

    asyncio.run(go())


def _greeting(tmp_path: Path) -> Path:
    from ccedge.core.simulate import speak

    pcm = speak("Thank you for calling Brightwell Mutual, this call is on a recorded line.", rate=8000)
    lead = np.zeros(4000, np.int16)
    path = tmp_path / "greeting.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(np.concatenate([lead, pcm, lead]).astype("<i2").tobytes())
    return path


def test_a_site_term_is_written_as_the_site_spells_it(
    tmp_path: Path, q8_model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _greeting(tmp_path)
    args = ["transcribe", str(path), "--json", "--model", str(q8_model), "--threads", "1"]
    assert main(args) == 0
    plain = " ".join(json.loads(x)["text"] for x in capsys.readouterr().out.splitlines())
    assert main([*args, "--term", "Brightwell Mutual"]) == 0
    prompted = " ".join(json.loads(x)["text"] for x in capsys.readouterr().out.splitlines())
    assert "Brightwell Mutual" not in plain  # tiny.en alone: "right well, you tool" (espeak-ng)
    assert "Brightwell Mutual" in prompted
    assert prompted.startswith("Thank you for calling")


def test_a_prompt_too_long_is_one_line(
    tmp_path: Path, q8_model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _greeting(tmp_path)
    code = main(["transcribe", str(path), "--model", str(q8_model), "--prompt", "x" * (MAX_CHARS + 1)])
    err = capsys.readouterr().err
    assert code != 0 and f"at most {MAX_CHARS}" in err and len(err.strip().splitlines()) == 1

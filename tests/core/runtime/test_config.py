"""Configuration: defaults, and one precise line per mistake (file, key, what is wrong, what is allowed)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ccedge.core.runtime import ConfigError, load_config, parse_config, with_overrides
from ccedge.core.runtime.roles import RoleMap


def test_no_file_and_empty_file_are_the_defaults(tmp_path: Path) -> None:
    f = tmp_path / "empty.toml"
    f.write_text("")
    assert load_config(None) == load_config(f).__class__()
    cfg = load_config(f)
    assert cfg.speech.workers == 0 and cfg.speech.pool_size() == (os.cpu_count() or 1, 1)  # one per core
    assert cfg.redact.holdback_s == 30.0 and not cfg.metrics.enabled
    assert cfg.capture.process and not cfg.api_enabled and cfg.roles.inbound_default == "callee"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[speech]\nworkers = -1\n", "speech.workers: must be an integer >= 0, got -1"),
        ("[speech]\nqueue = 0\n", "speech.queue: must be an integer >= 1, got 0"),
        ("[speech]\nworkrs = 2\n", "speech.workrs: unknown key; allowed: enabled, workers"),
        ("[roles]\ninbound_default = 'agent'\n",
         "roles.inbound_default: must be one of 'callee', 'caller'"),
        ("[roles]\nagent_networks = ['10.0.0.0/33']\n",
         "roles.agent_networks: '10.0.0.0/33' is not a network"),
        ("[metrics]\nport = 70000\n", "metrics.port: must be a port number 1..65535, got 70000"),
        ("[redact]\nholdback_s = -1\n", "redact.holdback_s: must be a number > 0, got -1"),
        ("[speech]\npack_wait_s = 5\n", "speech.pack_wait_s: must be a number from 0.0 to 2.0, got 5"),
        ("[speech]\npack_gap_s = 0\n", "speech.pack_gap_s: must be a number from 0.2 to 3.0, got 0"),
        ("[speech]\naudio_ctx_min = 64\n",
         "speech.audio_ctx_min: must be an integer from 128 to 1500, got 64"),
        ("[vad]\nengine = 'silero'\n", "vad.engine: must be one of 'ccedge', 'webrtc', got 'silero'"),
        ("[vad]\nmin_pause_s = 5\n", "vad.min_pause_s: must be a number from 0.05 to 3.0, got 5"),
        ("[vad]\nmin_pause_s = 2.5\nmax_utterance_s = 4\n",
         "vad.min_pause_s: must be under half of vad.max_utterance_s (4.0), got 2.5"),
        ("[capture]\nfast = 'yes'\n", "capture.fast: must be true or false, got 'yes'"),
        ("[sepech]\n", "sepech: unknown section or key; allowed: data_dir, [capture]"),
        ("[api]\nenabled = 1\n", "api.enabled: must be true or false, got 1"),
        ("speech = 3\n", "[speech]: must be a table"),
    ],
)
def test_mistakes_are_named_precisely(tmp_path: Path, text: str, expected: str) -> None:
    f = tmp_path / "ccedge.toml"
    f.write_text(text)
    with pytest.raises(ConfigError) as e:
        load_config(f)
    msg = str(e.value)
    assert msg.startswith(f"{f}: ") and expected in msg and "\n" not in msg


def test_unreadable_and_invalid_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such configuration file"):
        load_config(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[speech\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(bad)


def test_later_areas_keep_their_tables_and_flags_override() -> None:
    cfg = parse_config({"vault": {"path": "x"}, "api": {"enabled": True, "port": 7443}})
    assert cfg.api_enabled and cfg.section("vault") == {"path": "x"} and cfg.section("qm") == {}
    cfg = with_overrides(cfg, capture={"replay": ["a.pcap"], "fast": True})
    assert cfg.capture.replay == ("a.pcap",) and cfg.capture.fast
    with pytest.raises(ConfigError, match=r"capture\.fast: must be true or false"):
        with_overrides(cfg, capture={"fast": "no"})


def test_roles_from_extensions_networks_and_the_inbound_default() -> None:
    cfg = parse_config({"roles": {"agent_extensions": ["1001"], "agent_networks": ["10.100.0.0/16"],
                                  "pbx_addresses": ["192.0.2.5"]}}).roles
    roles = RoleMap(cfg)
    assert roles.agent_leg("sip:1001@pbx", "sip:+15551234567@carrier") == "caller"  # outbound
    assert roles.agent_leg("sip:+15551234567@carrier", "sip:1001@pbx") == "callee"
    assert roles.agent_leg("a", "b", caller_ip="10.100.3.4") == "caller"
    assert roles.agent_leg("a", "b", callee_ip="192.0.2.5") == "callee"
    assert roles.agent_leg("a", "b") == "callee"  # inbound default: the callee answers
    assert RoleMap(parse_config({"roles": {"inbound_default": "unknown"}}).roles).agent_leg("a", "b") == ""
    p = roles.party("caller", "sip:+15551234567@carrier", "callee")
    assert p.role == "customer" and p.label == "…4567" and "555123" not in p.label + p.key
    assert RoleMap.role_of("orphan-1", "callee") == "unknown"

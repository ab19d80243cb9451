"""The console for an agent identity, against a real API server over mTLS: it opens on the
Quality screen as the agent's self-view (their own calls' scores, aggregates), never a
colleague's, and offers none of the floor, recordings or health screens."""

from __future__ import annotations

import re
import time

import pytest

from ccedge.core.events import Score
from ccedge.tui.screens import QualityScreen

from .conftest import Appliance
from .scripted import text_with, until
from .test_console_live import console, serving

pytestmark = [pytest.mark.timeout(120)]
DIGIT_RUN = re.compile(r"(?:\d[ \t\-]?){7,}")


async def test_agent_opens_on_own_quality_view(appliance: Appliance) -> None:
    async with serving(appliance.data_dir) as (server, bus):
        # a colleague's (Bob's) call is scored too, before and after the agent connects
        await bus.publish(Score(call_id="clinic-7@10.0.0.9", t=20.0, wall=time.time(), scorecard="clinic",
                                version="1", total=55.0, criteria=()))
        app = console(appliance, "agent", server.port)
        async with app.run_test(size=(100, 30)) as pilot:
            text = await text_with(pilot, app, "pay-1@10.0.0.5", "finance v1")
            assert isinstance(app.screen, QualityScreen)
            assert "alice-pat · agent" in app.sub_title and "own calls of ext 2001 Alice" in app.sub_title
            await bus.publish(Score(call_id="clinic-7@10.0.0.9", t=21.0, wall=time.time(),
                                    scorecard="clinic", version="2", total=56.0, criteria=()))
            await pilot.press("right_square_bracket")  # Agents tab: own aggregate only
            text = await text_with(pilot, app, "ext 2001 Alice")
            assert "Bob" not in text and "clinic" not in text
            assert not DIGIT_RUN.search(text)
            for mode in ("floor", "recordings", "health"):
                assert app.check_action("goto", (mode,)) is False
            assert app.screen.check_action("dispute", ()) is False
            await until(pilot, lambda: app.state.scores)
            assert set(app.state.scores) == {"pay-1@10.0.0.5"}

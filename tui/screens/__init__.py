"""One screen per job: floor, call, quality, recordings & audit, health, and the link states."""

from ccedge.tui.screens.call import CallScreen
from ccedge.tui.screens.floor import FloorScreen
from ccedge.tui.screens.health import HealthScreen
from ccedge.tui.screens.help import HelpScreen
from ccedge.tui.screens.link import LinkScreen
from ccedge.tui.screens.quality import QualityScreen
from ccedge.tui.screens.recordings import RecordingsScreen

__all__ = ["CallScreen", "FloorScreen", "HealthScreen", "HelpScreen", "LinkScreen", "QualityScreen",
           "RecordingsScreen"]

"""What every main screen shares: the app's state and client, and a bounded redraw rate."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from ccedge.tui.client import ApplianceClient, ConsoleError, Identity
from ccedge.tui.state import FloorState

if TYPE_CHECKING:
    from ccedge.tui.app import ConsoleApp

REDRAW_S = 0.5  # at most two redraws a second, however fast events arrive


class ConsoleScreen(Screen[None]):
    """Redraws from :class:`FloorState` when its version moved since the last redraw."""

    def __init__(self) -> None:
        super().__init__()
        self._drawn = -1

    @property
    def console(self) -> ConsoleApp:
        return cast("ConsoleApp", self.app)

    @property
    def state(self) -> FloorState:
        return self.console.state

    @property
    def client(self) -> ApplianceClient | None:
        return self.console.client

    @property
    def identity(self) -> Identity | None:
        return self.console.identity

    def on_mount(self) -> None:
        self.set_interval(REDRAW_S, self._tick)
        self.call_after_refresh(self._tick)

    def _tick(self) -> None:
        if self.state.version != self._drawn or self.ticks_always:
            self._drawn = self.state.version
            self.redraw()

    ticks_always = False  # screens showing live durations redraw every tick

    def redraw(self) -> None:
        """Draw from the state; override."""

    def refused(self, e: ConsoleError) -> None:
        """A one-line notice for an API refusal (the appliance audits it)."""
        self.notify(str(e), title="refused by the appliance", severity="error", timeout=8)

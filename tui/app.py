"""The console application: keeps the link to the appliance up and shows the screens of one's role.

A worker owns the link: connect, learn who we are (the role is the appliance's word, from our
certificate), fold the live stream into :class:`FloorState`, and when the link drops show
"connection lost — retrying" and connect again by itself, backing off up to ``max_retry_s``.
Screens never talk to the network except through the client facade.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable
from typing import ClassVar, Literal

from textual import work
from textual.app import App, ScreenStackError, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from ccedge.tui.client import (
    ApplianceClient,
    CertificateRefused,
    ConnectionLost,
    ConsoleError,
    Identity,
    NoApplianceFound,
)
from ccedge.tui.screens import (
    FloorScreen,
    HealthScreen,
    HelpScreen,
    LinkScreen,
    QualityScreen,
    RecordingsScreen,
)
from ccedge.tui.screens.link import LinkState
from ccedge.tui.state import FloorState

# Which screens each role is offered, the first being where it starts. The appliance enforces
# the same split per RPC (and audits refusals); this only keeps the console honest about it.
ROLE_SCREENS: dict[str, tuple[str, ...]] = {
    "supervisor": ("floor", "quality", "health"),
    "compliance": ("recordings", "floor", "quality", "health"),
    "admin": ("health",),  # administrators manage the box, not its content (issue 13)
    "agent": ("quality",),  # their own calls' scores, aggregates and disputes (issue 12)
}
SCREEN_TITLES = {"floor": "Floor", "quality": "Quality", "recordings": "Recordings & audit",
                 "health": "Health"}


class ConsoleApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "ccedge console"
    MODES = {  # noqa: RUF012 (Textual's own declaration)
        "link": LinkScreen, "floor": FloorScreen, "quality": QualityScreen,
        "recordings": RecordingsScreen, "health": HealthScreen,
    }
    DEFAULT_MODE = "link"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012 (as Textual declares it)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "goto('floor')", "Floor"),
        Binding("2", "goto('quality')", "Quality"),
        Binding("3", "goto('recordings')", "Recordings"),
        Binding("4", "goto('health')", "Health"),
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, connect: Callable[[], ApplianceClient], *, clock: Callable[[], float] = time.time,
                 retry_s: float = 1.0, max_retry_s: float = 15.0) -> None:
        super().__init__()
        self.connect_factory = connect
        self.state = FloorState(clock=clock)
        self.client: ApplianceClient | None = None
        self.identity: Identity | None = None
        self.link_state: LinkState | Literal["up"] = "connecting"
        self.retry_s, self.max_retry_s = retry_s, max_retry_s
        self.connects = 0  # successful connections, for the reconnect test and the title
        self._wake = asyncio.Event()

    # -- navigation -------------------------------------------------------------------------
    def allowed(self) -> tuple[str, ...]:
        if self.identity is None:
            return ()
        return ROLE_SCREENS.get(self.identity.role, ())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "goto":
            return bool(parameters) and parameters[0] in self.allowed() and self.link_state == "up"
        return True

    def action_goto(self, mode: str) -> None:
        if mode in self.allowed():
            self.switch_mode(mode)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for mode in self.allowed():
            yield SystemCommand(f"Go to {SCREEN_TITLES[mode]}", f"Show the {SCREEN_TITLES[mode]} screen",
                                lambda m=mode: self.action_goto(m))
        yield SystemCommand("Help", "What each screen is for and its keys", self.action_help)
        yield SystemCommand("Reconnect", "Drop the link and connect again", self.action_retry_now)

    # -- the link ---------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.keep_linked()

    def action_retry_now(self) -> None:
        self._wake.set()

    def _show_link(self, state: LinkState, detail: str = "", next_try_s: float | None = None) -> None:
        self.link_state = state
        self.sub_title = {"none": "no appliance", "refused": "certificate refused",
                          "lost": "connection lost — retrying", "connecting": "connecting"}[state]
        if self.current_mode != "link":
            try:
                self.switch_mode("link")
            except ScreenStackError:  # the link mode's stack was left empty (seen once in a
                self.push_screen(LinkScreen())  # reconnect race): give it its screen again
        screen = self.screen
        if isinstance(screen, LinkScreen):
            screen.show(state, detail, next_try_s)
        else:  # a modal over the link screen: update the link screen underneath
            for s in self.screen_stack:
                if isinstance(s, LinkScreen):
                    s.show(state, detail, next_try_s)

    async def _pause(self, seconds: float) -> None:
        self._wake.clear()
        try:
            await asyncio.wait_for(self._wake.wait(), seconds)
        except TimeoutError:
            pass

    @work(exclusive=True, group="link")
    async def keep_linked(self) -> None:
        delay = self.retry_s
        while True:
            client = self.connect_factory()
            state: LinkState = "lost" if self.connects else "connecting"
            try:
                self.identity = await client.connect()
            except (NoApplianceFound, CertificateRefused, ConnectionLost, ConsoleError) as e:
                await client.close()
                state = ("none" if isinstance(e, NoApplianceFound) else
                         "refused" if isinstance(e, CertificateRefused) else "lost")
                self._show_link(state, str(e), delay)
                await self._pause(delay)
                delay = min(delay * 2, self.max_retry_s)
                continue
            delay = self.retry_s
            self.client = client
            self.connects += 1
            self.link_state = "up"
            self.sub_title = f"{self.identity.name} · {self.identity.role} · {self.identity.appliance}"
            if self.identity.agent:
                self.sub_title += f" · own calls of {self.identity.agent}"
            allowed = self.allowed()
            if not allowed:
                self._show_link("refused", f"role {self.identity.role!r} has no screens in this console")
                await client.close()
                return
            self.switch_mode(self._return_mode if self._return_mode in allowed else allowed[0])
            self.refresh_bindings()
            reason = "the appliance closed the stream"
            try:
                async for update in client.watch():
                    self.state.apply(update)
            except ConsoleError as e:
                reason = str(e)
            finally:
                self.client = None
                await client.close()
            self._return_mode = self.current_mode if self.current_mode != "link" else self._return_mode
            self._show_link("lost", reason, delay)
            self.refresh_bindings()
            await self._pause(delay)

    _return_mode = ""

"""The link states: connecting, no appliance found, certificate refused, connection lost — retrying."""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Footer, Static

LinkState = Literal["connecting", "none", "refused", "lost"]

TITLES: dict[str, tuple[str, str]] = {
    "connecting": ("Connecting to the appliance…", "accent"),
    "none": ("No appliance found", "warning"),
    "refused": ("Certificate refused", "error"),
    "lost": ("Connection lost — retrying", "warning"),
}

HINTS: dict[str, str] = {
    "connecting": "Opening a mutual-TLS connection with your enrolled identity.",
    "none": "No appliance on this network advertises the certificate fingerprint your identity was "
            "enrolled with. Check the appliance is running and on this LAN, or pass --host.",
    "refused": "The TLS handshake failed: the appliance did not accept your certificate (revoked, "
               "expired, or from another appliance), or its certificate does not match the fingerprint "
               "you were enrolled with. Ask your administrator for a new identity (ccedge enroll).",
    "lost": "The appliance stopped answering. The console reconnects by itself; what you were "
            "looking at comes back when it does.",
}


class LinkScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("r", "app.retry_now", "Retry now"),
                                             Binding("q", "app.quit", "Quit")]

    def __init__(self) -> None:
        super().__init__()
        self.link_state: LinkState = "connecting"
        self.detail = ""
        self.next_try_s: float | None = None

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(id="link-box")
        yield Footer()

    def on_mount(self) -> None:
        self._draw()

    def show(self, state: LinkState, detail: str = "", next_try_s: float | None = None) -> None:
        if self.is_mounted and (state, detail, next_try_s) == (self.link_state, self.detail, self.next_try_s):
            return  # the same words again: no redraw
        self.link_state, self.detail, self.next_try_s = state, detail, next_try_s
        if self.is_mounted:
            self._draw()

    def _draw(self) -> None:
        state, detail, next_try_s = self.link_state, self.detail, self.next_try_s
        title, variant = TITLES[state]
        box = self.query_one("#link-box", Static)
        box.set_classes(f"link-{variant}")
        t = Text(title + "\n\n", style="bold")
        t.append(HINTS[state])
        if detail:
            t.append("\n\n" + detail, style="dim")
        if next_try_s is not None and state != "connecting":
            t.append(f"\n\nNext attempt in {next_try_s:.0f} s (r: now).", style="italic")
        box.update(t)

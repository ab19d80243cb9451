"""``?``: what each screen is for and the keys that drive it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

SCREENS: tuple[tuple[str, str, str], ...] = (
    ("1", "Floor", "live calls: agent, masked customer, duration, sentiment, open prompts, QM score; "
                   "alerts as they fire; the appliance's figures on top"),
    ("enter", "Call", "the redacted transcript, agent and customer side by side in time, prompts on "
                      "the timeline, DTMF masked, talk figures, sentiment"),
    ("2", "Quality", "scorecards and the evidence per criterion, agent aggregates and trends, "
                     "disputes, the outcome alignment report"),
    ("3", "Recordings & audit", "search, legal hold, quarantine, audit export with verification, "
                                "playback (compliance)"),
    ("4", "Health", "capture rates and drops, transcription lag and real-time factor, CPU, memory, "
                    "disk, certificate expiry"),
)

HELP = "\n".join([
    "# ccedge console", "",
    "Everything here comes from the appliance over its gRPC API, already redacted: card numbers, "
    "CVVs and patient identifiers never reach this terminal.", "",
    "| key | screen | for |", "|---|---|---|",
    *(f"| `{k}` | **{name}** | {what} |" for k, name, what in SCREENS), "",
    "Other keys: `ctrl+p` command palette · `/` filter or search · `s` sort · `escape` back · "
    "`?` this help · `q` quit.",
    "Screens your role may not use are not offered; the appliance refuses (and audits) anything else.",
])


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Markdown(HELP)

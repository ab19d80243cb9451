"""Call: one call's redacted transcript, prompts on its timeline, masked DTMF, talk figures, sentiment."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Static

from ccedge.tui.client import (
    CallRow,
    ConsoleError,
    DtmfMark,
    Prompt,
    Scorecard,
    TalkFigures,
    Utterance,
)
from ccedge.tui.screens.base import ConsoleScreen
from ccedge.tui.widgets import LabelledSparkline, TranscriptView
from ccedge.tui.widgets.format import duration, score, sentiment


class CallScreen(ConsoleScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("end", "follow", "Follow"),
    ]
    ticks_always = True

    def __init__(self, call_id: str, evidence: tuple[float, float] | None = None) -> None:
        super().__init__()
        self.call_id = call_id
        self.evidence = evidence
        self.talk: dict[str, TalkFigures] = {}
        self.sentiments: list[float] = []
        self.scorecard: Scorecard | None = None
        self._dirty = True

    def compose(self) -> ComposeResult:
        yield Static(id="call-header")
        with Horizontal(id="call-body"):
            yield TranscriptView(id="transcript")
            with Vertical(id="call-side"):
                yield Static(id="talk")
                yield LabelledSparkline("sentiment", id="sentiment")
                yield Static(id="call-score")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(TranscriptView).evidence = self.evidence
        self.follow()

    @work(exclusive=True, group="follow")
    async def follow(self) -> None:
        client = self.client
        if client is None:
            return
        try:
            async for u in client.follow_call(self.call_id):
                if isinstance(u, Utterance | DtmfMark | Prompt):
                    self.query_one(TranscriptView).add(u)
                    if isinstance(u, Utterance) and u.party == "customer" and u.sentiment is not None \
                            and u.final:
                        self.sentiments.append(u.sentiment)
                elif isinstance(u, TalkFigures):
                    self.talk[u.party] = u
                elif isinstance(u, CallRow) and u.sentiment is not None:
                    self.sentiments.append(u.sentiment)  # the appliance's smoothed figure, per snapshot
                    self.sentiments = self.sentiments[-600:]
                elif isinstance(u, Scorecard):
                    self.scorecard = u
                self._dirty = True
        except ConsoleError as e:
            self.refused(e)

    def redraw(self) -> None:
        row = self.state.calls.get(self.call_id)
        self.query_one("#call-header", Static).update(self._header(row))
        if not self._dirty:
            return
        self._dirty = False
        self.query_one(TranscriptView).redraw()
        self.query_one("#talk", Static).update(self._talk_table())
        self.query_one(LabelledSparkline).set_data(self.sentiments)
        sc = self.scorecard or self.state.scores.get(self.call_id)
        if sc is not None:
            t = Text(f"QM {sc.scorecard} v{sc.version}: ", style="bold")
            t.append(f"{sc.total:.0f}/100", style="bold red" if sc.auto_failed else "bold green")
            if sc.auto_failed:
                t.append("  auto-fail", style="red")
            self.query_one("#call-score", Static).update(t)

    def _header(self, row: CallRow | None) -> Text:
        t = Text(f"Call {self.call_id}", style="bold")
        if row is not None:
            t.append(f"   agent {row.agent}   customer {row.customer}   ")
            t.append(duration(self.state.duration(row)), style="bold")
            t.append("  live" if row.live else f"  ended ({row.end_reason or 'ended'})",
                     style="green" if row.live else "dim")
            t.append(f"   sentiment {sentiment(row.sentiment)}   QM {score(row.score)}")
        return t

    def _talk_table(self) -> Table | Text:
        if not self.talk:
            return Text("talk figures: none yet", style="dim")
        table = Table("", "talk", "share", box=None, padding=(0, 1), title="talk", title_justify="left")
        for party in ("agent", "customer", "unknown"):
            f = self.talk.get(party)
            if f is not None:
                table.add_row(party, f"{f.talk_s:.0f}s" if f.talk_s else "—", f"{f.talk_ratio:.0%}")
        any_f = next(iter(self.talk.values()))
        table.add_row("overtalk", f"{any_f.overtalk_s:.1f}s", "")
        table.add_row("silence", f"{any_f.longest_silence_s:.1f}s", "max")
        return table

    def action_follow(self) -> None:
        self.query_one(TranscriptView).scroll_end(animate=False)

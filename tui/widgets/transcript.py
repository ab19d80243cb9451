"""A call's redacted transcript with agent and customer side by side on one time axis.

Utterances, DTMF marks and guidance prompts are merged by call time into one table: the agent
in the left column, the customer in the right, prompts across both, so a supervisor sees what
was said, and what the policy asked for, in the order it happened. Only the last
``MAX_ROWS`` items are kept.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ccedge.tui.client import DtmfMark, Prompt, Utterance
from ccedge.tui.widgets.format import SEVERITY_STYLE, call_time

MAX_ROWS = 1000
Item = Utterance | DtmfMark | Prompt


class TranscriptView(VerticalScroll):
    DEFAULT_CLASSES = "transcript"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[Item] = []
        self.evidence: tuple[float, float] | None = None  # a QM criterion's evidence span, marked
        self._body = Static(Text("waiting for speech…", style="dim"))

    def compose(self) -> ComposeResult:
        yield self._body

    def add(self, item: Item) -> None:
        if isinstance(item, Utterance) and not item.final:
            # a live first pass: replaced by the final pass of the same start
            self.items = [i for i in self.items
                          if not (isinstance(i, Utterance) and i.party == item.party
                                  and abs(i.start_s - item.start_s) < 0.05)]
        elif isinstance(item, Utterance):
            self.items = [i for i in self.items
                          if not (isinstance(i, Utterance) and not i.final and i.party == item.party
                                  and abs(i.start_s - item.start_s) < 0.05)]
        self.items.append(item)
        if len(self.items) > MAX_ROWS:
            del self.items[: len(self.items) - MAX_ROWS]

    def redraw(self) -> None:
        at_end = self.scroll_offset.y >= self.max_scroll_y - 1
        table = Table.grid(expand=True, padding=(0, 1))
        table.add_column("t", width=8, style="dim", no_wrap=True)
        table.add_column("agent", ratio=1)
        table.add_column("customer", ratio=1)
        table.add_row(Text("time", style="bold"), Text("agent", style="bold green"),
                      Text("customer", style="bold blue"))
        for it in sorted(self.items, key=_time):
            if isinstance(it, Utterance):
                marked = self.evidence is not None and it.start_s < self.evidence[1] \
                    and it.end_s > self.evidence[0]
                text = Text(it.text, style="reverse" if marked else ("" if it.final else "italic dim"))
                when = Text(("▶" if marked else " ") + call_time(it.start_s), style="bold" if marked else "")
                if it.party == "customer":
                    table.add_row(when, "", text)
                else:
                    table.add_row(when, text, "")
            elif isinstance(it, DtmfMark):
                mark = Text(f"⌨ key press ({it.method}, masked)", style="magenta")
                cells = ("", mark) if it.party == "customer" else (mark, "")
                table.add_row(call_time(it.start_s), *cells)
            else:
                style = SEVERITY_STYLE.get(it.severity, "")
                t = Text(f"▶ {it.rule} [{it.state}]: {it.message}", style=style)
                table.add_row(call_time(it.t), t, "")
        self._body.update(table if self.items else Text("waiting for speech…", style="dim"))
        if at_end:
            self.call_after_refresh(self.scroll_end, animate=False)


def _time(it: Item) -> float:
    return it.t if isinstance(it, Prompt) else it.start_s

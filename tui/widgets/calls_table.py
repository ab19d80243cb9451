"""The floor's table of calls: sortable by any column, filtered by text, cursor kept across redraws."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from rich.text import Text
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from ccedge.tui.client import CallRow
from ccedge.tui.widgets.format import duration, score, sentiment

COLUMNS: tuple[tuple[str, str], ...] = (
    ("call", "Call"), ("agent", "Agent"), ("customer", "Customer"), ("duration", "Dur"),
    ("sentiment", "Sentiment"), ("prompts", "Prompts"), ("score", "QM"), ("state", "State"),
)


class CallsTable(DataTable[Any]):
    """Rows are keyed by call id, so the cursor stays on its call when rows move."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.sort_index = 3  # duration, longest first: the calls that need a look
        self.sort_reverse = True
        self.filter_text = ""
        self.live_only = False

    def on_mount(self) -> None:
        for key, label in COLUMNS:
            self.add_column(label, key=key)

    def cycle_sort(self) -> str:
        self.sort_index = (self.sort_index + 1) % len(COLUMNS)
        return COLUMNS[self.sort_index][1]

    def show(self, rows: Iterable[CallRow], dur: Callable[[CallRow], float]) -> None:
        needle = self.filter_text.lower()
        keep = [r for r in rows
                if (not self.live_only or r.live)
                and (not needle or needle in f"{r.call_id} {r.agent} {r.customer}".lower())]
        key = _sort_keys(dur)[self.sort_index]
        keep.sort(key=key, reverse=self.sort_reverse)
        selected = None
        if self.row_count and 0 <= self.cursor_row < self.row_count:
            selected = self.coordinate_to_cell_key(Coordinate(self.cursor_row, 0)).row_key.value
        self.clear()
        for r in keep:
            prompts = Text(str(r.open_prompts), style="bold yellow" if r.open_prompts else "dim")
            qm = Text(score(r.score), style="red" if (r.score is not None and r.score < 60) else "")
            state = Text("live", style="green") if r.live else Text(r.end_reason or "ended", style="dim")
            self.add_row(r.call_id[:14], r.agent, r.customer, duration(dur(r)), sentiment(r.sentiment),
                         prompts, qm, state, key=r.call_id)
        if selected is not None:
            for i, r in enumerate(keep):
                if r.call_id == selected:
                    self.move_cursor(row=i)
                    break

    def selected_call(self) -> str | None:
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(Coordinate(self.cursor_row, 0)).row_key.value


def _sort_keys(dur: Callable[[CallRow], float]) -> list[Callable[[CallRow], Any]]:
    return [
        lambda r: r.call_id, lambda r: r.agent, lambda r: r.customer, dur,
        lambda r: -2.0 if r.sentiment is None else r.sentiment, lambda r: r.open_prompts,
        lambda r: -1.0 if r.score is None else r.score, lambda r: r.live,
    ]

"""A titled sparkline with its latest, lowest and highest value: a plot that reads at 80 columns."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Sparkline


class LabelledSparkline(Vertical):
    DEFAULT_CLASSES = "plot"

    def __init__(self, title: str, unit: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.title = title
        self.unit = unit

    def compose(self) -> ComposeResult:
        yield Label(self.title, classes="plot-title")
        yield Sparkline([], summary_function=max)

    def set_data(self, values: Sequence[float]) -> None:
        label = self.query_one(Label)
        if values:
            last, lo, hi = values[-1], min(values), max(values)
            label.update(f"{self.title} [b]{_num(last)}{self.unit}[/b] [dim]{_num(lo)}–{_num(hi)}[/dim]")
        else:
            label.update(f"{self.title} [dim]no data[/dim]")
        self.query_one(Sparkline).data = list(values)


def _num(v: float) -> str:
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:.2g}" if abs(v) < 1 else f"{v:.1f}"

"""Floor (supervisor): every live call, its prompts and score, alerts as they fire."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input, Label

from ccedge.tui.screens.base import ConsoleScreen
from ccedge.tui.widgets import AlertsView, CallsTable, HealthStrip


class FloorScreen(ConsoleScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_call", "Open call", priority=False),
        Binding("s", "sort", "Sort"),
        Binding("S", "reverse", "Reverse", show=False),
        Binding("slash", "filter", "Filter"),
        Binding("l", "live_only", "Live only"),
        Binding("escape", "clear_filter", "Clear", show=False),
    ]
    ticks_always = True  # durations of live calls move every second
    AUTO_FOCUS = "#calls"

    def compose(self) -> ComposeResult:
        yield HealthStrip(id="health-strip")
        with Horizontal(id="floor-body"):
            with Vertical(id="calls-pane"):
                yield Label("Calls", id="calls-title", classes="pane-title")
                yield CallsTable(id="calls")
                yield Input(placeholder="filter by call, agent or customer", id="filter")
            with Vertical(id="alerts-pane"):
                yield Label("Alerts", classes="pane-title")
                yield AlertsView(id="alerts")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#filter", Input).display = False
        self.query_one(CallsTable).focus()

    def redraw(self) -> None:
        st = self.state
        self.query_one(HealthStrip).show(st.health[-1] if st.health else None, st.lost)
        table = self.query_one(CallsTable)
        table.show(st.calls.values(), st.duration)
        live = sum(1 for r in st.calls.values() if r.live)
        title = f"Calls  [dim]{live} live · {len(st.calls)} seen · sorted by " \
                f"{table.columns[table.ordered_columns[table.sort_index].key].label}" \
                f"{' ↓' if table.sort_reverse else ' ↑'}"
        if table.filter_text:
            title += f" · filter “{table.filter_text}”"
        if table.live_only:
            title += " · live only"
        self.query_one("#calls-title", Label).update(title + "[/dim]")
        self.query_one(AlertsView).show(st.alerts)

    def action_open_call(self) -> None:
        call_id = self.query_one(CallsTable).selected_call()
        if call_id is not None:
            from ccedge.tui.screens.call import CallScreen

            self.app.push_screen(CallScreen(call_id))

    def on_data_table_row_selected(self) -> None:
        self.action_open_call()

    def action_sort(self) -> None:
        self.query_one(CallsTable).cycle_sort()
        self.redraw()

    def action_reverse(self) -> None:
        t = self.query_one(CallsTable)
        t.sort_reverse = not t.sort_reverse
        self.redraw()

    def action_live_only(self) -> None:
        t = self.query_one(CallsTable)
        t.live_only = not t.live_only
        self.redraw()

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        box.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one(CallsTable).filter_text = event.value.strip()
        self.redraw()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(CallsTable).focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.value = ""
        box.display = False
        self.query_one(CallsTable).filter_text = ""
        self.query_one(CallsTable).focus()
        self.redraw()

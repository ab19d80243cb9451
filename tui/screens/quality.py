"""Quality: scorecards with evidence per criterion, aggregates and trends, disputes, outcome alignment.

For an agent identity it is their self-view (issue 12): the appliance sends only their own calls'
scores (replayed on the score stream: an agent has no call list), aggregates, trend and disputes;
the site-wide alignment report, dispute actions and the call drill-down are not offered.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Footer, Label, TabbedContent, TabPane

from ccedge.tui.client import ConsoleError, Dispute, Scorecard
from ccedge.tui.screens.base import ConsoleScreen
from ccedge.tui.screens.dispute import DisputeDialog
from ccedge.tui.widgets import LabelledSparkline
from ccedge.tui.widgets.format import call_time

STATUS_STYLE = {"met": "green", "not_met": "bold red", "not_applicable": "dim", "pending": "yellow"}


class QualityScreen(ConsoleScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right_square_bracket", "tab(1)", "Next tab"),
        Binding("left_square_bracket", "tab(-1)", "Prev tab", show=False),
        Binding("r", "reload", "Reload"),
        Binding("d", "dispute", "Dispute criterion"),
        Binding("a", "accept", "Accept dispute"),
        Binding("x", "reject", "Reject dispute"),
    ]

    AUTO_FOCUS = "#scores"

    def __init__(self) -> None:
        super().__init__()
        self.fetched: dict[str, Scorecard] = {}
        self.disputes: list[Dispute] = []

    def compose(self) -> ComposeResult:
        with TabbedContent(id="quality-tabs"):
            with TabPane("Scorecards", id="tab-scores"):
                yield DataTable(id="scores", cursor_type="row", zebra_stripes=True)
                yield Label("", id="criteria-title", classes="pane-title")
                yield DataTable(id="criteria", cursor_type="row")
            with TabPane("Agents", id="tab-agents"):
                yield DataTable(id="agents", cursor_type="row", zebra_stripes=True)
                yield LabelledSparkline("team average by day", id="trend")
            with TabPane("Disputes", id="tab-disputes"):
                yield DataTable(id="disputes", cursor_type="row", zebra_stripes=True)
            with TabPane("Alignment", id="tab-alignment"):
                with Vertical():
                    yield Label("Does meeting a criterion go with good outcomes (no repeat call, "
                                "sentiment that recovers)? Lift near 0: it does not matter.",
                                classes="hint")
                    yield DataTable(id="alignment", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        cols: dict[str, tuple[str, ...]] = {
            "scores": ("Call", "Agent", "Scorecard", "Total", "Auto-fail", "Final"),
            "criteria": ("Criterion", "Status", "Weight", "Points", "Evidence"),
            "agents": ("Agent", "Calls", "Mean", "Auto-fail", "Met"),
            "disputes": ("Id", "Call", "Criterion", "State", "By", "Reason"),
            "alignment": ("Criterion", "Calls", "Good if met", "Good if missed", "Lift"),
        }
        for table_id, names in cols.items():
            self.query_one(f"#{table_id}", DataTable).add_columns(*names)
        self.action_reload()

    @property
    def self_view(self) -> bool:
        return self.identity is not None and self.identity.role == "agent"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("dispute", "accept", "reject") and self.self_view:
            return False  # an agent reads; supervisors raise and resolve
        return True

    @work(exclusive=True, group="quality-load")
    async def action_reload(self) -> None:
        client = self.client
        if client is None:
            return
        if self.self_view:
            await self._reload_own(client)
            return
        try:
            calls = await client.list_calls(include_ended=True)
            agents = {c.call_id: c.agent for c in calls}
            for c in calls:
                for sc in await client.call_scores(c.call_id):
                    self.fetched[c.call_id] = _with_agent(sc, agents.get(c.call_id, ""))
            self._fill("agents", [(a.key, a.calls, f"{a.mean_total:.1f}", f"{a.auto_fail_rate:.0%}",
                                   f"{a.met_rate:.0%}") for a in await client.aggregates("agent")])
            days = await client.aggregates("day")
            self.query_one(LabelledSparkline).set_data([d.mean_total for d in days])
            self.disputes = await client.disputes()
            self._fill_disputes()
            self._fill("alignment", [(r.criterion, r.calls, f"{r.met_good_rate:.0%}",
                                      f"{r.missed_good_rate:.0%}", _lift(r.lift))
                                     for r in await client.alignment()])
        except ConsoleError as e:
            self.refused(e)
        self.redraw()

    async def _reload_own(self, client: Any) -> None:
        try:
            self._fill("agents", [(a.key, a.calls, f"{a.mean_total:.1f}", f"{a.auto_fail_rate:.0%}",
                                   f"{a.met_rate:.0%}") for a in await client.aggregates("agent")])
            days = await client.aggregates("day")
            trend = self.query_one(LabelledSparkline)
            trend.set_data([d.mean_total for d in days])
            self.disputes = await client.disputes()
            self._fill_disputes()
        except ConsoleError as e:
            self.refused(e)
        self.redraw()

    def redraw(self) -> None:
        scores = dict(self.fetched)
        me = self.identity.agent if self.identity is not None and self.self_view else ""
        for cid, sc in self.state.scores.items():  # live scores replace fetched ones
            row = self.state.calls.get(cid)
            scores[cid] = _with_agent(sc, row.agent if row else (sc.agent or me))
        table = self.query_one("#scores", DataTable)
        keep = table.cursor_row
        table.clear()
        for cid, sc in sorted(scores.items()):
            table.add_row(cid[:14], sc.agent, f"{sc.scorecard} v{sc.version}",
                          Text(f"{sc.total:.0f}", style="red" if sc.total < 60 else "green"),
                          Text("yes", style="bold red") if sc.auto_failed else "no", key=cid)
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))
        self._scores = scores
        self._show_criteria()

    def action_tab(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        order = ["tab-scores", "tab-agents", "tab-disputes", "tab-alignment"]
        tabs.active = order[(order.index(tabs.active or order[0]) + step) % len(order)]
        pane = tabs.get_pane(tabs.active)
        table = pane.query(DataTable).first() if pane.query(DataTable) else None
        if table is not None:
            table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a criterion: its call, with the evidence utterance marked (the drill-down)."""
        if event.data_table.id != "criteria" or self.self_view:
            return
        sc = self._selected_score()
        if sc is None or not sc.criteria:
            return
        crit = sc.criteria[min(event.cursor_row, len(sc.criteria) - 1)]
        from ccedge.tui.screens.call import CallScreen

        self.app.push_screen(CallScreen(sc.call_id, crit.evidence[0] if crit.evidence else None))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "scores":
            self._show_criteria()

    def _selected_score(self) -> Scorecard | None:
        table = self.query_one("#scores", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return getattr(self, "_scores", {}).get(key or "")

    def _show_criteria(self) -> None:
        sc = self._selected_score()
        title = self.query_one("#criteria-title", Label)
        rows = []
        if sc is not None:
            title.update(f"Criteria of {sc.call_id[:14]} — evidence at call times (open the call: Floor)")
            for c in sc.criteria:
                ev = ", ".join(f"{call_time(a)}–{call_time(b)}" for a, b in c.evidence[:3]) or "—"
                rows.append((c.id, Text(c.status.replace("_", " "), style=STATUS_STYLE.get(c.status, "")),
                             f"{c.weight:g}", f"{c.points:g}", ev))
        else:
            title.update("No scores yet: they land as calls are scored")
        self._fill("criteria", rows)

    def _fill_disputes(self) -> None:
        self._fill("disputes", [(d.dispute_id[:8], d.call_id[:14], d.criterion, d.state, d.raised_by,
                                 d.reason) for d in self.disputes])

    def _fill(self, table_id: str, rows: list[tuple[Any, ...]]) -> None:
        table = self.query_one(f"#{table_id}", DataTable)
        table.clear()
        for r in rows:
            table.add_row(*r)

    def action_dispute(self) -> None:
        sc = self._selected_score()
        crit_table = self.query_one("#criteria", DataTable)
        if sc is None or not sc.criteria:
            self.notify("Select a scored call and a criterion first.", severity="warning")
            return
        criterion = sc.criteria[min(crit_table.cursor_row, len(sc.criteria) - 1)].id

        def raised(reason: str | None) -> None:
            if reason:
                self._raise(sc.call_id, sc.scorecard, criterion, reason)

        self.app.push_screen(DisputeDialog(sc.call_id, criterion), raised)

    @work(group="quality-write")
    async def _raise(self, call_id: str, scorecard: str, criterion: str, reason: str) -> None:
        if self.client is None:
            return
        try:
            d = await self.client.raise_dispute(call_id, scorecard, criterion, reason)
            self.disputes.append(d)
            self._fill_disputes()
            self.notify(f"Dispute {d.dispute_id[:8]} raised on {criterion}.")
        except ConsoleError as e:
            self.refused(e)

    def action_accept(self) -> None:
        self._resolve(True)

    def action_reject(self) -> None:
        self._resolve(False)

    @work(group="quality-write")
    async def _resolve(self, accept: bool) -> None:
        table = self.query_one("#disputes", DataTable)
        if self.client is None or not table.row_count or not self.disputes:
            return
        d = self.disputes[min(table.cursor_row, len(self.disputes) - 1)]
        try:
            new = await self.client.resolve_dispute(d.dispute_id, accept)
            self.disputes = [new if x.dispute_id == new.dispute_id else x for x in self.disputes]
            self._fill_disputes()
        except ConsoleError as e:
            self.refused(e)


def _with_agent(sc: Scorecard, agent: str) -> Scorecard:
    from dataclasses import replace

    return sc if sc.agent or not agent else replace(sc, agent=agent)


def _lift(v: float) -> Text:
    return Text(f"{v:+.0%}", style="green" if v > 0.05 else ("red" if v < -0.05 else "dim"))

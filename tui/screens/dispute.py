"""A dialog that asks why a criterion is contested (free text; the appliance refuses digit runs)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class DisputeDialog(ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, call_id: str, criterion: str) -> None:
        super().__init__()
        self.call_id, self.criterion = call_id, criterion

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(f"Dispute [b]{self.criterion}[/b] on call {self.call_id[:14]}")
            yield Input(placeholder="why (enter to raise, escape to cancel)", id="reason")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)

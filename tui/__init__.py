"""The ccedge console: a Textual app that talks to the appliance only through its gRPC API."""

from ccedge.tui.app import ConsoleApp
from ccedge.tui.client import ApplianceClient, ConsoleError

__all__ = ["ApplianceClient", "ConsoleApp", "ConsoleError"]

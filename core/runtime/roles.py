"""Which leg of a call is the agent and which the customer (configuration ``[roles]``).

Decided once per call, in this order: a configured agent extension as caller or callee; a
party whose media or signalling address is a configured PBX address or lies in an agent
network; otherwise ``inbound_default`` (contact centres mostly take calls: the callee is the
agent). Legs are named for the party that speaks on them (``caller`` carries the caller's
voice). Parties leave the appliance as a role, a masked label and a salted key, never as
the full number (the customer's number is personal data).
"""

from __future__ import annotations

import hashlib
import ipaddress
import os

from ccedge.core.events import Party, Role
from ccedge.core.runtime.config import RolesConfig


def _user(address: str) -> str:
    """The user part of a SIP address as the tap reports it ("sip:1001@pbx" -> "1001")."""
    a = address.strip().strip("<>")
    if ":" in a and a.split(":", 1)[0].lower() in ("sip", "sips", "tel"):
        a = a.split(":", 1)[1]
    return a.split("@", 1)[0].split(";", 1)[0]


class RoleMap:
    def __init__(self, config: RolesConfig | None = None, salt: bytes | None = None) -> None:
        self.config = config or RolesConfig()
        self._extensions = set(self.config.agent_extensions)
        self._pbx = {ipaddress.ip_address(a) for a in self.config.pbx_addresses}
        self._nets = [ipaddress.ip_network(n, strict=False) for n in self.config.agent_networks]
        self._salt = salt if salt is not None else os.urandom(16)

    def _agent_address(self, ip: str) -> bool:
        try:
            a = ipaddress.ip_address(ip)
        except ValueError:
            return False
        return a in self._pbx or any(a in n for n in self._nets)

    def agent_leg(self, caller: str, callee: str, caller_ip: str = "", callee_ip: str = "") -> str:
        """``"caller"``, ``"callee"`` or ``""`` (unknown): the leg the agent speaks on."""
        if _user(callee) in self._extensions:
            return "callee"
        if _user(caller) in self._extensions:
            return "caller"
        if callee_ip and self._agent_address(callee_ip):
            return "callee"
        if caller_ip and self._agent_address(caller_ip):
            return "caller"
        d = self.config.inbound_default
        return d if d in ("caller", "callee") and caller and callee else ""

    @staticmethod
    def role_of(leg: str, agent_leg: str) -> Role:
        if not agent_leg or leg not in ("caller", "callee"):
            return "unknown"
        return "agent" if leg == agent_leg else "customer"

    def party(self, leg: str, address: str, agent_leg: str) -> Party:
        role = self.role_of(leg, agent_leg)
        user = _user(address)
        # An agent's extension is the site's own; a customer's number shows its last 4 at most.
        label = user if role == "agent" else (f"…{user[-4:]}" if len(user) > 4 else "…")
        key = hashlib.blake2s(address.encode(), key=self._salt, digest_size=12).hexdigest() if address else ""
        return Party(leg=leg, role=role, label=label, key=key)


__all__ = ["RoleMap"]

"""SIP name-addr values: From, To, Contact, Refer-To (RFC 3261 §20.10, §25.1 name-addr / addr-spec)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ccedge.core.tap.errors import TapParseError


@dataclass(frozen=True, slots=True)
class NameAddr:
    """A From/To/Contact/Refer-To value (RFC 3261 §20.10, §25.1 name-addr / addr-spec)."""

    display: str
    uri: str
    params: dict[str, str] = field(default_factory=dict)

    @property
    def user(self) -> str:
        """The user part of a sip:/sips:/tel: URI, else its host part."""
        return uri_user(self.uri)

    @property
    def tag(self) -> str:
        return self.params.get("tag", "")


def uri_user(uri: str) -> str:
    rest = uri.split(":", 1)[1] if ":" in uri else uri
    if "@" in rest:
        return rest.split("@", 1)[0].split(";", 1)[0]
    return rest.split(";", 1)[0].split("?", 1)[0]


def parse_name_addr(value: str, field_name: str = "From") -> NameAddr:
    """Parse ``"Alice" <sip:a@b>;tag=x`` or ``sip:a@b;tag=x`` into display, URI and parameters."""
    text = value.strip()
    display = ""
    if "<" in text:
        lt = text.index("<")
        gt = text.find(">", lt)
        if gt < 0:
            raise TapParseError(f"SIP {field_name} header has '<' without '>'", "sip.bad-name-addr")
        display = text[:lt].strip().strip('"').strip()
        uri = text[lt + 1 : gt].strip()
        rest = text[gt + 1 :]
    else:
        # addr-spec form: parameters after the URI belong to the header, not the URI (§20.10).
        uri, _, rest = text.partition(";")
        uri = uri.strip()
        rest = ";" + rest if rest else ""
    if not uri:
        raise TapParseError(f"SIP {field_name} header has an empty URI", "sip.bad-name-addr")
    params: dict[str, str] = {}
    for part in rest.split(";"):
        part = part.strip()
        if part:
            k, _, v = part.partition("=")
            params[k.strip().lower()] = v.strip().strip('"')
    return NameAddr(display, uri, params)


__all__ = ["NameAddr", "parse_name_addr", "uri_user"]

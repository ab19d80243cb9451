"""What a person could read in a protobuf message: every string and map key/value, recursively.

The API tests scan these for anything sensitive (digit runs, a card number) in every response.
Duck-typed over ``ListFields`` so this package needs no protobuf or gRPC import.
"""

from __future__ import annotations

from typing import Any


def message_strings(m: Any) -> list[str]:
    out: list[str] = []
    for field, value in m.ListFields():
        if field.message_type and field.message_type.GetOptions().map_entry:
            out += [str(k) for k in value] + [str(v) for v in value.values()]
            continue
        for v in value if field.is_repeated else [value]:
            if isinstance(v, str):
                out.append(v)
            elif hasattr(v, "ListFields"):
                out += message_strings(v)
    return out


__all__ = ["message_strings"]

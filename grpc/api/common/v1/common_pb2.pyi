from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PartyRole(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PARTY_ROLE_UNSPECIFIED: _ClassVar[PartyRole]
    PARTY_ROLE_AGENT: _ClassVar[PartyRole]
    PARTY_ROLE_CUSTOMER: _ClassVar[PartyRole]
    PARTY_ROLE_UNKNOWN: _ClassVar[PartyRole]

class UserRole(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    USER_ROLE_UNSPECIFIED: _ClassVar[UserRole]
    USER_ROLE_SUPERVISOR: _ClassVar[UserRole]
    USER_ROLE_COMPLIANCE: _ClassVar[UserRole]
    USER_ROLE_ADMIN: _ClassVar[UserRole]
    USER_ROLE_AGENT: _ClassVar[UserRole]

class Severity(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SEVERITY_UNSPECIFIED: _ClassVar[Severity]
    SEVERITY_INFO: _ClassVar[Severity]
    SEVERITY_WARNING: _ClassVar[Severity]
    SEVERITY_CRITICAL: _ClassVar[Severity]
PARTY_ROLE_UNSPECIFIED: PartyRole
PARTY_ROLE_AGENT: PartyRole
PARTY_ROLE_CUSTOMER: PartyRole
PARTY_ROLE_UNKNOWN: PartyRole
USER_ROLE_UNSPECIFIED: UserRole
USER_ROLE_SUPERVISOR: UserRole
USER_ROLE_COMPLIANCE: UserRole
USER_ROLE_ADMIN: UserRole
USER_ROLE_AGENT: UserRole
SEVERITY_UNSPECIFIED: Severity
SEVERITY_INFO: Severity
SEVERITY_WARNING: Severity
SEVERITY_CRITICAL: Severity

class Party(_message.Message):
    __slots__ = ("leg", "role", "label")
    LEG_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    leg: str
    role: PartyRole
    label: str
    def __init__(self, leg: _Optional[str] = ..., role: _Optional[_Union[PartyRole, str]] = ..., label: _Optional[str] = ...) -> None: ...

class TimeSpan(_message.Message):
    __slots__ = ("start_s", "end_s")
    START_S_FIELD_NUMBER: _ClassVar[int]
    END_S_FIELD_NUMBER: _ClassVar[int]
    start_s: float
    end_s: float
    def __init__(self, start_s: _Optional[float] = ..., end_s: _Optional[float] = ...) -> None: ...

class EventsLost(_message.Message):
    __slots__ = ("count",)
    COUNT_FIELD_NUMBER: _ClassVar[int]
    count: int
    def __init__(self, count: _Optional[int] = ...) -> None: ...

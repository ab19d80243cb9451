from ccedge.rpc.api.common.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class KeyKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    KEY_KIND_UNSPECIFIED: _ClassVar[KeyKind]
    KEY_KIND_VAULT_KEK: _ClassVar[KeyKind]
    KEY_KIND_AUDIT_SIGNING: _ClassVar[KeyKind]
    KEY_KIND_SERVER_CERTIFICATE: _ClassVar[KeyKind]
KEY_KIND_UNSPECIFIED: KeyKind
KEY_KIND_VAULT_KEK: KeyKind
KEY_KIND_AUDIT_SIGNING: KeyKind
KEY_KIND_SERVER_CERTIFICATE: KeyKind

class MetricsSnapshot(_message.Message):
    __slots__ = ("wall", "uptime_s", "packets", "drops", "damaged", "calls_active", "calls_total", "speech_queue", "speech_lag_s", "speech_shed", "holdback_lag_s", "masked_lag_s", "cpu_percent", "rss_mb", "restarts", "events_lost", "api_clients", "disk_free_gb", "cert_not_after_wall", "speech_rtf", "api_refused")
    class RestartsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    class ApiRefusedEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    WALL_FIELD_NUMBER: _ClassVar[int]
    UPTIME_S_FIELD_NUMBER: _ClassVar[int]
    PACKETS_FIELD_NUMBER: _ClassVar[int]
    DROPS_FIELD_NUMBER: _ClassVar[int]
    DAMAGED_FIELD_NUMBER: _ClassVar[int]
    CALLS_ACTIVE_FIELD_NUMBER: _ClassVar[int]
    CALLS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    SPEECH_QUEUE_FIELD_NUMBER: _ClassVar[int]
    SPEECH_LAG_S_FIELD_NUMBER: _ClassVar[int]
    SPEECH_SHED_FIELD_NUMBER: _ClassVar[int]
    HOLDBACK_LAG_S_FIELD_NUMBER: _ClassVar[int]
    MASKED_LAG_S_FIELD_NUMBER: _ClassVar[int]
    CPU_PERCENT_FIELD_NUMBER: _ClassVar[int]
    RSS_MB_FIELD_NUMBER: _ClassVar[int]
    RESTARTS_FIELD_NUMBER: _ClassVar[int]
    EVENTS_LOST_FIELD_NUMBER: _ClassVar[int]
    API_CLIENTS_FIELD_NUMBER: _ClassVar[int]
    DISK_FREE_GB_FIELD_NUMBER: _ClassVar[int]
    CERT_NOT_AFTER_WALL_FIELD_NUMBER: _ClassVar[int]
    SPEECH_RTF_FIELD_NUMBER: _ClassVar[int]
    API_REFUSED_FIELD_NUMBER: _ClassVar[int]
    wall: float
    uptime_s: float
    packets: int
    drops: int
    damaged: int
    calls_active: int
    calls_total: int
    speech_queue: int
    speech_lag_s: float
    speech_shed: int
    holdback_lag_s: float
    masked_lag_s: float
    cpu_percent: float
    rss_mb: float
    restarts: _containers.ScalarMap[str, int]
    events_lost: int
    api_clients: int
    disk_free_gb: float
    cert_not_after_wall: float
    speech_rtf: float
    api_refused: _containers.ScalarMap[str, int]
    def __init__(self, wall: _Optional[float] = ..., uptime_s: _Optional[float] = ..., packets: _Optional[int] = ..., drops: _Optional[int] = ..., damaged: _Optional[int] = ..., calls_active: _Optional[int] = ..., calls_total: _Optional[int] = ..., speech_queue: _Optional[int] = ..., speech_lag_s: _Optional[float] = ..., speech_shed: _Optional[int] = ..., holdback_lag_s: _Optional[float] = ..., masked_lag_s: _Optional[float] = ..., cpu_percent: _Optional[float] = ..., rss_mb: _Optional[float] = ..., restarts: _Optional[_Mapping[str, int]] = ..., events_lost: _Optional[int] = ..., api_clients: _Optional[int] = ..., disk_free_gb: _Optional[float] = ..., cert_not_after_wall: _Optional[float] = ..., speech_rtf: _Optional[float] = ..., api_refused: _Optional[_Mapping[str, int]] = ...) -> None: ...

class GetHealthRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetHealthResponse(_message.Message):
    __slots__ = ("serving", "version", "site", "metrics", "problems")
    SERVING_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    SITE_FIELD_NUMBER: _ClassVar[int]
    METRICS_FIELD_NUMBER: _ClassVar[int]
    PROBLEMS_FIELD_NUMBER: _ClassVar[int]
    serving: bool
    version: str
    site: str
    metrics: MetricsSnapshot
    problems: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, serving: _Optional[bool] = ..., version: _Optional[str] = ..., site: _Optional[str] = ..., metrics: _Optional[_Union[MetricsSnapshot, _Mapping]] = ..., problems: _Optional[_Iterable[str]] = ...) -> None: ...

class GetMetricsHistoryRequest(_message.Message):
    __slots__ = ("since_wall",)
    SINCE_WALL_FIELD_NUMBER: _ClassVar[int]
    since_wall: float
    def __init__(self, since_wall: _Optional[float] = ...) -> None: ...

class GetMetricsHistoryResponse(_message.Message):
    __slots__ = ("snapshots",)
    SNAPSHOTS_FIELD_NUMBER: _ClassVar[int]
    snapshots: _containers.RepeatedCompositeFieldContainer[MetricsSnapshot]
    def __init__(self, snapshots: _Optional[_Iterable[_Union[MetricsSnapshot, _Mapping]]] = ...) -> None: ...

class ConfigEntry(_message.Message):
    __slots__ = ("section", "key", "value")
    SECTION_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    section: str
    key: str
    value: str
    def __init__(self, section: _Optional[str] = ..., key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...

class GetConfigurationSummaryRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetConfigurationSummaryResponse(_message.Message):
    __slots__ = ("entries",)
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[ConfigEntry]
    def __init__(self, entries: _Optional[_Iterable[_Union[ConfigEntry, _Mapping]]] = ...) -> None: ...

class GetModelInfoRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetModelInfoResponse(_message.Message):
    __slots__ = ("name", "sha256", "sha256_ok", "size_bytes", "quantisation", "language")
    NAME_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    SHA256_OK_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    QUANTISATION_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    name: str
    sha256: str
    sha256_ok: bool
    size_bytes: int
    quantisation: str
    language: str
    def __init__(self, name: _Optional[str] = ..., sha256: _Optional[str] = ..., sha256_ok: _Optional[bool] = ..., size_bytes: _Optional[int] = ..., quantisation: _Optional[str] = ..., language: _Optional[str] = ...) -> None: ...

class RotateKeyRequest(_message.Message):
    __slots__ = ("kind",)
    KIND_FIELD_NUMBER: _ClassVar[int]
    kind: KeyKind
    def __init__(self, kind: _Optional[_Union[KeyKind, str]] = ...) -> None: ...

class RotateKeyResponse(_message.Message):
    __slots__ = ("kind", "new_key_id", "rotated_wall")
    KIND_FIELD_NUMBER: _ClassVar[int]
    NEW_KEY_ID_FIELD_NUMBER: _ClassVar[int]
    ROTATED_WALL_FIELD_NUMBER: _ClassVar[int]
    kind: KeyKind
    new_key_id: str
    rotated_wall: float
    def __init__(self, kind: _Optional[_Union[KeyKind, str]] = ..., new_key_id: _Optional[str] = ..., rotated_wall: _Optional[float] = ...) -> None: ...

class User(_message.Message):
    __slots__ = ("name", "role", "serial", "not_after_wall", "revoked")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    SERIAL_FIELD_NUMBER: _ClassVar[int]
    NOT_AFTER_WALL_FIELD_NUMBER: _ClassVar[int]
    REVOKED_FIELD_NUMBER: _ClassVar[int]
    name: str
    role: _common_pb2.UserRole
    serial: str
    not_after_wall: float
    revoked: bool
    def __init__(self, name: _Optional[str] = ..., role: _Optional[_Union[_common_pb2.UserRole, str]] = ..., serial: _Optional[str] = ..., not_after_wall: _Optional[float] = ..., revoked: _Optional[bool] = ...) -> None: ...

class ListUsersRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListUsersResponse(_message.Message):
    __slots__ = ("users",)
    USERS_FIELD_NUMBER: _ClassVar[int]
    users: _containers.RepeatedCompositeFieldContainer[User]
    def __init__(self, users: _Optional[_Iterable[_Union[User, _Mapping]]] = ...) -> None: ...

class RevokeUserRequest(_message.Message):
    __slots__ = ("name", "reason")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    name: str
    reason: str
    def __init__(self, name: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RevokeUserResponse(_message.Message):
    __slots__ = ("user",)
    USER_FIELD_NUMBER: _ClassVar[int]
    user: User
    def __init__(self, user: _Optional[_Union[User, _Mapping]] = ...) -> None: ...

class WhoAmIRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class WhoAmIResponse(_message.Message):
    __slots__ = ("name", "role", "not_after_wall", "appliance_fingerprint", "agent")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    NOT_AFTER_WALL_FIELD_NUMBER: _ClassVar[int]
    APPLIANCE_FINGERPRINT_FIELD_NUMBER: _ClassVar[int]
    AGENT_FIELD_NUMBER: _ClassVar[int]
    name: str
    role: _common_pb2.UserRole
    not_after_wall: float
    appliance_fingerprint: str
    agent: str
    def __init__(self, name: _Optional[str] = ..., role: _Optional[_Union[_common_pb2.UserRole, str]] = ..., not_after_wall: _Optional[float] = ..., appliance_fingerprint: _Optional[str] = ..., agent: _Optional[str] = ...) -> None: ...

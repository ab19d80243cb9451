from ccedge.rpc.api.common.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CallState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CALL_STATE_UNSPECIFIED: _ClassVar[CallState]
    CALL_STATE_ACTIVE: _ClassVar[CallState]
    CALL_STATE_HELD: _ClassVar[CallState]
    CALL_STATE_ENDED: _ClassVar[CallState]

class CallChange(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CALL_CHANGE_UNSPECIFIED: _ClassVar[CallChange]
    CALL_CHANGE_HELD: _ClassVar[CallChange]
    CALL_CHANGE_RESUMED: _ClassVar[CallChange]
    CALL_CHANGE_TRANSFERRED: _ClassVar[CallChange]
    CALL_CHANGE_CODEC_CHANGED: _ClassVar[CallChange]
CALL_STATE_UNSPECIFIED: CallState
CALL_STATE_ACTIVE: CallState
CALL_STATE_HELD: CallState
CALL_STATE_ENDED: CallState
CALL_CHANGE_UNSPECIFIED: CallChange
CALL_CHANGE_HELD: CallChange
CALL_CHANGE_RESUMED: CallChange
CALL_CHANGE_TRANSFERRED: CallChange
CALL_CHANGE_CODEC_CHANGED: CallChange

class CallSnapshot(_message.Message):
    __slots__ = ("call_id", "started_wall", "duration_s", "state", "parties", "agent_label", "customer_label", "sentiment", "open_prompts", "running_score", "agent_talk_ratio", "overtalk_s", "longest_silence_s", "codecs", "source", "end_reason")
    class CodecsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    STARTED_WALL_FIELD_NUMBER: _ClassVar[int]
    DURATION_S_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    PARTIES_FIELD_NUMBER: _ClassVar[int]
    AGENT_LABEL_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_LABEL_FIELD_NUMBER: _ClassVar[int]
    SENTIMENT_FIELD_NUMBER: _ClassVar[int]
    OPEN_PROMPTS_FIELD_NUMBER: _ClassVar[int]
    RUNNING_SCORE_FIELD_NUMBER: _ClassVar[int]
    AGENT_TALK_RATIO_FIELD_NUMBER: _ClassVar[int]
    OVERTALK_S_FIELD_NUMBER: _ClassVar[int]
    LONGEST_SILENCE_S_FIELD_NUMBER: _ClassVar[int]
    CODECS_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    END_REASON_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    started_wall: float
    duration_s: float
    state: CallState
    parties: _containers.RepeatedCompositeFieldContainer[_common_pb2.Party]
    agent_label: str
    customer_label: str
    sentiment: float
    open_prompts: int
    running_score: float
    agent_talk_ratio: float
    overtalk_s: float
    longest_silence_s: float
    codecs: _containers.ScalarMap[str, str]
    source: str
    end_reason: str
    def __init__(self, call_id: _Optional[str] = ..., started_wall: _Optional[float] = ..., duration_s: _Optional[float] = ..., state: _Optional[_Union[CallState, str]] = ..., parties: _Optional[_Iterable[_Union[_common_pb2.Party, _Mapping]]] = ..., agent_label: _Optional[str] = ..., customer_label: _Optional[str] = ..., sentiment: _Optional[float] = ..., open_prompts: _Optional[int] = ..., running_score: _Optional[float] = ..., agent_talk_ratio: _Optional[float] = ..., overtalk_s: _Optional[float] = ..., longest_silence_s: _Optional[float] = ..., codecs: _Optional[_Mapping[str, str]] = ..., source: _Optional[str] = ..., end_reason: _Optional[str] = ...) -> None: ...

class CallStarted(_message.Message):
    __slots__ = ("call",)
    CALL_FIELD_NUMBER: _ClassVar[int]
    call: CallSnapshot
    def __init__(self, call: _Optional[_Union[CallSnapshot, _Mapping]] = ...) -> None: ...

class CallUpdated(_message.Message):
    __slots__ = ("call_id", "t", "change", "leg", "role", "detail")
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    T_FIELD_NUMBER: _ClassVar[int]
    CHANGE_FIELD_NUMBER: _ClassVar[int]
    LEG_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    t: float
    change: CallChange
    leg: str
    role: _common_pb2.PartyRole
    detail: str
    def __init__(self, call_id: _Optional[str] = ..., t: _Optional[float] = ..., change: _Optional[_Union[CallChange, str]] = ..., leg: _Optional[str] = ..., role: _Optional[_Union[_common_pb2.PartyRole, str]] = ..., detail: _Optional[str] = ...) -> None: ...

class CallEnded(_message.Message):
    __slots__ = ("call_id", "t", "reason", "duration_s", "damaged", "masked")
    class MaskedEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    T_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DURATION_S_FIELD_NUMBER: _ClassVar[int]
    DAMAGED_FIELD_NUMBER: _ClassVar[int]
    MASKED_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    t: float
    reason: str
    duration_s: float
    damaged: _containers.RepeatedScalarFieldContainer[str]
    masked: _containers.ScalarMap[str, int]
    def __init__(self, call_id: _Optional[str] = ..., t: _Optional[float] = ..., reason: _Optional[str] = ..., duration_s: _Optional[float] = ..., damaged: _Optional[_Iterable[str]] = ..., masked: _Optional[_Mapping[str, int]] = ...) -> None: ...

class ListCallsRequest(_message.Message):
    __slots__ = ("include_ended", "limit")
    INCLUDE_ENDED_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    include_ended: bool
    limit: int
    def __init__(self, include_ended: _Optional[bool] = ..., limit: _Optional[int] = ...) -> None: ...

class ListCallsResponse(_message.Message):
    __slots__ = ("calls",)
    CALLS_FIELD_NUMBER: _ClassVar[int]
    calls: _containers.RepeatedCompositeFieldContainer[CallSnapshot]
    def __init__(self, calls: _Optional[_Iterable[_Union[CallSnapshot, _Mapping]]] = ...) -> None: ...

class GetCallRequest(_message.Message):
    __slots__ = ("call_id",)
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    def __init__(self, call_id: _Optional[str] = ...) -> None: ...

class GetCallResponse(_message.Message):
    __slots__ = ("call",)
    CALL_FIELD_NUMBER: _ClassVar[int]
    call: CallSnapshot
    def __init__(self, call: _Optional[_Union[CallSnapshot, _Mapping]] = ...) -> None: ...

class WatchCallsRequest(_message.Message):
    __slots__ = ("snapshot_interval_s", "replay_active")
    SNAPSHOT_INTERVAL_S_FIELD_NUMBER: _ClassVar[int]
    REPLAY_ACTIVE_FIELD_NUMBER: _ClassVar[int]
    snapshot_interval_s: float
    replay_active: bool
    def __init__(self, snapshot_interval_s: _Optional[float] = ..., replay_active: _Optional[bool] = ...) -> None: ...

class WatchCallsResponse(_message.Message):
    __slots__ = ("started", "updated", "ended", "snapshot", "events_lost")
    STARTED_FIELD_NUMBER: _ClassVar[int]
    UPDATED_FIELD_NUMBER: _ClassVar[int]
    ENDED_FIELD_NUMBER: _ClassVar[int]
    SNAPSHOT_FIELD_NUMBER: _ClassVar[int]
    EVENTS_LOST_FIELD_NUMBER: _ClassVar[int]
    started: CallStarted
    updated: CallUpdated
    ended: CallEnded
    snapshot: CallSnapshot
    events_lost: _common_pb2.EventsLost
    def __init__(self, started: _Optional[_Union[CallStarted, _Mapping]] = ..., updated: _Optional[_Union[CallUpdated, _Mapping]] = ..., ended: _Optional[_Union[CallEnded, _Mapping]] = ..., snapshot: _Optional[_Union[CallSnapshot, _Mapping]] = ..., events_lost: _Optional[_Union[_common_pb2.EventsLost, _Mapping]] = ...) -> None: ...

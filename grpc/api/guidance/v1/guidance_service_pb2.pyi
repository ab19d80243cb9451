from ccedge.rpc.api.common.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PromptState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PROMPT_STATE_UNSPECIFIED: _ClassVar[PromptState]
    PROMPT_STATE_OPEN: _ClassVar[PromptState]
    PROMPT_STATE_CLEARED: _ClassVar[PromptState]
    PROMPT_STATE_VIOLATED: _ClassVar[PromptState]
PROMPT_STATE_UNSPECIFIED: PromptState
PROMPT_STATE_OPEN: PromptState
PROMPT_STATE_CLEARED: PromptState
PROMPT_STATE_VIOLATED: PromptState

class Prompt(_message.Message):
    __slots__ = ("call_id", "t", "rule", "severity", "message", "state", "evidence", "due_by_s", "pack")
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    T_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    DUE_BY_S_FIELD_NUMBER: _ClassVar[int]
    PACK_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    t: float
    rule: str
    severity: _common_pb2.Severity
    message: str
    state: PromptState
    evidence: _containers.RepeatedCompositeFieldContainer[_common_pb2.TimeSpan]
    due_by_s: float
    pack: str
    def __init__(self, call_id: _Optional[str] = ..., t: _Optional[float] = ..., rule: _Optional[str] = ..., severity: _Optional[_Union[_common_pb2.Severity, str]] = ..., message: _Optional[str] = ..., state: _Optional[_Union[PromptState, str]] = ..., evidence: _Optional[_Iterable[_Union[_common_pb2.TimeSpan, _Mapping]]] = ..., due_by_s: _Optional[float] = ..., pack: _Optional[str] = ...) -> None: ...

class ListOpenPromptsRequest(_message.Message):
    __slots__ = ("call_id",)
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    def __init__(self, call_id: _Optional[str] = ...) -> None: ...

class ListOpenPromptsResponse(_message.Message):
    __slots__ = ("prompts",)
    PROMPTS_FIELD_NUMBER: _ClassVar[int]
    prompts: _containers.RepeatedCompositeFieldContainer[Prompt]
    def __init__(self, prompts: _Optional[_Iterable[_Union[Prompt, _Mapping]]] = ...) -> None: ...

class StreamPromptsRequest(_message.Message):
    __slots__ = ("call_id", "min_severity", "replay_open")
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    MIN_SEVERITY_FIELD_NUMBER: _ClassVar[int]
    REPLAY_OPEN_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    min_severity: _common_pb2.Severity
    replay_open: bool
    def __init__(self, call_id: _Optional[str] = ..., min_severity: _Optional[_Union[_common_pb2.Severity, str]] = ..., replay_open: _Optional[bool] = ...) -> None: ...

class StreamPromptsResponse(_message.Message):
    __slots__ = ("prompt", "events_lost")
    PROMPT_FIELD_NUMBER: _ClassVar[int]
    EVENTS_LOST_FIELD_NUMBER: _ClassVar[int]
    prompt: Prompt
    events_lost: _common_pb2.EventsLost
    def __init__(self, prompt: _Optional[_Union[Prompt, _Mapping]] = ..., events_lost: _Optional[_Union[_common_pb2.EventsLost, _Mapping]] = ...) -> None: ...

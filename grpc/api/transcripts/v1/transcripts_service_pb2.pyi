from ccedge.rpc.api.common.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DtmfMethod(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DTMF_METHOD_UNSPECIFIED: _ClassVar[DtmfMethod]
    DTMF_METHOD_RFC2833: _ClassVar[DtmfMethod]
    DTMF_METHOD_SIP_INFO: _ClassVar[DtmfMethod]
    DTMF_METHOD_INBAND: _ClassVar[DtmfMethod]
DTMF_METHOD_UNSPECIFIED: DtmfMethod
DTMF_METHOD_RFC2833: DtmfMethod
DTMF_METHOD_SIP_INFO: DtmfMethod
DTMF_METHOD_INBAND: DtmfMethod

class Word(_message.Message):
    __slots__ = ("text", "start_s", "end_s", "p")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    START_S_FIELD_NUMBER: _ClassVar[int]
    END_S_FIELD_NUMBER: _ClassVar[int]
    P_FIELD_NUMBER: _ClassVar[int]
    text: str
    start_s: float
    end_s: float
    p: float
    def __init__(self, text: _Optional[str] = ..., start_s: _Optional[float] = ..., end_s: _Optional[float] = ..., p: _Optional[float] = ...) -> None: ...

class MaskedSpan(_message.Message):
    __slots__ = ("kind", "start_s", "end_s", "detector")
    KIND_FIELD_NUMBER: _ClassVar[int]
    START_S_FIELD_NUMBER: _ClassVar[int]
    END_S_FIELD_NUMBER: _ClassVar[int]
    DETECTOR_FIELD_NUMBER: _ClassVar[int]
    kind: str
    start_s: float
    end_s: float
    detector: str
    def __init__(self, kind: _Optional[str] = ..., start_s: _Optional[float] = ..., end_s: _Optional[float] = ..., detector: _Optional[str] = ...) -> None: ...

class Utterance(_message.Message):
    __slots__ = ("call_id", "leg", "role", "start_s", "end_s", "text", "words", "spans", "model", "final")
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    LEG_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    START_S_FIELD_NUMBER: _ClassVar[int]
    END_S_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    WORDS_FIELD_NUMBER: _ClassVar[int]
    SPANS_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    FINAL_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    leg: str
    role: _common_pb2.PartyRole
    start_s: float
    end_s: float
    text: str
    words: _containers.RepeatedCompositeFieldContainer[Word]
    spans: _containers.RepeatedCompositeFieldContainer[MaskedSpan]
    model: str
    final: bool
    def __init__(self, call_id: _Optional[str] = ..., leg: _Optional[str] = ..., role: _Optional[_Union[_common_pb2.PartyRole, str]] = ..., start_s: _Optional[float] = ..., end_s: _Optional[float] = ..., text: _Optional[str] = ..., words: _Optional[_Iterable[_Union[Word, _Mapping]]] = ..., spans: _Optional[_Iterable[_Union[MaskedSpan, _Mapping]]] = ..., model: _Optional[str] = ..., final: _Optional[bool] = ...) -> None: ...

class DtmfPress(_message.Message):
    __slots__ = ("call_id", "leg", "role", "method", "start_s", "end_s")
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    LEG_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    START_S_FIELD_NUMBER: _ClassVar[int]
    END_S_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    leg: str
    role: _common_pb2.PartyRole
    method: DtmfMethod
    start_s: float
    end_s: float
    def __init__(self, call_id: _Optional[str] = ..., leg: _Optional[str] = ..., role: _Optional[_Union[_common_pb2.PartyRole, str]] = ..., method: _Optional[_Union[DtmfMethod, str]] = ..., start_s: _Optional[float] = ..., end_s: _Optional[float] = ...) -> None: ...

class TranscriptEnd(_message.Message):
    __slots__ = ("call_id", "reason", "duration_s")
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DURATION_S_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    reason: str
    duration_s: float
    def __init__(self, call_id: _Optional[str] = ..., reason: _Optional[str] = ..., duration_s: _Optional[float] = ...) -> None: ...

class StreamTranscriptRequest(_message.Message):
    __slots__ = ("call_id", "include_words", "include_dtmf")
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_WORDS_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_DTMF_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    include_words: bool
    include_dtmf: bool
    def __init__(self, call_id: _Optional[str] = ..., include_words: _Optional[bool] = ..., include_dtmf: _Optional[bool] = ...) -> None: ...

class StreamTranscriptResponse(_message.Message):
    __slots__ = ("utterance", "dtmf", "end", "events_lost")
    UTTERANCE_FIELD_NUMBER: _ClassVar[int]
    DTMF_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    EVENTS_LOST_FIELD_NUMBER: _ClassVar[int]
    utterance: Utterance
    dtmf: DtmfPress
    end: TranscriptEnd
    events_lost: _common_pb2.EventsLost
    def __init__(self, utterance: _Optional[_Union[Utterance, _Mapping]] = ..., dtmf: _Optional[_Union[DtmfPress, _Mapping]] = ..., end: _Optional[_Union[TranscriptEnd, _Mapping]] = ..., events_lost: _Optional[_Union[_common_pb2.EventsLost, _Mapping]] = ...) -> None: ...

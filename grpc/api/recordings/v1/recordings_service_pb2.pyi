from ccedge.rpc.api.common.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AudioFormat(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AUDIO_FORMAT_UNSPECIFIED: _ClassVar[AudioFormat]
    AUDIO_FORMAT_WAV: _ClassVar[AudioFormat]
    AUDIO_FORMAT_PCM_S16LE: _ClassVar[AudioFormat]
AUDIO_FORMAT_UNSPECIFIED: AudioFormat
AUDIO_FORMAT_WAV: AudioFormat
AUDIO_FORMAT_PCM_S16LE: AudioFormat

class Recording(_message.Message):
    __slots__ = ("recording_id", "call_id", "started_wall", "duration_s", "parties", "legal_hold", "quarantined", "size_bytes", "masked")
    class MaskedEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    RECORDING_ID_FIELD_NUMBER: _ClassVar[int]
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    STARTED_WALL_FIELD_NUMBER: _ClassVar[int]
    DURATION_S_FIELD_NUMBER: _ClassVar[int]
    PARTIES_FIELD_NUMBER: _ClassVar[int]
    LEGAL_HOLD_FIELD_NUMBER: _ClassVar[int]
    QUARANTINED_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    MASKED_FIELD_NUMBER: _ClassVar[int]
    recording_id: str
    call_id: str
    started_wall: float
    duration_s: float
    parties: _containers.RepeatedCompositeFieldContainer[_common_pb2.Party]
    legal_hold: bool
    quarantined: bool
    size_bytes: int
    masked: _containers.ScalarMap[str, int]
    def __init__(self, recording_id: _Optional[str] = ..., call_id: _Optional[str] = ..., started_wall: _Optional[float] = ..., duration_s: _Optional[float] = ..., parties: _Optional[_Iterable[_Union[_common_pb2.Party, _Mapping]]] = ..., legal_hold: _Optional[bool] = ..., quarantined: _Optional[bool] = ..., size_bytes: _Optional[int] = ..., masked: _Optional[_Mapping[str, int]] = ...) -> None: ...

class SearchRecordingsRequest(_message.Message):
    __slots__ = ("since_wall", "until_wall", "agent_label", "call_id", "legal_hold_only", "limit", "page_token")
    SINCE_WALL_FIELD_NUMBER: _ClassVar[int]
    UNTIL_WALL_FIELD_NUMBER: _ClassVar[int]
    AGENT_LABEL_FIELD_NUMBER: _ClassVar[int]
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    LEGAL_HOLD_ONLY_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    since_wall: float
    until_wall: float
    agent_label: str
    call_id: str
    legal_hold_only: bool
    limit: int
    page_token: str
    def __init__(self, since_wall: _Optional[float] = ..., until_wall: _Optional[float] = ..., agent_label: _Optional[str] = ..., call_id: _Optional[str] = ..., legal_hold_only: _Optional[bool] = ..., limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class SearchRecordingsResponse(_message.Message):
    __slots__ = ("recordings", "next_page_token")
    RECORDINGS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    recordings: _containers.RepeatedCompositeFieldContainer[Recording]
    next_page_token: str
    def __init__(self, recordings: _Optional[_Iterable[_Union[Recording, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class FetchAudioRequest(_message.Message):
    __slots__ = ("recording_id", "leg", "format", "reason")
    RECORDING_ID_FIELD_NUMBER: _ClassVar[int]
    LEG_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    recording_id: str
    leg: str
    format: AudioFormat
    reason: str
    def __init__(self, recording_id: _Optional[str] = ..., leg: _Optional[str] = ..., format: _Optional[_Union[AudioFormat, str]] = ..., reason: _Optional[str] = ...) -> None: ...

class FetchAudioResponse(_message.Message):
    __slots__ = ("chunk", "sample_rate", "offset")
    CHUNK_FIELD_NUMBER: _ClassVar[int]
    SAMPLE_RATE_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    chunk: bytes
    sample_rate: int
    offset: int
    def __init__(self, chunk: _Optional[bytes] = ..., sample_rate: _Optional[int] = ..., offset: _Optional[int] = ...) -> None: ...

class SetLegalHoldRequest(_message.Message):
    __slots__ = ("recording_id", "hold", "reason")
    RECORDING_ID_FIELD_NUMBER: _ClassVar[int]
    HOLD_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    recording_id: str
    hold: bool
    reason: str
    def __init__(self, recording_id: _Optional[str] = ..., hold: _Optional[bool] = ..., reason: _Optional[str] = ...) -> None: ...

class SetLegalHoldResponse(_message.Message):
    __slots__ = ("recording",)
    RECORDING_FIELD_NUMBER: _ClassVar[int]
    recording: Recording
    def __init__(self, recording: _Optional[_Union[Recording, _Mapping]] = ...) -> None: ...

class QuarantineItem(_message.Message):
    __slots__ = ("recording_id", "call_id", "leg", "span", "reason")
    RECORDING_ID_FIELD_NUMBER: _ClassVar[int]
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    LEG_FIELD_NUMBER: _ClassVar[int]
    SPAN_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    recording_id: str
    call_id: str
    leg: str
    span: _common_pb2.TimeSpan
    reason: str
    def __init__(self, recording_id: _Optional[str] = ..., call_id: _Optional[str] = ..., leg: _Optional[str] = ..., span: _Optional[_Union[_common_pb2.TimeSpan, _Mapping]] = ..., reason: _Optional[str] = ...) -> None: ...

class ListQuarantineRequest(_message.Message):
    __slots__ = ("limit",)
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    limit: int
    def __init__(self, limit: _Optional[int] = ...) -> None: ...

class ListQuarantineResponse(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[QuarantineItem]
    def __init__(self, items: _Optional[_Iterable[_Union[QuarantineItem, _Mapping]]] = ...) -> None: ...

class ExportProgress(_message.Message):
    __slots__ = ("records_done", "records_total")
    RECORDS_DONE_FIELD_NUMBER: _ClassVar[int]
    RECORDS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    records_done: int
    records_total: int
    def __init__(self, records_done: _Optional[int] = ..., records_total: _Optional[int] = ...) -> None: ...

class ExportDone(_message.Message):
    __slots__ = ("records", "sha256")
    RECORDS_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    records: int
    sha256: str
    def __init__(self, records: _Optional[int] = ..., sha256: _Optional[str] = ...) -> None: ...

class ExportAuditRequest(_message.Message):
    __slots__ = ("since_wall", "until_wall", "reason")
    SINCE_WALL_FIELD_NUMBER: _ClassVar[int]
    UNTIL_WALL_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    since_wall: float
    until_wall: float
    reason: str
    def __init__(self, since_wall: _Optional[float] = ..., until_wall: _Optional[float] = ..., reason: _Optional[str] = ...) -> None: ...

class ExportAuditResponse(_message.Message):
    __slots__ = ("progress", "chunk", "done")
    PROGRESS_FIELD_NUMBER: _ClassVar[int]
    CHUNK_FIELD_NUMBER: _ClassVar[int]
    DONE_FIELD_NUMBER: _ClassVar[int]
    progress: ExportProgress
    chunk: bytes
    done: ExportDone
    def __init__(self, progress: _Optional[_Union[ExportProgress, _Mapping]] = ..., chunk: _Optional[bytes] = ..., done: _Optional[_Union[ExportDone, _Mapping]] = ...) -> None: ...

class VerifyAuditRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class VerifyAuditResponse(_message.Message):
    __slots__ = ("ok", "records", "first_bad_seq", "reason")
    OK_FIELD_NUMBER: _ClassVar[int]
    RECORDS_FIELD_NUMBER: _ClassVar[int]
    FIRST_BAD_SEQ_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    ok: bool
    records: int
    first_bad_seq: int
    reason: str
    def __init__(self, ok: _Optional[bool] = ..., records: _Optional[int] = ..., first_bad_seq: _Optional[int] = ..., reason: _Optional[str] = ...) -> None: ...

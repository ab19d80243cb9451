from ccedge.rpc.api.common.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CriterionStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CRITERION_STATUS_UNSPECIFIED: _ClassVar[CriterionStatus]
    CRITERION_STATUS_MET: _ClassVar[CriterionStatus]
    CRITERION_STATUS_NOT_MET: _ClassVar[CriterionStatus]
    CRITERION_STATUS_NOT_APPLICABLE: _ClassVar[CriterionStatus]
    CRITERION_STATUS_PENDING: _ClassVar[CriterionStatus]

class DisputeState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DISPUTE_STATE_UNSPECIFIED: _ClassVar[DisputeState]
    DISPUTE_STATE_OPEN: _ClassVar[DisputeState]
    DISPUTE_STATE_ACCEPTED: _ClassVar[DisputeState]
    DISPUTE_STATE_REJECTED: _ClassVar[DisputeState]

class GroupBy(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    GROUP_BY_UNSPECIFIED: _ClassVar[GroupBy]
    GROUP_BY_AGENT: _ClassVar[GroupBy]
    GROUP_BY_DAY: _ClassVar[GroupBy]
    GROUP_BY_CRITERION: _ClassVar[GroupBy]
    GROUP_BY_SCORECARD: _ClassVar[GroupBy]
CRITERION_STATUS_UNSPECIFIED: CriterionStatus
CRITERION_STATUS_MET: CriterionStatus
CRITERION_STATUS_NOT_MET: CriterionStatus
CRITERION_STATUS_NOT_APPLICABLE: CriterionStatus
CRITERION_STATUS_PENDING: CriterionStatus
DISPUTE_STATE_UNSPECIFIED: DisputeState
DISPUTE_STATE_OPEN: DisputeState
DISPUTE_STATE_ACCEPTED: DisputeState
DISPUTE_STATE_REJECTED: DisputeState
GROUP_BY_UNSPECIFIED: GroupBy
GROUP_BY_AGENT: GroupBy
GROUP_BY_DAY: GroupBy
GROUP_BY_CRITERION: GroupBy
GROUP_BY_SCORECARD: GroupBy

class Criterion(_message.Message):
    __slots__ = ("id", "title", "weight", "auto_fail")
    ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    AUTO_FAIL_FIELD_NUMBER: _ClassVar[int]
    id: str
    title: str
    weight: float
    auto_fail: bool
    def __init__(self, id: _Optional[str] = ..., title: _Optional[str] = ..., weight: _Optional[float] = ..., auto_fail: _Optional[bool] = ...) -> None: ...

class Scorecard(_message.Message):
    __slots__ = ("id", "version", "title", "criteria")
    ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    CRITERIA_FIELD_NUMBER: _ClassVar[int]
    id: str
    version: str
    title: str
    criteria: _containers.RepeatedCompositeFieldContainer[Criterion]
    def __init__(self, id: _Optional[str] = ..., version: _Optional[str] = ..., title: _Optional[str] = ..., criteria: _Optional[_Iterable[_Union[Criterion, _Mapping]]] = ...) -> None: ...

class CriterionResult(_message.Message):
    __slots__ = ("id", "status", "weight", "points", "evidence")
    ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    id: str
    status: CriterionStatus
    weight: float
    points: float
    evidence: _containers.RepeatedCompositeFieldContainer[_common_pb2.TimeSpan]
    def __init__(self, id: _Optional[str] = ..., status: _Optional[_Union[CriterionStatus, str]] = ..., weight: _Optional[float] = ..., points: _Optional[float] = ..., evidence: _Optional[_Iterable[_Union[_common_pb2.TimeSpan, _Mapping]]] = ...) -> None: ...

class Score(_message.Message):
    __slots__ = ("call_id", "t", "scorecard", "version", "total", "auto_failed", "criteria", "final")
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    T_FIELD_NUMBER: _ClassVar[int]
    SCORECARD_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    AUTO_FAILED_FIELD_NUMBER: _ClassVar[int]
    CRITERIA_FIELD_NUMBER: _ClassVar[int]
    FINAL_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    t: float
    scorecard: str
    version: str
    total: float
    auto_failed: bool
    criteria: _containers.RepeatedCompositeFieldContainer[CriterionResult]
    final: bool
    def __init__(self, call_id: _Optional[str] = ..., t: _Optional[float] = ..., scorecard: _Optional[str] = ..., version: _Optional[str] = ..., total: _Optional[float] = ..., auto_failed: _Optional[bool] = ..., criteria: _Optional[_Iterable[_Union[CriterionResult, _Mapping]]] = ..., final: _Optional[bool] = ...) -> None: ...

class Dispute(_message.Message):
    __slots__ = ("id", "call_id", "scorecard", "criterion_id", "state", "raised_by", "reason", "resolved_by", "resolution", "raised_wall", "resolved_wall")
    ID_FIELD_NUMBER: _ClassVar[int]
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    SCORECARD_FIELD_NUMBER: _ClassVar[int]
    CRITERION_ID_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    RAISED_BY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_BY_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_FIELD_NUMBER: _ClassVar[int]
    RAISED_WALL_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_WALL_FIELD_NUMBER: _ClassVar[int]
    id: str
    call_id: str
    scorecard: str
    criterion_id: str
    state: DisputeState
    raised_by: str
    reason: str
    resolved_by: str
    resolution: str
    raised_wall: float
    resolved_wall: float
    def __init__(self, id: _Optional[str] = ..., call_id: _Optional[str] = ..., scorecard: _Optional[str] = ..., criterion_id: _Optional[str] = ..., state: _Optional[_Union[DisputeState, str]] = ..., raised_by: _Optional[str] = ..., reason: _Optional[str] = ..., resolved_by: _Optional[str] = ..., resolution: _Optional[str] = ..., raised_wall: _Optional[float] = ..., resolved_wall: _Optional[float] = ...) -> None: ...

class AggregateRow(_message.Message):
    __slots__ = ("key", "calls", "mean_total", "auto_fail_rate", "met_rate")
    KEY_FIELD_NUMBER: _ClassVar[int]
    CALLS_FIELD_NUMBER: _ClassVar[int]
    MEAN_TOTAL_FIELD_NUMBER: _ClassVar[int]
    AUTO_FAIL_RATE_FIELD_NUMBER: _ClassVar[int]
    MET_RATE_FIELD_NUMBER: _ClassVar[int]
    key: str
    calls: int
    mean_total: float
    auto_fail_rate: float
    met_rate: float
    def __init__(self, key: _Optional[str] = ..., calls: _Optional[int] = ..., mean_total: _Optional[float] = ..., auto_fail_rate: _Optional[float] = ..., met_rate: _Optional[float] = ...) -> None: ...

class AlignmentRow(_message.Message):
    __slots__ = ("criterion_id", "calls", "met_good_outcome_rate", "not_met_good_outcome_rate", "lift")
    CRITERION_ID_FIELD_NUMBER: _ClassVar[int]
    CALLS_FIELD_NUMBER: _ClassVar[int]
    MET_GOOD_OUTCOME_RATE_FIELD_NUMBER: _ClassVar[int]
    NOT_MET_GOOD_OUTCOME_RATE_FIELD_NUMBER: _ClassVar[int]
    LIFT_FIELD_NUMBER: _ClassVar[int]
    criterion_id: str
    calls: int
    met_good_outcome_rate: float
    not_met_good_outcome_rate: float
    lift: float
    def __init__(self, criterion_id: _Optional[str] = ..., calls: _Optional[int] = ..., met_good_outcome_rate: _Optional[float] = ..., not_met_good_outcome_rate: _Optional[float] = ..., lift: _Optional[float] = ...) -> None: ...

class ListScorecardsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListScorecardsResponse(_message.Message):
    __slots__ = ("scorecards",)
    SCORECARDS_FIELD_NUMBER: _ClassVar[int]
    scorecards: _containers.RepeatedCompositeFieldContainer[Scorecard]
    def __init__(self, scorecards: _Optional[_Iterable[_Union[Scorecard, _Mapping]]] = ...) -> None: ...

class GetCallScoresRequest(_message.Message):
    __slots__ = ("call_id",)
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    def __init__(self, call_id: _Optional[str] = ...) -> None: ...

class GetCallScoresResponse(_message.Message):
    __slots__ = ("scores",)
    SCORES_FIELD_NUMBER: _ClassVar[int]
    scores: _containers.RepeatedCompositeFieldContainer[Score]
    def __init__(self, scores: _Optional[_Iterable[_Union[Score, _Mapping]]] = ...) -> None: ...

class StreamScoresRequest(_message.Message):
    __slots__ = ("call_id", "replay")
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    REPLAY_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    replay: bool
    def __init__(self, call_id: _Optional[str] = ..., replay: _Optional[bool] = ...) -> None: ...

class StreamScoresResponse(_message.Message):
    __slots__ = ("score", "events_lost")
    SCORE_FIELD_NUMBER: _ClassVar[int]
    EVENTS_LOST_FIELD_NUMBER: _ClassVar[int]
    score: Score
    events_lost: _common_pb2.EventsLost
    def __init__(self, score: _Optional[_Union[Score, _Mapping]] = ..., events_lost: _Optional[_Union[_common_pb2.EventsLost, _Mapping]] = ...) -> None: ...

class ListDisputesRequest(_message.Message):
    __slots__ = ("state", "call_id")
    STATE_FIELD_NUMBER: _ClassVar[int]
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    state: DisputeState
    call_id: str
    def __init__(self, state: _Optional[_Union[DisputeState, str]] = ..., call_id: _Optional[str] = ...) -> None: ...

class ListDisputesResponse(_message.Message):
    __slots__ = ("disputes",)
    DISPUTES_FIELD_NUMBER: _ClassVar[int]
    disputes: _containers.RepeatedCompositeFieldContainer[Dispute]
    def __init__(self, disputes: _Optional[_Iterable[_Union[Dispute, _Mapping]]] = ...) -> None: ...

class RaiseDisputeRequest(_message.Message):
    __slots__ = ("call_id", "scorecard", "criterion_id", "reason")
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    SCORECARD_FIELD_NUMBER: _ClassVar[int]
    CRITERION_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    scorecard: str
    criterion_id: str
    reason: str
    def __init__(self, call_id: _Optional[str] = ..., scorecard: _Optional[str] = ..., criterion_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RaiseDisputeResponse(_message.Message):
    __slots__ = ("dispute",)
    DISPUTE_FIELD_NUMBER: _ClassVar[int]
    dispute: Dispute
    def __init__(self, dispute: _Optional[_Union[Dispute, _Mapping]] = ...) -> None: ...

class AcceptDisputeRequest(_message.Message):
    __slots__ = ("dispute_id", "resolution")
    DISPUTE_ID_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_FIELD_NUMBER: _ClassVar[int]
    dispute_id: str
    resolution: str
    def __init__(self, dispute_id: _Optional[str] = ..., resolution: _Optional[str] = ...) -> None: ...

class AcceptDisputeResponse(_message.Message):
    __slots__ = ("dispute",)
    DISPUTE_FIELD_NUMBER: _ClassVar[int]
    dispute: Dispute
    def __init__(self, dispute: _Optional[_Union[Dispute, _Mapping]] = ...) -> None: ...

class RejectDisputeRequest(_message.Message):
    __slots__ = ("dispute_id", "resolution")
    DISPUTE_ID_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_FIELD_NUMBER: _ClassVar[int]
    dispute_id: str
    resolution: str
    def __init__(self, dispute_id: _Optional[str] = ..., resolution: _Optional[str] = ...) -> None: ...

class RejectDisputeResponse(_message.Message):
    __slots__ = ("dispute",)
    DISPUTE_FIELD_NUMBER: _ClassVar[int]
    dispute: Dispute
    def __init__(self, dispute: _Optional[_Union[Dispute, _Mapping]] = ...) -> None: ...

class GetAggregatesRequest(_message.Message):
    __slots__ = ("scorecard", "group_by", "since_wall", "until_wall")
    SCORECARD_FIELD_NUMBER: _ClassVar[int]
    GROUP_BY_FIELD_NUMBER: _ClassVar[int]
    SINCE_WALL_FIELD_NUMBER: _ClassVar[int]
    UNTIL_WALL_FIELD_NUMBER: _ClassVar[int]
    scorecard: str
    group_by: GroupBy
    since_wall: float
    until_wall: float
    def __init__(self, scorecard: _Optional[str] = ..., group_by: _Optional[_Union[GroupBy, str]] = ..., since_wall: _Optional[float] = ..., until_wall: _Optional[float] = ...) -> None: ...

class GetAggregatesResponse(_message.Message):
    __slots__ = ("rows",)
    ROWS_FIELD_NUMBER: _ClassVar[int]
    rows: _containers.RepeatedCompositeFieldContainer[AggregateRow]
    def __init__(self, rows: _Optional[_Iterable[_Union[AggregateRow, _Mapping]]] = ...) -> None: ...

class GetOutcomeAlignmentReportRequest(_message.Message):
    __slots__ = ("scorecard", "since_wall", "until_wall")
    SCORECARD_FIELD_NUMBER: _ClassVar[int]
    SINCE_WALL_FIELD_NUMBER: _ClassVar[int]
    UNTIL_WALL_FIELD_NUMBER: _ClassVar[int]
    scorecard: str
    since_wall: float
    until_wall: float
    def __init__(self, scorecard: _Optional[str] = ..., since_wall: _Optional[float] = ..., until_wall: _Optional[float] = ...) -> None: ...

class GetOutcomeAlignmentReportResponse(_message.Message):
    __slots__ = ("rows", "calls_with_outcome")
    ROWS_FIELD_NUMBER: _ClassVar[int]
    CALLS_WITH_OUTCOME_FIELD_NUMBER: _ClassVar[int]
    rows: _containers.RepeatedCompositeFieldContainer[AlignmentRow]
    calls_with_outcome: int
    def __init__(self, rows: _Optional[_Iterable[_Union[AlignmentRow, _Mapping]]] = ..., calls_with_outcome: _Optional[int] = ...) -> None: ...

from __future__ import annotations

from collections.abc import Sequence

from ccedge.core.harness import run_pipeline


class Doubler:
    def __init__(self) -> None:
        self.seen = 0

    async def process(self, frame: int) -> Sequence[int]:
        self.seen += 1
        return [frame, frame]

    async def flush(self) -> Sequence[int]:
        return [-self.seen]


def test_stage_and_function_chain() -> None:
    out = run_pipeline([Doubler(), lambda x: [x * 10]], [1, 2])
    assert out == [10, 10, 20, 20, -20]

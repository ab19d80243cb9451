"""The labelled sets of scripted contact-centre calls for guidance and QM, one module each.

* ``eval_calls`` (``guidance_tuned``): 48 calls the matcher was tuned on;
* ``heldout_calls`` (``guidance_heldout``): 12 calls written after tuning, studied since 2026.12.4;
* ``heldout2_calls`` (``guidance_heldout2``): 14 calls written with packs 2026.12.4, studied since 2026.12.5;
* ``heldout3_calls`` (``guidance_heldout3``): 12 calls written before that study, studied since 2026.12.6;
* ``heldout4_calls`` (``guidance_heldout4``): 13 calls written blind on 2026-12-05, studied since 2026.12.7;
* ``heldout5_calls`` (``guidance_heldout5``): 14 calls written blind on 2026-12-06, studied since 2026.12.8;
* ``heldout6_calls`` (``guidance_heldout6``, ``guidance_heldout6b``): 14 calls written blind on
  2026-12-06, studied since 2026.12.9;
* ``heldout7_calls`` (``guidance_heldout7``, ``guidance_heldout7b``): 12 calls written blind on
  2026-12-06, studied since 2026.12.10;
* ``heldout8_calls`` (``guidance_heldout8``, ``guidance_heldout8b``): 12 calls written blind on
  2026-12-06, studied since 2026.12.10;
* ``heldout9_calls`` (``guidance_heldout9``, ``guidance_heldout9b``): 12 calls written blind on
  2026-12-06, studied since 2026.12.11;
* ``heldout10_calls`` (``guidance_heldout10``, ``guidance_heldout10b``): 12 calls written blind on
  2026-12-06, never tuned on;
* ``heldout11_calls`` (``guidance_heldout11``, ``guidance_heldout11b``): 12 calls written blind on
  2026-12-06, never tuned on;
* ``heldout12_calls`` (``guidance_heldout12``, ``guidance_heldout12b``): 12 calls written blind on
  2026-12-06, never tuned on;
* ``heldout13_calls`` (``guidance_heldout13``, ``guidance_heldout13b``): 12 calls written blind on
  2026-12-06, studied since 2026.12.14;
* ``heldout14_calls`` (``guidance_heldout14``, ``guidance_heldout14b``): 12 calls written blind on
  2026-12-06, studied since 2026.12.15;
* ``heldout15_calls`` (``guidance_heldout15``, ``guidance_heldout15b``): 12 calls written blind on
  2026-12-06, studied since 2026.12.16;
* ``heldout16_calls`` (``guidance_heldout16``, ``guidance_heldout16b``): 12 calls written blind on
  2026-12-06, studied since 2026.12.17;
* ``heldout17_calls`` (``guidance_heldout17``, ``guidance_heldout17b``): 12 calls written blind on
  2026-12-06, studied since 2026.12.18;
* ``heldout18_calls`` (``guidance_heldout18``, ``guidance_heldout18b``): 12 calls written blind on
  2026-12-06, studied since 2026.12.19;
* ``heldout19_calls`` (``guidance_heldout19``, ``guidance_heldout19b``): 12 calls written blind on
  2026-12-06, never tuned on;
* ``sentiment_calls`` (``guidance_sentiment``): 6 calls for the sentiment-trend rule.

All are built with ``guidance_script`` (``ScriptedCall``, ``clean_lines``, ``synthetic_call``).
"""

from __future__ import annotations

from collections.abc import Callable

from ccedge.testing.guidance_heldout import heldout_calls
from ccedge.testing.guidance_heldout2 import heldout2_calls
from ccedge.testing.guidance_heldout3 import heldout3_calls
from ccedge.testing.guidance_heldout4 import heldout4_calls
from ccedge.testing.guidance_heldout5 import heldout5_calls
from ccedge.testing.guidance_heldout6 import heldout6_calls
from ccedge.testing.guidance_heldout7 import heldout7_calls
from ccedge.testing.guidance_heldout8 import heldout8_calls
from ccedge.testing.guidance_heldout9 import heldout9_calls
from ccedge.testing.guidance_heldout10 import heldout10_calls
from ccedge.testing.guidance_heldout11 import heldout11_calls
from ccedge.testing.guidance_heldout12 import heldout12_calls
from ccedge.testing.guidance_heldout13 import heldout13_calls
from ccedge.testing.guidance_heldout14 import heldout14_calls
from ccedge.testing.guidance_heldout15 import heldout15_calls
from ccedge.testing.guidance_heldout16 import heldout16_calls
from ccedge.testing.guidance_heldout17 import heldout17_calls
from ccedge.testing.guidance_heldout18 import heldout18_calls
from ccedge.testing.guidance_heldout19 import heldout19_calls
from ccedge.testing.guidance_script import (
    CARD,
    NA,
    PAUSE_S,
    START_S,
    WORD_S,
    M,
    ScriptedCall,
    V,
    clean_lines,
    scripted,
    synthetic_call,
)
from ccedge.testing.guidance_sentiment import sentiment_calls
from ccedge.testing.guidance_tuned import eval_calls

# the held-out sets after the first, by number, in the order they were written (one place to add a set)
LATER_SETS: dict[int, Callable[[], list[ScriptedCall]]] = {
    2: heldout2_calls, 3: heldout3_calls, 4: heldout4_calls, 5: heldout5_calls, 6: heldout6_calls,
    7: heldout7_calls, 8: heldout8_calls, 9: heldout9_calls, 10: heldout10_calls, 11: heldout11_calls,
    12: heldout12_calls, 13: heldout13_calls, 14: heldout14_calls, 15: heldout15_calls, 16: heldout16_calls,
    17: heldout17_calls, 18: heldout18_calls, 19: heldout19_calls,
}

__all__ = [
    "CARD", "LATER_SETS", "NA", "PAUSE_S", "START_S", "WORD_S", "M", "ScriptedCall", "V", "clean_lines",
    "eval_calls",
    "heldout2_calls", "heldout3_calls", "heldout4_calls", "heldout5_calls", "heldout6_calls",
    "heldout7_calls", "heldout8_calls", "heldout9_calls", "heldout10_calls", "heldout11_calls",
    "heldout12_calls", "heldout13_calls", "heldout14_calls", "heldout15_calls", "heldout16_calls",
    "heldout17_calls", "heldout18_calls", "heldout19_calls",
    "heldout_calls", "scripted", "sentiment_calls",
    "synthetic_call",
]

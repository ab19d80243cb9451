"""Decode settings of the whisper.cpp engine (:mod:`.engine`): the appliance's defaults and why."""

from __future__ import annotations

import math
from dataclasses import dataclass

FRAMES_PER_SECOND = 50  # encoder positions per second (n_audio_ctx 1500 for 30 s)
MAX_CTX = 1500


@dataclass(frozen=True)
class TranscribeOptions:
    """Decode settings; the defaults are the appliance's (greedy, English, sized encoder)."""

    language: str = "en"
    n_threads: int = 1
    # "auto": size the encoder's audio_ctx to the utterance (+ margin); 0: full 30 s window.
    audio_ctx: int | str = "auto"
    audio_ctx_margin: int = 64  # encoder positions (1.28 s) beyond the audio
    # Never encode less than this (10.24 s). Measured on the benchmark set: with only the
    # margin, utterances under 3 s lost 60 % of their words against the full window (tiny.en
    # was trained on 30 s windows and wants trailing silence); with a 512 floor the sized
    # window matches the full one (benchmarks/speech.py: WER 5.2 % both) at 27 % of its CPU.
    audio_ctx_min: int = 512
    # Batch scheduling: utterances waiting together are packed into one window, up to this
    # much audio, separated by ``pack_gap_s`` of silence (fills the 512 floor for free).
    pack_seconds: float = 8.9  # + margin = 512 positions: packs fill the floor window exactly
    # 0.3 s (issue 9): with 1.0 s, gaps and margin took half of a window of live utterances
    # (3.3 s on average); 0.3 s holds 40 live calls, with WER 15.0 -> 14.1 % on the telephone
    # set and no word moved (``packing.owners`` gives DTW's late last words back).
    pack_gap_s: float = 0.3
    # Under a backlog (more audio waiting than one ``pack_seconds`` window holds), windows grow to
    # this much packed audio (0: never). 14 s + the margin is 768 positions: two utterances of
    # 4-6 s, which do not fit 8.9 s with their gap, share a window instead of paying a floor each.
    pack_seconds_backlog: float = 0.0
    # Live packing wait (issue 9): how long a window with room waits, counted from when its first
    # utterance was queued, for others to share it. 0: never wait (the default; see
    # ``UtteranceQueue.get_batch``).
    pack_wait_s: float = 0.0
    temperature_inc: float = 0.0  # 0 disables temperature fallback (bounded latency)
    no_speech_thold: float = 0.6
    logprob_thold: float = -1.0  # whisper.cpp: no speech when also no_speech_prob > no_speech_thold
    # Our own drop of a whole segment. Lower than logprob_thold: a lone short word ("Yes.")
    # scores about -1.5 on 8 kHz speech, and dropping real answers is worse than keeping them.
    drop_logprob: float = -2.0
    compression_ratio_thold: float = 2.4
    # A segment the compression ratio rejects keeps its words before a repetition loop it ends
    # in, the rest of its utterance unheard (``loops``); False: dropped whole.
    keep_before_loop: bool = True
    # A segment mostly made of sentences already said in its window is dropped (``loops.repeats``):
    # for whole turns (the second pass), where Whisper base once repeated a sentence twice more.
    drop_repeats: bool = False
    gate_dbfs: float = -55.0  # skip the model below this RMS level
    suppress_non_speech: bool = True
    # Tokens per segment: 0 = auto (12 per second + 16; fast speech is ~5/s), which bounds the
    # time a repetition loop on a tone can burn; -1 = unlimited.
    max_tokens: int = 0
    # Flash attention everywhere (encoder and decoder). whisper.cpp then computes no DTW word
    # times (it disables them), so words drift between packed utterances: off.
    flash_attn: bool = False
    # Flash attention in the encoder's self-attention only (issue 9), where whisper.cpp's other
    # path grows with the square of the window: 70 % of a 10 s encode. The decoder keeps the
    # attention weights DTW needs. Needs our patched build (``.ci/setup``; the field
    # ``flash_attn_encoder``); without it the engine falls back to the plain path. Windows are
    # then multiples of 256 positions (``ctx_step``), which keeps the output free of history.
    flash_encoder: bool = True
    beam_size: int = 1  # 1: greedy; > 1: beam search of that width (issue 15 measures both)
    # Text the decoder is conditioned on before each window: contact-centre vocabulary and the
    # site's own terms make the words that redaction and guidance key on likelier.
    initial_prompt: str = ""
    # Word times from cross-attention alignment (DTW over the model's alignment heads) instead
    # of the timestamp tokens: packed windows map words back to their utterance by these. On by
    # default (issue 15): when the decoder returns a packed window as one segment, timestamp
    # tokens drift and words went to, or fell between, the wrong utterances; measured on the
    # telephone conversations, WER 22.9 -> 22.7 % at 7 % more CPU (benchmarks/speech_telephone.py).
    dtw: bool = True
    # One decoder segment per window, the drop judged per utterance of a packed window. With DTW,
    # whisper.cpp aborts the process (WHISPER_ASSERT filter_width < a->ne[2], its DTW median
    # filter) on a segment shorter than 7 encoder positions, which a repetition loop's collapsed
    # timestamps produced on the spoken set; one segment per window cannot abort. Our patched
    # build (.ci/setup) removes the abort at its source (such a segment keeps no DTW times), so
    # this is only needed on the PyPI wheel. Off by default: measured on the 0.3 s cuts it costs
    # 0.1 WER points and raised the spoken set's over-masking 2.90 -> 3.24 % (two short agent
    # utterances judged alone dropped); the worker pool survives the abort (worker replaced,
    # utterances retried, then masked).
    single_segment: bool = False

    def ctx_for(self, seconds: float) -> int:
        if self.audio_ctx != "auto":
            n = int(self.audio_ctx)
        elif seconds >= 30.0:
            return 0
        else:
            n = max(math.ceil(seconds * FRAMES_PER_SECOND) + self.audio_ctx_margin, self.audio_ctx_min)
        n = -(-n // self.ctx_step) * self.ctx_step  # whole steps: few graph shapes recur
        return 0 if n >= MAX_CTX else n

    @property
    def ctx_step(self) -> int:
        """Encoder windows are whole multiples of this. With flash attention whisper.cpp pads
        the cross-attention keys to 256 positions and does not mask the pad, so a window that
        is not a multiple of 256 reads the previous window's keys (output depends on history:
        measured); at multiples of 256 there is no pad. Otherwise 32, so few shapes recur."""
        return 256 if self.flash_attn or self.flash_encoder else 32

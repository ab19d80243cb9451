"""The transcription engine: utterances in, :class:`Transcript` with timed words out.

Shape after faster-whisper's ``transcribe.py``: options and results are dataclasses and
``transcribe()`` returns a lazy iterator, so a second backend can sit behind the same
:class:`Engine` interface. The product backend is whisper.cpp through ``pywhispercpp``
(its C binding ``_pywhispercpp``, for token-level data). A ggml assertion aborts the
process, so the appliance runs this inside worker processes (:mod:`.workers`).

Hallucination control, in order: an energy gate (no model call below ``gate_dbfs``),
whisper.cpp's own no-speech / log-probability test, then per segment: non-speech
annotations removed ("[Music]", "♪"), our average token log-probability and gzip
compression-ratio tests (openai/whisper ``transcribe.py``
uses the same two signals: repetition loops compress well, guesses have low log-prob).
"""

from __future__ import annotations

import os
import re
import zlib
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ccedge.core.frames import Transcript, Utterance
from ccedge.core.speech.audio import WHISPER_RATE, rms_dbfs, to_whisper
from ccedge.core.speech.errors import SpeechError
from ccedge.core.speech.loops import repeats, trim
from ccedge.core.speech.options import TranscribeOptions
from ccedge.core.speech.packing import echoes, owners, pack_groups
from ccedge.core.speech.tokens import Token, clean_text, transcript_of

# whisper.cpp refuses input shorter than 1 s ("input is too short"); pad to a bit more.
_MIN_SECONDS = 1.1


@contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Send fd 2 to /dev/null: whisper.cpp logs model details at load through its default logger."""
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


@dataclass(frozen=True)
class SegmentInfo:
    """Decoder statistics of one segment, for the drop decision and for benchmarks."""

    text: str
    avg_logprob: float
    compression_ratio: float
    kept: bool
    loop_cut: bool = False  # kept up to a repetition loop (:mod:`.loops`); its utterance is unheard


@dataclass(frozen=True)
class Result:
    transcript: Transcript
    segments: tuple[SegmentInfo, ...] = field(default_factory=tuple)
    gated: bool = False  # True when the energy gate skipped the model
    audio_ctx: int = 0
    # The language decoded: the option itself, or with language="auto" (multilingual models)
    # what whisper.cpp detected for the window ("" when gated).
    language: str = ""


def compression_ratio(text: str) -> float:
    raw = text.encode("utf-8")
    return len(raw) / len(zlib.compress(raw)) if raw else 0.0


class Engine(ABC):
    """One speech backend; not thread-safe (one engine per worker)."""

    name: str = ""

    @abstractmethod
    def transcribe_one(self, utt: Utterance) -> Result: ...

    def transcribe(self, utterances: Iterable[Utterance]) -> Iterator[Transcript]:
        """Lazy: each utterance is decoded when the caller asks for its transcript."""
        for utt in utterances:
            yield self.transcribe_one(utt).transcript

    def close(self) -> None:  # noqa: B027 - optional hook, backends without resources skip it
        pass

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _alignment_heads(pw: Any, name: str) -> Any:
    """whisper.cpp's alignment-head preset for the model our build named ``name``; a model we
    cannot name gets the "top-most text layers" preset, which fits any size."""
    presets = pw.whisper_alignment_heads_preset
    m = re.search(r"ggml-(tiny|base|small|medium)(\.en)?-", name)
    if m is None:
        return presets.WHISPER_AHEADS_N_TOP_MOST
    return getattr(presets, f"WHISPER_AHEADS_{m.group(1).upper()}{'_EN' if m.group(2) else ''}")


class WhisperCppEngine(Engine):
    """whisper.cpp via ``_pywhispercpp`` with a ggml model file we built."""

    def __init__(self, model_path: Path, options: TranscribeOptions | None = None) -> None:
        # A source build links OpenBLAS (and ggml may use OpenMP), which size their thread pools when
        # first loaded: keep them to the engine's own thread count, as the workers do before they import
        # anything. Left to OpenMP, the pool followed the box's load and a float sum's order with it: a
        # DTW word time moved across a packed utterance's edge under load.
        threads = str((options or TranscribeOptions()).n_threads)
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
            os.environ.setdefault(var, threads)
        import _pywhispercpp as pw

        path = Path(model_path).resolve()
        # pywhispercpp downloads a model when given a name or a missing path: never let it.
        if not path.is_file():
            raise SpeechError(f"model file not found: {path} (run `ccedge model build`)")
        self.options = options or TranscribeOptions()
        self.name = f"whisper.cpp:{path.name}"
        self._pw: Any = pw
        cparams = pw.whisper_context_default_params()
        cparams.use_gpu = False
        # Flash attention pads the cross-attention KV to 256 positions without masking the pad,
        # so a sized audio_ctx that is not a multiple of 256 would read stale keys from the
        # previous window (measured: "Yes." then "Yeah."); ``ctx_step`` keeps windows whole.
        cparams.flash_attn = self.options.flash_attn
        if hasattr(cparams, "flash_attn_encoder"):  # our patched build (.ci/setup)
            cparams.flash_attn_encoder = self.options.flash_encoder
        elif self.options.flash_encoder:
            # the PyPI wheel, unpatched: the plain encoder (half the throughput, same words)
            self.options = replace(self.options, flash_encoder=False)
        if self.options.dtw:
            cparams.dtw_token_timestamps = True
            cparams.dtw_aheads_preset = _alignment_heads(pw, path.name)
        with _quiet_stderr():
            self._ctx: Any = pw.whisper_init_from_file_with_params(str(path), cparams)
        if self._ctx is None:
            raise SpeechError(f"whisper.cpp could not load {path.name}")
        self._eot = int(pw.whisper_token_eot(self._ctx))

    def _params(self, audio_ctx: int, seconds: float) -> Any:
        pw, o = self._pw, self.options
        strategy = pw.whisper_sampling_strategy
        if o.beam_size > 1:
            p = pw.whisper_full_default_params(strategy.WHISPER_SAMPLING_BEAM_SEARCH)
            p.beam_search = {"beam_size": o.beam_size, "patience": -1.0}
        else:
            p = pw.whisper_full_default_params(strategy.WHISPER_SAMPLING_GREEDY)
        if o.initial_prompt:
            p.initial_prompt = o.initial_prompt
        p.n_threads = o.n_threads
        p.language = o.language
        p.translate = False
        p.detect_language = False
        p.no_context = True
        p.print_progress = False
        p.print_realtime = False
        p.print_timestamps = False
        p.print_special = False
        p.token_timestamps = True
        p.single_segment = o.single_segment
        p.audio_ctx = audio_ctx
        p.temperature = 0.0
        p.temperature_inc = o.temperature_inc
        p.no_speech_thold = o.no_speech_thold
        p.logprob_thold = o.logprob_thold
        p.suppress_nst = o.suppress_non_speech
        p.max_tokens = max(0, o.max_tokens) if o.max_tokens else int(12 * min(seconds, 30.0)) + 16
        return p

    def decode(self, audio: npt.NDArray[np.float32], audio_ctx: int) -> list[tuple[list[Token], bytes]]:
        """Run whisper.cpp on 16 kHz float32 audio; per segment, its text tokens and its text."""
        pw = self._pw
        params = self._params(audio_ctx, audio.size / WHISPER_RATE)
        rc = pw.whisper_full(self._ctx, params, audio, audio.size)
        if rc != 0:
            raise SpeechError(f"whisper.cpp decode failed (code {rc})")
        out = []
        for i in range(pw.whisper_full_n_segments(self._ctx)):
            toks = []
            for j in range(pw.whisper_full_n_tokens(self._ctx, i)):
                d = pw.whisper_full_get_token_data(self._ctx, i, j)
                if d.id >= self._eot:  # special and timestamp tokens
                    continue
                raw = pw.whisper_token_to_bytes(self._ctx, d.id)
                t0, t1 = d.t0 / 100.0, d.t1 / 100.0
                if self.options.dtw and d.t_dtw >= 0:  # the aligned moment the token is said
                    t0 = t1 = d.t_dtw / 100.0
                toks.append(Token(d.id, raw, t0, t1, float(d.p), float(d.plog)))
            if toks:
                toks[-1].segment_last = True
            out.append((toks, pw.whisper_full_get_segment_text(self._ctx, i)))
        return out

    def transcribe_one(self, utt: Utterance) -> Result:
        o = self.options
        empty = Transcript(utt.call_id, utt.leg, utt.t0, utt.t1, "", (), self.name)
        if len(utt.samples) == 0 or rms_dbfs(utt.samples) < o.gate_dbfs:
            return Result(empty, gated=True)
        audio = to_whisper(utt.samples, utt.rate)
        seconds = audio.size / WHISPER_RATE
        if seconds < _MIN_SECONDS:
            pad = np.zeros(int(_MIN_SECONDS * WHISPER_RATE) - audio.size, np.float32)
            audio = np.concatenate([audio, pad])
        ctx = o.ctx_for(max(seconds, _MIN_SECONDS))
        tokens, infos = self._kept_segments(audio, ctx)
        tr = transcript_of(utt, tokens, self.name)
        return Result(tr, tuple(infos), audio_ctx=ctx, language=self.decoded_language())

    def decoded_language(self) -> str:
        """The language of the last decode: whisper.cpp's detection when the option is "auto"."""
        if self.options.language != "auto":
            return self.options.language
        return str(self._pw.whisper_lang_str(int(self._pw.whisper_full_lang_id(self._ctx))) or "")

    def _kept_segments(
        self, audio: npt.NDArray[np.float32], ctx: int
    ) -> tuple[list[Token], list[SegmentInfo]]:
        tokens: list[Token] = []
        infos: list[SegmentInfo] = []
        for toks, seg_text in self.decode(audio, ctx):
            raw_text = seg_text.decode("utf-8", errors="replace").strip()
            if not toks or not raw_text:
                continue
            info, kept = self._judge(raw_text, toks, [i.text for i in infos])
            infos.append(info)
            tokens.extend(kept)
        return tokens, infos

    def _judge(
        self, raw_text: str, toks: Sequence[Token], earlier: Sequence[str] = ()
    ) -> tuple[SegmentInfo, list[Token]]:
        """The segment's statistics and the tokens kept of it: all of them, none, or those
        before a repetition loop it ends in (:func:`.loops.loop_cut`; those kept leave every
        utterance that holds them unheard: ``Token.looped``)."""
        info = self._stats(raw_text, toks, earlier)
        if info.kept:
            return info, list(toks)
        o = self.options
        if not o.keep_before_loop or info.compression_ratio <= o.compression_ratio_thold:
            return info, []
        keep = trim([t.raw for t in toks])
        if keep is None:
            return info, []
        head = [replace(t, looped=True) for t in toks[:keep]]
        text = b"".join(t.raw for t in head).decode("utf-8", errors="replace").strip()
        trimmed = self._stats(text, head, earlier)
        if not trimmed.kept:
            return info, []
        return replace(trimmed, loop_cut=True), head

    def _stats(self, raw_text: str, toks: Sequence[Token], earlier: Sequence[str]) -> SegmentInfo:
        """Keep decoded text unless its mean log-probability or its compression ratio says the
        decoder was guessing or looping, or it is an echo of ``earlier`` text of its window
        (:func:`.packing.echoes`)."""
        o = self.options
        text = clean_text(raw_text)
        avg = float(np.mean([t.plog for t in toks]))
        cr = compression_ratio(raw_text)
        keep = bool(text) and avg >= o.drop_logprob and cr <= o.compression_ratio_thold
        if keep and o.dtw and echoes([t.t0 for t in toks], raw_text, earlier):
            keep = False  # a repeat of ``earlier`` text that the audio does not hold
        if keep and o.drop_repeats and repeats(raw_text, earlier):
            keep = False  # sentences of ``earlier`` text said again, segment after segment
        return SegmentInfo(text, avg, cr, keep)

    def transcribe_many(self, utts: Sequence[Utterance], max_seconds: float = 0.0) -> list[Result]:
        """Batch scheduling: decode waiting utterances (any calls) packed into one window.

        The utterances are laid end to end with ``pack_gap_s`` of silence between them and
        decoded once; each token goes back to the utterance whose span (plus the gap after it)
        holds its midpoint, or whose sentence it ends (:func:`.packing.owners`). Packing stops at
        ``max_seconds`` of audio (0: ``pack_seconds``).
        """
        o = self.options
        results: list[Result | None] = [None] * len(utts)
        live: list[tuple[int, npt.NDArray[np.float32]]] = []
        for i, utt in enumerate(utts):
            if len(utt.samples) == 0 or rms_dbfs(utt.samples) < o.gate_dbfs:
                empty = Transcript(utt.call_id, utt.leg, utt.t0, utt.t1, "", (), self.name)
                results[i] = Result(empty, gated=True)
            else:
                live.append((i, to_whisper(utt.samples, utt.rate)))
        gap = np.zeros(int(o.pack_gap_s * WHISPER_RATE), np.float32)
        seconds = [audio.size / WHISPER_RATE for _, audio in live]
        for group in pack_groups(seconds, o.pack_gap_s, max_seconds or o.pack_seconds):
            pack = [live[k] for k in group]
            if len(pack) == 1:
                results[pack[0][0]] = self.transcribe_one(utts[pack[0][0]])
                continue
            pieces: list[npt.NDArray[np.float32]] = []
            spans: list[tuple[float, float]] = []
            for _, audio in pack:
                start = sum(p.size for p in pieces) / WHISPER_RATE
                pieces += [audio, gap]
                spans.append((start, start + audio.size / WHISPER_RATE))
            packed = np.concatenate(pieces)
            ctx = o.ctx_for(packed.size / WHISPER_RATE)
            infos: list[SegmentInfo] = []
            if o.single_segment:  # judged per utterance below
                tokens = [t for toks, _ in self.decode(packed, ctx) for t in toks]
            else:
                tokens, infos = self._kept_segments(packed, ctx)
            own = owners([(t.t0 + t.t1) / 2 for t in tokens], [t.raw for t in tokens],
                         [t.segment_last for t in tokens], spans, o.pack_gap_s)
            said: list[str] = []  # single segment: the window's utterances judged so far
            for k, (i, _) in enumerate(pack):
                a = spans[k][0]
                mine = [t for t, ok in zip(tokens, own, strict=True) if ok == k]
                if o.single_segment:
                    # The window is one segment: each utterance's words are judged on their own,
                    # so one looping utterance neither takes the others with it nor hides among them.
                    raw = b"".join(t.raw for t in mine).decode("utf-8", errors="replace").strip()
                    if mine and raw:
                        info, mine = self._judge(raw, mine, said)
                        infos = [info]
                        if info.kept:
                            said.append(info.text)
                    else:
                        infos = []
                utt = utts[i]
                shifted = [replace(t, t0=t.t0 - a, t1=t.t1 - a, segment_last=False) for t in mine]
                tr = transcript_of(utt, shifted, self.name)
                results[i] = Result(tr, tuple(infos), audio_ctx=ctx, language=self.decoded_language())
        return [r for r in results if r is not None]

    def close(self) -> None:
        if self._ctx is not None:
            self._pw.whisper_free(self._ctx)
            self._ctx = None

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # interpreter shutdown: nothing left to report to
            pass

"""The decoder's initial prompt: contact-centre vocabulary and the site's own terms (issue 15).

Whisper conditions each window on the prompt as if it were the text said just before, so the
words in it become likelier: measured on the telephone set (README, "Domain prompting"), the
cue words redaction and guidance key on ("date of birth", "security code", "card number", the
organisation's name) were heard 43 times of 54 with the vocabulary and the site's names, 35
without; but the whole set's WER rose 14.7 -> 16.9 % (a prompt also makes the decoder repeat
or drop a sentence it resembles), so no prompt is the default. ``[speech] prompt`` and
``[speech] terms`` turn it on for a site that weighs those words above the rest.
"""

from __future__ import annotations

from collections.abc import Sequence

from ccedge.core.speech.errors import SpeechError

# ``[speech] prompt = "contact-centre"``: the vocabulary measured as "prompt-site" (with the names).
VOCABULARY = ("A recorded contact centre call. Card number, expiry date, security code, date of birth, "
              "member ID, policy number, account, balance, payment.")
BUILT_IN = {"contact-centre": VOCABULARY}
# whisper.cpp keeps at most half of the 448-token text context for the prompt; a prompt this long
# in characters is already near that, and a longer one would be cut from its start unseen.
MAX_CHARS = 600


def domain_prompt(prompt: str = "", terms: Sequence[str] = (), what: str = "speech prompt") -> str:
    """The initial prompt for ``[speech] prompt`` (a built-in name, or the text itself) followed by
    the site's ``terms`` (organisation and product names); "" when both are empty. Errors name the
    setting as ``what``."""
    text = BUILT_IN.get(prompt, prompt).strip()
    names = [t.strip() for t in terms if t.strip()]
    if names:
        text = (text + " " if text else "") + ", ".join(names) + "."
    if len(text) > MAX_CHARS:
        raise SpeechError(f"{what}: {len(text)} characters with the terms, at most {MAX_CHARS}")
    if any(ord(c) < 32 for c in text):
        raise SpeechError(f"{what}: control characters are not allowed")
    return text


__all__ = ["BUILT_IN", "MAX_CHARS", "VOCABULARY", "domain_prompt"]

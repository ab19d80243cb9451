"""Six calls labelled for the sentiment-trend rule (``customer-frustration``) only."""

from __future__ import annotations

from ccedge.testing.guidance_script import NA, M, ScriptedCall, V
from ccedge.testing.guidance_script import scripted as _ho


def sentiment_calls() -> list[ScriptedCall]:
    """Six calls labelled for ``customer-frustration`` only (rising frustration, recovered or not).

    violated: the customer grows angry and is still angry at the end; met: frustration rose and
    the call recovered it; not_applicable: no rising frustration (calm calls, a sad but not
    frustrated caller, a problem stated politely). Written after tuning, like ``heldout_calls``.
    """
    a, u = "agent", "customer"
    calls = [
        _ho("ho-sent-00", "service", [
            (a, "Good morning, Acme Telecom, my name is Jo."),
            (u, "My internet has been down for three days."),
            (a, "Let me check the line."),
            (u, "This is terrible, I work from home and I am losing money every single day."),
            (a, "The next engineer visit is in two weeks."),
            (u, "Two weeks? That is awful. You are useless, I am absolutely furious."),
            (a, "That is the earliest slot."),
            (u, "Unbelievable. I hate this company, worst service ever.")],
            customer_frustration=V),
        _ho("ho-sent-01", "service", [
            (a, "Good afternoon, Acme Telecom, my name is Jo."),
            (u, "I was charged twice this month and I am really angry about it."),
            (a, "I am sorry about that, let me look."),
            (u, "This is the second time, it is a disgrace and a total mess."),
            (a, "I have refunded both charges and added a credit to your account."),
            (u, "Oh, that is great, thank you so much, I really appreciate your help."),
            (a, "You are welcome, have a lovely day."),
            (u, "Thanks, you have been brilliant, bye.")],
            customer_frustration=M),
        _ho("ho-sent-02", "finance", [
            (a, "Northwind Bank, this call is recorded, my name is Sam."),
            (u, "Hi, I would like to order a new cheque book please."),
            (a, "Of course, it will arrive within five working days."),
            (u, "Lovely, thank you very much."),
            (a, "Is there anything else I can help you with today? Have a great day."),
            (u, "No, that is all, thanks, bye.")],
            customer_frustration=NA),
        _ho("ho-sent-03", "finance", [
            (a, "Northwind Bank, this call is recorded, my name is Sam."),
            (u, "I am furious, my card was declined at the shop and it was so embarrassing."),
            (a, "I am sorry, let me check. There was a fraud check on it."),
            (u, "That is ridiculous, this is a terrible way to treat people, I am so angry."),
            (a, "I understand your frustration. I have cleared the block, the card works again now."),
            (u, "Okay, good, thank you, that is a relief."),
            (a, "Is there anything else I can help you with today?"),
            (u, "No, thanks, that is great, bye.")],
            customer_frustration=M),
        _ho("ho-sent-04", "healthcare", [
            (a, "Riverside Clinic, this call may be recorded, how can I help?"),
            (u, "Hello, I need to book a follow up appointment with Doctor Patel."),
            (a, "Sure, there is a slot on Thursday at ten."),
            (u, "Thursday at ten is perfect, thank you."),
            (a, "Anything else I can help you with? Have a good day."),
            (u, "No, thank you, goodbye.")],
            customer_frustration=NA),
        _ho("ho-sent-05", "healthcare", [
            (a, "Riverside Clinic, this call may be recorded, how can I help?"),
            (u, "I have been waiting a month for my results, this is absolutely awful."),
            (a, "Let me see. The lab has not sent them yet."),
            (u, "That is ridiculous, I am so angry and worried, nobody ever calls me back."),
            (a, "I can chase the lab next week."),
            (u, "Next week? This is a disgrace, I am sick of this terrible clinic.")],
            customer_frustration=V),
    ]
    for k, c in enumerate(calls):
        c.agent = f"agent-{k % 5 + 1}"
        c.caller_key = f"ho-sent-caller-{k}"
    return calls

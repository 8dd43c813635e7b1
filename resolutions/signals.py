"""Signals other stages listen to (the deadlines meet their clocks on them).

Each is sent inside the transaction of its step, so a receiver commits or rolls back with it:

- ``solution_proposed``: ``complaint``, ``proposal`` — a mediation proposal, the solution offered;
- ``callback_made``: ``complaint``, ``at`` — someone called the complainant after the result notice;
- ``survey_answered``: ``complaint``, ``follow_up`` — the satisfaction survey's answer, through the
  link or recorded from a phone callback (``follow_up.channel``).
"""

from django.dispatch import Signal

solution_proposed = Signal()
callback_made = Signal()
survey_answered = Signal()

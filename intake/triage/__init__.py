"""Triage of a complaint's text (domain.md §2): a proposal of category, severity, service type and urgency.

Category, severity and service type come from models learned from a labelled corpus (``data/triage``)
and from the complaints agents confirmed; urgency comes from a recall-first detector of its own,
because an emergency filed as "other / general" waits in the queue with everything else. The
agent sees the proposal with its confidence and the words that drove it, and decides.
"""

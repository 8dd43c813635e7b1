"""Signals other stages listen to.

Each is sent inside the transaction of its step, so a receiver that moves a deadline commits or
rolls back together with it:

- ``investigation_extension_approved``: ``complaint``, ``hours``;
- ``investigation_report_submitted``: ``complaint``, ``report``;
- ``finding_review_recorded``: ``complaint``, ``review`` (a step of the review chain after a finding);
- ``evidence_requested``: ``complaint``, ``request`` (evidence asked of the worker or the company);
- ``evidence_received``: ``complaint``, ``request``, ``by`` (the person who recorded its arrival).
"""

from django.dispatch import Signal

investigation_extension_approved = Signal()
investigation_report_submitted = Signal()
finding_review_recorded = Signal()
evidence_requested = Signal()
evidence_received = Signal()

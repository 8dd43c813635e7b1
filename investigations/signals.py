"""Signals other stages listen to.

``investigation_extension_approved`` is sent inside the approving transaction with
``complaint`` and ``hours``, so a receiver that moves the investigation deadline commits or rolls
back together with the approval.
"""

from django.dispatch import Signal

investigation_extension_approved = Signal()

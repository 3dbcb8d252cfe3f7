"""Signals other features listen to, so reviews never imports the apps built on it."""

from django.dispatch import Signal

# Sent after a review's care plan or pre-meeting report dates are recorded (review=, user=).
documents_recorded = Signal()

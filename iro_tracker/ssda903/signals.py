"""Signals for the features that take their own records from a 903 return."""

from django.dispatch import Signal

# Sent inside the import's transaction, after its rows are written and before it commits:
# run=ImportRun, years=[CollectionYear], child_ids={CHILD: database id}, user=User.
# A receiver that raises rolls the whole import back.
return_loaded = Signal()

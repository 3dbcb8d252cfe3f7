"""The QA question set is configured in the admin: reworded, reordered or retired, never deleted."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from iro_tracker.outcomes.models import QAQuestion


@admin.register(QAQuestion)
class QAQuestionAdmin(SimpleHistoryAdmin):
    list_display = ("text", "code", "kind", "order", "active")
    list_editable = ("order", "active")
    list_filter = ("active", "kind")

    def has_delete_permission(self, request, obj=None):
        # Answers point at their question: retiring (active = False) keeps old records whole.
        return False

    def get_readonly_fields(self, request, obj=None):
        # The code is what reporting keys on: fixed once the question exists.
        return ("code",) if obj is not None else ()

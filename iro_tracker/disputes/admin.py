"""Authorities edit the stages of their formal process here. Nothing is deleted."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from iro_tracker.disputes.models import Stage


@admin.register(Stage)
class StageAdmin(SimpleHistoryAdmin):
    list_display = ("position", "name", "response_working_days", "active")
    list_display_links = ("name",)
    list_editable = ("response_working_days", "active")
    ordering = ("position",)

    def has_delete_permission(self, request, obj=None):
        # Past issues keep the stage they reached: switch a stage off instead.
        return False

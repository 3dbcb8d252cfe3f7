"""Sibling groups are kept right in the admin by a system administrator: a brother or sister
the conferences never brought together can be added, a wrong link removed (links, not
children, are deleted; the change history keeps both)."""

from django.contrib import admin

from iro_tracker.conferences.models import SiblingGroup, SiblingLink


class SiblingLinkInline(admin.TabularInline):
    model = SiblingLink
    raw_id_fields = ("child",)
    extra = 1


@admin.register(SiblingGroup)
class SiblingGroupAdmin(admin.ModelAdmin):
    list_display = ("__str__", "created_at")
    search_fields = ("name", "links__child__local_id", "links__child__last_name")
    inlines = [SiblingLinkInline]

    def has_delete_permission(self, request, obj=None):
        return False

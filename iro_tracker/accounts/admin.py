"""Staff accounts are managed in Django's admin by a system administrator (superuser).

Nothing is deleted: accounts are deactivated instead, so history and logs keep their owner.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group

from iro_tracker.accounts.models import SpecialistLead, Team, User


class NoDeleteAdmin(admin.ModelAdmin):
    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = (
        "username",
        "first_name",
        "last_name",
        "role",
        "is_iro",
        "is_cpa",
        "fte",
        "is_active",
    )
    list_filter = ("role", "is_iro", "is_cpa", "is_active")
    fieldsets = BaseUserAdmin.fieldsets + (
        (
            "Safeguarding Unit",
            {
                "fields": (
                    "role",
                    "is_iro",
                    "is_cpa",
                    "fte",
                    "started_on",
                    "left_on",
                    "specialist_leads",
                    "team_links",
                ),
            },
        ),
    )

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(Team, NoDeleteAdmin)
admin.site.register(SpecialistLead, NoDeleteAdmin)
admin.site.unregister(Group)
admin.site.site_header = "IRO Tracker administration"

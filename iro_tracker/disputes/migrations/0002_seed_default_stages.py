"""The default stages of the formal process (issue 5): an authority edits them in the admin."""

from django.db import migrations

DEFAULT_STAGES = [
    (1, "Practice manager"),
    (2, "Operations manager"),
    (3, "Head of service"),
    (4, "Assistant director"),
    (5, "Director"),
]


def seed(apps, schema_editor):
    Stage = apps.get_model("disputes", "Stage")
    for position, name in DEFAULT_STAGES:
        # An authority that already set up its stages keeps them.
        Stage.objects.get_or_create(name=name, defaults={"position": position})


def unseed(apps, schema_editor):
    Stage = apps.get_model("disputes", "Stage")
    # Only stages no issue has reached can go; the others stay, as the record needs them.
    Stage.objects.filter(name__in=[n for _, n in DEFAULT_STAGES], steps__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("disputes", "0001_issues_stages_and_oversight")]

    operations = [migrations.RunPython(seed, unseed)]

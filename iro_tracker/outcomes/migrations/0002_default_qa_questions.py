"""The default QA question set (seed report §9.12-9.13; issue 7). Reversible.

Codes are what the reporting keys on: ``rules.metrics.qa`` reads health_assessment_up_to_date,
pep_up_to_date and care_plan_quality. An authority rewords, reorders or retires questions in
the admin; it never deletes them.
"""

from django.db import migrations

DEFAULTS = [
    ("care_plan_quality", "Quality of the care plan", "quality"),
    ("placement_meets_needs", "Does the placement meet the child's needs?", "yes_no"),
    ("health_assessment_up_to_date", "Is the health assessment up to date?", "yes_no"),
    ("health_assessment_quality", "Quality of the health assessment", "quality"),
    ("dental_check", "Is the dental check up to date?", "yes_no"),
    ("pep_up_to_date", "Is the Personal Education Plan (PEP) up to date?", "yes_no"),
    ("pep_quality", "Quality of the Personal Education Plan (PEP)", "quality"),
    ("legal_status_appropriate", "Is the child's legal status still appropriate?", "yes_no"),
    ("permanence_plan", "Is there a permanence plan, and is it on track?", "yes_no"),
    ("sibling_contact", "Does sibling contact meet the plan?", "yes_no"),
]


def add_defaults(apps, schema_editor):
    QAQuestion = apps.get_model("outcomes", "QAQuestion")
    for order, (code, text, kind) in enumerate(DEFAULTS, start=1):
        QAQuestion.objects.update_or_create(
            code=code, defaults={"text": text, "kind": kind, "order": order * 10}
        )


def remove_defaults(apps, schema_editor):
    QAQuestion = apps.get_model("outcomes", "QAQuestion")
    QAQuestion.objects.filter(code__in=[code for code, _, _ in DEFAULTS]).delete()


class Migration(migrations.Migration):
    dependencies = [("outcomes", "0001_outcome_record_decisions_qa_letters")]

    operations = [migrations.RunPython(add_defaults, remove_defaults)]

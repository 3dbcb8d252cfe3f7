"""PEPs and school contacts recorded in the browser and reflected at once on the record."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from iro_tracker.education import services
from iro_tracker.education.models import PersonalEducationPlan

pytestmark = pytest.mark.django_db

TODAY = date(2019, 2, 1)


def day(prefix, d):
    return {f"{prefix}_0": d.day, f"{prefix}_1": d.month, f"{prefix}_2": d.year}


def detail(client, child):
    return client.get(reverse("children:detail", args=[child.pk])).content.decode()


@time_machine.travel(TODAY)
def test_business_support_records_the_date_and_the_iro_judges_the_quality(
    client, support, allocated_iro, child
):
    client.force_login(support)
    assert "No PEP recorded: the first was due 8 Jan 2019." in detail(client, child)
    form = client.get(reverse("education:pep", args=[child.pk])).context["form"]
    assert "quality" not in form.fields  # business support records dates only
    response = client.post(
        reverse("education:pep", args=[child.pk]), day("held_on", date(2019, 1, 9))
    )
    assert response.status_code == 302
    page = detail(client, child)
    assert "Late" in page and "Due 31 Aug 2019" in page  # spring term PEP: next by summer's end

    client.force_login(allocated_iro)
    plan = PersonalEducationPlan.objects.get()
    url = reverse("education:judge", args=[plan.pk])
    response = client.post(url, {"quality": "requires_improvement", "quality_note": ""})
    assert "Say what needs to improve." in response.content.decode()
    client.post(url, {"quality": "requires_improvement", "quality_note": "No targets set."})
    plan.refresh_from_db()
    assert (plan.quality, plan.judged_by, plan.judged_on) == (
        "requires_improvement", allocated_iro, TODAY,
    )  # fmt: skip
    assert "Requires improvement (judged by Ada Reviewer): No targets set." in detail(client, child)


@time_machine.travel(TODAY)
def test_school_and_virtual_school_contact(client, support, child):
    client.force_login(support)
    data = {**day("contact_on", TODAY), "with_whom": "virtual_school", "name": "Ms Head"}
    assert client.post(reverse("education:contact", args=[child.pk]), data).status_code == 302
    assert "1 Feb 2019: Virtual school (Ms Head)" in detail(client, child)


@time_machine.travel(TODAY)
def test_pep_rules_in_the_service(child, allocated_iro):
    services.record_pep(child, held_on=date(2019, 1, 9), quality="good", user=allocated_iro)
    with pytest.raises(ValidationError) as error:
        services.record_pep(child, held_on=date(2019, 1, 9))
    assert "already recorded" in error.value.message_dict["held_on"][0]
    with pytest.raises(ValidationError):
        services.record_pep(child, held_on=date(2019, 3, 1))  # in the future

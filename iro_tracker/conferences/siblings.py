"""Sibling groups: children of one family, who share conferences and, normally, an IRO."""

from __future__ import annotations

from collections.abc import Sequence

from iro_tracker.children.models import Child
from iro_tracker.conferences.models import SiblingGroup, SiblingLink


def by(obj, user):
    """Mark ``obj``'s next change-history row as made by ``user``."""
    if user is not None:
        obj._history_user = user
    return obj


def link_siblings(children: Sequence[Child], *, user=None) -> SiblingGroup | None:
    """Put ``children`` in one sibling group, merging any groups they already belong to
    into the oldest. Returns the group (None for fewer than two children)."""
    if len(children) < 2:
        return None
    links = list(SiblingLink.objects.filter(child__in=children).select_related("group"))
    groups = sorted({link.group for link in links}, key=lambda g: g.pk)
    if groups:
        group = groups[0]
    else:
        group = by(SiblingGroup(name=f"{children[0].last_name} siblings".strip()), user)
        group.save()
    for other in groups[1:]:
        for link in other.links.all():
            link.group = group
            by(link, user).save(update_fields=["group"])
    linked = {link.child_id for link in links}
    for child in children:
        if child.pk not in linked:
            by(SiblingLink(group=group, child=child), user).save()
    return group


def siblings_of(child: Child) -> list[Child]:
    """The other children in the child's sibling group, by name."""
    return list(
        Child.objects.active()
        .filter(sibling_link__group__links__child=child)
        .exclude(pk=child.pk)
        .distinct()
    )

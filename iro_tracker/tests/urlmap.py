"""Every URL of the project, built for the test scene, and the list the resolver knows.

``url_names()`` walks the URL resolver, so a page added anywhere appears here and
``test_url_matrix`` fails until the new page is given its row.
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Django's admin is guarded by its own is_staff check (tested separately).
SKIP_NAMESPACES = {"admin"}


def url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                ns = entry.namespace or namespace
                if ns in SKIP_NAMESPACES:
                    continue
                walk(entry.url_patterns, ns)
            elif isinstance(entry, URLPattern) and entry.name:
                names.add(f"{namespace}:{entry.name}" if namespace else entry.name)

    walk(get_resolver().url_patterns, None)
    return names


def r(name, *args):
    return lambda s: reverse(name, args=[a(s) if callable(a) else a for a in args])


def child(s):
    return s.child.pk


YEAR = 2018

# name -> URL builder from the scene. Methods are GET unless listed in POST_ONLY.
URLS = {
    "accounts:home": r("accounts:home"),
    "accounts:login": r("accounts:login"),
    "accounts:logout": r("accounts:logout"),
    "accounts:two_factor_verify": r("accounts:two_factor_verify"),
    "accounts:profile": r("accounts:profile"),
    "accounts:two_factor_setup": r("accounts:two_factor_setup"),
    "accounts:backup_codes": r("accounts:backup_codes"),
    "accounts:password_change": r("accounts:password_change"),
    "audit:justify": r("audit:justify", child),
    "children:list": r("children:list"),
    "children:detail": r("children:detail", child),
    "children:allocate": r("children:allocate", child),
    "reviews:caseload": r("reviews:caseload"),
    "reviews:due": r("reviews:due"),
    "reviews:summary": r("reviews:summary"),
    "reviews:record": r("reviews:record", lambda s: s.pending.pk),
    "reviews:complete": r("reviews:complete", lambda s: s.pending.pk),
    "reviews:schedule": r("reviews:schedule", lambda s: s.pending.pk),
    "reviews:adjourn": r("reviews:adjourn", lambda s: s.pending.pk),
    "ssda903:list": r("ssda903:list"),
    "ssda903:new": r("ssda903:new"),
    "ssda903:quality": r("ssda903:quality"),
    "ssda903:detail": r("ssda903:detail", lambda s: s.run.pk),
    "ssda903:confirm": r("ssda903:confirm", lambda s: s.run.pk),
    "ssda903:problems_csv": r("ssda903:problems_csv", lambda s: s.run.pk),
    "reporting:index": r("reporting:index"),
    "reporting:report": r("reporting:report", YEAR),
    "reporting:pdf": r("reporting:pdf", YEAR),
    "reporting:docx": r("reporting:docx", YEAR),
    "reporting:children": r("reporting:children", YEAR, "reviews.late"),
    "reporting:narrative": r("reporting:narrative", YEAR, "service"),
    "reporting:population": r("reporting:population", YEAR),
    "health:overview": r("health:overview"),
    "health:iha": r("health:iha", child),
    "health:assessment": r("health:assessment", child),
    "health:dental": r("health:dental", child),
    "health:immunisations": r("health:immunisations", child),
    "health:sdq": r("health:sdq", child),
    "education:pep": r("education:pep", child),
    "education:judge": r("education:judge", lambda s: s.pep.pk),
    "education:contact": r("education:contact", child),
    "court:list": r("court:list"),
    "court:edit": r("court:edit", lambda s: s.proceedings.pk),
    "court:new": r("court:new", child),
    "court:watch": r("court:watch"),
    "court:discuss": r("court:discuss", child),
    "stability:overview": r("stability:overview"),
    "stability:short_breaks": r("stability:short_breaks"),
    "stability:disability": r("stability:disability", child),
    "outcomes:record": r("outcomes:record", lambda s: s.held.pk),
    "outcomes:meeting": r("outcomes:meeting", lambda s: s.held.pk),
    "outcomes:add_decision": r("outcomes:add_decision", lambda s: s.held.pk),
    "outcomes:quality": r("outcomes:quality", lambda s: s.held.pk),
    "outcomes:circulation": r("outcomes:circulation", lambda s: s.held.pk),
    "outcomes:document": r("outcomes:document", lambda s: s.held.pk, "html"),
    "outcomes:decision": r("outcomes:decision", lambda s: s.decision.pk),
    "outcomes:letter": r("outcomes:letter", lambda s: s.held.pk),
    "outcomes:letter_create": r("outcomes:letter_create", lambda s: s.held.pk),
    "outcomes:letter_edit": r("outcomes:letter_edit", lambda s: s.letter.pk),
    "outcomes:letter_finalise": r("outcomes:letter_finalise", lambda s: s.letter.pk),
    "outcomes:letter_revise": r("outcomes:letter_revise", lambda s: s.letter.pk),
    "outcomes:letter_sent": r("outcomes:letter_sent", lambda s: s.letter.pk),
    "outcomes:letter_download": r("outcomes:letter_download", lambda s: s.letter.pk, "html"),
    "conferences:record": r("conferences:record"),
    "conferences:strategy": r("conferences:strategy"),
    "conferences:detail": r("conferences:detail", lambda s: s.conference.pk),
    "conferences:amend": r("conferences:amend", lambda s: s.conference.pk),
    "conferences:core_group": r("conferences:core_group", lambda s: s.plan.pk),
    "conferences:close_enquiry": r("conferences:close_enquiry", lambda s: s.enquiry.pk),
    "caseloads:list": r("caseloads:list"),
    "caseloads:chair": r("caseloads:chair", lambda s: s.chair.pk),
    "caseloads:suggest": r("caseloads:suggest", child),
    "dashboard:home": r("dashboard:home"),
    "dashboard:list": r("dashboard:list", "reviews.overdue"),
    "disputes:index": r("disputes:index"),
    "disputes:detail": r("disputes:detail", lambda s: s.issue.pk),
    "disputes:escalate": r("disputes:escalate", lambda s: s.issue.pk),
    "disputes:respond": r("disputes:respond", lambda s: s.issue.pk),
    "disputes:resolve": r("disputes:resolve", lambda s: s.issue.pk),
    "disputes:cafcass": r("disputes:cafcass", lambda s: s.issue.pk),
    "disputes:action": r("disputes:action", lambda s: s.issue.pk),
    "disputes:raise": r("disputes:raise", child),
    "disputes:midway": r("disputes:midway", child),
    "disputes:contact": r("disputes:contact", child),
    "disputes:oversight": r("disputes:oversight"),
    "disputes:documents": r("disputes:documents"),
    "workqueue:index": r("workqueue:index"),
    "workqueue:invitation": r("workqueue:invitation", lambda s: s.pending.pk),
    "workqueue:calendar": r("workqueue:calendar"),
    "workqueue:feed": r("workqueue:feed", lambda s: s.token),
}

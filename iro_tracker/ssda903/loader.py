"""Load SSDA903 returns into the database: the one way in for `iro import-903` and the upload page.

Two phases (STYLE.md §7). First the pure reader and checks find every problem; with an error
(or, with ``strict``, a finding) nothing is written. Then one transaction merges the return
into children, episodes, reviews and ``ReturnRow``, checks every touched child's merged
record, stores the findings and refreshes the review schedules. A dry run does all of it and
rolls back: that is the upload page's preview. Only an applied run writes inside the
transaction, so a killed import leaves the database as it was.

Merging: records are keyed (child; child + DECOM; child + REVIEW date; table + child + year +
key). A later collection year's row replaces an earlier one's and never the reverse, so the
order years are loaded in does not matter, and loading the same files again changes nothing.
A review recorded in the product is never replaced by an imported one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from operator import attrgetter, itemgetter
from pathlib import Path

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Q
from django.utils import timezone

from iro_tracker.children.models import CareEpisode, Child, Source
from iro_tracker.reviews.models import Kind, Review, Status
from iro_tracker.reviews.scheduling import explain, refresh_schedules
from iro_tracker.rules import codes
from iro_tracker.rules.schedule import SHORT_BREAKS, HeldReview, schedule_reviews
from iro_tracker.ssda903 import tables
from iro_tracker.ssda903.checks import check_child, check_codes, check_year_dates
from iro_tracker.ssda903.models import Finding, ImportRun, ReturnRow, ReturnTable, RunStatus
from iro_tracker.ssda903.problems import ERROR, FINDING, Problem, ProblemList, Reporter
from iro_tracker.ssda903.reader import CollectionYear, Progress, read_return
from iro_tracker.ssda903.signals import return_loaded
from iro_tracker.ssda903.tables import show

BATCH = 2000  # children per round of queries: bounds memory and the size of IN (...) lists
IMPORTED = Source.IMPORTED.value
CANCELLED = Status.CANCELLED.value
EPISODE_FIELDS = tuple(f for f in tables.EPISODES.fields if f not in ("child", "decom"))
OTHER_TABLES = tuple(t for t in ReturnTable.values if t != ReturnTable.HEADER)
Tagged = list[tuple[Problem, int | None]]  # a problem and the collection year it belongs to


class _Rollback(Exception):
    """Undoes the transaction of a dry run, or of a strict run with findings."""


@dataclass
class ImportResult:
    """What ``load_903`` did: its recorded run and every problem, worst first."""

    run: ImportRun
    problems: ProblemList

    @property
    def applied(self) -> bool:
        return self.run.status == RunStatus.APPLIED

    @property
    def summary(self) -> dict:
        return self.run.summary


def load_903(
    paths: Sequence[Path],
    *,
    user,
    year: int | None = None,
    dry_run: bool = False,
    strict: bool = False,
    progress: Progress | None = None,
    via: str = "command",
    preview: ImportRun | None = None,
) -> ImportResult:
    """Read, check and (unless ``dry_run``) import SSDA903 returns; see the module docstring.

    Never raises on bad data: errors come back in ``result.problems`` with the run recorded
    as failed and nothing changed. ``progress(label, done, total)`` is called while reading
    each file and while saving. ``preview``: the previewed run this import confirms.
    """
    run = ImportRun(user=user, dry_run=dry_run, strict=strict, via=via, preview=preview)
    years = read_return([Path(p) for p in paths], year=year, progress=progress)
    data = [cy for cy in years if cy.year is not None]
    run.years = [cy.year for cy in data]
    run.files = [
        {"name": s.name, "sha256": s.sha256, "table": s.table, "rows": s.rows}
        for cy in years
        for s in cy.sources
    ]
    tagged: Tagged = [(p, cy.year) for cy in years for p in cy.problems]
    for cy in data:
        tagged += [(p, cy.year) for p in check_codes(cy) + check_year_dates(cy)]
        tagged += [(p, cy.year) for p in _unstorable(cy)]
    counts: dict = {"rows": _rows_read(data), "year_given": year}
    if strict:
        tagged = [(p.as_error() if p.severity == FINDING else p, y) for p, y in tagged]
    if any(p.severity == ERROR for p, _ in tagged):
        return _record(run, RunStatus.FAILED, tagged, counts)
    try:
        with transaction.atomic():
            run.status = RunStatus.APPLIED
            run.save()
            writer = _Writer(run, user, _Merged(data), progress)
            writer.write()
            return_loaded.send(
                sender=ImportRun, run=run, years=data, child_ids=writer.ids, user=user
            )
            counts.update(writer.counts)
            found = [(p.as_error() if strict else p, None) for p in writer.problems]
            tagged += found
            if dry_run or any(p.severity == ERROR for p, _ in found):
                raise _Rollback
            return _record(run, RunStatus.APPLIED, tagged, counts, writer.ids)
    except _Rollback:
        pass
    run.pk = None  # the rolled-back row is gone: record the run afresh
    failed = any(p.severity == ERROR for p, _ in tagged)
    return _record(run, RunStatus.FAILED if failed else RunStatus.PREVIEWED, tagged, counts)


def _rows_read(years: list[CollectionYear]) -> dict[str, int]:
    rows: Counter = Counter()
    for cy in years:
        rows["header"] += len(cy.children)
        rows["uasc"] += sum(1 for c in cy.children if c.uasc)
        for name in ("episodes", "reviews", *OTHER_TABLES):
            rows[name] += len(getattr(cy, name))
    return {name: n for name, n in rows.items() if n}


# Row attributes checked against the length of the field that holds them.
_STORED = (
    ("children", Child, {"child": "local_id", "ethnic": "ethnicity", "upn": "upn"}),
    ("episodes", CareEpisode, {f: f for f in EPISODE_FIELDS if f != "dec"}),
    ("reviews", Review, {"review_code": "participation"}),
)


def _unstorable(cy: CollectionYear) -> list[Problem]:
    """Errors for values the database cannot hold: a blank DOB, a value longer than its field.

    Unknown codes are findings, kept as given; but a value too long for its column (a
    ``*DUMMY*`` legal status) cannot be kept, so it must stop the import.
    """
    found: list[Problem] = []
    for table, model, pairs in _STORED:
        rows = getattr(cy, table)
        for attr, name in pairs.items():
            limit, get = model._meta.get_field(name).max_length, attrgetter(attr)
            if max(map(len, set(map(get, rows))), default=0) <= limit:
                continue  # the usual case, found without a Python loop over the rows
            for row in rows:
                if len(get(row)) > limit:
                    message = f"{len(get(row))} characters long; at most {limit} can be kept"
                    _error(found, row, "E-TOO-LONG", attr.upper(), get(row), message)
    reported = {(p.file, p.row, p.column) for p in cy.problems.errors}
    for c in cy.children:
        if c.dob is None and (c.source_file, c.source_row, "DOB") not in reported:
            _error(found, c, "E-MISSING-VALUE", "DOB", "", "DOB is blank: every child needs one")
        if len(_sex(c.sex)) > 1:
            _error(found, c, "E-TOO-LONG", "SEX", c.sex, f"SEX {c.sex!r} is not a SEX code")
    return found


def _error(found, row, rule, column, value, message) -> None:
    Reporter(found, row.source_file).error(rule, message, row.source_row, column, value, row.child)


def _sex(raw: str) -> str:
    # 1/2 (to 2023-24) and M/F/U (from 2024-25) are held as M/F/U; anything else as given,
    # so the export writes it back and the checks keep reporting it (rule 101).
    return (codes.sex_code_for_year(raw) or raw) if raw else ""


def _key(spec: tables.TableSpec, row) -> str:
    values = (getattr(row, c.lower()) for c in spec.key if c != "CHILD")
    return "|".join(v.isoformat() if isinstance(v, date) else v for v in values)


class _Merged:
    """Every year's rows, one per key, the latest collection year's winning."""

    def __init__(self, years: list[CollectionYear]):
        self.children: dict[str, tuple[int, tables.Child]] = {}
        self.episodes: dict[str, dict] = defaultdict(dict)
        self.reviews: dict[str, dict] = defaultdict(dict)
        self.rows: dict[str, list] = defaultdict(list)
        for cy in years:  # oldest first (read_return sorts them)
            y = cy.year
            for c in cy.children:
                self.children[c.child] = (y, c)
                extra = {"MOTHER": c.mother, "MC_DOB": show(c.mc_dob)}
                extra.update(UASC="1" if c.uasc else "", DUC=show(c.duc))
                if any(extra.values()):  # most children have none: keep no empty rows
                    self.rows[c.child].append(("header", y, "", extra))
            for e in cy.episodes:
                self.episodes[e.child][e.decom] = (y, e)
            for r in cy.reviews:
                self.reviews[r.child][r.review] = (y, r)
            for name in OTHER_TABLES:
                spec = tables.BY_NAME[name]
                columns = [c for c in spec.columns if c != "CHILD"]
                for row in getattr(cy, name):
                    data = {c: show(getattr(row, c.lower())) for c in columns}
                    self.rows[row.child].append((name, y, _key(spec, row), data))


def _newer(held: int | None, year: int) -> bool:
    """True when the database's row came from a later collection year than ``year``."""
    return held is not None and held > year


def _db_label(year: int | None) -> str:
    return f"IRO Tracker ({year}-{(year + 1) % 100:02d} return)" if year else "IRO Tracker"


class _Sql:
    """Inserts and updates by ``executemany``, each row with its history row (who, when, and
    ``+`` or ``~``), as simple-history's bulk helpers write them. The ORM prepares each value
    in Python one at a time: for a national return that alone takes many minutes."""

    HISTORY = ["history_date", "history_change_reason", "history_type", "history_user_id"]

    def __init__(self, user, now):
        self.user_id, self.now = user.pk, now
        self.stamp = connection.ops.adapt_datetimefield_value(now)

    def _prepare(self, field, value):
        # Dates go as they are (Django registers SQLite's adapter; psycopg adapts them).
        if isinstance(field, models.DateTimeField):
            return connection.ops.adapt_datetimefield_value(value)
        if isinstance(field, models.JSONField):
            return field.get_db_prep_save(value, connection)
        return value.value if isinstance(value, Enum) else value

    def _reserve(self, model, n: int) -> list[int]:
        """Primary keys for ``n`` new rows (the history rows need them before the insert)."""
        table = model._meta.db_table
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                sql = "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)"
                cursor.execute(sql, [table, n])
                return [r[0] for r in cursor.fetchall()]
            # SQLite: the transaction holds the write lock, so nobody else takes these ids.
            # S608: table and column names come from model metadata, quoted; values are bound.
            cursor.execute(f"SELECT MAX(id) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            top = cursor.fetchone()[0] or 0
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            seq = cursor.fetchone()
            top = max(top, seq[0] if seq else 0)
            return list(range(top + 1, top + 1 + n))

    def _run(self, table: str, names: list[str], rows: list, where: str = "") -> None:
        qn = connection.ops.quote_name
        if where:
            sets = ", ".join(f"{qn(n)} = %s" for n in names)
            sql = f"UPDATE {qn(table)} SET {sets} WHERE {qn(where)} = %s"  # noqa: S608
        else:
            marks = ", ".join(["%s"] * len(names))
            sql = f"INSERT INTO {qn(table)} ({', '.join(map(qn, names))}) VALUES ({marks})"  # noqa: S608
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql" and not where:
                # COPY streams the rows: several times faster than a statement per row.
                columns = ", ".join(map(qn, names))
                with cursor.cursor.copy(f"COPY {qn(table)} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                return
            for start in range(0, len(rows), 5000):
                cursor.executemany(sql, rows[start : start + 5000])

    def _history(self, model, rows: list[dict], kind: str) -> None:
        history = model.history.model
        tracked = [f.attname for f in history.tracked_fields]
        get, extra = itemgetter(*tracked), (self.stamp, None, kind, self.user_id)
        self._run(history._meta.db_table, tracked + self.HISTORY, [get(r) + extra for r in rows])

    def insert(self, model, records: list[dict]) -> None:
        """Insert ``records`` (attname -> value; field defaults fill the rest); sets ``id``."""
        if not records:
            return
        fields = model._meta.concrete_fields
        defaults = {}
        for f in fields:
            auto = getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
            defaults[f.attname] = self.now if auto else f.get_default()
        defaults = {f.attname: self._prepare(f, defaults[f.attname]) for f in fields}
        special = [f for f in fields if isinstance(f, (models.DateTimeField, models.JSONField))]
        rows = []
        for record, pk in zip(records, self._reserve(model, len(records)), strict=True):
            record["id"] = pk
            row = {**defaults, **record}
            for f in special:
                if f.attname in record:
                    row[f.attname] = self._prepare(f, record[f.attname])
            rows.append(row)
        names = [f.attname for f in fields]
        get = itemgetter(*names)
        self._run(model._meta.db_table, names, [get(r) for r in rows])
        self._history(model, rows, "+")

    def update(self, model, changes: dict[tuple, list]) -> None:
        """Save the changed fields of model instances, grouped by which fields changed."""
        fields = model._meta.concrete_fields
        stamped = any(f.attname == "updated_at" for f in fields)
        for changed, objs in changes.items():
            changed = [*changed, "updated_at"] if stamped else list(changed)
            targets = [model._meta.get_field(name) for name in changed]
            rows = []
            for obj in objs:
                if stamped:
                    obj.updated_at = self.now
                rows.append({f.attname: self._prepare(f, getattr(obj, f.attname)) for f in fields})
            values = [tuple(r[f.attname] for f in targets) + (r["id"],) for r in rows]
            self._run(model._meta.db_table, [f.column for f in targets], values, where="id")
            self._history(model, rows, "~")


class _Writer:
    """Upserts the merged rows batch by batch, with a fixed number of queries per batch."""

    def __init__(self, run: ImportRun, user, merged: _Merged, progress: Progress | None):
        self.run, self.user, self.merged, self.progress = run, user, merged, progress
        self.today = timezone.localdate()
        self.sql = _Sql(user, timezone.now())
        self.counts = {k: Counter() for k in ("children", "episodes", "reviews", "other_rows")}
        self.problems: list[Problem] = []
        self.ids: dict[str, int] = {}
        # Rule 357 (a child's first episode must start a period of care) applies to episodes
        # starting once the data held begins: the earliest collection year ever imported.
        applied = ImportRun.objects.filter(status=RunStatus.APPLIED).values_list("years", flat=True)
        self.first_year = min([*run.years, *(y for years in applied for y in years)], default=None)

    def write(self) -> None:
        ids = sorted(self.merged.children)
        for start in range(0, len(ids), BATCH):
            self._batch(ids[start : start + BATCH])
            if self.progress is not None:
                self.progress("Saving", min(start + BATCH, len(ids)), len(ids))
        # One call for every touched child: it works in batches with bulk queries itself.
        refresh_schedules(self.ids.values(), user=self.user, as_of=self.today)
        self.counts = {k: dict(v) for k, v in self.counts.items()}

    def _change(self, kind: str, obj, values: dict, year: int | None, update: dict) -> None:
        """Set the changed values on ``obj`` and queue it; count it changed or unchanged."""
        diff = [f for f, v in values.items() if getattr(obj, f) != v]
        self.counts[kind]["changed" if diff else "unchanged"] += 1
        if year is not None and obj.collection_year != year:
            diff.append("collection_year")  # same values, now confirmed by a later return
        for f in diff:
            setattr(obj, f, year if f == "collection_year" else values[f])
        if diff:
            update[tuple(diff)].append(obj)

    def _batch(self, ids: list[str]) -> None:
        children = self._children(ids)
        pks = {lid: self.ids[lid] for lid in ids}
        rows = self._return_rows(pks)
        episodes = self._episodes(pks)
        reviews = self._reviews(pks, episodes)
        for lid in ids:
            row = self._child_row(lid, children.get(lid), rows[pks[lid]])
            found = check_child(row, episodes[lid], reviews[lid], first_year=self.first_year)
            self.problems += found
        # This run's findings on these children replace earlier runs' findings about the
        # same years and about the merged record; other years' findings stay current.
        Finding.objects.filter(child_id__in=pks.values(), superseded_by__isnull=True).filter(
            Q(collection_year__in=self.run.years) | Q(collection_year__isnull=True)
        ).update(superseded_by=self.run)

    def _children(self, ids: list[str]) -> dict[str, Child]:
        """Upsert the children; returns those that were already in the database."""
        existing = {c.local_id: c for c in Child.objects.filter(local_id__in=ids)}
        new, update = [], defaultdict(list)
        for lid in ids:
            year, row = self.merged.children[lid]
            values = {
                "date_of_birth": row.dob,
                "sex": _sex(row.sex),
                "ethnicity": row.ethnic,
                "upn": row.upn,
                "uasc": row.uasc,
                "uasc_ceased": row.duc,
            }
            obj = existing.get(lid)
            if obj is None:
                new.append({"local_id": lid, "source": IMPORTED, "collection_year": year, **values})
                self.counts["children"]["added"] += 1
            elif _newer(obj.collection_year, year):
                self.counts["children"]["unchanged"] += 1
            else:
                self._change("children", obj, values, year, update)
        self.sql.insert(Child, new)
        self.sql.update(Child, update)
        self.ids.update((lid, c.pk) for lid, c in existing.items())
        self.ids.update((r["local_id"], r["id"]) for r in new)
        return existing

    def _child_row(self, lid: str, child: Child | None, rows: list) -> tables.Child:
        """The child as the checks see it: this import's header row if it won, else the
        database's, with MOTHER from that year's header row."""
        year, row = self.merged.children[lid]
        if child is None or not _newer(child.collection_year, year):
            return row
        extra = next((d for t, y, d in rows if t == "header" and y == child.collection_year), {})
        return tables.Child(
            lid,
            child.sex,
            child.date_of_birth,
            child.ethnicity,
            child.upn,
            extra.get("MOTHER", ""),
            tables.parse_date(extra.get("MC_DOB", "")),
            child.uasc,
            child.uasc_ceased,
            source_file=_db_label(child.collection_year),
        )

    def _return_rows(self, pks: dict[str, int]) -> dict[int, list]:
        """Upsert the ReturnRows; returns each child's (table, year, data) after the merge."""
        final: dict[int, list] = defaultdict(list)
        existing = {}
        for r in ReturnRow.objects.filter(child_id__in=pks.values()):
            existing[(r.child_id, r.table, r.collection_year, r.key)] = r
            final[r.child_id].append((r.table, r.collection_year, r.data))
        new, update = [], defaultdict(list)
        for lid, pk in pks.items():
            for table, year, key, data in self.merged.rows.get(lid, ()):
                obj = existing.get((pk, table, year, key))
                if obj is None:
                    row = {"child_id": pk, "table": table, "collection_year": year, "key": key}
                    new.append({**row, "data": data})
                    final[pk].append((table, year, data))
                    self.counts["other_rows"]["added"] += 1
                else:
                    self._change("other_rows", obj, {"data": data}, None, update)
        self.sql.insert(ReturnRow, new)
        self.sql.update(ReturnRow, update)
        return final

    def _episodes(self, pks: dict[str, int]) -> dict[str, list[tables.Episode]]:
        """Upsert the episodes; returns each child's episodes after the merge, as check rows."""
        existing: dict[int, dict] = defaultdict(dict)
        for e in CareEpisode.objects.filter(child_id__in=pks.values()):
            existing[e.child_id][e.decom] = e
        new, update = [], defaultdict(list)
        final: dict[str, list] = {}
        for lid, pk in pks.items():
            mine = existing[pk]
            rows = {}
            for decom, (year, row) in self.merged.episodes.get(lid, {}).items():
                values = {f: getattr(row, f) for f in EPISODE_FIELDS}
                obj = mine.get(decom)
                if obj is None:
                    record = {"child_id": pk, "decom": decom, "source": IMPORTED, **values}
                    new.append({**record, "collection_year": year})
                    self.counts["episodes"]["added"] += 1
                elif _newer(obj.collection_year, year):
                    self.counts["episodes"]["unchanged"] += 1
                    continue
                else:
                    self._change("episodes", obj, values, year, update)
                rows[decom] = row
            held = [_episode_row(lid, e) for d, e in mine.items() if d not in rows]
            final[lid] = held + list(rows.values())
        self.sql.insert(CareEpisode, new)
        self.sql.update(CareEpisode, update)
        return final

    def _reviews(self, pks: dict[str, int], episodes: dict) -> dict[str, list]:
        """Upsert held reviews (the product's own are kept), number the new ones and give
        new children their next review; returns each child's held reviews, as check rows."""
        existing: dict[int, dict] = defaultdict(dict)
        pending: set[int] = set()
        for r in Review.objects.filter(child_id__in=pks.values()).exclude(status=CANCELLED):
            if r.held_date is not None:
                existing[r.child_id].setdefault(r.held_date, r)
            elif r.status in (Status.DUE, Status.SCHEDULED):
                pending.add(r.child_id)
        new, update = [], defaultdict(list)
        final: dict[str, list] = {}
        for lid, pk in pks.items():
            mine, added, rows = existing[pk], [], {}
            for held_date, (year, row) in self.merged.reviews.get(lid, {}).items():
                obj = mine.get(held_date)
                if obj is None:
                    added.append(
                        {"child_id": pk, "status": Status.HELD.value, "held_date": held_date,
                         "participation": row.review_code, "source": IMPORTED,
                         "collection_year": year}
                    )  # fmt: skip
                    self.counts["reviews"]["added"] += 1
                elif obj.source != IMPORTED:
                    self._keep_entered(obj, row)
                    continue
                elif _newer(obj.collection_year, year):
                    self.counts["reviews"]["unchanged"] += 1
                    continue
                else:
                    self._change("reviews", obj, {"participation": row.review_code}, year, update)
                rows[held_date] = row
            held = [_review_row(lid, r) for d, r in mine.items() if d not in rows]
            final[lid] = held + list(rows.values())
            if added or pk not in pending:
                held_dates = {*mine, *rows}
                new += self._schedule(added, episodes[lid], held_dates, pk not in pending, pk)
        self.sql.insert(Review, new)
        self.sql.update(Review, update)
        return final

    def _keep_entered(self, obj: Review, row: tables.Review) -> None:
        self.counts["reviews"]["kept"] += 1
        if obj.participation != row.review_code:
            message = (
                f"IRO Tracker's record of this review (participation {obj.participation or '-'}"
                ") is kept; the return's is not imported"
            )
            Reporter(self.problems, row.source_file).finding(
                "Q-REVIEW-ENTERED", message, row.source_row, "REVIEW_CODE", row.review_code,
                row.child,
            )  # fmt: skip

    def _schedule(self, added: list[dict], episodes, held: set, needs_next: bool, pk: int):
        """Number new held reviews and add the next review due (for a child with none),
        exactly as ``refresh_schedules`` would, so that it finds nothing to rewrite: it
        writes through the ORM, which would take minutes for a national return."""
        schedule = schedule_reviews(
            episodes,
            [HeldReview(d, d) for d in held],
            history_from=settings.IRO_HISTORY_COMPLETE_FROM,
            today=self.today,
        )
        placed = {p.key: p for p in schedule.reviews}
        for review in added:
            p = placed[review["held_date"]]
            review.update(_derived(p.kind, p.period_start, p.sequence, p.due, explain(p)))
        nxt = schedule.next
        if nxt is None or not needs_next:
            return added
        values = _derived(nxt.kind, nxt.period_start, nxt.sequence, nxt.due, nxt.due.explanation)
        return [*added, {"child_id": pk, "status": Status.DUE.value, **values}]


def _derived(kind, period_start, sequence, due, explanation) -> dict:
    kind = Kind.SHORT_BREAKS if kind == SHORT_BREAKS else Kind.LOOKED_AFTER
    due_date = due.date if due else None
    return {"kind": kind.value, "period_start": period_start, "sequence": sequence,
            "due_date": due_date, "due_explanation": explanation}  # fmt: skip


def _episode_row(lid: str, e: CareEpisode) -> tables.Episode:
    values = [getattr(e, f) for f in EPISODE_FIELDS]
    return tables.Episode(lid, e.decom, *values, source_file=_db_label(e.collection_year))


def _review_row(lid: str, r: Review) -> tables.Review:
    label = _db_label(r.collection_year) if r.source == Source.IMPORTED else "IRO Tracker"
    return tables.Review(lid, None, r.held_date, r.participation, source_file=label)


def _record(run: ImportRun, status: str, tagged: Tagged, counts: dict, ids=None) -> ImportResult:
    """Save the run and its problems (linked to children only when applied)."""
    order = {ERROR: 0, FINDING: 1}
    tagged = sorted(tagged, key=lambda t: order.get(t[0].severity, 2))
    problems = ProblemList(p for p, _ in tagged)
    run.status, run.finished_at = status, timezone.now()
    run.summary = {
        **counts,
        "errors": problems.counts_by_rule(ERROR),
        "findings": problems.counts_by_rule(FINDING),
        "warnings": problems.counts_by_rule("warning"),
    }
    run.error_count = len(problems.errors)
    run.finding_count = len(problems.findings)
    run.warning_count = len(problems.warnings)
    run.save()
    ids = ids or {}
    Finding.objects.bulk_create(
        (
            Finding(
                import_run=run,
                child_id=ids.get(p.child),
                child_ref=p.child[:60],
                collection_year=year,
                file=p.file[:200],
                row=p.row,
                column=p.column[:40],
                value=p.value[:80],
                rule=p.rule[:30],
                severity=p.severity,
                message=p.message[:300],
            )
            for p, year in tagged
        ),
        batch_size=2000,
    )
    return ImportResult(run, problems)

"""Benchmark of the people sync (``manage.py benchmark_pages --only accounts.sync_people``,
part of ``make bench``): 2,000 staff and 18,000 students (20,000 rows) synced from CSV exports
into an empty scratch database, then the same files again (nothing changes), then a year later
(every student a year on, 1% gone, 1% new).

Runs in the scratch database ``benchmark_pages`` prepares. Programmes belong to placements: they
are made through the app registry, when placements is installed, rather than imported (accounts
imports no domain app).
"""

from __future__ import annotations

import csv
import io
import time

from django.apps import apps

FIRST = ["Aminah", "Badrul", "Chong", "Devi", "Ehsan", "Farah", "Ganesh", "Hafiz", "Irdina"]
LAST = ["Yusof", "Hisham", "Wei Ling", "Ramasamy", "Karim", "Abdullah", "Tan", "Ismail", "Lee"]
POSITIONS = [
    "Professor",
    "Associate Professor",
    "Senior Lecturer",
    "Lecturer",
    "Administrative Officer",
]


def _csv(header, rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def sample_exports(
    n_staff: int, n_students: int, unit_codes: list[str], programme_codes: list[str], year: int = 1
) -> tuple[bytes, bytes]:
    """Fictional HR and student-records exports in the sync's default columns."""
    staff = []
    for i in range(n_staff):
        name = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]} {i:05d}"
        position = POSITIONS[i % len(POSITIONS)]
        staff.append(
            [
                f"S{i:05d}",
                f"staff{i:05d}@uni.example",
                name,
                "Dr" if i % 3 == 0 else "",
                unit_codes[i % len(unit_codes)],
                position,
                "staff" if position.startswith("Admin") else "faculty",
            ]
        )
    students = []
    for i in range(n_students):
        name = f"{FIRST[(i + 4) % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]} {i:06d}"
        students.append(
            [
                f"M{i:06d}",
                f"m{i:06d}@student.uni.example",
                name,
                programme_codes[i % len(programme_codes)],
                str(min(4, (i % 4) + year)),
            ]
        )
    return (
        _csv(["staff_number", "email", "name", "title", "unit", "position", "category"], staff),
        _csv(["matric_number", "email", "name", "programme", "year"], students),
    )


def bench_sync(size: float = 1.0) -> dict:
    from .models import Unit
    from .provisioning import sync_people

    n_staff = max(20, round(2_000 * size))
    n_students = max(180, round(18_000 * size))
    units = [
        Unit.objects.create(code=f"bench-k{i}", name=f"Bench Kulliyyah {i:02d}", kind="kulliyyah")
        for i in range(14)
    ]
    programme_codes = []
    if apps.is_installed("jalinan.placements"):
        programme = apps.get_model("placements", "Programme")
        for i in range(42):
            programme.objects.create(
                code=f"bench-p{i}", name=f"Bench Programme {i:02d}", unit=units[i % len(units)]
            )
            programme_codes.append(f"bench-p{i}")
    codes = [u.code for u in units]
    staff, students = sample_exports(n_staff, n_students, codes, programme_codes)
    figures: dict = {"rows": n_staff + n_students, "staff": n_staff, "students": n_students}

    started = time.monotonic()
    report = sync_people(staff=("hr.csv", staff), students=("students.csv", students))
    figures["first_run_seconds"] = round(time.monotonic() - started - report.follow_up_seconds, 2)
    figures["first_run_index_seconds"] = report.follow_up_seconds
    figures["first_run"] = report.counts

    started = time.monotonic()
    report = sync_people(staff=("hr.csv", staff), students=("students.csv", students))
    figures["same_files_seconds"] = round(time.monotonic() - started - report.follow_up_seconds, 2)
    figures["same_files_index_seconds"] = report.follow_up_seconds
    figures["same_files"] = report.counts

    # A year later: every student a year on, the first 1% gone, 1% new.
    gone = n_students // 100
    _staff, later = sample_exports(n_staff, n_students + gone, codes, programme_codes, year=2)
    lines = later.decode().splitlines()
    later = "\n".join([lines[0], *lines[1 + gone :]]).encode()
    started = time.monotonic()
    report = sync_people(staff=("hr.csv", staff), students=("students.csv", later))
    figures["year_later_seconds"] = round(time.monotonic() - started - report.follow_up_seconds, 2)
    figures["year_later_index_seconds"] = report.follow_up_seconds
    figures["year_later"] = report.counts
    return figures

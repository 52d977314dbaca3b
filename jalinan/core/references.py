"""Human references numbered per year (``CH-2026-0007``, ``OPP-2026-0012``, ``LIC-2026-0003``)."""

from __future__ import annotations


def next_reference(model, prefix: str, year: int) -> str:
    """The next free ``PREFIX-YEAR-NNNN`` among ``model``'s ``reference`` values. The caller
    saves with it and retries on a unique-constraint race."""
    start = f"{prefix}-{year}-"
    existing = model._base_manager.filter(reference__startswith=start)
    last = existing.order_by("-reference").values_list("reference", flat=True).first()
    try:
        number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    except ValueError:  # a reference typed by hand that does not end in a number
        number = existing.count() + 1
    return f"{start}{number:04d}"

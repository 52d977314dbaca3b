"""Every shared read of technology transfer, one module per kind of record, each limited to
what the given user may see (the same rules as ``technologies.permissions``).

Callers use the reads through this package (``from jalinan.technologies import
selectors``): other apps, ``kpis.py``, the tests, and this app's views and API. The app's other
modules import from the module that defines the name.
"""

from .assets import (
    asset_rows,
    assets_for,
    assets_of_disclosure,
    deadlines_for,
    filter_assets,
    upcoming_deadlines,
)
from .catalogue import (
    CatalogueHit,
    catalogue_search,
    filter_catalogue,
    newest_published,
    public_asset_kinds,
    public_inventors,
    published_technologies,
)
from .disclosures import (
    disclosure_rows,
    disclosures_for,
    filter_disclosures,
    my_disclosures,
    review_queue,
)
from .enquiries import enquiries_for, filter_enquiries
from .licences import (
    filter_licences,
    filter_payments,
    licence_income,
    licence_years,
    licences_for,
    payments_by_year,
    payments_for,
    policy_in_force,
)
from .offers import field_choices, field_label, filter_technologies, technologies_for
from .spinoffs import filter_spinoffs, spinoffs_for

__all__ = [
    "asset_rows",
    "assets_for",
    "assets_of_disclosure",
    "catalogue_search",
    "CatalogueHit",
    "deadlines_for",
    "disclosure_rows",
    "disclosures_for",
    "enquiries_for",
    "field_choices",
    "field_label",
    "filter_assets",
    "filter_catalogue",
    "filter_disclosures",
    "filter_enquiries",
    "filter_licences",
    "filter_payments",
    "filter_spinoffs",
    "filter_technologies",
    "licence_income",
    "licence_years",
    "licences_for",
    "my_disclosures",
    "newest_published",
    "payments_by_year",
    "payments_for",
    "policy_in_force",
    "public_asset_kinds",
    "public_inventors",
    "published_technologies",
    "review_queue",
    "spinoffs_for",
    "technologies_for",
    "upcoming_deadlines",
]

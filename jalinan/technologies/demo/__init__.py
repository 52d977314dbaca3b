"""Demo data of technology transfer (see ``jalinan.core.demo``): :func:`seed` makes the
invention disclosures and the IP portfolio (:mod:`.disclosures`), then :func:`seed_transfer`
the technology offers (:mod:`.offers`), enquiries about them (:mod:`.enquiries`), and
licences with royalties and spin-offs (:mod:`.licences`). The wording is in :mod:`.data`.

Deterministic: the disclosures draw from ``ctx.rng("technologies")``, the rest from
``ctx.rng("technologies.transfer")`` (and each new licence's payments from a generator of their
own). Idempotent: each record is looked up by a natural key first; writes go through the
services.
"""

from __future__ import annotations

from . import disclosures as disclosure_demo
from . import enquiries, licences, offers


def seed(ctx) -> None:
    made = disclosure_demo.seed(ctx)
    if made is not None:
        seed_transfer(ctx, *made)


def seed_transfer(ctx, disclosures, assets) -> None:
    """Offers from the demo ``disclosures`` and IP ``assets`` (and from stock wording), then
    enquiries, licences with royalties and spin-offs."""
    rng = ctx.rng("technologies.transfer")
    officer = ctx.logins.get("officer")
    if officer is None:
        return
    published = offers.seed(ctx, rng, officer, disclosures, assets)
    if not published:
        return
    enquiries.seed(ctx, rng, published, officer)
    licences.seed(ctx, rng, published, officer)

"""Every shared read of technology transfer, each limited to what the given user may see (the
same rules as ``technologies.permissions``). One module per kind of record; call them as
``selectors.assets.assets_for`` (``from jalinan.technologies import selectors``) or import the
function from its module.

    common          shared query helpers
    disclosures     invention disclosures, the review queue
    assets          the IP portfolio, deadlines
    offers          technology offers
    catalogue       the public catalogue and its search
    enquiries       licensing enquiries
    licences        licences and royalty payments
    spinoffs        spin-off companies
"""

from . import assets, catalogue, common, disclosures, enquiries, licences, offers, spinoffs

__all__ = [
    "assets",
    "catalogue",
    "common",
    "disclosures",
    "enquiries",
    "licences",
    "offers",
    "spinoffs",
]

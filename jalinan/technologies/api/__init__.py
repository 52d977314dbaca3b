"""The technologies part of the REST API, mounted at /api/v1/technologies/: one router per
kind of record, with the pages' services and permission helpers.

- ``disclosures``: invention disclosures (inventors see only theirs; everyone else 404);
- ``assets``: the IP portfolio and its upcoming deadlines;
- ``catalogue``: the public catalogue and its enquiry (no token needed);
- ``licences``: licences and their payments; ``spinoffs``: spin-off companies.

Each operation keeps the ``operation_id`` it was published with (the OpenAPI document's
names, from which clients are generated), whichever module now holds it.
"""

from ninja import Router

from . import assets, catalogue, disclosures, licences, spinoffs

router = Router(tags=["technologies"])
router.add_router("", disclosures.router)
router.add_router("", assets.router)
router.add_router("", catalogue.router)
router.add_router("", licences.router)
router.add_router("", spinoffs.router)

"""The placements part of the REST API, mounted at /api/v1/placements/: openings,
applications and placements, with the same permission helpers and services as the pages.
One module per aggregate, each with its schemas and its router:

    openings        openings, recommended openings, approval
    applications    applying, applicants, applications and their moves
    placements      placements and their logbooks
    outcomes        the graduate employability figure
    common          the router they share (operation ids stay jalinan_placements_api_<function>)
"""

from ninja import Router

from . import applications, openings, outcomes, placements

router = Router()
for module in (openings, applications, placements, outcomes):
    router.add_router("", module.router)

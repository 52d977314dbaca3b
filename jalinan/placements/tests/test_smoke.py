"""Every page answers for the cast, with data in place (a quick net under the detailed tests)."""

import pytest


@pytest.mark.parametrize(
    "who", ["officer", "coordinator", "academic", "student", "partner_user", "management"]
)
def test_pages_render(request, client_for, who, running_placement, opening, student2):
    from .factories import make_application

    make_application(opening, student2, consent=False)
    client = client_for(request.getfixturevalue(who))
    for url in [
        "/placements/",
        "/placements/applications/",
        "/placements/placements/",
        "/my-work/",
    ]:
        assert client.get(url).status_code == 200, (who, url)

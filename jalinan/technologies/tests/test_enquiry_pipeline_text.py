"""A technology enquiry's message stays the office's: its opportunity in the pipeline does not
copy it, so the technology's KCDIO coordinator, who follows the opportunity, does not read it;
the office reads it there, from the enquiry."""

from jalinan.technologies import services

MESSAGE = "Our margin on the kit is 11%; we need exclusivity in Johor to make it work."


def test_the_units_coordinator_follows_the_opportunity_without_the_message(
    client_for, offer, officer, coordinator
):
    enquiry = services.enquiries.enquiry_submit(
        technology=offer,
        name="Nadia Buyer",
        email="nadia@foodco.test",
        organisation_name="FoodCo Manufacturing Sdn Bhd",
        message=MESSAGE,
        kind="interest",
    )
    opp = enquiry.opportunity
    assert opp.unit_id == coordinator.unit_id and opp.description == ""
    page = client_for(coordinator).get(opp.get_absolute_url())
    assert page.status_code == 200 and MESSAGE not in page.content.decode()
    assert MESSAGE in client_for(officer).get(opp.get_absolute_url()).content.decode()

"""Opportunities no longer hold a copy of their source's text (see pipeline.sources): the
title and problem statement copied from a confidential (invited only or staff only) or
unpublished challenge, and the message copied from a technology enquiry, are replaced by a
neutral title and cleared. Text an officer wrote (anything that is not the copy) is kept."""

from django.db import migrations

LIVE = ("published", "closed", "awarded")


def forwards(apps, schema_editor):
    Opportunity = apps.get_model("pipeline", "Opportunity")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Challenge = apps.get_model("challenges", "Challenge")
    Enquiry = apps.get_model("technologies", "Enquiry")

    ct = ContentType.objects.filter(app_label="challenges", model="challenge").first()
    if ct is not None:
        challenges = Challenge.objects.in_bulk(
            Opportunity.objects.filter(source_type=ct).values_list("source_id", flat=True)
        )
        for opp in Opportunity.objects.filter(source_type=ct):
            challenge = challenges.get(opp.source_id)
            if challenge is None:
                continue
            if challenge.visibility == "public" and challenge.status in LIVE:
                continue  # anyone may read it: nothing to hide
            fields = []
            if challenge.title and challenge.title[:300] in opp.title:
                opp.title = f"Industry challenge {challenge.reference}"
                fields.append("title")
            statement = (challenge.problem_statement or "").strip()
            if statement and statement in opp.description:
                opp.description = ""
                fields.append("description")
            if fields:
                opp.save(update_fields=fields)

    for enquiry in Enquiry.objects.filter(opportunity__isnull=False).select_related("opportunity"):
        message = (enquiry.message or "").strip()
        opp = enquiry.opportunity
        if message and opp.description.strip() == message:
            opp.description = ""
            opp.save(update_fields=["description"])


class Migration(migrations.Migration):
    dependencies = [
        ("pipeline", "0001_opportunities"),
        ("challenges", "0002_proposal_project"),
        ("technologies", "0003_default_revenue_policy"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

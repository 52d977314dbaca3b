"""The industry supervisor's evaluation through an e-mailed link: no account, one evaluation,
once, before it expires; only the token's hash is stored."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from jalinan.core.models import Notification
from jalinan.placements import services
from jalinan.placements.models import Evaluation, EvaluationLink, RubricCriterion


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    def issue(placement, stage="final", by=None):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            link, raw = services.evaluations.evaluation_link_issue(
                placement=placement, stage=stage, by=by
            )
        return link, raw

    return issue


def url_in_mail():
    body = mail.outbox[-1].body
    return re.search(r"http\S+/placements/evaluate/(\S+)/", body)


def answers(link, **over):
    data = {f"c_{c.pk}": "4" for c in services.evaluations.rubric_for(link.stage)}
    data.update(evaluator_name="Lim Wei", strengths="Quick learner", improvements="Speak up")
    data.update(over)
    return data


def test_the_rubric_is_seeded(db):
    names = set(RubricCriterion.objects.values_list("name", flat=True))
    assert {"Technical knowledge and skills", "Communication", "Teamwork"} <= names
    midterm = {c.name for c in services.evaluations.rubric_for("midterm")}
    final = {c.name for c in services.evaluations.rubric_for("final")}
    assert "Adapting to the workplace" in midterm - final
    assert "Contribution to the organisation" in final - midterm


def test_the_supervisor_gets_a_link_and_only_its_hash_is_kept(placement, send, coordinator):
    link, raw = send(placement, by=coordinator)
    assert mail.outbox[-1].to == ["lim.wei@acme.test"]
    assert "Final evaluation of Siti Student" in mail.outbox[-1].subject
    found = url_in_mail()
    assert found and found.group(1) == raw
    assert raw not in link.token_hash and len(link.token_hash) == 64
    assert not EvaluationLink.objects.filter(token_hash=raw).exists()


def test_the_supervisor_submits_without_an_account(client, placement, send, academic, student):
    link, raw = send(placement)
    page = client.get(f"/placements/evaluate/{raw}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Final evaluation of Siti Student" in html and "Contribution to the organisation" in html
    assert "Adapting to the workplace" not in html  # a mid-term line
    assert page["Referrer-Policy"] == "same-origin" and page["X-Robots-Tag"].startswith("noindex")
    resp = client.post(f"/placements/evaluate/{raw}/", answers(link))
    assert resp.status_code == 200 and "was received" in resp.content.decode()
    evaluation = Evaluation.objects.get(placement=placement, stage="final")
    assert evaluation.percent == 80 and evaluation.evaluator_name == "Lim Wei"
    assert {row["score"] for row in evaluation.scores} == {4}
    placement.refresh_from_db()
    assert placement.status == "completed"
    link.refresh_from_db()
    assert link.used_at is not None
    assert Notification.objects.filter(
        recipient=academic, title__contains="Final evaluation"
    ).exists()
    assert Notification.objects.filter(
        recipient=student, title__contains="final evaluation"
    ).exists()


def test_a_used_link_is_refused_with_a_clear_page(client, placement, send):
    link, raw = send(placement, stage="midterm")
    client.post(f"/placements/evaluate/{raw}/", answers(link))
    again = client.get(f"/placements/evaluate/{raw}/")
    assert again.status_code == 410
    assert "already submitted through this link" in again.content.decode()
    resubmit = client.post(f"/placements/evaluate/{raw}/", answers(link, evaluator_name="X"))
    assert resubmit.status_code == 410
    assert Evaluation.objects.filter(placement=placement).count() == 1


def test_an_expired_link_is_refused_with_a_clear_page(client, placement, send):
    link, raw = send(placement)
    EvaluationLink.objects.filter(pk=link.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    for resp in (
        client.get(f"/placements/evaluate/{raw}/"),
        client.post(f"/placements/evaluate/{raw}/", answers(link)),
    ):
        assert resp.status_code == 410
        assert "This link has expired" in resp.content.decode()
    assert not Evaluation.objects.exists()


def test_a_fresh_link_replaces_the_old_one(client, placement, send):
    old, old_raw = send(placement)
    new, new_raw = send(placement)
    resp = client.get(f"/placements/evaluate/{old_raw}/")
    assert resp.status_code == 410 and "A newer link was sent" in resp.content.decode()
    assert client.get(f"/placements/evaluate/{new_raw}/").status_code == 200


def test_a_link_is_for_one_evaluation_only(client, placement, send):
    link, raw = send(placement, stage="midterm")
    # Whatever is posted, it evaluates this placement's mid-term, nothing else.
    client.post(f"/placements/evaluate/{raw}/", answers(link, stage="final", placement=999))
    assert list(Evaluation.objects.values_list("placement_id", "stage")) == [
        (placement.pk, "midterm")
    ]
    placement.refresh_from_db()
    assert placement.status == "active"  # a mid-term does not complete the placement


def test_the_link_opens_nothing_else(client, placement, send):
    link, raw = send(placement)
    client.get(f"/placements/evaluate/{raw}/")
    for url in (placement.get_absolute_url(), "/placements/", "/my-work/"):
        assert client.get(url).status_code == 302  # still anonymous: sent to sign in


def test_unknown_tokens_are_404(client, db):
    resp = client.get("/placements/evaluate/not-a-real-token/")
    assert resp.status_code == 404 and "not valid" in resp.content.decode()


def test_missing_scores_are_shown_and_kept(client, placement, send):
    link, raw = send(placement)
    first = services.evaluations.rubric_for("final")[0]
    data = answers(link)
    data.pop(f"c_{first.pk}")
    resp = client.post(f"/placements/evaluate/{raw}/", data)
    html = resp.content.decode()
    assert resp.status_code == 200 and f'id="id_c_{first.pk}_error"' in html
    assert 'value="Quick learner"' in html or "Quick learner" in html
    assert not Evaluation.objects.exists()


def test_no_link_without_the_supervisors_email(placement, coordinator):
    services.placements.placement_update(
        placement=placement, by=coordinator, industry_supervisor_email=""
    )
    with pytest.raises(ValidationError, match="e-mail address first"):
        services.evaluations.evaluation_link_issue(placement=placement, stage="final")


def test_evaluations_keep_the_rubric_they_were_scored_on(client, placement, send, officer):
    link, raw = send(placement)
    client.post(f"/placements/evaluate/{raw}/", answers(link))
    criterion = services.evaluations.rubric_for("final")[0]
    services.evaluations.rubric_criterion_update(criterion=criterion, by=officer, name="Renamed")
    evaluation = Evaluation.objects.get()
    assert "Renamed" not in [row["name"] for row in evaluation.scores]


@pytest.mark.parametrize(
    "who, sees_scores",
    [
        ("officer", True),
        ("coordinator", True),
        ("academic", True),
        ("partner_user", True),
        ("student", False),
    ],
)
def test_who_sees_the_scores(request, client_for, placement, send, client, who, sees_scores):
    link, raw = send(placement)
    client.post(f"/placements/evaluate/{raw}/", answers(link))
    user = request.getfixturevalue(who)
    html = client_for(user).get(placement.get_absolute_url()).content.decode()
    assert "Submitted by Lim Wei" in html
    assert ('data-testid="evaluation-percent"' in html) is sees_scores


def test_no_evaluation_without_a_rubric(placement, officer):
    RubricCriterion.objects.filter(stage__in=["both", "final"]).update(is_active=False)
    with pytest.raises(ValidationError, match="rubric has no line"):
        services.evaluations.evaluation_link_issue(placement=placement, stage="final", by=officer)

from django.urls import path

from .views import attachments, challenges, invitations, proposals, questions, reviews

app_name = "challenges"
urlpatterns: list = [
    # Challenges, their attachments and the brokerage.
    path("", challenges.challenge_list, name="challenge_list"),
    path("open/", challenges.challenge_open, name="challenge_open"),
    path("for-me/", challenges.challenge_for_me, name="challenge_for_me"),
    path("new/", challenges.challenge_create, name="challenge_create"),
    path("<int:pk>/", challenges.challenge_detail, name="challenge_detail"),
    path("<int:pk>/edit/", challenges.challenge_update, name="challenge_update"),
    path("<int:pk>/submit/", challenges.challenge_submit, name="challenge_submit"),
    path("<int:pk>/return/", challenges.challenge_return, name="challenge_return"),
    path("<int:pk>/publish/", challenges.challenge_publish, name="challenge_publish"),
    path("<int:pk>/close/", challenges.challenge_close, name="challenge_close"),
    path("<int:pk>/cancel/", challenges.challenge_cancel, name="challenge_cancel"),
    path("<int:pk>/invite/", invitations.challenge_invite, name="challenge_invite"),
    path("<int:pk>/attachments/new/", attachments.attachment_add, name="attachment_add"),
    path("attachments/<int:pk>/", attachments.attachment_download, name="attachment_download"),
    path("attachments/<int:pk>/remove/", attachments.attachment_remove, name="attachment_remove"),
    path(
        "invitations/<int:pk>/respond/",
        invitations.invitation_respond,
        name="invitation_respond",
    ),
    # Proposals, questions and answers, and the partner's review.
    path("<int:challenge_pk>/proposals/new/", proposals.proposal_create, name="proposal_create"),
    path("proposals/<int:pk>/", proposals.proposal_detail, name="proposal_detail"),
    path("proposals/<int:pk>/edit/", proposals.proposal_update, name="proposal_update"),
    path("proposals/<int:pk>/submit/", proposals.proposal_submit, name="proposal_submit"),
    path("proposals/<int:pk>/withdraw/", proposals.proposal_withdraw, name="proposal_withdraw"),
    path("<int:challenge_pk>/questions/ask/", questions.question_ask, name="question_ask"),
    path("questions/<int:pk>/answer/", questions.question_answer, name="question_answer"),
    path("<int:challenge_pk>/review/", reviews.review_board, name="review_board"),
    path("proposals/<int:pk>/review/score/", reviews.review_score, name="review_score"),
    path("proposals/<int:pk>/review/advance/", reviews.review_advance, name="review_advance"),
    path("proposals/<int:pk>/review/decline/", reviews.review_decline, name="review_decline"),
    path("proposals/<int:pk>/review/select/", reviews.review_select, name="review_select"),
]

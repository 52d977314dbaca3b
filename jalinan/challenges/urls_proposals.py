"""URLs of proposals, questions and answers, and the partner's review (views_proposals)."""

from django.urls import path

from . import views_proposals as v

urlpatterns: list = [
    path("<int:challenge_pk>/proposals/new/", v.proposal_create, name="proposal_create"),
    path("proposals/<int:pk>/", v.proposal_detail, name="proposal_detail"),
    path("proposals/<int:pk>/edit/", v.proposal_update, name="proposal_update"),
    path("proposals/<int:pk>/submit/", v.proposal_submit, name="proposal_submit"),
    path("proposals/<int:pk>/withdraw/", v.proposal_withdraw, name="proposal_withdraw"),
    path("<int:challenge_pk>/questions/ask/", v.question_ask, name="question_ask"),
    path("questions/<int:pk>/answer/", v.question_answer, name="question_answer"),
    path("<int:challenge_pk>/review/", v.review_board, name="review_board"),
    path("proposals/<int:pk>/review/score/", v.review_score, name="review_score"),
    path("proposals/<int:pk>/review/advance/", v.review_advance, name="review_advance"),
    path("proposals/<int:pk>/review/decline/", v.review_decline, name="review_decline"),
    path("proposals/<int:pk>/review/select/", v.review_select, name="review_select"),
]

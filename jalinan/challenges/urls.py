from django.urls import include, path  # noqa: F401

from . import urls_proposals, views

app_name = "challenges"
urlpatterns: list = [
    # Challenges, brokerage (views.py); proposals, questions and review (views_proposals.py).
    path("", views.challenge_list, name="challenge_list"),
    path("open/", views.challenge_open, name="challenge_open"),
    path("for-me/", views.challenge_for_me, name="challenge_for_me"),
    path("new/", views.challenge_create, name="challenge_create"),
    path("<int:pk>/", views.challenge_detail, name="challenge_detail"),
    path("<int:pk>/edit/", views.challenge_update, name="challenge_update"),
    path("<int:pk>/submit/", views.challenge_submit, name="challenge_submit"),
    path("<int:pk>/return/", views.challenge_return, name="challenge_return"),
    path("<int:pk>/publish/", views.challenge_publish, name="challenge_publish"),
    path("<int:pk>/close/", views.challenge_close, name="challenge_close"),
    path("<int:pk>/cancel/", views.challenge_cancel, name="challenge_cancel"),
    path("<int:pk>/invite/", views.challenge_invite, name="challenge_invite"),
    path("<int:pk>/attachments/new/", views.attachment_add, name="attachment_add"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("attachments/<int:pk>/remove/", views.attachment_remove, name="attachment_remove"),
    path("invitations/<int:pk>/respond/", views.invitation_respond, name="invitation_respond"),
    *urls_proposals.urlpatterns,
]

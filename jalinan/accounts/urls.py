"""Account pages beyond allauth's: profile, invitations, partner sign-up approval, units."""

from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("people/", views.user_list, name="user_list"),
    path("invitations/", views.invitation_list, name="invitation_list"),
    path("approvals/", views.approval_list, name="approval_list"),
    path("units/", views.unit_list, name="unit_list"),
]

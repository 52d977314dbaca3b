"""Account pages beyond allauth's: profile, invitations, partner sign-up approval, units."""

from django.urls import path

from . import views, views_provisioning

app_name = "accounts"
urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/tokens/new/", views.token_create, name="token_create"),
    path("profile/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("language/", views.set_language, name="set_language"),
    path("people/", views.user_list, name="user_list"),
    path("people/<int:pk>/edit/", views.user_update, name="user_update"),
    path("people/sync/", views_provisioning.people_sync, name="people_sync"),
    path(
        "people/sync/preview/", views_provisioning.people_sync_preview, name="people_sync_preview"
    ),
    path("identity-mappings/", views_provisioning.mapping_list, name="mapping_list"),
    path("identity-mappings/new/", views_provisioning.mapping_edit, name="mapping_create"),
    path(
        "identity-mappings/<int:pk>/edit/", views_provisioning.mapping_edit, name="mapping_update"
    ),
    path(
        "identity-mappings/<int:pk>/remove/",
        views_provisioning.mapping_delete,
        name="mapping_delete",
    ),
    path("invitations/", views.invitation_list, name="invitation_list"),
    path("invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("invitations/<int:pk>/resend/", views.invitation_resend, name="invitation_resend"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("approvals/", views.approval_list, name="approval_list"),
    path("approvals/<int:pk>/", views.approval_decide, name="approval_decide"),
    path("units/", views.unit_list, name="unit_list"),
    path("units/new/", views.unit_edit, name="unit_create"),
    path("units/<int:pk>/edit/", views.unit_edit, name="unit_update"),
]

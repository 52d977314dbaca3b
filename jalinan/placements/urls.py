from django.urls import path

from . import views, views_office, views_placements

app_name = "placements"
urlpatterns = [
    # openings
    path("", views.opening_list, name="opening_list"),
    path("eligible/", views.opening_eligible, name="opening_eligible"),
    path("openings/new/", views.opening_create, name="opening_create"),
    path("openings/<int:pk>/", views.opening_detail, name="opening_detail"),
    path("openings/<int:pk>/edit/", views.opening_update, name="opening_update"),
    path(
        "openings/<int:pk>/approve/",
        views.opening_review,
        {"decision": "approve"},
        name="opening_approve",
    ),
    path(
        "openings/<int:pk>/reject/",
        views.opening_review,
        {"decision": "reject"},
        name="opening_reject",
    ),
    path("openings/<int:pk>/close/", views.opening_close, name="opening_close"),
    path("openings/<int:pk>/apply/", views.application_create, name="application_create"),
    # applications
    path("applications/", views.application_list, name="application_list"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/move/", views.application_move, name="application_move"),
    # student profiles
    path("profile/", views.my_profile, name="my_profile"),
    path("profile/edit/", views.profile_edit, name="profile_edit"),
    path("students/<int:pk>/", views.profile_detail, name="profile_detail"),
    path("students/<int:pk>/edit/", views.profile_edit, name="profile_edit_for"),
    path("students/<int:pk>/cv/", views.cv_download, name="cv_download"),
    path("students/<int:pk>/cv/remove/", views.cv_remove, name="cv_remove"),
    path("students/<int:pk>/outcome/", views_office.outcome_record, name="outcome_record"),
    # placements
    path("placements/", views_placements.placement_list, name="placement_list"),
    path("placements/<int:pk>/", views_placements.placement_detail, name="placement_detail"),
    path("placements/<int:pk>/edit/", views_placements.placement_update, name="placement_update"),
    path("placements/<int:pk>/logbook/", views_placements.logbook_write, name="logbook_write"),
    path(
        "placements/<int:pk>/evaluation-link/",
        views_placements.evaluation_link_send,
        name="evaluation_link_send",
    ),
    path("placements/<int:pk>/feedback/", views_placements.feedback, name="feedback"),
    path("logbook/<int:pk>/review/", views_placements.logbook_review, name="logbook_review"),
    path(
        "placements/<int:pk>/logbook/review-all/",
        views_placements.logbook_review_all,
        name="logbook_review_all",
    ),
    path("evaluate/<str:token>/", views_placements.evaluate, name="evaluate"),
    # coordinators and the office
    path("overview/", views_office.overview, name="overview"),
    path("overview/overdue/", views_office.overdue, name="overdue"),
    path("overview/ratings/", views_office.ratings, name="ratings"),
    path("outcomes/", views_office.outcome_list, name="outcome_list"),
    path("outcomes/mine/", views_office.outcome_record, name="my_outcome"),
    path("settings/rubric/", views_office.rubric_list, name="rubric_list"),
    path("settings/rubric/new/", views_office.rubric_edit, name="rubric_create"),
    path("settings/rubric/<int:pk>/edit/", views_office.rubric_edit, name="rubric_update"),
    path("settings/programmes/", views_office.programme_list, name="programme_list"),
    path("settings/programmes/new/", views_office.programme_edit, name="programme_create"),
    path(
        "settings/programmes/<int:pk>/edit/",
        views_office.programme_edit,
        name="programme_update",
    ),
]

from django.urls import path

from .views import (
    applications,
    evaluations,
    feedback,
    logbooks,
    openings,
    outcomes,
    overview,
    placements,
    profiles,
    programmes,
)

app_name = "placements"
urlpatterns = [
    # openings
    path("", openings.opening_list, name="opening_list"),
    path("eligible/", openings.opening_eligible, name="opening_eligible"),
    path("openings/new/", openings.opening_create, name="opening_create"),
    path("openings/<int:pk>/", openings.opening_detail, name="opening_detail"),
    path("openings/<int:pk>/edit/", openings.opening_update, name="opening_update"),
    path(
        "openings/<int:pk>/approve/",
        openings.opening_review,
        {"decision": "approve"},
        name="opening_approve",
    ),
    path(
        "openings/<int:pk>/reject/",
        openings.opening_review,
        {"decision": "reject"},
        name="opening_reject",
    ),
    path("openings/<int:pk>/close/", openings.opening_close, name="opening_close"),
    path("openings/<int:pk>/apply/", applications.application_create, name="application_create"),
    # applications
    path("applications/", applications.application_list, name="application_list"),
    path("applications/<int:pk>/", applications.application_detail, name="application_detail"),
    path("applications/<int:pk>/move/", applications.application_move, name="application_move"),
    # student profiles
    path("profile/", profiles.my_profile, name="my_profile"),
    path("profile/edit/", profiles.profile_edit, name="profile_edit"),
    path("students/<int:pk>/", profiles.profile_detail, name="profile_detail"),
    path("students/<int:pk>/edit/", profiles.profile_edit, name="profile_edit_for"),
    path("students/<int:pk>/cv/", profiles.cv_download, name="cv_download"),
    path("students/<int:pk>/cv/remove/", profiles.cv_remove, name="cv_remove"),
    path("students/<int:pk>/outcome/", outcomes.outcome_record, name="outcome_record"),
    # placements
    path("placements/", placements.placement_list, name="placement_list"),
    path("placements/<int:pk>/", placements.placement_detail, name="placement_detail"),
    path("placements/<int:pk>/edit/", placements.placement_update, name="placement_update"),
    path("placements/<int:pk>/logbook/", logbooks.logbook_write, name="logbook_write"),
    path(
        "placements/<int:pk>/evaluation-link/",
        evaluations.evaluation_link_send,
        name="evaluation_link_send",
    ),
    path("placements/<int:pk>/feedback/", feedback.feedback, name="feedback"),
    path("logbook/<int:pk>/review/", logbooks.logbook_review, name="logbook_review"),
    path(
        "placements/<int:pk>/logbook/review-all/",
        logbooks.logbook_review_all,
        name="logbook_review_all",
    ),
    path("evaluate/<str:token>/", evaluations.evaluate, name="evaluate"),
    # coordinators and the office
    path("overview/", overview.overview, name="overview"),
    path("overview/overdue/", overview.overdue, name="overdue"),
    path("overview/ratings/", overview.ratings, name="ratings"),
    path("outcomes/", outcomes.outcome_list, name="outcome_list"),
    path("outcomes/mine/", outcomes.outcome_record, name="my_outcome"),
    path("settings/rubric/", evaluations.rubric_list, name="rubric_list"),
    path("settings/rubric/new/", evaluations.rubric_edit, name="rubric_create"),
    path("settings/rubric/<int:pk>/edit/", evaluations.rubric_edit, name="rubric_update"),
    path("settings/programmes/", programmes.programme_list, name="programme_list"),
    path("settings/programmes/new/", programmes.programme_edit, name="programme_create"),
    path(
        "settings/programmes/<int:pk>/edit/",
        programmes.programme_edit,
        name="programme_update",
    ),
]

from django.urls import include, path  # noqa: F401

from . import urls_transfer, views

app_name = "technologies"
urlpatterns: list = [
    # Disclosures, IP assets and deadlines (views.py); offers, the public catalogue, enquiries,
    # licences and spin-offs (views_transfer.py).
    path("disclosures/", views.disclosure_list, name="disclosure_list"),
    path("disclosures/new/", views.disclosure_create, name="disclosure_create"),
    path("disclosures/check-dates/", views.disclosure_warnings, name="disclosure_warnings"),
    path("disclosures/<int:pk>/", views.disclosure_detail, name="disclosure_detail"),
    path("disclosures/<int:pk>/edit/", views.disclosure_update, name="disclosure_update"),
    path("disclosures/<int:pk>/submit/", views.disclosure_submit, name="disclosure_submit"),
    path(
        "disclosures/<int:pk>/assess/",
        views.disclosure_start_assessment,
        name="disclosure_start_assessment",
    ),
    path("disclosures/<int:pk>/decide/", views.disclosure_decide, name="disclosure_decide"),
    path("review/", views.disclosure_queue, name="disclosure_queue"),
    path("portfolio/", views.asset_list, name="asset_list"),
    path("portfolio/new/", views.asset_create, name="asset_create"),
    path("portfolio/<int:pk>/", views.asset_detail, name="asset_detail"),
    path("portfolio/<int:pk>/edit/", views.asset_update, name="asset_update"),
    path("portfolio/<int:pk>/deadlines/new/", views.deadline_add, name="deadline_add"),
    path("deadlines/", views.deadline_list, name="deadline_list"),
    path("deadlines/<int:pk>/done/", views.deadline_done, name="deadline_done"),
    path("deadlines/<int:pk>/reopen/", views.deadline_reopen, name="deadline_reopen"),
    *urls_transfer.urlpatterns,
]

from django.urls import path

from . import views

app_name = "experts"
urlpatterns = [
    path("", views.expert_search, name="search"),
    path("me/", views.my_profile, name="my_profile"),
    path("<int:pk>/", views.profile_detail, name="profile_detail"),
    path("public/<int:pk>/", views.public_profile, name="public_profile"),
    path("<int:pk>/edit/", views.profile_edit, name="profile_edit"),
    path("<int:pk>/similar/", views.profile_similar, name="profile_similar"),
    path("<int:pk>/publications/new/", views.publication_create, name="publication_create"),
    path(
        "<int:pk>/projects/new/",
        views.profile_project_create,
        name="profile_project_create",
    ),
    path("<int:pk>/import/", views.import_upload, name="import_upload"),
    path("<int:pk>/import/preview/", views.import_preview, name="import_preview"),
    path("import/template.csv", views.import_template, name="import_template"),
    path("publications/<int:pk>/edit/", views.publication_edit, name="publication_edit"),
    path("publications/<int:pk>/delete/", views.publication_delete, name="publication_delete"),
    path("projects/<int:pk>/edit/", views.profile_project_edit, name="profile_project_edit"),
    path(
        "projects/<int:pk>/delete/",
        views.profile_project_delete,
        name="profile_project_delete",
    ),
]

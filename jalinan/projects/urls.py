from django.urls import path

from . import views

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="project_list"),
    path("new/", views.project_create, name="project_create"),
    path("<int:pk>/", views.project_detail, name="project_detail"),
    path("<int:pk>/edit/", views.project_update, name="project_update"),
    path("<int:pk>/status/", views.project_status, name="project_status"),
    path("<int:pk>/team/", views.member_add, name="member_add"),
    path("<int:pk>/team/<int:item_pk>/remove/", views.member_remove, name="member_remove"),
    path("<int:pk>/funding/", views.funding_add, name="funding_add"),
    path("<int:pk>/funding/<int:item_pk>/remove/", views.funding_remove, name="funding_remove"),
    path("<int:pk>/milestones/", views.milestone_add, name="milestone_add"),
    path("<int:pk>/milestones/<int:item_pk>/", views.milestone_update, name="milestone_update"),
    path("<int:pk>/milestones/<int:item_pk>/done/", views.milestone_done, name="milestone_done"),
    path(
        "<int:pk>/milestones/<int:item_pk>/delete/",
        views.milestone_delete,
        name="milestone_delete",
    ),
    path("<int:pk>/outputs/", views.output_add, name="output_add"),
    path("<int:pk>/outputs/<int:item_pk>/remove/", views.output_remove, name="output_remove"),
    path("<int:pk>/income/", views.income_add, name="income_add"),
    path("<int:pk>/income/<int:item_pk>/remove/", views.income_remove, name="income_remove"),
]

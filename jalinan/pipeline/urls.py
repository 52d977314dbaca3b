from django.urls import path

from . import views

app_name = "pipeline"
urlpatterns = [
    path("", views.board, name="board"),
    path("list/", views.opportunity_list, name="opportunity_list"),
    path("funnel/", views.funnel, name="funnel"),
    path("new/", views.opportunity_create, name="opportunity_create"),
    path("<int:pk>/", views.opportunity_detail, name="opportunity_detail"),
    path("<int:pk>/edit/", views.opportunity_update, name="opportunity_update"),
    path("<int:pk>/move/", views.opportunity_move, name="opportunity_move"),
    path("enquire/", views.enquire, name="enquire"),
    path("enquire/experts/", views.enquire_suggest, name="enquire_suggest"),
    path("enquire/thanks/", views.enquire_thanks, name="enquire_thanks"),
]

from django.urls import path

from . import views

app_name = "sdgs"
urlpatterns = [
    path("", views.goal_index, name="goal_index"),
    path("<int:number>/", views.goal_detail, name="goal_detail"),
    path("review/", views.review, name="review"),
    path("classify/", views.classify_text, name="classify"),
    path("tags/<int:pk>/decide/", views.tag_decide, name="tag_decide"),
    path("tags/<int:content_type_id>/<int:pk>/add/", views.tag_add, name="tag_add"),
    path(
        "tags/<int:content_type_id>/<int:pk>/decide-all/",
        views.tag_decide_all,
        name="tag_decide_all",
    ),
]

from django.urls import path

from . import views

app_name = "sdgs"
urlpatterns = [
    path("tags/<int:pk>/decide/", views.tag_decide, name="tag_decide"),
    path("tags/<int:content_type_id>/<int:pk>/add/", views.tag_add, name="tag_add"),
]

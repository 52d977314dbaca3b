from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard_page, name="dashboard"),
    path("charts/<str:key>.csv", views.chart_csv, name="chart_csv"),
    path("documents/", views.documents_page, name="documents"),
    path("documents/<str:fmt>/", views.document_download, name="document_download"),
]

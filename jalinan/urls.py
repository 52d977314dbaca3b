from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from jalinan.api.urls import api

urlpatterns = [
    path("", include("jalinan.portal.urls")),
    path("accounts/", include("jalinan.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("partners/", include("jalinan.partners.urls")),
    path("core/", include("jalinan.core.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

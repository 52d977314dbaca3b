from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from jalinan.accounts.views import admin_login
from jalinan.api.urls import api

# The admin signs in through the site's sign-in (two-factor, throttling), not its own form.
admin.site.login = admin_login

urlpatterns = [
    path("", include("jalinan.portal.urls")),
    path("accounts/", include("jalinan.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("sso/", include("jalinan.sso.urls")),
    path("partners/", include("jalinan.partners.urls")),
    path("experts/", include("jalinan.experts.urls")),
    path("sdgs/", include("jalinan.sdgs.urls")),
    path("memoranda/", include("jalinan.agreements.urls")),
    path("engagements/", include("jalinan.engagements.urls")),
    path("pipeline/", include("jalinan.pipeline.urls")),
    path("challenges/", include("jalinan.challenges.urls")),
    path("projects/", include("jalinan.projects.urls")),
    path("technologies/", include("jalinan.technologies.urls")),
    path("placements/", include("jalinan.placements.urls")),
    path("reports/", include("jalinan.reports.urls")),
    path("core/", include("jalinan.core.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

# Uploaded files are never served from a public URL: each app serves a file through a view
# that checks the user's right to it (jalinan.core.files.file_response).

# A database that is down answers 503 even when a middleware met it first.
handler500 = "jalinan.core.middleware.server_error"

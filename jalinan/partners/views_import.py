# Replaced by the import implementation.
from django.contrib.auth.decorators import login_required
from django.http import Http404


@login_required
def import_upload(request):
    raise Http404


import_preview = import_template = import_upload

# Placeholder views: the partners helper replaces these.
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def organisation_list(request):
    return HttpResponse("list")


organisation_detail = organisation_list

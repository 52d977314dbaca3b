# Placeholder views: the accounts helper replaces these.
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def profile(request):
    return HttpResponse("profile")


user_list = invitation_list = approval_list = unit_list = profile

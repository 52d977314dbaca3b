from django import forms


class PartnerSignupForm(forms.Form):
    def signup(self, request, user):
        pass

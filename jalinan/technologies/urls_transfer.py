"""URLs of technology offers, the public catalogue, enquiries, licences and spin-offs."""

from django.urls import path

from . import views_transfer as v

urlpatterns: list = [
    # The public catalogue (no sign-in).
    path("catalogue/", v.catalogue, name="catalogue"),
    path("catalogue/<slug:slug>/", v.catalogue_detail, name="catalogue_detail"),
    path("catalogue/<slug:slug>/thanks/", v.catalogue_thanks, name="catalogue_thanks"),
    path("catalogue/<slug:slug>/images/<int:pk>/", v.catalogue_image, name="catalogue_image"),
    # The office's offers.
    path("offers/", v.technology_list, name="technology_list"),
    path("offers/new/", v.technology_create, name="technology_create"),
    path("offers/<int:pk>/", v.technology_detail, name="technology_detail"),
    path("offers/<int:pk>/edit/", v.technology_edit, name="technology_edit"),
    path("offers/<int:pk>/publish/", v.technology_publish, name="technology_publish"),
    path("offers/<int:pk>/withdraw/", v.technology_withdraw, name="technology_withdraw"),
    path("offers/<int:pk>/images/", v.technology_image_add, name="technology_image_add"),
    path(
        "offers/<int:pk>/images/<int:image_pk>/remove/",
        v.technology_image_remove,
        name="technology_image_remove",
    ),
    # Enquiries.
    path("enquiries/", v.enquiry_list, name="enquiry_list"),
    path("enquiries/<int:pk>/", v.enquiry_detail, name="enquiry_detail"),
    path("enquiries/<int:pk>/nda/", v.enquiry_open_nda, name="enquiry_open_nda"),
    # Licences, payments, the revenue sharing policy.
    path("licences/", v.licence_list, name="licence_list"),
    path("licences/new/", v.licence_create, name="licence_create"),
    path("licences/<int:pk>/", v.licence_detail, name="licence_detail"),
    path("licences/<int:pk>/edit/", v.licence_edit, name="licence_edit"),
    path("licences/<int:pk>/agreement/", v.licence_link_agreement, name="licence_link_agreement"),
    path(
        "licences/<int:pk>/agreement/draft/",
        v.licence_draft_agreement,
        name="licence_draft_agreement",
    ),
    path("licences/<int:pk>/payments/new/", v.payment_create, name="payment_create"),
    path("payments/", v.payment_list, name="payment_list"),
    path("revenue-policy/", v.policy_list, name="policy_list"),
    # Spin-offs.
    path("spinoffs/", v.spinoff_list, name="spinoff_list"),
    path("spinoffs/new/", v.spinoff_create, name="spinoff_create"),
    path("spinoffs/<int:pk>/", v.spinoff_detail, name="spinoff_detail"),
    path("spinoffs/<int:pk>/edit/", v.spinoff_edit, name="spinoff_edit"),
]

from django.urls import path

from .views import assets, catalogue, disclosures, enquiries, licences, offers, spinoffs

app_name = "technologies"
urlpatterns: list = [
    # Invention disclosures and their review.
    path("disclosures/", disclosures.disclosure_list, name="disclosure_list"),
    path("disclosures/new/", disclosures.disclosure_create, name="disclosure_create"),
    path("disclosures/check-dates/", disclosures.disclosure_warnings, name="disclosure_warnings"),
    path("disclosures/<int:pk>/", disclosures.disclosure_detail, name="disclosure_detail"),
    path("disclosures/<int:pk>/edit/", disclosures.disclosure_update, name="disclosure_update"),
    path("disclosures/<int:pk>/submit/", disclosures.disclosure_submit, name="disclosure_submit"),
    path(
        "disclosures/<int:pk>/assess/",
        disclosures.disclosure_start_assessment,
        name="disclosure_start_assessment",
    ),
    path("disclosures/<int:pk>/decide/", disclosures.disclosure_decide, name="disclosure_decide"),
    path("review/", disclosures.disclosure_queue, name="disclosure_queue"),
    # The IP portfolio and its deadlines.
    path("portfolio/", assets.asset_list, name="asset_list"),
    path("portfolio/new/", assets.asset_create, name="asset_create"),
    path("portfolio/<int:pk>/", assets.asset_detail, name="asset_detail"),
    path("portfolio/<int:pk>/edit/", assets.asset_update, name="asset_update"),
    path("portfolio/<int:pk>/deadlines/new/", assets.deadline_add, name="deadline_add"),
    path("deadlines/", assets.deadline_list, name="deadline_list"),
    path("deadlines/<int:pk>/done/", assets.deadline_done, name="deadline_done"),
    path("deadlines/<int:pk>/reopen/", assets.deadline_reopen, name="deadline_reopen"),
    # The public catalogue (no sign-in).
    path("catalogue/", catalogue.catalogue, name="catalogue"),
    path("catalogue/<slug:slug>/", catalogue.catalogue_detail, name="catalogue_detail"),
    path("catalogue/<slug:slug>/thanks/", catalogue.catalogue_thanks, name="catalogue_thanks"),
    path(
        "catalogue/<slug:slug>/images/<int:pk>/",
        catalogue.catalogue_image,
        name="catalogue_image",
    ),
    # The office's offers.
    path("offers/", offers.technology_list, name="technology_list"),
    path("offers/new/", offers.technology_create, name="technology_create"),
    path("offers/<int:pk>/", offers.technology_detail, name="technology_detail"),
    path("offers/<int:pk>/edit/", offers.technology_edit, name="technology_edit"),
    path("offers/<int:pk>/publish/", offers.technology_publish, name="technology_publish"),
    path("offers/<int:pk>/withdraw/", offers.technology_withdraw, name="technology_withdraw"),
    path("offers/<int:pk>/images/", offers.technology_image_add, name="technology_image_add"),
    path(
        "offers/<int:pk>/images/<int:image_pk>/remove/",
        offers.technology_image_remove,
        name="technology_image_remove",
    ),
    # Enquiries.
    path("enquiries/", enquiries.enquiry_list, name="enquiry_list"),
    path("enquiries/<int:pk>/", enquiries.enquiry_detail, name="enquiry_detail"),
    path("enquiries/<int:pk>/nda/", enquiries.enquiry_open_nda, name="enquiry_open_nda"),
    # Licences, payments, the revenue sharing policy.
    path("licences/", licences.licence_list, name="licence_list"),
    path("licences/new/", licences.licence_create, name="licence_create"),
    path("licences/<int:pk>/", licences.licence_detail, name="licence_detail"),
    path("licences/<int:pk>/edit/", licences.licence_edit, name="licence_edit"),
    path(
        "licences/<int:pk>/agreement/",
        licences.licence_link_agreement,
        name="licence_link_agreement",
    ),
    path(
        "licences/<int:pk>/agreement/draft/",
        licences.licence_draft_agreement,
        name="licence_draft_agreement",
    ),
    path("licences/<int:pk>/payments/new/", licences.payment_create, name="payment_create"),
    path("payments/", licences.payment_list, name="payment_list"),
    path("revenue-policy/", licences.policy_list, name="policy_list"),
    # Spin-offs.
    path("spinoffs/", spinoffs.spinoff_list, name="spinoff_list"),
    path("spinoffs/new/", spinoffs.spinoff_create, name="spinoff_create"),
    path("spinoffs/<int:pk>/", spinoffs.spinoff_detail, name="spinoff_detail"),
    path("spinoffs/<int:pk>/edit/", spinoffs.spinoff_edit, name="spinoff_edit"),
]

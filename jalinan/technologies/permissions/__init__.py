"""Who may see and change what in technology transfer: one module per kind of record
(disclosures, assets, offers, enquiries, licences, spin-offs), each with its ``can_*`` checks
and its ``get_*_for_user`` helpers (404 when the user may not see the record, 403 when they may
see but not change it). The queryset forms of the same rules are in ``technologies.selectors``.
"""

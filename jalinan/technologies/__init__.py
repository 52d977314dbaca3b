"""Technology transfer: invention disclosures, IP assets, public catalogue, enquiries,
licences, spin-offs.
"""

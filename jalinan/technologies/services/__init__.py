"""Every write of technology transfer: keyword-only, validated, atomic and audited. One module
per kind of record; call them as ``services.licences.licence_create`` (``from
jalinan.technologies import services``) or import the function from its module.

    common          who to tell, shared checks
    disclosures     invention disclosures and their review
    assets          the IP portfolio and its deadlines
    offers          technology offers, their pictures and the catalogue's search index
    enquiries       licensing enquiries (into the pipeline, with a one-step NDA)
    licences        licences, royalty payments shared by policy
    spinoffs        spin-off companies
"""

from . import assets, common, disclosures, enquiries, licences, offers, spinoffs

__all__ = ["assets", "common", "disclosures", "enquiries", "licences", "offers", "spinoffs"]

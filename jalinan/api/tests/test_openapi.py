def test_openapi_document_lists_the_endpoints(client):
    resp = client.get("/api/v1/openapi.json")
    assert resp.status_code == 200
    doc = resp.json()
    assert doc["info"]["title"] == "Jalinan API"
    for path in [
        "/api/v1/partners/organisations",
        "/api/v1/partners/organisations/{org_id}",
        "/api/v1/partners/organisations/{org_id}/contacts",
        "/api/v1/partners/contacts/{contact_id}",
        "/api/v1/accounts/me",
    ]:
        assert path in doc["paths"], path
    assert (
        "BearerAuth" in str(doc["components"]["securitySchemes"])
        or doc["components"]["securitySchemes"]
    )


def test_docs_page_uses_local_assets(client, db):
    resp = client.get("/api/v1/docs")
    page = resp.content.decode()
    assert resp.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in page and "cdn." not in page


def test_every_operation_documents_its_error_responses(client, db):
    doc = client.get("/api/v1/openapi.json").json()
    error = {"$ref": "#/components/schemas/ErrorOut"}
    assert doc["components"]["schemas"]["ErrorOut"]["required"] == ["detail"]
    detail = doc["paths"]["/api/v1/partners/organisations/{org_id}"]["get"]["responses"]
    for code in ("401", "403", "404", "422"):
        assert detail[code]["content"]["application/json"]["schema"] == error, code
    # A list without parameters cannot be malformed; a public one needs no sign-in.
    assert "422" not in doc["paths"]["/api/v1/accounts/me"]["get"]["responses"]
    goals = doc["paths"]["/api/v1/sdgs/goals"]["get"]["responses"]
    assert set(goals) == {"200"}
    # The rate-limited enquiry keeps its own 429.
    assert (
        "429"
        in doc["paths"]["/api/v1/technologies/catalogue/{slug}/enquiries"]["post"]["responses"]
    )


def test_errors_answer_with_the_documented_body(client, officer):
    resp = client.get("/api/v1/partners/organisations/1")
    assert resp.status_code == 401 and isinstance(resp.json()["detail"], str)
    client.force_login(officer)
    resp = client.get("/api/v1/partners/organisations/999999")
    assert resp.status_code == 404 and resp.json() == {"detail": "Not found."}


def test_schema_names_are_unique_so_each_operation_documents_its_own_body(client, db):
    # Two Schema classes of one name share one entry in the document: the last one
    # registered describes both, and the other operation's answers break it.
    import importlib

    from ninja import Schema

    importlib.import_module("jalinan.api.urls")  # every router, and so every Schema, imported

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    seen = {}
    for cls in subclasses(Schema):
        if cls.__module__.startswith("jalinan."):
            seen.setdefault(cls.__name__, set()).add(cls.__module__)
    assert {name: mods for name, mods in seen.items() if len(mods) > 1} == {}
    doc = client.get("/api/v1/openapi.json").json()
    evidence = doc["components"]["schemas"]["EvidenceOut"]["properties"]
    assert "publication_id" in evidence and "url" not in evidence

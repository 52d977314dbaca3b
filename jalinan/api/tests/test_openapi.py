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

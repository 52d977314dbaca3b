def test_fixtures(decided_disclosure, patent_asset, pct_asset):
    assert decided_disclosure.status == "decided"
    print([(d.kind, d.due_date) for d in patent_asset.deadlines.all()])
    print([(d.kind, d.due_date) for d in pct_asset.deadlines.all()])
    assert patent_asset.reference.startswith("IP-")

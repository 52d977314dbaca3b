from jalinan.core.bench import measure_page


def test_measure_page_counts_the_queries_of_one_request(officer, org_acme):
    figures = measure_page(officer, "/partners/", repeats=2)
    assert figures["queries"] > 0
    assert figures["url"] == "/partners/" and figures["repeats"] == 2

def test_home_page_title_names_the_page_and_the_office(client, db):
    page = client.get("/").content.decode()
    assert "<title>Home · Office · Jalinan</title>" in page


def test_my_work_requires_sign_in(client, db):
    response = client.get("/my-work/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]

def test_a_nul_character_in_a_search_gets_the_bad_request_page(client, agent):
    client.force_login(agent)
    response = client.get("/desk/", {"q": "abc\x00"})
    assert response.status_code == 400
    assert "无法识别该请求" in response.content.decode()


def test_an_ordinary_search_passes(client, agent):
    client.force_login(agent)
    assert client.get("/desk/", {"q": "迟到"}).status_code == 200

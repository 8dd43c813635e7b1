"""After logging in, each role lands where it works."""


def test_agent_lands_on_the_inbox(client, agent):
    client.force_login(agent)
    response = client.get("/")
    assert response.status_code == 302 and response.url == "/desk/"


def test_manager_lands_on_the_reports(client, manager):
    client.force_login(manager)
    response = client.get("/")
    assert response.status_code == 302 and response.url == "/reports/"


def test_visitor_sees_the_public_start_page(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert b"/complaints/new/" in response.content


def test_login_sends_staff_through_the_role_aware_start(client, agent):
    response = client.post("/login/", {"username": agent.username, "password": "pw-for-tests"})
    assert response.status_code == 302 and response.url == "/"

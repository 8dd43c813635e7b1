from unittest import mock


def test_healthz_reports_database_and_broker_up(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


def test_healthz_is_503_when_the_broker_is_down(client, db):
    with mock.patch("core.health.broker_ok", return_value=False):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"] == "down"
    assert response.json()["database"] == "ok"


def test_healthz_is_503_when_the_database_is_down(client, db):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=Exception("gone")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"


def test_healthz_detects_an_unreachable_redis_broker(client, db):
    from complaints_site.celery import app

    unreachable = app.connection_for_write("redis://127.0.0.1:1/0")
    with mock.patch.object(app, "connection_for_write", return_value=unreachable):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"] == "down"

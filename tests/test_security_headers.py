"""The same security headers on every answer of POST /api/ingest: success, refusals, a body too
large (declared or streamed), invalid input and an internal error."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from warwatch.config import Settings
from warwatch.store import Store
from warwatch.web import create_app
from warwatch.web.security import SECURITY_HEADERS, WebConfig

TOKEN = "a-write-token"
EXPECTED = {name.decode(): value.decode() for name, value in SECURITY_HEADERS}


@pytest.fixture()
def app(tmp_path):
    path = tmp_path / "s.db"
    Store.open(path).close()
    settings = Settings(db=path, workers=0, understand=False)
    return create_app(path, settings, web=WebConfig(api_token=TOKEN, max_body=4096))


def assert_secure(response) -> None:
    missing = {k: v for k, v in EXPECTED.items() if response.headers.get(k) != v}
    assert not missing, (response.status_code, missing)


def test_ingest_answers_carry_the_security_headers(app):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    text = "Engineers reopened the pontoon crossing on Friday after repairs. Traffic resumed by noon."
    with TestClient(app) as c:
        cases = [
            (c.post("/api/ingest", json={"text": text}, headers=auth), 200),
            (c.post("/api/ingest", json={"text": text}), 401),
            (c.post("/api/ingest", json={"text": text}, headers={"Authorization": "Bearer wrong"}), 401),
            (c.post("/api/ingest", json={"nothing": 1}, headers=auth), 422),
            (c.post("/api/ingest", content=b"{not json", headers={**auth, "Content-Type": "application/json"}), 422),
            (c.post("/api/ingest", json={"text": "x" * 10_000}, headers=auth), 413),
            (c.post("/api/ingest", content=iter([b'{"text": "', b"y" * 8000, b'"}']),
                    headers={**auth, "Content-Type": "application/json"}), 413),
        ]
    for response, status in cases:
        assert response.status_code == status, response.text
        assert_secure(response)


def test_writes_disabled_and_internal_errors_carry_them_too(tmp_path, monkeypatch):
    path = tmp_path / "s.db"
    Store.open(path).close()
    closed = create_app(path, Settings(db=path, workers=0, understand=False), web=WebConfig())
    with TestClient(closed) as c:
        response = c.post("/api/ingest", json={"text": "some text"})
    assert response.status_code == 403
    assert_secure(response)

    import warwatch.ingest

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(warwatch.ingest, "ingest", broken)
    app = create_app(path, Settings(db=path, workers=0, understand=False), web=WebConfig(api_token=TOKEN))
    with TestClient(app, raise_server_exceptions=False) as c:
        response = c.post("/api/ingest", json={"text": "some text"}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 500
    assert_secure(response)

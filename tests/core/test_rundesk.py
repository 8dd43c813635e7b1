"""``make run``'s process manager: web, worker and beat live and die together."""

import io

import pytest
from django.core.management import CommandError, call_command


class FakeProcess:
    def __init__(self, name: str, exits_with: int | None):
        self.name, self.returncode, self.terminated = name, exits_with, False

    def poll(self):
        return self.returncode

    def terminate(self):
        self.terminated, self.returncode = True, -15

    def wait(self, timeout=None):
        return self.returncode


@pytest.fixture
def started(monkeypatch):
    """Fake Popen: the web server fails at once (say, its port is taken); worker and beat run."""
    processes = {}

    def popen(command, cwd=None):
        name = "web" if "runserver" in command else command[command.index("complaints_site") + 1]
        processes[name] = FakeProcess(name, exits_with=1 if name == "web" else None)
        return processes[name]

    monkeypatch.setattr("core.management.commands.rundesk.subprocess.Popen", popen)
    monkeypatch.setattr("core.management.commands.rundesk.signal.signal", lambda *args: None)
    return processes


def test_when_one_process_dies_the_others_are_stopped_and_the_command_fails(started):
    with pytest.raises(CommandError, match="web exited with status 1"):
        call_command("rundesk", addr="127.0.0.1:8199", stdout=io.StringIO())
    assert set(started) == {"web", "worker", "beat"}
    assert started["worker"].terminated and started["beat"].terminated


def test_the_welcome_lists_the_address_and_every_demo_login(started):
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("rundesk", addr="127.0.0.1:8199", stdout=out)
    assert "http://127.0.0.1:8199/desk/" in out.getvalue()
    for username in ("agent", "investigator", "supervisor", "panel1", "gm", "manager", "admin"):
        assert f"  {username} " in out.getvalue()

"""Start the web server, a Celery worker and Celery beat together; Ctrl-C stops all three."""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.demo import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "Run the complaint desk locally: web, worker and beat."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--addr", default=os.environ.get("RUN_ADDR", "127.0.0.1:8000"))

    def handle(self, *args, addr: str, **options) -> None:
        python = sys.executable
        celery = [python, "-m", "celery", "-A", "complaints_site"]
        commands = {
            "web": [python, "manage.py", "runserver", addr, "--noreload"],
            # The solo pool runs one task at a time: say so, or the banner reports one per core.
            "worker": [
                *celery,
                "worker",
                "--loglevel=INFO",
                "--pool=solo",
                "--concurrency=1",
                "--without-gossip",
                "--without-mingle",
            ],
            "beat": [*celery, "beat", "--loglevel=INFO", "--schedule", str(settings.VAR_DIR / "celerybeat-schedule")],
        }
        processes = {name: subprocess.Popen(cmd, cwd=settings.BASE_DIR) for name, cmd in commands.items()}
        self._print_welcome(addr)
        stopping = False

        def stop(*_args) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping and all(p.poll() is None for p in processes.values()):
                time.sleep(0.5)
            died = {name: p.returncode for name, p in processes.items() if p.returncode is not None}
        finally:
            for process in processes.values():
                if process.poll() is None:
                    process.terminate()
            for process in processes.values():
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
        self.stdout.write("Stopped web, worker and beat.")
        if died and not stopping:
            # One process ended by itself (a port in use, a broken import): say which, and fail.
            raise CommandError(", ".join(f"{name} exited with status {code}" for name, code in died.items()))

    def _print_welcome(self, addr: str) -> None:
        url = f"http://{addr}/"
        lines = [
            "",
            f"Complaint desk: {url}",
            f"  public complaint form  {url}complaints/new/",
            f"  agent inbox            {url}desk/",
            f"  administration         {url}admin/",
            f"Demo logins (password for all: {DEMO_PASSWORD}):",
            *(f"  {username:<14} {label}" for username, (_role, label) in DEMO_USERS.items()),
            "Press Ctrl-C to stop web, worker and beat.",
            "",
        ]
        self.stdout.write("\n".join(lines))

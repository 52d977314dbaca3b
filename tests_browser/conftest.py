"""Browser tests: Playwright drives Debian's chromium; nothing is downloaded."""

from pathlib import Path

import pytest

SHOTS = Path(__file__).resolve().parent.parent / "test-results"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def shot(page):
    SHOTS.mkdir(exist_ok=True)

    def take(name):
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    return take

"""Production mode refuses unsafe settings and passes Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
GOOD_KEY = "k" * 20 + "9f8e7d6c5b4a3928171615141312111009080706"


def run_check(tmp_path, deploy=True, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "JALINAN_MODE"}
        and not k.startswith("DJANGO_")
    }
    clean.update({"JALINAN_DATA_DIR": str(tmp_path)}, **env)
    cmd = [sys.executable, "manage.py", "check"] + (
        ["--deploy", "--fail-level", "WARNING"] if deploy else []
    )
    return subprocess.run(cmd, cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120)


def test_production_with_safe_settings_passes_check_deploy(tmp_path):
    result = run_check(
        tmp_path,
        JALINAN_MODE="production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="jalinan.example.edu",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    "env, named",
    [
        ({"ALLOWED_HOSTS": "jalinan.example.edu"}, "SECRET_KEY"),
        ({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "x.edu", "DEBUG": "true"}, "DEBUG"),
        ({"SECRET_KEY": GOOD_KEY}, "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_unsafe_settings(tmp_path, env, named):
    result = run_check(tmp_path, deploy=False, JALINAN_MODE="production", **env)
    assert result.returncode != 0
    assert "refuses to start" in result.stderr and named in result.stderr


@pytest.mark.parametrize(
    "env, named",
    [
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"DATABASE_URL": "nonsense://x"}, "DATABASE_URL"),
        ({"JALINAN_MODE": "staging"}, "JALINAN_MODE"),
    ],
)
def test_bad_values_name_the_variable(tmp_path, env, named):
    result = run_check(tmp_path, deploy=False, **env)
    assert result.returncode != 0 and named in result.stderr


def test_csp_image_sources_come_from_the_environment(tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.update(JALINAN_DATA_DIR=str(tmp_path), JALINAN_CSP_IMG_SOURCES="https://www.iium.edu.my")
    code = "from django.conf import settings as s; print(s.CONTENT_SECURITY_POLICY['DIRECTIVES'])"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "'img-src': [\"'self'\", 'data:', 'https://www.iium.edu.my']" in result.stdout, (
        result.stdout + result.stderr
    )


@pytest.mark.parametrize(
    "env, named",
    [
        ({"JALINAN_MATCHING_BACKEND": "elastic"}, "JALINAN_MATCHING_BACKEND"),
        ({"JALINAN_EMBEDDER": "openai"}, "JALINAN_EMBEDDER"),
        (
            {"JALINAN_MEMORANDUM_EXPIRY_ALERT_DAYS": "180,soon"},
            "JALINAN_MEMORANDUM_EXPIRY_ALERT_DAYS",
        ),
        (
            {"JALINAN_MEMORANDUM_STAGE_LIMITS": "legal_review=three"},
            "JALINAN_MEMORANDUM_STAGE_LIMITS",
        ),
        ({"JALINAN_PLACEMENTS_REVIEW_DAYS": "a week"}, "JALINAN_PLACEMENTS_REVIEW_DAYS"),
        ({"JALINAN_SYNC_STAFF_COLUMNS": "nickname=Gelaran"}, "JALINAN_SYNC_STAFF_COLUMNS"),
        ({"JALINAN_SYNC_MAX_DEACTIVATION_PERCENT": "150"}, "JALINAN_SYNC_MAX_DEACTIVATION_PERCENT"),
    ],
)
def test_a_bad_value_in_the_environment_stops_the_start_naming_the_variable(tmp_path, env, named):
    result = run_check(tmp_path, deploy=False, **env)
    assert result.returncode != 0
    assert named in result.stderr


def test_settings_from_the_environment_reach_the_apps(tmp_path):
    env = {
        "JALINAN_MEMORANDUM_STAGE_LIMITS": "legal_review=3",
        "JALINAN_IP_DEADLINE_ALERT_DAYS": "60,1",
        "JALINAN_PIPELINE_STUCK_DAYS": "12",
    }
    code = (
        "from jalinan.agreements.reminders import stage_limits;"
        "from django.conf import settings;"
        "print(stage_limits()['legal_review'], settings.JALINAN_IP_DEADLINE_ALERT_DAYS,"
        " settings.JALINAN_PIPELINE_STUCK_DAYS)"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.update(env, JALINAN_DATA_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "3 [60, 1] 12" in result.stdout.splitlines()

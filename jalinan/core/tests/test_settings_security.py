"""The trusted proxies, the API token expiry and the enquiry timer are read from the
environment and checked at start."""

import pytest

from .test_settings import run_check


@pytest.mark.parametrize(
    "env, named",
    [
        ({"JALINAN_TRUSTED_PROXIES": "10.0.0.1,proxy.example"}, "JALINAN_TRUSTED_PROXIES"),
        ({"JALINAN_API_TOKEN_DAYS": "400"}, "JALINAN_API_TOKEN_DAYS"),
        ({"JALINAN_ENQUIRY_MIN_SECONDS": "soon"}, "JALINAN_ENQUIRY_MIN_SECONDS"),
    ],
)
def test_bad_values_name_the_variable(tmp_path, env, named):
    result = run_check(tmp_path, deploy=False, **env)
    assert result.returncode != 0 and named in result.stderr


def test_good_values_start(tmp_path):
    result = run_check(tmp_path, deploy=False, JALINAN_TRUSTED_PROXIES="127.0.0.1, 10.0.0.0/8, ::1")
    assert result.returncode == 0, result.stderr

import pytest

from jalinan.agreements.tests.factories import make_memo


@pytest.fixture
def memo(academic, unit_eng, org_acme):
    """A draft MoA of the Kulliyyah of Engineering, in the academic's charge, with Acme."""
    return make_memo(unit=unit_eng, pic=academic, parties=[org_acme])


@pytest.fixture
def memo_factory(academic, unit_eng, org_acme):
    def make(**kw):
        kw.setdefault("unit", unit_eng)
        kw.setdefault("pic", academic)
        kw.setdefault("parties", [org_acme])
        return make_memo(**kw)

    return make

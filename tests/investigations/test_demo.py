from core.demo import seed_users
from investigations import demo
from investigations.models import EvidenceItem, Investigation, InvestigationReport


def test_demo_seed_is_idempotent_and_leaves_intact_chains(db):
    users = seed_users()
    demo.seed(users)
    counts = (Investigation.objects.count(), EvidenceItem.objects.count(), InvestigationReport.objects.count())

    demo.seed(users)

    assert counts == (2, 10, 1)
    assert (Investigation.objects.count(), EvidenceItem.objects.count(), InvestigationReport.objects.count()) == counts

"""Named constants for the records of tests/fixtures/tiny.ttl."""

from pathlib import Path

from claimgraph.namespaces import ASSERTION, CLAIM, SOURCE, STUDY

FIXTURES = Path(__file__).parent / "fixtures"
TINY = FIXTURES / "tiny.ttl"

BLOG = SOURCE["blog"]
SHEET = SOURCE["sheet"]
CLAIM_HIV_PAIN = CLAIM["relieves-hiv-pain"]
CLAIM_OPIOIDS = CLAIM["releases-opioids"]
CLAIM_SAFE = CLAIM["is-safe"]
ASSERTION_BLOG_HIV = ASSERTION["blog-hiv"]
STUDY_NULL_RCT = STUDY["trial1998"]
STUDY_RAT = STUDY["rat2011"]
STUDY_VAGUE = STUDY["vague-pain-study"]

TINY_COUNTS = {
    "sources": 2,
    "claims": 3,
    "assertions": 4,
    "studies": 3,
    "identifiable_studies": 2,
    "study_reports": 2,
    "evidence_lines": 3,
    "mechanisms": 1,
}

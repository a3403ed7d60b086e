#!/usr/bin/env python3
"""Check the FakeHealth gold labels in benchmarks/news/labels/.

Verifies that every label file is well formed (fields, types, controlled values),
that every quote, mention and boilerplate anchor is an exact substring of the
document text (title + "\\n\\n" + text, runs of whitespace collapsed to one space
on both sides), that the quote length limits hold, and that the selection and
dev/test split follow the rule in README.md. Exits 1 listing every problem.

Python 3.11, standard library only.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = "/work/.mirror/EnyanDai+FakeHealth/repo/.git"
DEFAULT_POOL = "/work/shared/corpora/fakehealth-dev.txt"
N_CHOSEN = 240
TEST_POSITIONS = (*range(30, 60), *range(120, 180))


def split_of(pos: int) -> str:
    """The split of the document at ``pos`` in sha256 order: 30-59 and 120-179 test, every other position dev."""
    return "test" if pos in TEST_POSITIONS else "dev"


DESIGNS = {
    "rct", "controlled-trial", "meta-analysis", "systematic-review", "observational",
    "retrospective", "survey", "case-series", "case-report", "narrative-review", "guideline",
    "human-mechanistic", "animal", "in-vitro", "reanalysis", "unknown",
}
STATUSES = {"published", "presented", "ongoing", "planned"}
STRENGTHS = {"strong", "moderate", "hedged"}
TYPES = {"efficacy", "safety", "mechanism", "regimen", "epidemiology", "background"}
POLARITIES = {"positive", "negative", "null"}

TOP_KEYS = ["doc", "split", "kind", "published", "studies", "claims", "boilerplate", "notes"]
STUDY_KEYS = ["first_author", "authors_named", "year", "year_inferred", "journal", "design",
              "participants", "doi", "registration", "status", "identifiable", "mentions"]
CLAIM_KEYS = ["quote", "paraphrase", "strength", "type", "polarity", "speaker",
              "intervention", "condition_or_outcome", "study", "headline"]

MAX_QUOTE_WORDS = 15
MAX_MENTION_WORDS = 12
MAX_BOILERPLATE_WORDS = 10
SHORT_DOC_TOKEN = "[short-doc]"  # in notes: the text holds fewer than 3 reportable claims

DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
SPEAKER_RE = re.compile(r"^(?P<name>.+) \((?P<role>[^()]+)\)$")
ROLES = {
    "lead author", "senior author", "co-author", "study author", "study authors",
    "independent expert", "editorial author", "guideline body", "journal editor", "advocate", "manufacturer",
}


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def words(s: str) -> int:
    return len(s.split())


def chosen_order(pool_file: str) -> list[str]:
    paths = [line.strip() for line in Path(pool_file).read_text().splitlines() if line.strip()]
    paths.sort(key=lambda p: hashlib.sha256(p.encode("utf-8")).hexdigest())
    return paths[:N_CHOSEN]


def load_doc(gitdir: str, doc: str) -> dict:
    out = subprocess.run(["git", "-C", gitdir, "show", f"HEAD:dataset/content/{doc}.json"],
                         capture_output=True, check=True)
    return json.loads(out.stdout)


def label_name(doc: str) -> str:
    return doc.replace("/", "__") + ".json"


def check_date(s: str) -> bool:
    if not DATE_RE.match(s):
        return False
    fmt = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}[len(s)]
    try:
        datetime.strptime(s, fmt)
    except ValueError:
        return False
    return True


def check_label(path: Path, lab: dict, order: list[str], gitdir: str) -> list[str]:
    P: list[str] = []

    def bad(msg: str) -> None:
        P.append(f"{path.name}: {msg}")

    if not isinstance(lab, dict):
        bad("top level is not an object")
        return P
    if list(lab.keys()) != TOP_KEYS:
        bad(f"top-level keys must be exactly {TOP_KEYS} in that order, got {list(lab.keys())}")
    doc = lab.get("doc")
    if doc not in order:
        bad(f"doc {doc!r} is not one of the {N_CHOSEN} chosen documents")
        return P
    if path.name != label_name(doc):
        bad(f"file name should be {label_name(doc)}")
    pos = order.index(doc)
    want_split = split_of(pos)
    if lab.get("split") != want_split:
        bad(f"split must be {want_split!r} (position {pos} in sha256 order)")
    want_kind = "story" if doc.startswith("HealthStory/") else "release"
    if lab.get("kind") != want_kind:
        bad(f"kind must be {want_kind!r}")

    raw = load_doc(gitdir, doc)
    text = norm((raw.get("title") or "") + "\n\n" + (raw.get("text") or ""))

    pub = lab.get("published")
    if pub is not None and not (isinstance(pub, str) and check_date(pub)):
        bad(f"published {pub!r} is not YYYY-MM-DD / YYYY-MM / YYYY / null")
    if pub is None and raw.get("publish_date"):
        bad("published is null although the JSON has a publish_date")
    if pub is not None and not raw.get("publish_date") and pub[:4] not in text:
        bad(f"published {pub!r}: no JSON publish_date and the year does not occur in the text")

    def found(q, what: str, limit: int) -> None:
        if not isinstance(q, str) or not q.strip():
            bad(f"{what}: empty or not a string")
            return
        if words(q) > limit:
            bad(f"{what}: {words(q)} words > {limit}: {q!r}")
        if norm(q) not in text:
            bad(f"{what}: not found in text: {q!r}")

    studies = lab.get("studies")
    if not isinstance(studies, list):
        bad("studies is not a list")
        studies = []
    for i, st in enumerate(studies):
        w = f"studies[{i}]"
        if not isinstance(st, dict):
            bad(f"{w} is not an object")
            continue
        if list(st.keys()) != STUDY_KEYS:
            bad(f"{w}: keys must be exactly {STUDY_KEYS} in that order")
        fa, an = st.get("first_author"), st.get("authors_named")
        if not isinstance(an, list) or not all(isinstance(a, str) and a.strip() for a in an):
            bad(f"{w}.authors_named must be a list of surnames")
            an = []
        if len(set(an)) != len(an):
            bad(f"{w}.authors_named has duplicates")
        if fa is not None:
            if not isinstance(fa, str) or not fa.strip():
                bad(f"{w}.first_author must be a surname or null")
            elif fa not in an:
                bad(f"{w}.first_author {fa!r} must also be in authors_named")
        for a in ([fa] if isinstance(fa, str) else []) + an:
            toks = a.split()
            if any(t.endswith(".") or t.endswith(",") for t in toks) or (toks and toks[0] in ("Dr", "Prof")):
                bad(f"{w}: author {a!r} should be a surname only (no title, initials or punctuation)")
        y, yi = st.get("year"), st.get("year_inferred")
        if y is not None and not (isinstance(y, int) and not isinstance(y, bool) and 1900 <= y <= 2030):
            bad(f"{w}.year must be an integer year or null")
        if not isinstance(yi, bool):
            bad(f"{w}.year_inferred must be true/false")
        elif yi and y is None:
            bad(f"{w}.year_inferred is true but year is null")
        j = st.get("journal")
        if j is not None and not (isinstance(j, str) and j.strip()):
            bad(f"{w}.journal must be a name or null")
        if st.get("design") not in DESIGNS:
            bad(f"{w}.design {st.get('design')!r} not in {sorted(DESIGNS)}")
        n = st.get("participants")
        if n is not None and not (isinstance(n, int) and not isinstance(n, bool) and n > 0):
            bad(f"{w}.participants must be a positive integer or null")
        doi = st.get("doi")
        if doi is not None and not (isinstance(doi, str) and DOI_RE.match(doi)):
            bad(f"{w}.doi {doi!r} is not a DOI")
        reg = st.get("registration")
        if reg is not None and not (isinstance(reg, str) and re.match(r"^[A-Z][A-Za-z0-9/_-]{5,}$", reg)):
            bad(f"{w}.registration {reg!r} is not a registry id")
        if st.get("status") not in STATUSES:
            bad(f"{w}.status {st.get('status')!r} not in {sorted(STATUSES)}")
        ident = st.get("identifiable")
        if not isinstance(ident, bool):
            bad(f"{w}.identifiable must be true/false")
        elif ident and not (doi or reg or an or j or y):
            bad(f"{w}.identifiable is true but the record holds no DOI, registration, author, journal or year")
        ms = st.get("mentions")
        if not isinstance(ms, list) or not 1 <= len(ms) <= 4:
            bad(f"{w}.mentions must hold 1-4 quotes")
            ms = ms if isinstance(ms, list) else []
        for k, m in enumerate(ms):
            found(m, f"{w}.mentions[{k}]", MAX_MENTION_WORDS)

    claims = lab.get("claims")
    notes = lab.get("notes")
    if not isinstance(notes, str):
        bad("notes must be a string")
        notes = ""
    if not isinstance(claims, list):
        bad("claims is not a list")
        claims = []
    if len(claims) > 6:
        bad(f"{len(claims)} claims > 6")
    if len(claims) < 3 and SHORT_DOC_TOKEN not in notes:
        bad(f"{len(claims)} claims < 3 and notes do not say {SHORT_DOC_TOKEN}")
    seen_quotes = set()
    for i, c in enumerate(claims):
        w = f"claims[{i}]"
        if not isinstance(c, dict):
            bad(f"{w} is not an object")
            continue
        if list(c.keys()) != CLAIM_KEYS:
            bad(f"{w}: keys must be exactly {CLAIM_KEYS} in that order")
        found(c.get("quote"), f"{w}.quote", MAX_QUOTE_WORDS)
        if c.get("quote") in seen_quotes:
            bad(f"{w}.quote repeats another claim's quote")
        seen_quotes.add(c.get("quote"))
        para = c.get("paraphrase")
        if not isinstance(para, str) or not para.strip() or "\n" in para:
            bad(f"{w}.paraphrase must be one non-empty line")
        elif isinstance(c.get("quote"), str) and norm(para) == norm(c["quote"]):
            bad(f"{w}.paraphrase copies the quote")
        for key, allowed in (("strength", STRENGTHS), ("type", TYPES), ("polarity", POLARITIES)):
            if c.get(key) not in allowed:
                bad(f"{w}.{key} {c.get(key)!r} not in {sorted(allowed)}")
        sp = c.get("speaker")
        m = SPEAKER_RE.match(sp) if isinstance(sp, str) else None
        if sp != "source" and not (m and m["role"] in ROLES):
            bad(f"{w}.speaker {sp!r} must be 'source' or 'Name (role)' with role in {sorted(ROLES)}")
        for key in ("intervention", "condition_or_outcome"):
            v = c.get(key)
            if v is not None and not (isinstance(v, str) and v.strip()):
                bad(f"{w}.{key} must be a short name or null")
        s = c.get("study")
        if s is not None and not (isinstance(s, int) and not isinstance(s, bool) and 0 <= s < len(studies)):
            bad(f"{w}.study {s!r} is not an index into studies")
        if not isinstance(c.get("headline"), bool):
            bad(f"{w}.headline must be true/false")

    if sum(1 for c in claims if isinstance(c, dict) and c.get("headline") is True) > 1:
        bad("more than one claim is marked headline")

    bp = lab.get("boilerplate")
    if not isinstance(bp, list):
        bad("boilerplate is not a list")
        bp = []
    for k, b in enumerate(bp):
        found(b, f"boilerplate[{k}]", MAX_BOILERPLATE_WORDS)
    return P


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=DEFAULT_CORPUS, help="FakeHealth git dir (default: %(default)s)")
    ap.add_argument("--pool", default=DEFAULT_POOL, help="the 300 dev paths, one a line (default: %(default)s)")
    ap.add_argument("--labels", default=str(HERE / "labels"), help="label directory (default: %(default)s)")
    ap.add_argument("--docs-list", default=str(HERE / "dev-docs.txt"), help="chosen list (default: %(default)s)")
    a = ap.parse_args()

    problems: list[str] = []
    order = chosen_order(a.pool)

    # dev-docs.txt: the chosen paths in order with their split
    want = [f"{p}\t{split_of(i)}" for i, p in enumerate(order)]
    got = [line.rstrip("\n") for line in Path(a.docs_list).read_text().splitlines()
           if line.strip() and not line.startswith("#")]
    if got != want:
        problems.append(f"{a.docs_list}: does not list the {N_CHOSEN} chosen paths in sha256 order with their split")

    files = sorted(Path(a.labels).glob("*.json"))
    labelled = set()
    for f in files:
        try:
            lab = json.loads(f.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            problems.append(f"{f.name}: invalid JSON: {e}")
            continue
        problems += check_label(f, lab, order, a.corpus)
        if isinstance(lab, dict) and lab.get("doc") in order:
            labelled.add(lab["doc"])
    # labelling goes in sha256 order: the labelled documents are a prefix of the order
    k = len(labelled)
    if set(order[:k]) != labelled:
        missing = [p for p in order[:k] if p not in labelled]
        problems.append(f"labelled documents are not the first {k} of the sha256 order; missing {missing}")

    dev = sum(1 for p in labelled if split_of(order.index(p)) == "dev")
    print(f"{len(files)} label files, {k} documents ({dev} dev, {k - dev} test)")
    if problems:
        print(f"{len(problems)} problem(s):")
        for p in problems:
            print("  " + p)
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Make the sample consent file, pairs and queries for the ego-Facebook graph.

What it is for: the README's main job (`make run`) builds a store from
data-samples/snap-ego-facebook/facebook_combined.txt.gz and queries it. The
graph carries no consent, so this script invents a realistic, fixed consent
state for its 4,039 members (ids 0..4038) and picks pairs to query. The
outputs are committed; this script documents how they were made and
regenerates them byte for byte.

Outputs, all under data-samples/sample/ (formats: DESIGN.md section 5):
  consent.csv          member,linked,visible,grants,rolled_out
  pairs.csv            viewer,subject  (half connected pairs, half
                       friend-of-friend pairs, plus pairs that hit every
                       status on purpose)
  queries.txt          a few (viewer, subject) pairs worth a look, one per
                       status, with a comment on what each shows
  expected_batch.csv   what `mutuals batch --pairs pairs.csv --limit 5`
                       must write, computed here from DESIGN section 3 by a
                       plain set-based oracle that shares no code with the
                       engine

Determinism: one fixed seed, and only random.Random.random() is used (its
Mersenne Twister stream is the same on every Python 3); every iteration runs
over sorted ids. Python 3 standard library only.

Usage (from anywhere):
  python3 tools/samples/make_sample_inputs.py           # (re)write outputs
  python3 tools/samples/make_sample_inputs.py --check   # exit 1 if stale
  python3 tools/samples/make_sample_inputs.py --verify-batch out/batch.csv --limit 5
      # check a `mutuals batch` result for pairs.csv against the oracle, run
      # over the committed consent.csv and pairs.csv; `make run` does this
"""

import argparse
import gzip
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EDGES = REPO / "data-samples" / "snap-ego-facebook" / "facebook_combined.txt.gz"
OUT_DIR = REPO / "data-samples" / "sample"

SEED = 20240229
PAIRS_PER_KIND = 1000  # connected pairs, and as many friend-of-friend pairs
ITEM_LIMIT = 5  # --limit used for expected_batch.csv
UNKNOWN_ID = 999999999  # a member id that appears in no input

# DESIGN section 3, in the order of the store's category bits.
CATEGORIES = [
    "li.profile", "li.interests", "li.subscriptions", "li.connections",
    "ms.profile", "ms.calendar", "ms.interests", "ms.subscriptions", "ms.contacts",
]

# Partial grant sets of linked members who revoked some categories, with
# weights. About half of them lack li.connections (consent_missing for
# shared-connections); the others revoked something that does not matter
# for shared-connections.
PARTIAL_GRANTS = [
    (["li.profile", "ms.calendar", "ms.contacts"], 3),
    ([c for c in CATEGORIES if c != "li.connections"], 3),
    (["li.profile", "li.interests", "ms.profile", "ms.calendar"], 1),
    ([c for c in CATEGORIES if c != "ms.calendar"], 2),
    ([c for c in CATEGORIES if c != "ms.contacts"], 2),
    (["li.profile", "li.connections"], 2),
    ([], 1),  # linked, but every category revoked one by one
]

# Shares of all members (drawn independently per member).
P_NO_RECORD = 0.05  # no consent record at all: secure defaults apply
P_LINKED_ALL = 0.72  # of records: linked, grants `all`
P_LINKED_PARTIAL = 0.14  # of records: linked, some categories revoked
# the remaining 0.14 of records: unlinked, grants `none`
P_HIDDEN = 0.105  # of records: visible 0 (about 10% of all members)
P_NOT_ROLLED_OUT = 0.02  # of records: rolled_out 0


class Rng:
    """random.Random reduced to random(), whose stream never changes."""

    def __init__(self, seed):
        self._r = random.Random(seed)

    def real(self):
        return self._r.random()

    def below(self, n):
        return min(int(self._r.random() * n), n - 1)

    def pick(self, seq):
        return seq[self.below(len(seq))]

    def weighted(self, items):
        total = sum(w for _, w in items)
        x = self._r.random() * total
        for value, w in items:
            x -= w
            if x < 0:
                return value
        return items[-1][0]

    def shuffle(self, seq):
        for i in range(len(seq) - 1, 0, -1):
            j = self.below(i + 1)
            seq[i], seq[j] = seq[j], seq[i]


def load_graph(path):
    adj = {}
    with gzip.open(path, "rt", encoding="ascii") as f:
        for line in f:
            if not line.strip() or line[0] in "#%":
                continue
            u, v = (int(x) for x in line.split()[:2])
            if u == v:
                continue
            adj.setdefault(u, set()).add(v)
            adj.setdefault(v, set()).add(u)
    return adj


def make_consent(rng, members):
    """member -> record dict; members without a record are absent."""
    consent = {}
    for m in members:
        if rng.real() < P_NO_RECORD:
            continue
        x = rng.real()
        if x < P_LINKED_ALL:
            linked, grants = True, list(CATEGORIES)
        elif x < P_LINKED_ALL + P_LINKED_PARTIAL:
            linked, grants = True, list(rng.weighted(PARTIAL_GRANTS))
        else:
            linked, grants = False, []
        visible = rng.real() >= P_HIDDEN
        rolled_out = rng.real() >= P_NOT_ROLLED_OUT
        consent[m] = {"linked": linked, "visible": visible,
                      "grants": set(grants), "rolled_out": rolled_out}
    return consent


def grants_text(grants):
    if len(grants) == len(CATEGORIES):
        return "all"
    if not grants:
        return "none"
    return ";".join(c for c in CATEGORIES if c in grants)


# ---- the oracle: DESIGN section 3, shared-connections ----------------------

def viewer_ok(consent, m):
    rec = consent.get(m)
    return (rec is not None and rec["rolled_out"] and rec["linked"]
            and "li.connections" in rec["grants"])


def visible(consent, m):
    rec = consent.get(m)
    return rec is not None and rec["visible"]


def shared_connections(adj, consent, viewer, subject):
    """(status, visible shared connections in ascending id order)."""
    rec = consent.get(viewer)  # no record: rolled out, unlinked, no grants
    if rec is not None and not rec["rolled_out"]:
        return "not_rolled_out", []
    if rec is None or not rec["linked"]:
        return "viewer_not_linked", []
    if "li.connections" not in rec["grants"]:
        return "consent_missing", []
    if subject not in adj and subject not in consent:
        return "subject_unavailable", []  # unknown
    if not visible(consent, subject):
        return "subject_unavailable", []  # hidden: indistinguishable
    common = adj.get(viewer, set()) & adj.get(subject, set())
    return "ok", sorted(m for m in common if visible(consent, m))


# ---- pairs ----------------------------------------------------------------

def make_pairs(rng, adj, edges):
    members = sorted(adj)
    seen = set()
    connected, fof = [], []
    while len(connected) < PAIRS_PER_KIND:
        u, v = rng.pick(edges)
        if rng.real() < 0.5:
            u, v = v, u
        if (u, v) not in seen:
            seen.add((u, v))
            connected.append((u, v))
    while len(fof) < PAIRS_PER_KIND:
        u = rng.pick(members)
        w = rng.pick(sorted(adj[u]))
        v = rng.pick(sorted(adj[w]))
        if v != u and v not in adj[u] and (u, v) not in seen:
            seen.add((u, v))
            fof.append((u, v))
    return connected, fof


def pick_where(rng, candidates, pred, what):
    pool = [c for c in candidates if pred(c)]
    if not pool:
        raise SystemExit(f"make_sample_inputs: no candidate for {what}")
    return rng.pick(pool)


def make_queries(rng, adj, consent, edges):
    """The showcase pairs: list of (viewer, subject, comment)."""
    members = sorted(adj)
    q = []

    def status_of(v, s):
        return shared_connections(adj, consent, v, s)

    def hidden_common(v, s):
        return sorted(m for m in adj[v] & adj[s] if not visible(consent, m))

    v, s = pick_where(
        rng, edges,
        lambda e: viewer_ok(consent, e[0]) and visible(consent, e[1])
        and 10 <= len(adj[e[0]] & adj[e[1]]) <= 60
        and len(hidden_common(*e)) >= 2, "ok connected")
    n = len(status_of(v, s)[1])
    h = len(hidden_common(v, s))
    q.append((v, s, f"ok: connected pair with {n + h} connections in common; "
              f"{h} of them are hidden in Microsoft apps, so the answer counts "
              f"and lists only {n}"))

    fof_candidates = []
    for u in members[::7]:
        if not viewer_ok(consent, u):
            continue
        two_hop = set()
        for w in adj[u]:
            two_hop |= adj[w]
        two_hop -= adj[u]
        two_hop.discard(u)
        for t in sorted(two_hop)[:50]:
            if visible(consent, t) and 3 <= len(adj[u] & adj[t]) <= 20:
                fof_candidates.append((u, t))
    v, s = rng.pick(fof_candidates)
    n = len(status_of(v, s)[1])
    q.append((v, s, f"ok: friend-of-friend pair (not connected) with {n} "
              "visible shared connections"))

    def viewer_with(pred, what):
        return pick_where(rng, members, lambda m: pred(consent.get(m)) and
                          any(visible(consent, t) for t in adj[m]), what)

    def visible_neighbour(v):
        return rng.pick(sorted(t for t in adj[v] if visible(consent, t)))

    v = viewer_with(lambda r: r is not None and not r["rolled_out"] and
                    r["linked"] and r["grants"] == set(CATEGORIES),
                    "not rolled out")
    q.append((v, visible_neighbour(v), "not_rolled_out: the viewer is linked "
              "with every grant, but the feature is not rolled out to them "
              "(rollout is checked first)"))

    v = viewer_with(lambda r: r is not None and r["rolled_out"] and
                    not r["linked"], "unlinked")
    q.append((v, visible_neighbour(v), "viewer_not_linked: the viewer's "
              "consent record says linked 0 (the subject is a visible "
              "connection)"))

    v = viewer_with(lambda r: r is None, "no record")
    q.append((v, visible_neighbour(v), "viewer_not_linked: the viewer has no "
              "consent record at all, so secure defaults apply (unlinked, no "
              "grants, hidden)"))

    v = viewer_with(lambda r: r is not None and r["rolled_out"] and
                    r["linked"] and r["grants"] ==
                    {"li.profile", "ms.calendar", "ms.contacts"},
                    "li.connections revoked")
    q.append((v, visible_neighbour(v), "consent_missing: the viewer is linked "
              "but granted only li.profile;ms.calendar;ms.contacts, not "
              "li.connections"))

    v, s = pick_where(
        rng, edges,
        lambda e: viewer_ok(consent, e[0]) and e[1] in consent and
        not consent[e[1]]["visible"], "hidden subject")
    q.append((v, s, "subject_unavailable: the subject is a direct connection "
              "of the viewer but has chosen not to be visible in Microsoft "
              "apps"))

    v = q[0][0]
    q.append((v, UNKNOWN_ID, f"subject_unavailable: {UNKNOWN_ID} is no "
              "member; the answer is the same as for a hidden subject"))
    return q


def make_status_pairs(rng, adj, consent):
    """A few extra pairs per status, subjects within two hops."""
    members = sorted(adj)
    out = []

    def some(pred, k):
        pool = [m for m in members if pred(m)]
        chosen = []
        while pool and len(chosen) < k:
            chosen.append(pool.pop(rng.below(len(pool))))
        return chosen

    def near(v):
        w = rng.pick(sorted(adj[v]))
        return rng.pick(sorted(adj[w] - {v}) or [w])

    rec = consent.get
    for v in some(lambda m: rec(m) is not None and not rec(m)["rolled_out"], 4):
        out.append((v, near(v)))
    for v in some(lambda m: rec(m) is not None and rec(m)["rolled_out"]
                  and not rec(m)["linked"], 4):
        out.append((v, near(v)))
    for v in some(lambda m: rec(m) is None, 4):
        out.append((v, near(v)))
    for v in some(lambda m: rec(m) is not None and rec(m)["rolled_out"] and
                  rec(m)["linked"] and "li.connections" not in rec(m)["grants"], 4):
        out.append((v, near(v)))
    oks = some(lambda m: viewer_ok(consent, m), 12)
    for v in oks[:4]:  # hidden subjects
        hid = sorted(t for t in adj[v] if rec(t) is not None and not rec(t)["visible"])
        if hid:
            out.append((v, rng.pick(hid)))
    for v in oks[4:8]:  # subjects without a record (hidden by default)
        norec = sorted(t for t in adj[v] if rec(t) is None)
        if norec:
            out.append((v, rng.pick(norec)))
    for v in oks[8:12]:  # unknown subjects
        out.append((v, UNKNOWN_ID + rng.below(3)))
    out.append((UNKNOWN_ID, oks[0]))  # unknown viewer: unlinked by default
    return out


# ---- checking a batch result ----------------------------------------------

def read_consent_file(path):
    """consent.csv as written above (DESIGN section 5), read back."""
    consent = {}
    with open(path, encoding="ascii") as f:
        header = f.readline().strip()
        if header not in ("member,linked,visible,grants",
                          "member,linked,visible,grants,rolled_out"):
            raise SystemExit(f"{path}:1: unexpected header {header!r}")
        for line in f:
            cols = line.strip().split(",")
            grants = (set(CATEGORIES) if cols[3] == "all" else
                      set() if cols[3] == "none" else set(cols[3].split(";")))
            consent[int(cols[0])] = {
                "linked": cols[1] == "1", "visible": cols[2] == "1",
                "grants": grants,
                "rolled_out": len(cols) < 5 or cols[4] == "1"}
    return consent


def verify_batch(adj, batch_path, limit):
    """Compare a batch result with the oracle; returns the exit code.

    Status and count must match exactly. Items must be distinct visible
    shared connections, min(limit, count) of them; that they are the
    smallest ids in ascending order is reported, not required (the batch
    contract does not fix which K are listed)."""
    consent = read_consent_file(OUT_DIR / "consent.csv")
    with open(OUT_DIR / "pairs.csv", encoding="ascii") as f:
        pairs = [tuple(int(x) for x in line.strip().split(","))
                 for line in f.readlines()[1:]]
    with open(batch_path, encoding="ascii", newline="") as f:
        rows = [line.rstrip("\r\n") for line in f]
    errors, unordered = [], 0
    if not rows or rows[0].rstrip(",") not in ("viewer,subject,status,count",
                                              "viewer,subject,status,count,items"):
        errors.append(f"{batch_path}:1: header {rows[0] if rows else ''!r}")
    if len(rows) - 1 != len(pairs):
        errors.append(f"{batch_path}: {len(rows) - 1} result rows for "
                      f"{len(pairs)} pairs")
    for lineno, (row, (v, s)) in enumerate(zip(rows[1:], pairs), start=2):
        cols = row.split(",")
        where = f"{batch_path}:{lineno}"
        if len(cols) < 4 or cols[:2] != [str(v), str(s)]:
            errors.append(f"{where}: expected pair {v},{s}, got {row!r}")
            continue
        status, shared = shared_connections(adj, consent, v, s)
        if cols[2] != status or cols[3] != str(len(shared)):
            errors.append(f"{where}: {v},{s}: got {cols[2]},{cols[3]}, "
                          f"expected {status},{len(shared)}")
            continue
        items = [int(x) for x in cols[4].split(";") if x] if len(cols) > 4 else []
        if limit is not None and len(cols) > 4:
            want = min(limit, len(shared))
            if (len(items) != want or len(set(items)) != len(items)
                    or not set(items) <= set(shared)):
                errors.append(f"{where}: {v},{s}: items {cols[4]!r} are not "
                              f"{want} distinct visible shared connections")
            elif items != shared[:want]:
                unordered += 1
    for e in errors[:20]:
        print(e, file=sys.stderr)
    if errors:
        print(f"verify-batch: {len(errors)} rows differ from the oracle",
              file=sys.stderr)
        return 1
    print(f"verify-batch: all {len(pairs)} rows match the oracle "
          "(status and count)")
    if unordered:
        print(f"verify-batch: note: in {unordered} rows the items are valid "
              "but not the smallest ids in ascending order")
    return 0


# ---- output ---------------------------------------------------------------

def render(adj, consent, pairs, queries):
    files = {}
    lines = ["member,linked,visible,grants,rolled_out"]
    for m in sorted(consent):
        r = consent[m]
        lines.append(f"{m},{int(r['linked'])},{int(r['visible'])},"
                     f"{grants_text(r['grants'])},{int(r['rolled_out'])}")
    files["consent.csv"] = "\n".join(lines) + "\n"

    files["pairs.csv"] = "viewer,subject\n" + "".join(
        f"{v},{s}\n" for v, s in pairs)

    lines = ["viewer,subject,status,count,items"]
    for v, s in pairs:
        status, items = shared_connections(adj, consent, v, s)
        lines.append(f"{v},{s},{status},{len(items)},"
                     + ";".join(str(m) for m in items[:ITEM_LIMIT]))
    files["expected_batch.csv"] = "\n".join(lines) + "\n"

    lines = [
        "# Sample shared-connections queries on the ego-Facebook sample store.",
        "# Made by tools/samples/make_sample_inputs.py; `make run` runs each as",
        "#   mutuals query STORE shared-connections --viewer V --subject S --limit 5",
        "# Data lines: viewer subject expected_status expected_count",
        "# (the count of shared connections visible in Microsoft apps; 0 unless ok).",
        "# The comment above each line says what it shows.",
    ]
    for v, s, comment in queries:
        status, items = shared_connections(adj, consent, v, s)
        lines += ["", f"# {comment}", f"{v} {s} {status} {len(items)}"]
    files["queries.txt"] = "\n".join(lines) + "\n"
    return files


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="compare with the committed files instead of writing")
    ap.add_argument("--verify-batch", metavar="FILE",
                    help="check a batch result for pairs.csv against the oracle")
    ap.add_argument("--limit", type=int, metavar="K",
                    help="the --limit the batch ran with (for --verify-batch)")
    args = ap.parse_args()

    adj = load_graph(EDGES)
    edges = sorted((u, v) for u in adj for v in adj[u] if u < v)
    if len(adj) != 4039 or len(edges) != 88234:
        raise SystemExit(f"make_sample_inputs: {EDGES.name} has {len(adj)} "
                         f"members and {len(edges)} edges, expected 4039 and 88234")
    if args.verify_batch:
        return verify_batch(adj, args.verify_batch, args.limit)

    rng = Rng(SEED)
    consent = make_consent(rng, sorted(adj))
    connected, fof = make_pairs(rng, adj, edges)
    queries = make_queries(rng, adj, consent, edges)
    extra = make_status_pairs(rng, adj, consent)
    pairs = connected + fof + extra + [(v, s) for v, s, _ in queries]
    rng.shuffle(pairs)
    # The showcase pairs go first, so the head of the file shows every
    # status at a glance; every pair appears once.
    pairs = list(dict.fromkeys([(v, s) for v, s, _ in queries] + pairs))

    files = render(adj, consent, pairs, queries)
    if args.check:
        stale = [n for n, text in files.items()
                 if not (OUT_DIR / n).exists() or (OUT_DIR / n).read_text(encoding="ascii") != text]
        if stale:
            print("make_sample_inputs: stale or missing in data-samples/sample: "
                  + ", ".join(stale), file=sys.stderr)
            return 1
        print("make_sample_inputs: data-samples/sample is up to date")
        return 0
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (OUT_DIR / name).write_text(text, encoding="ascii", newline="\n")
    print(f"make_sample_inputs: wrote {', '.join(sorted(files))} to data-samples/sample "
          f"({len(consent)} consent records, {len(pairs)} pairs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

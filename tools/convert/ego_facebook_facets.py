#!/usr/bin/env python3
"""Convert SNAP ego-Facebook ego networks into mutuals schools and employers files.

Input: a folder of ego networks (data-samples/snap-ego-facebook/ego-networks/),
for each ego E:
  E.featnames   `INDEX NAME` per line, INDEX = 0, 1, 2, ... in order, for
                example `50 education;school;id;anonymized feature 50`
  E.feat[.gz]   `NODE b0 b1 ...`, one binary vector per alter, in featnames
                order
  E.egofeat     `b0 b1 ...`, the ego's own vector (the ego's member id is E)
  E.edges[.gz]  `u v` alter-alter edges (used only by the --combined check)

Output (docs/DESIGN.md section 5): two CSV files with the headers
`member,school,start_year,end_year` and `member,employer,start_year,end_year`.

Rules:
  - a set bit for a feature named `education;school;id;anonymized feature K`
    gives the row `member,K,,`; `work;employer;id;anonymized feature K` gives
    the employer row `member,K,,`. Every other feature is ignored.
  - K is used as the id unchanged. It is a global value id, not local to an
    ego: a node that appears in several ego files has the same school K bits
    wherever both files name K (219 agreements against 4 disagreements over
    the 10 egos here), and equal K across categories looks like one entity
    (ego 0 has school 52 and employer 52). Schools and employers are separate
    files, so an entity that is both keeps one id in each.
  - member ids are SNAP's node ids unchanged: they are the ids of
    facebook_combined.txt.gz (the --combined check below verifies it).
  - a node found in several ego files (as an alter, or as an ego in
    E.egofeat) gets the union of its rows; rows are deduplicated and written
    sorted by (member, value).
  - years are left empty. `education;year;id;anonymized feature K` features
    exist, but K is an anonymised value, not a year, and a binary vector does
    not say which of a member's schools the year belongs to; so there is no
    sound mapping and they are ignored, as are work;start_date and
    work;end_date.

Checks: featnames indices must run 0, 1, 2, ...; every vector must have one
0/1 value per feature; a node may appear once per feat file; a name that
starts `education;school;` or `work;employer;` must have the form above.
With --combined (default: ../facebook_combined.txt.gz next to the folder,
when it exists) every member written must be a node of that edge list (else
an input error), and the summary says whether the ego edges plus the
ego-alter edges give exactly its edge set.

Errors name file:line and exit with status 2; outputs are written to
temporary files and renamed only when all input is valid. Deterministic;
Python 3 standard library only; every file is read line by line (the
(member, value) pairs are kept in memory to deduplicate and sort them).

Example:
  python3 tools/convert/ego_facebook_facets.py \\
      data-samples/snap-ego-facebook/ego-networks \\
      --schools-out data-samples/facets/ego_facebook_schools.csv \\
      --employers-out data-samples/facets/ego_facebook_employers.csv
"""

import argparse
import gzip
import os
import re
import sys
import tempfile

PROG = "ego_facebook_facets.py"
KINDS = {
    # kind: (featnames prefix, full pattern, output header)
    "school": ("education;school;", re.compile(r"education;school;id;anonymized feature (\d+)"),
               "member,school,start_year,end_year\n"),
    "employer": ("work;employer;", re.compile(r"work;employer;id;anonymized feature (\d+)"),
                 "member,employer,start_year,end_year\n"),
}
MAX_U64 = 2**64 - 1


class InputError(Exception):
    """Bad input; the message starts with file:line when there is one."""


def open_text(path):
    try:
        with open(path, "rb") as probe:
            magic = probe.read(2)
        if magic == b"\x1f\x8b":
            return gzip.open(path, "rt", encoding="ascii", newline="")
        return open(path, "rt", encoding="ascii", newline="")
    except OSError as e:
        raise InputError(f"{path}: cannot open: {e.strerror}") from None


def read_lines(path):
    """Yield (line_number, text without the line end); blank lines are skipped."""
    f = open_text(path)
    try:
        with f:
            for n, line in enumerate(f, 1):
                text = line.rstrip("\r\n")
                if text.strip():
                    yield n, text
    except (UnicodeDecodeError, EOFError, OSError, gzip.BadGzipFile) as e:
        raise InputError(f"{path}: cannot read: {e}") from None


def parse_uint(text, what, path, line_no):
    if not text.isascii() or not text.isdigit():
        raise InputError(f"{path}:{line_no}: {what} {text!r} is not a non-negative integer")
    value = int(text)
    if value > MAX_U64:
        raise InputError(f"{path}:{line_no}: {what} {text!r} is out of range (max {MAX_U64})")
    return value


def find_file(folder, ego, ext, required=True):
    for name in (f"{ego}.{ext}", f"{ego}.{ext}.gz"):
        path = os.path.join(folder, name)
        if os.path.exists(path):
            return path
    if required:
        raise InputError(f"{os.path.join(folder, f'{ego}.{ext}')}: missing (nor .gz)")
    return None


def list_egos(folder):
    try:
        names = os.listdir(folder)
    except OSError as e:
        raise InputError(f"{folder}: cannot list: {e.strerror}") from None
    egos = []
    for name in names:
        if name.endswith(".featnames"):
            stem = name[: -len(".featnames")]
            if not (stem.isascii() and stem.isdigit()):
                raise InputError(f"{os.path.join(folder, name)}: the ego id {stem!r} is not a non-negative integer")
            egos.append(int(stem))
    if not egos:
        raise InputError(f"{folder}: no <ego>.featnames files")
    return sorted(egos)


def read_featnames(path):
    """Return (feature count, {column: (kind, K)}) for the features we keep."""
    keep = {}
    count = 0
    for line_no, text in read_lines(path):
        index_text, sep, name = text.partition(" ")
        if not sep or not name:
            raise InputError(f"{path}:{line_no}: expected 'INDEX NAME', found {text[:80]!r}")
        index = parse_uint(index_text, "feature index", path, line_no)
        if index != count:
            raise InputError(f"{path}:{line_no}: feature index {index}, expected {count} (indices run 0, 1, 2, ...)")
        count += 1
        for kind, (prefix, pattern, _) in KINDS.items():
            if name.startswith(prefix):
                m = pattern.fullmatch(name)
                if not m:
                    expected = prefix + "id;anonymized feature K"
                    raise InputError(f"{path}:{line_no}: unexpected {kind} feature name {name!r} "
                                     f"(expected {expected!r})")
                keep[index] = (kind, parse_uint(m.group(1), f"{kind} id", path, line_no))
    return count, keep


def bits(fields, count, path, line_no):
    if len(fields) != count:
        raise InputError(f"{path}:{line_no}: expected {count} feature values (one per line of the featnames file), "
                         f"found {len(fields)}")
    for i, b in enumerate(fields):
        if b != "0" and b != "1":
            raise InputError(f"{path}:{line_no}: feature {i} is {b[:20]!r}, expected 0 or 1")
    return fields


def add_rows(rows, member, vector, keep):
    """Record the (member, value) rows that a feature vector gives."""
    for index, (kind, value) in keep.items():
        if vector[index] == "1":
            rows[kind].add((member, value))


def read_ego(folder, ego, rows, members, stats, combined_edges):
    featnames = find_file(folder, ego, "featnames")
    count, keep = read_featnames(featnames)
    for kind, _ in keep.values():
        stats[f"{kind}_features"] += 1
    # what this ego file says, per (kind, value) it names, for the consistency count
    named = {(kind, value) for kind, value in keep.values()}
    said = {}  # member -> set of (kind, value) set bits in this file

    egofeat = find_file(folder, ego, "egofeat")
    lines = list(read_lines(egofeat))
    if len(lines) != 1:
        raise InputError(f"{egofeat}: expected one line of {count} feature values, found {len(lines)} lines")
    line_no, text = lines[0]
    vector = bits(text.split(), count, egofeat, line_no)
    add_rows(rows, ego, vector, keep)
    members.add(ego)
    said[ego] = {keep[i] for i in keep if vector[i] == "1"}

    feat = find_file(folder, ego, "feat")
    alters = set()
    for line_no, text in read_lines(feat):
        fields = text.split()
        node = parse_uint(fields[0], "node id", feat, line_no)
        if node in alters:
            raise InputError(f"{feat}:{line_no}: node {node} appears twice")
        if node == ego:
            raise InputError(f"{feat}:{line_no}: node {node} is the ego itself (its vector belongs in {egofeat})")
        alters.add(node)
        vector = bits(fields[1:], count, feat, line_no)
        add_rows(rows, node, vector, keep)
        members.add(node)
        said[node] = {keep[i] for i in keep if vector[i] == "1"}
        if combined_edges is not None:
            combined_edges.add((min(ego, node), max(ego, node)))
    stats["egos"] += 1
    stats["alter_vectors"] += len(alters)

    if combined_edges is not None:
        edges = find_file(folder, ego, "edges", required=False)
        if edges is not None:
            for line_no, text in read_lines(edges):
                parts = text.split()
                if len(parts) < 2:
                    raise InputError(f"{edges}:{line_no}: expected 'u v', found {text[:80]!r}")
                u = parse_uint(parts[0], "node id", edges, line_no)
                v = parse_uint(parts[1], "node id", edges, line_no)
                if u != v:
                    combined_edges.add((min(u, v), max(u, v)))
    return named, said


def read_combined(path):
    edges = set()
    nodes = set()
    for line_no, text in read_lines(path):
        stripped = text.strip()
        if stripped[0] in "#%":
            continue
        parts = stripped.replace(",", " ").split()
        if len(parts) < 2:
            raise InputError(f"{path}:{line_no}: expected 'u v', found {text[:80]!r}")
        u = parse_uint(parts[0], "node id", path, line_no)
        v = parse_uint(parts[1], "node id", path, line_no)
        nodes.add(u)
        nodes.add(v)
        if u != v:
            edges.add((min(u, v), max(u, v)))
    return nodes, edges


def write_rows(path, header, pairs, tmps):
    if path == "-":
        try:
            out = sys.stdout
            out.write(header)
            for member, value in sorted(pairs):
                out.write(f"{member},{value},,\n")
            out.flush()
        except OSError as e:
            # Keep the interpreter's final flush of a closed pipe quiet.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise OSError(e.errno, e.strerror, "<stdout>") from None
        return
    try:
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".csv", dir=os.path.dirname(os.path.abspath(path)))
        tmps.append((tmp, path))
        with os.fdopen(fd, "w", encoding="ascii", newline="\n") as out:
            out.write(header)
            for member, value in sorted(pairs):
                out.write(f"{member},{value},,\n")
    except OSError as e:
        raise OSError(e.errno, e.strerror, path) from None


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Convert SNAP ego-Facebook ego networks (E.featnames, E.feat[.gz], E.egofeat) into "
                    "mutuals schools and employers CSVs: feature 'education;school;id;anonymized "
                    "feature K' gives school K, 'work;employer;id;anonymized feature K' gives employer K; "
                    "years empty; member ids are SNAP node ids; the union over all ego files, "
                    "deduplicated, sorted by member then value.",
        epilog="Exit status: 0 success, 1 runtime failure (for example cannot write an output), "
               "2 bad usage or bad input (the message names file:line).")
    parser.add_argument("ego_dir", help="folder with the <ego>.featnames/.feat[.gz]/.egofeat files")
    parser.add_argument("--schools-out", help="schools CSV to write ('-' for stdout)")
    parser.add_argument("--employers-out", help="employers CSV to write ('-' for stdout)")
    parser.add_argument("--egos", help="comma-separated ego ids to read (default: every <ego>.featnames)")
    check = parser.add_mutually_exclusive_group()
    check.add_argument("--combined", help="combined edge list whose nodes must include every member written "
                                          "(default: facebook_combined.txt.gz next to EGO_DIR, when it exists)")
    check.add_argument("--no-combined-check", action="store_true", help="skip the --combined check")
    parser.add_argument("--quiet", action="store_true", help="no summary on stderr")
    args = parser.parse_args(argv)
    if not args.schools_out and not args.employers_out:
        parser.error("nothing to write: give --schools-out and/or --employers-out")
    if args.schools_out == "-" and args.employers_out == "-":
        parser.error("only one of the outputs can be '-'")

    tmps = []
    try:
        if args.egos:
            egos = []
            for part in args.egos.split(","):
                if not (part.isascii() and part.isdigit()):
                    parser.error(f"--egos: {part!r} is not an ego id")
                egos.append(int(part))
            egos = sorted(set(egos))
        else:
            egos = list_egos(args.ego_dir)

        combined = None
        if not args.no_combined_check:
            combined = args.combined
            if combined is None:
                candidate = os.path.normpath(os.path.join(args.ego_dir, os.pardir, "facebook_combined.txt.gz"))
                combined = candidate if os.path.exists(candidate) else None

        rows = {"school": set(), "employer": set()}
        members = set()
        stats = {"egos": 0, "alter_vectors": 0, "school_features": 0, "employer_features": 0}
        ego_edges = set() if combined is not None else None
        per_ego = []
        for ego in egos:
            per_ego.append(read_ego(args.ego_dir, ego, rows, members, stats, ego_edges))

        # Consistency across ego files: for a member two files both describe, and
        # a (kind, K) both files name, do the files agree on the bit?
        agree = {"school": 0, "employer": 0}
        disagree = {"school": 0, "employer": 0}
        for i in range(len(per_ego)):
            named_i, said_i = per_ego[i]
            for j in range(i + 1, len(per_ego)):
                named_j, said_j = per_ego[j]
                both = named_i & named_j
                for member in said_i.keys() & said_j.keys():
                    for kv in both:
                        a, b = kv in said_i[member], kv in said_j[member]
                        if a and b:
                            agree[kv[0]] += 1
                        elif a != b:
                            disagree[kv[0]] += 1

        combined_note = "combined check: skipped"
        if combined is not None:
            nodes, edges = read_combined(combined)
            missing = sorted(members - nodes)
            if missing:
                raise InputError(f"{combined}: {len(missing)} member(s) of the ego files are not nodes of this edge "
                                 f"list, e.g. {missing[:5]}: the ids differ")
            if ego_edges == edges:
                combined_note = (f"combined check: every member is a node of {combined}; the ego edges plus "
                                 f"ego-alter edges give exactly its {len(edges)} edges")
            else:
                combined_note = (f"combined check: every member is a node of {combined}; edge sets differ "
                                 f"({len(ego_edges - edges)} only in the ego files, {len(edges - ego_edges)} only "
                                 f"in the combined file)")

        if args.schools_out:
            write_rows(args.schools_out, KINDS["school"][2], rows["school"], tmps)
        if args.employers_out:
            write_rows(args.employers_out, KINDS["employer"][2], rows["employer"], tmps)
        for tmp, path in tmps:
            try:
                os.chmod(tmp, 0o644)
                os.replace(tmp, path)
            except OSError as e:
                raise OSError(e.errno, e.strerror, path) from None
        tmps = []
    except InputError as e:
        print(f"{PROG}: error: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"{PROG}: error: cannot write {e.filename}: {e.strerror or e}", file=sys.stderr)
        return 1
    finally:
        for tmp, _ in tmps:
            try:
                os.unlink(tmp)
            except OSError:
                pass

    if not args.quiet:
        for kind in ("school", "employer"):
            pairs = rows[kind]
            print(f"{PROG}: {kind}s: {len(pairs)} rows, {len({m for m, _ in pairs})} members, "
                  f"{len({v for _, v in pairs})} distinct ids ({stats[kind + '_features']} featnames entries); "
                  f"across ego files {agree[kind]} agreements, {disagree[kind]} disagreements (union taken)",
                  file=sys.stderr)
        print(f"{PROG}: {stats['egos']} egos, {stats['alter_vectors']} alter vectors, {len(members)} members "
              f"described; {combined_note}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

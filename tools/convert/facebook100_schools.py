#!/usr/bin/env python3
"""Convert a Facebook100 <School>.nodelist.tsv into a mutuals schools file.

Input (data-samples/facebook100/SOURCE.md): a tab-separated file with the
header

    node_id student_fac gender major_index second_major dorm year high_school

one row per node, every value a non-negative integer, 0 meaning missing.

Output (docs/DESIGN.md section 5, "schools"): CSV with the header
`member,school,start_year,end_year`. For each node, in input order:

  1. the university itself:  member,UNIVERSITY_ID,YEAR-4,YEAR
     when year != 0, else    member,UNIVERSITY_ID,,
     Facebook's "year" is the class year, that is the graduation year (the
     September 2005 crawl has classes 2005..2009 as its bulk: the class of
     2009 had just enrolled). A student of the class of G is enrolled from
     the autumn of G-4 to the spring of G, so the row covers the calendar
     years G-4..G, which is how a member would state it on a profile
     ("2004 - 2008"). Years are compared inclusively, so classes G and G+4
     count as overlapping (both were enrolled in calendar year G, in
     different terms): year granularity cannot tell them apart.
  2. the high school, when high_school != 0:  member,HIGH_SCHOOL,,
     The years are unknown (the nodelist has no high-school years).

Ids:
  member        node_id + --id-offset (default 0). The nodelist is 0-based
                and so are the data-samples <School>.edges.gz files (their
                SOURCE.md: Pajek vertex i was written as i-1), so the default
                member ids are exactly the ids of the edge list. The edges
                are checked (see --edges) unless --no-edges-check.
  high school   the Facebook100 high_school code unchanged (observed range
                34..61,511; the same codes recur across schools, so they look
                like one global code space).
  university    --university-id, default 1,000,000,000 + N where N is the
                trailing number of the school's name ("Caltech36" -> 36 ->
                1000000036; "MIT8" -> 1000000008). The name is taken from the
                input file name (<School>.nodelist.tsv). The offset keeps
                university ids clear of the high-school codes; a high-school
                code equal to the university id is an input error.

Errors name file:line and exit with status 2 (bad usage or bad input); the
output is written to a temporary file next to --out and renamed only when
the whole input is valid. A summary goes to stderr. Deterministic: the output
depends only on the input bytes and the options. Python 3 standard library
only; reads and writes line by line (only the set of node ids is kept, for
the edges check).

Examples:
  python3 tools/convert/facebook100_schools.py \\
      data-samples/facebook100/Caltech36.nodelist.tsv \\
      --out data-samples/facets/caltech36_schools.csv
  # two schools in one store: shift one school's members (and its edges)
  python3 tools/convert/facebook100_schools.py MIT8.nodelist.tsv \\
      --id-offset 10000000 --edges MIT8.shifted.edges --out mit8.csv
"""

import argparse
import gzip
import os
import re
import sys
import tempfile

HEADER = ["node_id", "student_fac", "gender", "major_index", "second_major", "dorm", "year", "high_school"]
COL_NODE, COL_YEAR, COL_HIGH_SCHOOL = 0, 6, 7
OUT_HEADER = "member,school,start_year,end_year\n"
UNIVERSITY_BASE = 1_000_000_000
YEARS_ENROLLED = 4  # start_year = class year - 4
MAX_U64 = 2**64 - 1
MAX_YEAR = 9999  # the loaders accept years 0..9999


class InputError(Exception):
    """Bad input; the message starts with file:line when there is one."""


def where(path, line_no):
    return f"{path}:{line_no}" if line_no else str(path)


def open_text(path):
    """Open a text file for reading, gzip-aware by content (not by name)."""
    try:
        with open(path, "rb") as probe:
            magic = probe.read(2)
        if magic == b"\x1f\x8b":
            return gzip.open(path, "rt", encoding="ascii", newline="")
        return open(path, "rt", encoding="ascii", newline="")
    except OSError as e:
        raise InputError(f"{path}: cannot open: {e.strerror}") from None


def read_lines(path):
    """Yield (line_number, text without the line end) from a text file."""
    f = open_text(path)
    try:
        with f:
            for n, line in enumerate(f, 1):
                yield n, line.rstrip("\r\n")
    except (UnicodeDecodeError, EOFError, OSError, gzip.BadGzipFile) as e:
        raise InputError(f"{path}: cannot read: {e}") from None


def parse_uint(text, what, path, line_no):
    if not text.isascii() or not text.isdigit():
        raise InputError(f"{where(path, line_no)}: {what} {text!r} is not a non-negative integer")
    value = int(text)
    if value > MAX_U64:
        raise InputError(f"{where(path, line_no)}: {what} {text!r} is out of range (max {MAX_U64})")
    return value


def school_name(nodelist):
    base = os.path.basename(nodelist)
    for suffix in (".nodelist.tsv", ".nodelist", ".tsv"):
        if base.endswith(suffix):
            return base[: -len(suffix)]
    return base


def default_university_id(name):
    m = re.search(r"(\d+)$", name)
    if not m:
        raise InputError(
            f"cannot derive a university id from the school name {name!r} (no trailing number, "
            f"as in 'Caltech36'); pass --university-id")
    return UNIVERSITY_BASE + int(m.group(1))


def default_edges(nodelist):
    name = school_name(nodelist)
    folder = os.path.dirname(nodelist)
    for candidate in (name + ".edges.gz", name + ".edges"):
        path = os.path.join(folder, candidate)
        if os.path.exists(path):
            return path
    return None


def convert(nodelist, out, university_id, id_offset, stats):
    """Stream nodelist rows to `out`; return the set of member ids written."""
    members = set()
    lines = read_lines(nodelist)
    header = next(lines, None)
    if header is None:
        raise InputError(f"{nodelist}:1: expected header {' '.join(HEADER)!r} (tab-separated), found end of file")
    if header[1].split("\t") != HEADER:
        raise InputError(f"{nodelist}:1: expected header {chr(9).join(HEADER)!r} (tab-separated), "
                         f"found {header[1][:120]!r}")
    out.write(OUT_HEADER)
    for line_no, text in lines:
        if text == "":
            raise InputError(f"{nodelist}:{line_no}: empty line")
        fields = text.split("\t")
        if len(fields) != len(HEADER):
            raise InputError(f"{nodelist}:{line_no}: expected {len(HEADER)} tab-separated fields, found {len(fields)}")
        values = [parse_uint(v, HEADER[i], nodelist, line_no) for i, v in enumerate(fields)]
        node, year, high_school = values[COL_NODE], values[COL_YEAR], values[COL_HIGH_SCHOOL]
        member = node + id_offset
        if member > MAX_U64:
            raise InputError(f"{nodelist}:{line_no}: member id {node} + --id-offset {id_offset} exceeds {MAX_U64}")
        if member in members:
            raise InputError(f"{nodelist}:{line_no}: node_id {node} appears twice")
        members.add(member)
        stats["nodes"] += 1
        if year == 0:
            out.write(f"{member},{university_id},,\n")
        else:
            if year < YEARS_ENROLLED or year > MAX_YEAR:
                raise InputError(f"{nodelist}:{line_no}: year {year} is not a class year "
                                 f"({YEARS_ENROLLED}..{MAX_YEAR}, or 0 when missing)")
            out.write(f"{member},{university_id},{year - YEARS_ENROLLED},{year}\n")
            stats["university_rows_with_years"] += 1
        stats["rows"] += 1
        if high_school != 0:
            if high_school == university_id:
                raise InputError(f"{nodelist}:{line_no}: high_school {high_school} collides with the university id; "
                                 f"pass another --university-id")
            out.write(f"{member},{high_school},,\n")
            stats["rows"] += 1
            stats["high_school_rows"] += 1
    return members


def check_edges(edges, members, id_offset, stats):
    """Check that every endpoint of the edge list is a member id written.

    Edges are `u v` (whitespace or comma separated, further columns ignored,
    `#`/`%` comments skipped), as DESIGN section 5 reads them. Raises
    InputError naming the first endpoint that is not a member, with a hint
    on --id-offset computed from the whole file.
    """
    first_bad = None
    bad = 0
    header_allowed = True  # one optional header line before the first edge
    lo, hi = None, None
    endpoints = set()
    for line_no, text in read_lines(edges):
        stripped = text.strip()
        if stripped == "" or stripped[0] in "#%":
            continue
        parts = stripped.replace(",", " ").split()
        if len(parts) < 2 or not all(p.isascii() and p.isdigit() for p in parts[:2]):
            if header_allowed:
                header_allowed = False
                continue
            raise InputError(f"{edges}:{line_no}: expected two member ids, found {stripped[:80]!r}")
        header_allowed = False
        stats["edges"] += 1
        for p in parts[:2]:
            v = int(p)
            lo = v if lo is None else min(lo, v)
            hi = v if hi is None else max(hi, v)
            endpoints.add(v)
            if v not in members:
                bad += 1
                if first_bad is None:
                    first_bad = (line_no, v)
    if first_bad is not None:
        if not members:
            raise InputError(f"{edges}:{first_bad[0]}: edge endpoint {first_bad[1]} is not a member id "
                             f"(the nodelist has no nodes)")
        m_lo, m_hi = min(members), max(members)
        hint = ""
        shift = lo - m_lo
        if hi - lo == m_hi - m_lo and id_offset + shift >= 0:
            hint = (f"; the edge ids look shifted by {shift:+d} against the member ids: "
                    f"try --id-offset {id_offset + shift}")
        raise InputError(
            f"{edges}:{first_bad[0]}: edge endpoint {first_bad[1]} is not a member id of the nodelist "
            f"(members {m_lo}..{m_hi} with --id-offset {id_offset}; edge ids {lo}..{hi}; "
            f"{bad} endpoint(s) do not match){hint}")
    stats["members_without_edges"] = len(members - endpoints)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Convert a Facebook100 <School>.nodelist.tsv into a mutuals schools CSV "
                    "(member,school,start_year,end_year): one row for the university (class year G "
                    "gives years G-4..G; year 0 gives empty years) and one row for the high school "
                    "(when not 0, years empty).",
        epilog="Exit status: 0 success, 1 runtime failure (for example cannot write --out), "
               "2 bad usage or bad input (the message names file:line).")
    parser.add_argument("nodelist", help="<School>.nodelist.tsv (plain or gzip)")
    parser.add_argument("--out", required=True, help="output schools CSV ('-' for stdout)")
    parser.add_argument("--university-id", type=int, default=None,
                        help="school id for the university itself (default: 1000000000 + the trailing "
                             "number of the school name, e.g. Caltech36 -> 1000000036)")
    parser.add_argument("--id-offset", type=int, default=0,
                        help="added to every node_id to give the member id (default 0: the nodelist and "
                             "the data-samples edges are both 0-based)")
    edges = parser.add_mutually_exclusive_group()
    edges.add_argument("--edges", default=None,
                       help="edge list whose ids must all be member ids written (default: the sibling "
                            "<School>.edges.gz when it exists)")
    edges.add_argument("--no-edges-check", action="store_true", help="skip the edges check")
    parser.add_argument("--quiet", action="store_true", help="no summary on stderr")
    args = parser.parse_args(argv)

    if args.id_offset < 0 or args.id_offset > MAX_U64:
        parser.error(f"--id-offset must be in 0..{MAX_U64}")
    if args.university_id is not None and not 0 <= args.university_id <= MAX_U64:
        parser.error(f"--university-id must be in 0..{MAX_U64}")

    prog = "facebook100_schools.py"
    tmp = None
    try:
        university_id = args.university_id
        if university_id is None:
            university_id = default_university_id(school_name(args.nodelist))
        edges_path = None if args.no_edges_check else (args.edges or default_edges(args.nodelist))
        stats = {"nodes": 0, "rows": 0, "high_school_rows": 0, "university_rows_with_years": 0, "edges": 0}

        if args.out == "-":
            try:
                members = convert(args.nodelist, sys.stdout, university_id, args.id_offset, stats)
                sys.stdout.flush()
            except OSError:
                # Keep the interpreter's final flush of a closed pipe quiet.
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                raise
        else:
            out_dir = os.path.dirname(os.path.abspath(args.out))
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".csv", dir=out_dir)
            with os.fdopen(fd, "w", encoding="ascii", newline="\n") as out:
                members = convert(args.nodelist, out, university_id, args.id_offset, stats)
        if edges_path is not None:
            check_edges(edges_path, members, args.id_offset, stats)
        if tmp is not None:
            os.chmod(tmp, 0o644)
            os.replace(tmp, args.out)
            tmp = None
    except InputError as e:
        print(f"{prog}: error: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        target = "<stdout>" if args.out == "-" else args.out
        print(f"{prog}: error: cannot write {target}: {e.strerror or e}", file=sys.stderr)
        return 1
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass

    if not args.quiet:
        edge_note = (f"edges check: {stats['edges']} edges in {edges_path}, every endpoint a member, "
                     f"{stats['members_without_edges']} member(s) without edges"
                     if edges_path is not None else "edges check: skipped")
        print(f"{prog}: {args.nodelist}: {stats['nodes']} nodes -> {stats['rows']} rows "
              f"(university id {university_id}: {stats['nodes']} rows, {stats['university_rows_with_years']} "
              f"with years; high school: {stats['high_school_rows']} rows); {edge_note}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

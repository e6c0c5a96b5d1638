"""Summarises bench/cluster.sh's runs of one query, and compares answers.

cluster_compare.py NAME RUNS LOCAL.csv BALLISTA.csv
    prints each engine's median time and peak memory, the ratio embedded/cluster, and whether the
    two answers hold the same rows (numbers equal within a relative 1e-9); exits 1 if not.
cluster_compare.py --tally TALLY.json COUNT.csv SHARE.csv
    compares the event indicators' answers (country, partner, year, value) with the GDELT
    generator's own tallies; exits 1 on any difference.
"""
import csv
import json
import statistics
import sys


def rows(path):
    """The answer's rows, sorted, numbers as floats."""
    def cell(text):
        try:
            return float(text)
        except ValueError:
            return text
    with open(path) as f:
        return sorted(tuple(cell(c) for c in r) for r in list(csv.reader(f))[1:])


def same(a, b):
    close = lambda x, y: x == y or (
        isinstance(x, float) and isinstance(y, float) and abs(x - y) <= 1e-9 * max(abs(x), 1.0))
    return len(a) == len(b) and all(len(r) == len(s) and all(map(close, r, s)) for r, s in zip(a, b))


def runs(name, path, local, ballista):
    times = {"local": [], "ballista": []}
    for line in open(path):
        engine, secs, kib = line.split()
        times[engine].append((float(secs), int(kib)))
    med = {e: statistics.median(s for s, _ in r) for e, r in times.items()}
    peak = {e: max(k for _, k in r) / 1024 for e, r in times.items()}
    spread = lambda e: "/".join(f"{s:.1f}" for s, _ in times[e])
    a, b = rows(local), rows(ballista)
    ok = same(a, b)
    print(f"{name}: embedded {med['local']:.1f} s (runs {spread('local')}, peak {peak['local']:.0f} MiB); "
          f"cluster {med['ballista']:.1f} s (runs {spread('ballista')}, client peak {peak['ballista']:.0f} MiB); "
          f"embedded/cluster {med['local'] / med['ballista']:.2f}; {len(a)} rows, {'the same' if ok else 'DIFFERENT'}")
    return ok


def tally(path, count_csv, share_csv):
    t = json.load(open(path))
    want = {}
    for key, (n, cooperative) in t["china_lac"].items():
        country, year = key.split()
        want[("gdelt_event_count", country, int(year))] = float(n)
        want[("gdelt_cooperative_share", country, int(year))] = cooperative / n
    got = {}
    for name, path in (("gdelt_event_count", count_csv), ("gdelt_cooperative_share", share_csv)):
        for r in csv.DictReader(open(path)):
            got[(name, r["country"], int(r["year"]))] = float(r["value"])
    differing = sum(abs(got.get(k, float("nan")) - v) > 1e-12 or k not in got for k, v in want.items())
    differing += len(got.keys() - want.keys())
    print(f"event indicators against the generator's tallies: {len(want)} values, {differing} differing "
          f"({t['events']:,} events written, {t['in_scope']:,} in scope)")
    return differing == 0


if __name__ == "__main__":
    if sys.argv[1] == "--tally":
        ok = tally(*sys.argv[2:5])
    else:
        ok = runs(*sys.argv[1:5])
    sys.exit(0 if ok else 1)

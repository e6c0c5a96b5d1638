"""Reference implementation of galeon's default index and its uncertainty and sensitivity
analysis, in numpy + SALib, for the benchmark in bench/index_ua.sh.

It reads what `galeon index build --export DIR` writes (frames.csv: the scored country-years and
raw values; weights.csv: the nominal and noisy weight sets) and the index configuration (TOML),
draws a Saltelli design with SALib (sobol.sample, N base samples, no second order), rebuilds the
index for every design row exactly as docs/index.md defines it (outlier treatment, imputation,
normalisation, aggregation, ranks), and computes rank intervals and SALib's Sobol indices of the
mean absolute rank shift. It writes the design for galeon to evaluate too, and a JSON result.

Usage: python index_ua_reference.py INPUTS_DIR CONFIG.toml N DESIGN_OUT.csv RESULT_OUT.json
"""

import csv
import json
import sys
import time
import tomllib

import numpy as np
from SALib.analyze import sobol as sobol_analyze
from SALib.sample import sobol as sobol_sample

FACTORS = ["normalisation", "index_aggregation", "imputation", "outliers", "weights"]


def read_inputs(folder):
    with open(f"{folder}/frames.csv") as f:
        rows = list(csv.reader(f))
    keys = rows[0][2:]
    frames = {}
    for r in rows[1:]:
        year = int(r[0])
        values = [float(v) if v != "" else np.nan for v in r[2:]]
        frames.setdefault(year, ([], []))
        frames[year][0].append(r[1])
        frames[year][1].append(values)
    frames = [(y, c, np.array(m, dtype=float)) for y, (c, m) in sorted(frames.items())]
    with open(f"{folder}/weights.csv") as f:
        w = list(csv.reader(f))
    n_ind = len(keys)
    sets = [(np.array([float(x) for x in r[1 : 1 + n_ind]]), np.array([float(x) for x in r[1 + n_ind :]])) for r in w[1:]]
    return keys, frames, sets


def skewness(p):
    n = len(p)
    if n < 3:
        return 0.0
    s = p.std(ddof=1)
    if s <= 0:
        return 0.0
    return n / ((n - 1) * (n - 2)) * np.sum(((p - p.mean()) / s) ** 3)


def kurtosis(p):
    n = len(p)
    if n < 4:
        return 0.0
    s = p.std(ddof=1)
    if s <= 0:
        return 0.0
    return n * (n + 1) / ((n - 1) * (n - 2) * (n - 3)) * np.sum(((p - p.mean()) / s) ** 4) - 3 * (n - 1) ** 2 / ((n - 2) * (n - 3))


def log_ct(col):
    p = col[~np.isnan(col)]
    lo, hi = p.min(), p.max()
    return np.log(col - lo + (hi - lo) / 100)


def treat(col, method, m):
    p = col[~np.isnan(col)]

    def failing(v):
        return abs(skewness(v)) > m["skewness"] and kurtosis(v) > m["kurtosis"]

    if method == "none" or len(p) < 4 or not failing(p):
        return col
    if method == "log":
        return log_ct(col)
    w = col.copy()
    steps = 0
    while steps < m["winmax"]:
        p = w[~np.isnan(w)]
        if not failing(p):
            break
        high = skewness(p) > 0
        extreme = p.max() if high else p.min()
        rest = p[p < extreme] if high else p[p > extreme]
        if len(rest) == 0:
            break
        nxt = rest.max() if high else rest.min()
        w[w == extreme] = nxt
        steps += 1
    if failing(w[~np.isnan(w)]):
        return log_ct(col)
    return w


def impute(col, method):
    if method == "none":
        return col
    p = col[~np.isnan(col)]
    if len(p) == 0:
        return col
    fill = p.mean() if method == "mean" else np.median(p)
    return np.where(np.isnan(col), fill, col)


def normalise(col, method, direction, lo, hi):
    present = ~np.isnan(col)
    p = col[present]
    if len(p) == 0:
        return col
    mn, mx = p.min(), p.max()
    out = np.full(col.shape, np.nan)
    if mn == mx:
        return out
    if method == "minmax":
        t = (col - mn) / (mx - mn) if direction > 0 else (mx - col) / (mx - mn)
        return lo + t * (hi - lo)
    if method == "percentile":
        signed = direction * p
        ranks = 1 + (signed[None, :] < signed[:, None]).sum(axis=1)
        out[present] = lo + (ranks - 1) / (len(p) - 1) * (hi - lo)
        return out
    raise ValueError(f"normalisation {method} is not in the reference")


def aggregate(matrix, weights, method):
    """Rows of `matrix` aggregated with `weights` over the values present."""
    present = ~np.isnan(matrix)
    w = np.where(present, weights[None, :], 0.0)
    total = w.sum(axis=1)
    x = np.where(present, matrix, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        if method == "arithmetic":
            out = (w * x).sum(axis=1) / total
        elif method == "geometric":
            neg = (present & (matrix < 0)).any(axis=1)
            zero = (present & (matrix == 0)).any(axis=1)
            logs = np.where(present & (matrix > 0), np.log(np.where(matrix > 0, matrix, 1.0)), 0.0)
            out = np.exp((w * logs).sum(axis=1) / total)
            out = np.where(zero, 0.0, out)
            out = np.where(neg, np.nan, out)
        else:
            raise ValueError(f"aggregation {method} is not in the reference")
    return np.where(total > 0, out, np.nan)


def ranks_of(scores):
    """1 for the highest score; ties share the better rank; NaN stays unranked."""
    valid = ~np.isnan(scores)
    s = np.where(valid, scores, -np.inf)
    r = 1 + (s[None, :] > s[:, None]).sum(axis=1)
    return np.where(valid, r, np.nan)


def build(frames, cols, pillars, m, choices, wset):
    ind_w, pil_w = wset
    result = []
    for year, countries, raw in frames:
        norm = np.empty(raw.shape)
        for j, col in enumerate(cols):
            method = choices["outliers"] if col["treat_outliers"] else "none"
            t = treat(raw[:, j].copy(), method, m)
            i = impute(t, choices["imputation"])
            norm[:, j] = normalise(i, choices["normalisation"], col["direction"], *m["range"])
        pil = np.empty((raw.shape[0], len(pillars)))
        for p, members in enumerate(pillars):
            pil[:, p] = aggregate(norm[:, members], ind_w[members], m["aggregation"])
        index = aggregate(pil, pil_w, choices["index_aggregation"])
        result.append(ranks_of(index))
    return result


def main():
    folder, config_path, n, design_out, result_out = sys.argv[1:6]
    n = int(n)
    with open(config_path, "rb") as f:
        cfg = tomllib.load(f)
    keys, frames, sets = read_inputs(folder)
    cols, pillars = [], []
    for pillar in cfg["pillar"]:
        members = []
        for ind in pillar["indicator"]:
            members.append(len(cols))
            cols.append({"direction": ind.get("direction", 1), "treat_outliers": ind.get("treat_outliers", True)})
        pillars.append(np.array(members))
    assert len(cols) == len(keys), "configuration and exported frames disagree"
    method = cfg["method"]
    m = {
        "winmax": method.get("winmax", 5),
        "skewness": method.get("skewness", 2.0),
        "kurtosis": method.get("kurtosis", 3.5),
        "range": tuple(method.get("range", [1.0, 100.0])),
        "aggregation": method.get("aggregation", "arithmetic"),
    }
    u = cfg["uncertainty"]
    options = [u["normalisation"], u["index_aggregation"], u["imputation"], u["outliers"]]
    nominal = {
        "normalisation": method.get("normalisation", "minmax"),
        "index_aggregation": method.get("index_aggregation", "arithmetic"),
        "imputation": method.get("imputation", "none"),
        "outliers": method.get("outliers", "winsorise"),
    }
    problem = {"num_vars": len(FACTORS), "names": FACTORS, "bounds": [[0.0, 1.0]] * len(FACTORS)}
    design = sobol_sample.sample(problem, n, calc_second_order=False, seed=int(u.get("seed", 0)))
    with open(design_out, "w") as f:
        f.write(",".join(FACTORS) + "\n")
        for row in design:
            f.write(",".join(repr(float(x)) for x in row) + "\n")

    started = time.perf_counter()
    nominal_ranks = build(frames, cols, pillars, m, nominal, sets[0])
    slots = [(yi, c) for yi, r in enumerate(nominal_ranks) for c in range(len(r)) if not np.isnan(r[c])]
    ranks = np.empty((len(slots), len(design)))
    outputs = np.empty(len(design))
    for run, row in enumerate(design):
        choices = {name: opts[min(int(x * len(opts)), len(opts) - 1)] for name, opts, x in zip(FACTORS[:4], options, row)}
        wset = sets[min(int(row[4] * len(sets)), len(sets) - 1)]
        built = build(frames, cols, pillars, m, choices, wset)
        shift = 0.0
        for s, (yi, c) in enumerate(slots):
            r = built[yi][c]
            if np.isnan(r):
                r = len(built[yi])
            ranks[s, run] = r
            shift += abs(r - nominal_ranks[yi][c])
        outputs[run] = shift / len(slots)
    intervals = []
    for s, (yi, c) in enumerate(slots):
        r = ranks[s]
        year, countries, _ = frames[yi]
        intervals.append({
            "year": year,
            "country": countries[c],
            "nominal": int(nominal_ranks[yi][c]),
            "median": float(np.median(r)),
            "p05": float(np.quantile(r, 0.05, method="lower")),
            "p95": float(np.quantile(r, 0.95, method="higher")),
        })
    si = sobol_analyze.analyze(problem, outputs, calc_second_order=False, num_resamples=100, conf_level=0.95, seed=1)
    seconds = time.perf_counter() - started
    sensitivity = [
        {"factor": f, "s1": float(si["S1"][i]), "s1_conf": float(si["S1_conf"][i]), "st": float(si["ST"][i]), "st_conf": float(si["ST_conf"][i])}
        for i, f in enumerate(FACTORS)
    ]
    with open(result_out, "w") as f:
        json.dump({"seconds": seconds, "runs": len(design), "intervals": intervals, "sensitivity": sensitivity, "outputs": outputs.tolist()}, f)
    print(f"reference (numpy + SALib): {len(design)} runs in {seconds:.2f} s")


if __name__ == "__main__":
    main()

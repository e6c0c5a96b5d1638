#!/usr/bin/env python3
"""Compares two galeon stores value by value, with DuckDB as an independent reader.

    python3 scripts/compare_stores.py OLD_STORE NEW_STORE

For every table: row counts, then every row of one store missing from the other (EXCEPT ALL, so
repeated rows count), comparing every column but `release`. Release labels are compared apart:
the script prints, per source, each distinct (old label -> new label) pair and how many rows carry
it. Exit status 0 when no table differs except in release labels, 1 otherwise.

Used to show that a change to the readers keeps the data (docs/benchmarks.md records a run).
"""
import glob
import os
import sys

import duckdb

old, new = sys.argv[1], sys.argv[2]
con = duckdb.connect()


def tables(store):
    # A table's files are in its folder, or in its partition folders (gdelt_events/year=…/month=…).
    return sorted(
        d for d in os.listdir(store)
        if os.path.isdir(os.path.join(store, d)) and glob.glob(os.path.join(store, d, "**", "*.parquet"), recursive=True)
    )


def scan(store, table):
    # year and month are columns of the partitioned files too: the folder names are not read.
    return f"read_parquet('{os.path.join(store, table)}/**/*.parquet', union_by_name=true, hive_partitioning=false)"


different = 0
for table in sorted(set(tables(old)) | set(tables(new))):
    if table not in tables(old) or table not in tables(new):
        print(f"{table:18} only in {'new' if table in tables(new) else 'old'} store")
        different += 1
        continue
    cols_old = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {scan(old, table)}").fetchall()]
    cols_new = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {scan(new, table)}").fetchall()]
    cols = [c for c in cols_old if c in cols_new and c != "release"]
    if cols_old != cols_new:
        print(f"{table:18} columns differ: old {cols_old} new {cols_new}")
        different += 1
    sel = ", ".join(f'"{c}"' for c in cols)
    n_old = con.execute(f"SELECT count(*) FROM {scan(old, table)}").fetchone()[0]
    n_new = con.execute(f"SELECT count(*) FROM {scan(new, table)}").fetchone()[0]
    only_old = con.execute(f"SELECT count(*) FROM (SELECT {sel} FROM {scan(old, table)} EXCEPT ALL SELECT {sel} FROM {scan(new, table)})").fetchone()[0]
    only_new = con.execute(f"SELECT count(*) FROM (SELECT {sel} FROM {scan(new, table)} EXCEPT ALL SELECT {sel} FROM {scan(old, table)})").fetchone()[0]
    status = "identical" if only_old == only_new == 0 and n_old == n_new else "DIFFERENT"
    print(f"{table:18} rows old {n_old:>9,} new {n_new:>9,}  only in old {only_old:>7,}  only in new {only_new:>7,}  {status}")
    if status != "identical":
        different += 1
        for label, store_a, store_b in (("only in old", old, new), ("only in new", new, old)):
            rows = con.execute(f"SELECT {sel} FROM {scan(store_a, table)} EXCEPT ALL SELECT {sel} FROM {scan(store_b, table)} LIMIT 3").fetchall()
            for r in rows:
                print(f"    {label}: {r}")
    if "release" in cols_old and "release" in cols_new and "source" in cols:
        pairs = con.execute(f"""
            SELECT o.source, o.release,
                   CASE WHEN n.release LIKE 'unknown release (sha256 %' THEN 'unknown release (sha256 …)' ELSE n.release END,
                   count(DISTINCT o.file), count(*)
            FROM (SELECT source, file, release FROM {scan(old, table)}) o
            JOIN (SELECT DISTINCT source, file, release FROM {scan(new, table)}) n USING (source, file)
            WHERE o.release <> n.release
            GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""").fetchall()
        for source, a, b, files, n in pairs:
            print(f"    release {source}: {a!r} -> {b!r} ({files} files, {n:,} rows)")
print("tables differing (besides release labels):", different)
sys.exit(1 if different else 0)

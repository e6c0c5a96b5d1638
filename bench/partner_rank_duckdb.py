"""The peer for bench/partner_rank.sh: China's and the United States' rank and share among each
reporter's partners, run by DuckDB over the same Parquet files galeon's store holds, with the very
SQL galeon runs (`galeon indicators sql …` prints it: the shared dots_bilateral table as CREATE
TABLE, then one query per indicator), read from the file given.
Prints the number of values of each indicator and the time taken, from registering the Parquet
files to the last row fetched (galeon's own timer also starts before it registers the store).
Usage: partner_rank_duckdb.py STORE SQL_FILE
"""
import glob
import os
import sys
import time

import duckdb

store, script = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
statements = []  # (indicator id or None, SQL)
for chunk in script.split(";\n"):
    lines = chunk.strip().splitlines()
    sql = " ".join(line for line in lines if not line.startswith("--")).strip()
    if not sql:
        continue
    label = next((line[3:].split(":")[0] for line in lines if line.startswith("-- ")), None)
    statements.append((None if sql.startswith("CREATE") else label, sql))

started = time.perf_counter()
con = duckdb.connect()
con.execute("PRAGMA threads=2")
# Every table of the store, as galeon registers them (the share queries also read `macro`, for
# the Atlas totals that UN Comtrade's partner shares divide by).
for table in sorted(os.listdir(store)):
    if glob.glob(f"{store}/{table}/**/*.parquet", recursive=True):
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{store}/{table}/**/*.parquet', union_by_name=true, hive_partitioning=false)")
counts = {}
for label, sql in statements:
    if label is None:
        con.execute(sql)
    else:
        counts[label] = len(con.execute(sql).fetchall())
elapsed = time.perf_counter() - started
for name, n in counts.items():
    print(f"duckdb {name} {n}")
print(f"duckdb seconds {elapsed:.3f}")

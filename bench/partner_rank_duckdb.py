"""The peer for bench/partner_rank.sh: China's and the United States' rank and share among each
reporter's partners (IMF DOTS, exports + imports, individual economies only, World row as the
share's denominator), with DuckDB over the same Parquet files galeon's store holds.
Prints the number of values of each indicator and the time taken.
Usage: partner_rank_duckdb.py STORE
"""
import sys
import time

import duckdb

store = sys.argv[1]
con = duckdb.connect()
con.execute("PRAGMA threads=2")
con.execute(f"CREATE VIEW trade_flows AS SELECT * FROM read_parquet('{store}/trade_flows/*.parquet', union_by_name=true)")
con.execute(f"CREATE VIEW countries AS SELECT * FROM read_parquet('{store}/countries/*.parquet')")

RANK = """WITH t AS (SELECT f.reporter, f.partner, f.year, sum(f.value_usd) AS v FROM trade_flows f
    JOIN countries p ON p.iso3 = f.partner WHERE f.source = 'imf-dots' AND p.is_economy AND f.partner <> f.reporter
    GROUP BY f.reporter, f.partner, f.year),
    r AS (SELECT reporter, partner, year, rank() OVER (PARTITION BY reporter, year ORDER BY v DESC) AS rk FROM t)
    SELECT reporter AS country, partner, year, CAST(rk AS DOUBLE) AS value FROM r WHERE partner = '{code}'"""
SHARE = """WITH t AS (SELECT reporter, year, sum(CASE WHEN partner = '{code}' THEN value_usd END) AS v,
    sum(CASE WHEN partner = 'WLD' THEN value_usd END) AS w FROM trade_flows WHERE source = 'imf-dots' GROUP BY reporter, year)
    SELECT reporter AS country, '{code}' AS partner, year, v / w AS value FROM t WHERE v IS NOT NULL AND w > 0 AND reporter <> '{code}'"""

started = time.perf_counter()
counts = {}
for name, sql in [
    ("china_partner_rank", RANK.format(code="CHN")),
    ("china_partner_share", SHARE.format(code="CHN")),
    ("us_partner_rank", RANK.format(code="USA")),
    ("us_partner_share", SHARE.format(code="USA")),
]:
    counts[name] = len(con.execute(sql).fetchall())
elapsed = time.perf_counter() - started
for name, n in counts.items():
    print(f"duckdb {name} {n}")
print(f"duckdb seconds {elapsed:.3f}")

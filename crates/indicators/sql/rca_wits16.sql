WITH x AS (SELECT reporter, year, product, value_usd AS v FROM trade_by_product
  WHERE source = 'wits-trade-summary' AND nomenclature = 'WITS-16' AND flow = 'export'),
t AS (SELECT reporter, year, sum(v) AS total FROM x GROUP BY reporter, year),
w AS (SELECT year, product, v AS wk FROM x WHERE reporter = 'WLD'),
wt AS (SELECT year, sum(wk) AS wtotal FROM w GROUP BY year)
SELECT x.reporter AS country, CAST(NULL AS VARCHAR) AS partner, x.year, (x.v / t.total) / (w.wk / wt.wtotal) AS value, x.product AS dimension
FROM x JOIN t ON t.reporter = x.reporter AND t.year = x.year JOIN w ON w.year = x.year AND w.product = x.product
JOIN wt ON wt.year = x.year WHERE x.reporter <> 'WLD' AND t.total > 0 AND w.wk > 0

WITH x AS (SELECT reporter, year, left(product, 4) AS hs4, sum(value_usd) AS v
    FROM trade_by_product WHERE source = 'cepii-baci' AND level = 6
    GROUP BY reporter, year, left(product, 4)),
  t AS (SELECT reporter, year, sum(v) AS total FROM x GROUP BY reporter, year),
  w AS (SELECT year, hs4, sum(v) AS wk FROM x GROUP BY year, hs4),
  wt AS (SELECT year, sum(v) AS wtotal FROM x GROUP BY year)
SELECT x.reporter AS country, CAST(NULL AS VARCHAR) AS partner, x.year,
  (x.v / t.total) / (w.wk / wt.wtotal) AS value, x.hs4 AS dimension
FROM x JOIN countries c ON c.iso3 = x.reporter AND c.lac
  JOIN t ON t.reporter = x.reporter AND t.year = x.year
  JOIN w ON w.year = x.year AND w.hs4 = x.hs4
  JOIN wt ON wt.year = x.year
WHERE t.total > 0 AND w.wk > 0

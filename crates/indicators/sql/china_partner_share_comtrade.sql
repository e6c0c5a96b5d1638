WITH t AS (SELECT reporter, year, sum(value_usd) AS v FROM trade_flows
    WHERE source = 'comtrade-cipf-partner-tables' AND partner = 'CHN' GROUP BY reporter, year HAVING count(DISTINCT flow) = 2),
  w AS (SELECT country, year, sum(value) AS w FROM macro WHERE source = 'atlas-country-year'
    AND indicator IN ('atlas_exports_usd', 'atlas_imports_usd') GROUP BY country, year HAVING count(DISTINCT indicator) = 2)
SELECT t.reporter AS country, 'CHN' AS partner, t.year, t.v / w.w AS value
FROM t JOIN w ON w.country = t.reporter AND w.year = t.year
WHERE w.w > 0 AND t.reporter <> 'CHN'

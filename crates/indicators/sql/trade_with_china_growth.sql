WITH v AS (SELECT reporter AS country, year, sum(value_usd) AS value FROM trade_flows
    WHERE source = '{{source}}' AND partner = 'CHN' GROUP BY reporter, year HAVING count(DISTINCT flow) = 2),
  l AS (SELECT country, year, value,
    lag(value) OVER (PARTITION BY country ORDER BY year) AS previous,
    lag(year) OVER (PARTITION BY country ORDER BY year) AS previous_year FROM v)
SELECT country, 'CHN' AS partner, year, value / previous - 1 AS value
FROM l
WHERE previous_year = year - 1 AND previous > 0

WITH i AS (SELECT reporter AS country, year,
    sum(CASE WHEN partner = 'CHN' THEN value_usd END) / sum(CASE WHEN partner = 'WLD' THEN value_usd END) AS s_ij
    FROM dots_bilateral WHERE partner IN ('CHN', 'WLD') GROUP BY reporter, year),
  w AS (SELECT year, value_usd AS total FROM dots_bilateral WHERE reporter = 'CHN' AND partner = 'WLD'),
  j AS (SELECT partner AS country, year, value_usd AS v FROM dots_bilateral WHERE reporter = 'CHN')
SELECT i.country, 'CHN' AS partner, i.year, {{value}} AS value
FROM i JOIN j ON j.country = i.country AND j.year = i.year JOIN w ON w.year = i.year
WHERE i.s_ij IS NOT NULL AND w.total > 0 AND j.v > 0 AND i.country <> 'CHN'

WITH e AS (SELECT reporter, partner, year, value_usd FROM {{table}} WHERE partner_is_economy AND partner <> reporter),
  whole AS (SELECT reporter, year FROM {{table}} GROUP BY reporter, year
    HAVING sum(CASE WHEN partner_is_economy AND partner <> reporter THEN value_usd END) >= 0.9 * sum(CASE WHEN partner = 'WLD' THEN value_usd END)),
  c AS (SELECT e.reporter, e.year, e.value_usd FROM e JOIN whole k ON k.reporter = e.reporter AND k.year = e.year WHERE e.partner = '{{partner}}')
SELECT c.reporter AS country, '{{partner}}' AS partner, c.year,
  CAST(1 + count(*) FILTER (WHERE e.value_usd > c.value_usd) AS DOUBLE) AS value
FROM c JOIN e ON e.reporter = c.reporter AND e.year = c.year
GROUP BY c.reporter, c.year

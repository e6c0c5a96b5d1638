WITH t AS (SELECT reporter, year,
    sum(CASE WHEN partner = '{{partner}}' THEN value_usd END) AS v,
    sum(CASE WHEN partner = 'WLD' THEN value_usd END) AS w
  FROM {{table}} WHERE partner IN ('{{partner}}', 'WLD') GROUP BY reporter, year)
SELECT reporter AS country, '{{partner}}' AS partner, year, v / w AS value
FROM t
WHERE v IS NOT NULL AND w > 0 AND reporter <> '{{partner}}'

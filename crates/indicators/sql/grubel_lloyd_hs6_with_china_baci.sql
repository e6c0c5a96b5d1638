WITH x AS (SELECT t.reporter AS country, t.year, t.nomenclature, t.product, t.value_usd AS v
    FROM trade_by_product t JOIN countries c ON c.iso3 = t.reporter AND c.lac
    WHERE t.source = 'cepii-baci' AND t.level = 6 AND t.partner = 'CHN'),
  m AS (SELECT t.partner AS country, t.year, t.nomenclature, t.product, t.value_usd AS v
    FROM trade_by_product t JOIN countries c ON c.iso3 = t.partner AND c.lac
    WHERE t.source = 'cepii-baci' AND t.level = 6 AND t.reporter = 'CHN'),
  j AS (SELECT coalesce(x.country, m.country) AS country, coalesce(x.year, m.year) AS year,
      coalesce(x.v, 0) AS xv, coalesce(m.v, 0) AS mv
    FROM x FULL JOIN m ON m.country = x.country AND m.year = x.year
      AND m.nomenclature = x.nomenclature AND m.product = x.product)
SELECT country, 'CHN' AS partner, year, sum(xv + mv - abs(xv - mv)) / sum(xv + mv) AS value
FROM j GROUP BY country, year HAVING sum(xv + mv) > 0

WITH m AS (SELECT reporter, year, product, value_usd FROM trade_by_product
  WHERE source = 'wto-product-groups' AND file LIKE 'trade/wto-product-groups/WtoData_%')
SELECT m.reporter AS country, CAST(NULL AS VARCHAR) AS partner, m.year, m.value_usd / w.value_usd AS value, m.product AS dimension
FROM m JOIN m w ON w.reporter = 'WLD' AND w.year = m.year AND w.product = m.product WHERE m.reporter <> 'WLD' AND w.value_usd > 0

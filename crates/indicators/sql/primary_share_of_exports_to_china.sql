SELECT reporter AS country, partner, year,
sum(CASE WHEN product = 'Productos primarios' THEN value_usd ELSE 0 END) / sum(value_usd) AS value
FROM trade_by_product WHERE source = 'argendata-argentina-lall' AND nomenclature = 'LALL' AND flow = 'export' AND partner = 'CHN'
GROUP BY reporter, partner, year HAVING sum(value_usd) > 0

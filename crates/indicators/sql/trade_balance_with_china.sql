SELECT reporter AS country, 'CHN' AS partner, year,
  sum(CASE WHEN flow = 'export' THEN value_usd ELSE -value_usd END) AS value
FROM trade_flows
WHERE source = '{{source}}' AND partner = 'CHN'
GROUP BY reporter, year HAVING count(DISTINCT flow) = 2

SELECT reporter AS country, 'CHN' AS partner, year, sum(value_usd) AS value
FROM trade_flows
WHERE source = '{{source}}' AND partner = 'CHN'
GROUP BY reporter, year HAVING count(DISTINCT flow) = 2

SELECT partner AS country, 'CHN' AS partner, year, sum(value_usd) AS value
FROM trade_flows
WHERE source = '{{source}}' AND reporter = 'CHN'
GROUP BY partner, year HAVING count(DISTINCT flow) = 2

SELECT reporter AS country, 'CHN' AS partner, year, value_usd AS value
FROM trade_flows
WHERE source = '{{source}}' AND flow = 'import' AND partner = 'CHN'

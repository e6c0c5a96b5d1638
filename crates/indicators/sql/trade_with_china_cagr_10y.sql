WITH v AS (SELECT reporter AS country, year, sum(value_usd) AS value FROM trade_flows
    WHERE source = '{{source}}' AND partner = 'CHN' GROUP BY reporter, year HAVING count(DISTINCT flow) = 2)
SELECT a.country, 'CHN' AS partner, a.year, power(a.value / b.value, 0.1) - 1 AS value
FROM v a JOIN v b ON a.country = b.country AND b.year = a.year - 10
WHERE b.value > 0

SELECT recipient AS country, CAST(NULL AS VARCHAR) AS partner, 2014 AS year,
sum(CASE WHEN sector LIKE 'Energy%' THEN amount_usd_current ELSE 0 END) / sum(amount_usd_current) AS value FROM finance
WHERE source = 'aiddata-gcof-1.0' AND recommended AND amount_usd_current IS NOT NULL GROUP BY recipient HAVING sum(amount_usd_current) > 0

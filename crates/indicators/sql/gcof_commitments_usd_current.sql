SELECT recipient AS country, CAST(NULL AS VARCHAR) AS partner, year, sum(amount_usd_current) AS value FROM finance
WHERE source = 'aiddata-gcof-1.0' AND recommended AND amount_usd_current IS NOT NULL GROUP BY recipient, year

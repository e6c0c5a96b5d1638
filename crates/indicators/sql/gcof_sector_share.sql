WITH f AS (SELECT recipient, sector, amount_usd_current AS v FROM finance
  WHERE source = 'aiddata-gcof-1.0' AND recommended AND amount_usd_current IS NOT NULL),
t AS (SELECT recipient, sum(v) AS total FROM f GROUP BY recipient)
SELECT f.recipient AS country, CAST(NULL AS VARCHAR) AS partner, 2014 AS year, sum(f.v) / max(t.total) AS value, f.sector AS dimension
FROM f JOIN t ON t.recipient = f.recipient WHERE t.total > 0 GROUP BY f.recipient, f.sector

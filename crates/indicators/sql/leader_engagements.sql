SELECT target AS country, 'CHN' AS partner, year, sum(value) AS value FROM events
WHERE source = 'chinavitae' GROUP BY target, year

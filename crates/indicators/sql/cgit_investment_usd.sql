SELECT country, CAST(NULL AS VARCHAR) AS partner, year, sum(value_usd) AS value FROM investment
WHERE kind IN ('investment', 'construction') GROUP BY country, year

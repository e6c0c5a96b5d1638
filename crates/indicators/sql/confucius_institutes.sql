WITH y AS (SELECT DISTINCT year FROM culture WHERE year IS NOT NULL), c AS (SELECT DISTINCT country FROM culture)
SELECT c.country, CAST(NULL AS VARCHAR) AS partner, y.year, CAST(count(k.name) AS DOUBLE) AS value
FROM c CROSS JOIN y LEFT JOIN culture k ON k.country = c.country AND k.year <= y.year GROUP BY c.country, y.year

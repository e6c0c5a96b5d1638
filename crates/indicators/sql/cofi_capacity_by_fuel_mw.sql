SELECT country, CAST(NULL AS VARCHAR) AS partner, investment_year AS year, sum(capacity_mw) AS value, fuel AS dimension FROM power_plants
WHERE NOT duplicate AND investment_year IS NOT NULL AND capacity_mw IS NOT NULL GROUP BY country, investment_year, fuel

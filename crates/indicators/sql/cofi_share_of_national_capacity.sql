WITH covered AS (SELECT DISTINCT country FROM memberships WHERE organisation = 'BRI' AND joined IS NOT NULL AND joined <> '' AND joined <= '2023-10-31'),
g AS (SELECT m.country, m.value * 1000 AS national_mw FROM macro m JOIN covered c ON c.country = m.country
  WHERE m.source = 'wri-gppd-summary' AND m.indicator = 'gppd_capacity_gw_total' AND m.value > 0),
y AS (SELECT DISTINCT investment_year AS year FROM power_plants WHERE investment_year IS NOT NULL)
SELECT g.country, CAST(NULL AS VARCHAR) AS partner, y.year, coalesce(k.mw, 0) / g.national_mw AS value
FROM g CROSS JOIN y LEFT JOIN cofi_cumulative k ON k.country = g.country AND k.year = y.year

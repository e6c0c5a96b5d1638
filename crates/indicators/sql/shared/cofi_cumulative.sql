WITH p AS (SELECT country, investment_year AS year, sum(capacity_mw) AS mw,
    sum(CASE WHEN fuel IN ('hydro', 'solar pv', 'onshore wind', 'offshore wind', 'wind', 'geothermal', 'biomass', 'solar')
      OR fuel LIKE '%solar%' OR fuel LIKE '%wind%' THEN capacity_mw ELSE 0 END) AS renewable_mw
    FROM power_plants WHERE NOT duplicate AND investment_year IS NOT NULL AND capacity_mw IS NOT NULL GROUP BY country, investment_year),
  y AS (SELECT DISTINCT investment_year AS year FROM power_plants WHERE investment_year IS NOT NULL),
  f AS (SELECT country, min(year) AS first FROM p GROUP BY country)
SELECT f.country, y.year, sum(p.mw) AS mw, sum(p.renewable_mw) AS renewable_mw
FROM f JOIN y ON y.year >= f.first JOIN p ON p.country = f.country AND p.year <= y.year
GROUP BY f.country, y.year

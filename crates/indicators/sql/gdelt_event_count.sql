WITH d AS (SELECT CASE WHEN actor1_country = 'CHN' THEN actor2_country ELSE actor1_country END AS country, year, count(*) AS events
    FROM gdelt_events WHERE (actor1_country = 'CHN') <> (actor2_country = 'CHN') GROUP BY 1, 2)
SELECT d.country, 'CHN' AS partner, d.year, CAST(d.events AS DOUBLE) AS value
FROM d JOIN countries c ON c.iso3 = d.country AND c.lac

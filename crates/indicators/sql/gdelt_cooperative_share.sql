WITH d AS (SELECT CASE WHEN actor1_country = 'CHN' THEN actor2_country ELSE actor1_country END AS country, year,
        sum(CASE WHEN quad_class IN (1, 2) THEN 1 ELSE 0 END) AS cooperative, count(*) AS events
    FROM gdelt_events WHERE (actor1_country = 'CHN') <> (actor2_country = 'CHN') GROUP BY 1, 2)
SELECT d.country, 'CHN' AS partner, d.year, CAST(d.cooperative AS DOUBLE) / d.events AS value
FROM d JOIN countries c ON c.iso3 = d.country AND c.lac

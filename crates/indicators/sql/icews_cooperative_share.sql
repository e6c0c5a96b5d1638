SELECT CASE WHEN actor = 'CHN' THEN target ELSE actor END AS country, 'CHN' AS partner, year,
sum(CASE WHEN measure IN ('verbal_cooperation', 'material_cooperation') THEN value ELSE 0 END) / sum(value) AS value
FROM events WHERE source = 'icews-events' AND (actor = 'CHN') <> (target = 'CHN')
GROUP BY 1, 3 HAVING sum(value) > 0

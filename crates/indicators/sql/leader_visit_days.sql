SELECT target AS country, 'CHN' AS partner, year, CAST(count(DISTINCT concat(person, '|', date)) AS DOUBLE) AS value
FROM events WHERE source = 'chinavitae' AND measure = 'leader_trip' GROUP BY target, year

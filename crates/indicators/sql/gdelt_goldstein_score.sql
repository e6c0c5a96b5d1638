SELECT target AS country, 'CHN' AS partner, year, sum(value) AS value FROM events
WHERE source = 'gdelt-country-graph' AND measure = 'goldstein_edge' GROUP BY target, year

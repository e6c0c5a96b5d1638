SELECT country, CAST(NULL AS VARCHAR) AS partner, year, mw AS value FROM cofi_cumulative

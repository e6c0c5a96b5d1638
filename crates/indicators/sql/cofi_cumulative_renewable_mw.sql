SELECT country, CAST(NULL AS VARCHAR) AS partner, year, renewable_mw AS value FROM cofi_cumulative

SELECT country, CAST(NULL AS VARCHAR) AS partner, year, renewable_mw / mw AS value FROM cofi_cumulative WHERE mw > 0

SELECT country, CAST(NULL AS VARCHAR) AS partner, year, value FROM macro WHERE indicator = 'gcdf3_commitments_usd_const2021'

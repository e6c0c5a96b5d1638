SELECT country, CAST(NULL AS VARCHAR) AS partner, year, value FROM macro WHERE indicator = 'migrant_stock_born_in_china'

WITH x AS (SELECT reporter, year,
    sum(CASE WHEN partner = 'CHN' THEN value_usd END) AS x_ij, sum(CASE WHEN partner = 'WLD' THEN value_usd END) AS x_iw
    FROM trade_flows WHERE source = 'imf-dots' AND flow = 'export' GROUP BY reporter, year),
  c AS (SELECT year, value_usd AS m_jw FROM trade_flows WHERE source = 'imf-dots' AND reporter = 'CHN' AND partner = 'WLD' AND flow = 'import'),
  w AS (SELECT year, value_usd AS m_ww FROM trade_flows WHERE source = 'imf-dots' AND reporter = 'WLD' AND partner = 'WLD' AND flow = 'import')
SELECT x.reporter AS country, 'CHN' AS partner, x.year, (x.x_ij / x.x_iw) / (c.m_jw / w.m_ww) AS value
FROM x JOIN c ON c.year = x.year JOIN w ON w.year = x.year
WHERE x.x_ij IS NOT NULL AND x.x_iw > 0 AND x.reporter <> 'CHN'

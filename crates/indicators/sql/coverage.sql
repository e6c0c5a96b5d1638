SELECT source, country, partner, max(year) AS last
FROM (SELECT source, reporter AS country, partner, year FROM trade_flows WHERE value_usd IS NOT NULL
  UNION ALL SELECT source, partner AS country, reporter AS partner, year FROM trade_flows WHERE value_usd IS NOT NULL) c
GROUP BY source, country, partner

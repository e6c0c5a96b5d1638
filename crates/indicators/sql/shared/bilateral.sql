SELECT t.reporter, t.partner, t.year, t.value_usd, coalesce(p.is_economy, false) AS partner_is_economy
FROM (SELECT reporter, partner, year, sum(value_usd) AS value_usd FROM trade_flows
    WHERE source = '{{source}}' AND value_usd IS NOT NULL GROUP BY reporter, partner, year) t
  LEFT JOIN countries p ON p.iso3 = t.partner

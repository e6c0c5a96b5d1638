-- Paces each wrk connection: with C connections and a delay of D ms, the offered load is
-- about C × 1000 / (D + latency) requests per second: 20 connections × 19 ms ≈ 1,000 requests/s.
local delay_ms = tonumber(os.getenv("WRK_DELAY_MS") or "19")
function delay()
  return delay_ms
end

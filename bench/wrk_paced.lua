-- Paces each wrk connection: with C connections and a delay of D ms, the offered load is
-- about C × 1000 / (D + latency) requests per second: 50 connections × 9 ms (and ~1 ms of latency)
-- ≈ 5,000 requests/s (bench/load.sh sets WRK_DELAY_MS=9).
local delay_ms = tonumber(os.getenv("WRK_DELAY_MS") or "19")
function delay()
  return delay_ms
end

-- Shared by every benchmark script: numbers the threads and, when the run is done, prints one
-- line "BENCH_RESULT {json}" with throughput, latency percentiles and error counts (statuses
-- tallied by a script's response(), when it defines one, are summed over the threads).
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local tally = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("counts")
    if counts then
      for key, value in pairs(counts) do
        tally[key] = (tally[key] or 0) + value
      end
    end
  end
  local parts = {}
  for key, value in pairs(tally) do
    table.insert(parts, string.format('"%s":%d', key, value))
  end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format('BENCH_RESULT {"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_ms":%.3f,"p90_ms":%.3f,'
      .. '"p99_ms":%.3f,"max_ms":%.3f,"non_2xx_3xx":%d,"socket_errors":%d,"timeouts":%d,"counts":{%s}}\n',
      summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
      latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000, e.status,
      e.connect + e.read + e.write, e.timeout, table.concat(parts, ",")))
end

-- Back-off as a Matrix client does it: after a 429 M_LIMIT_EXCEEDED, the next request waits the
-- retry_after_ms the server asked for (1 s when absent). wrk asks delay() before every request of
-- a thread; a thread's waits are queued and each is spent once, so a thread that received n 429s
-- sends n delayed requests, whichever of its connections sends them.
local backoffs = {}

function back_off(body)
  local ms = tonumber(body:match('"retry_after_ms"%s*:%s*(%d+)')) or 1000
  table.insert(backoffs, ms)
end

function delay()
  if #backoffs == 0 then
    return 0
  end
  return table.remove(backoffs, 1)
end

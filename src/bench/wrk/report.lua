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

-- The "localpart token" lines of a users file, as { localpart = …, token = … } tables.
function read_users(path)
  local users = {}
  for line in io.lines(path) do
    local localpart, token = line:match("^(%S+)%s*(%S*)$")
    table.insert(users, { localpart = localpart, token = token })
  end
  return users
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

-- Back-off as a Matrix client does it: after a 429 M_LIMIT_EXCEEDED, the next request waits the
-- retry_after_ms the server asked for (1 s when absent). wrk asks delay() before every request of
-- a thread; a thread's waits are queued and each is spent once, so a thread that received n 429s
-- sends n delayed requests, whichever of its connections sends them. Only the scripts that may see
-- 429 load this file (after report.lua): wrk sends every request of a script that defines delay()
-- through a timer, a cost the other steps must not carry.
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

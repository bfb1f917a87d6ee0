-- POST /_matrix/client/v3/login (m.login.password), rotating over the users of a file of
-- "localpart token" lines (argument 1), all with the password of argument 2.
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
dofile(os.getenv("BENCH_WRK_DIR") .. "/backoff.lua")

local requests = {}
local i = 0

function init(args)
  for _, user in ipairs(read_users(args[1])) do
    local body = '{"type":"m.login.password","identifier":{"type":"m.id.user","user":"' .. user.localpart
        .. '"},"password":"' .. args[2] .. '","initial_device_display_name":"bench"}'
    table.insert(requests, wrk.format("POST", "/_matrix/client/v3/login",
        { ["Content-Type"] = "application/json" }, body))
  end
  i = (tid * 7919) % #requests
end

function request()
  i = i % #requests + 1
  return requests[i]
end

-- counts: ok (200), limited (429 from the bounded hashing pool: back-pressure, expected when the
-- connections outnumber the pool's threads and queue; the request after it waits the
-- retry_after_ms the server asked for, as a client would), unexpected (anything else).
counts = { ok = 0, limited = 0, unexpected = 0 }

function response(status, headers, body)
  if status == 200 then
    counts.ok = counts.ok + 1
  elseif status == 429 then
    counts.limited = counts.limited + 1
    back_off(body)
  else
    counts.unexpected = counts.unexpected + 1
  end
end

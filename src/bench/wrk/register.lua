-- Registration through User-Interactive Authentication (m.login.dummy): POST /register without
-- auth (401 with a session), then again with the session (200). Needs one connection per thread
-- (wrk -t N -c N) so that a thread's state belongs to one connection. Argument 1 prefixes the
-- usernames, unique per run. counts: registered (200 after auth), challenged (the expected 401),
-- limited (429 from the bounded hashing pool: the next request waits the
-- retry_after_ms the server asked for, as a client would), unexpected (anything else).
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
dofile(os.getenv("BENCH_WRK_DIR") .. "/backoff.lua")

local prefix
local serial = 0
local session = nil
local username
counts = { registered = 0, challenged = 0, limited = 0, unexpected = 0 }

local headers = { ["Content-Type"] = "application/json" }
local path = "/_matrix/client/v3/register"

function init(args)
  prefix = args[1] .. "t" .. tid .. "x"
end

function request()
  if session == nil then
    serial = serial + 1
    username = prefix .. serial
    return wrk.format("POST", path, headers,
        '{"username":"' .. username .. '","password":"bench-password","initial_device_display_name":"bench"}')
  end
  return wrk.format("POST", path, headers,
      '{"username":"' .. username .. '","password":"bench-password","initial_device_display_name":"bench",'
      .. '"auth":{"type":"m.login.dummy","session":"' .. session .. '"}}')
end

function response(status, headers, body)
  if status == 429 then
    counts.limited = counts.limited + 1
    back_off(body)
  elseif session == nil and status == 401 then
    session = body:match('"session"%s*:%s*"([^"]+)"')
    counts.challenged = counts.challenged + 1
    if session == nil then
      counts.unexpected = counts.unexpected + 1
    end
  elseif session ~= nil and status == 200 then
    counts.registered = counts.registered + 1
    session = nil
  else
    counts.unexpected = counts.unexpected + 1
    session = nil
  end
end

-- GET /_matrix/client/v3/account/whoami, rotating over the tokens of a file of
-- "localpart token" lines (argument 1); each thread starts at a different place in the file.
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")

local requests = {}
local i = 0

function init(args)
  for _, user in ipairs(read_users(args[1])) do
    table.insert(requests, wrk.format("GET", "/_matrix/client/v3/account/whoami",
        { ["Authorization"] = "Bearer " .. user.token }))
  end
  i = (tid * 7919) % #requests
end

function request()
  i = i % #requests + 1
  return requests[i]
end

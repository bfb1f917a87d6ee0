-- GET /_matrix/client/v3/account/whoami (or the path of argument 2), rotating over the tokens of a
-- file of "localpart token" lines (argument 1); each thread starts at a different place in the file.
-- With argument 2 the same requests, token headers and all, go to another path: bench.py's floor
-- with whoami's headers (step 0b).
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")

local requests = {}
local i = 0

function init(args)
  local path = args[2] or "/_matrix/client/v3/account/whoami"
  for _, user in ipairs(read_users(args[1])) do
    table.insert(requests, wrk.format("GET", path,
        { ["Authorization"] = "Bearer " .. user.token }))
  end
  i = (tid * 7919) % #requests
end

function request()
  i = i % #requests + 1
  return requests[i]
end

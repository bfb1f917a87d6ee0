-- GET of the URL given to wrk. The request is built once and returned by request(), as
-- whoami.lua returns its prebuilt requests, so that wrk spends the same per request in both and
-- the whoami/versions ratio measures the server alone.
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")

local prebuilt

function init(args)
  prebuilt = wrk.format("GET")
end

function request()
  return prebuilt
end

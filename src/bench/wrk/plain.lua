-- GET of the URL given to wrk, unchanged; only the report is added.
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")

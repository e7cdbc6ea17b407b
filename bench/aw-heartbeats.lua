-- wrk's script for bench/aw.ts: each wrk thread posts heartbeats to its own bucket, as a window watcher
-- polling once a second does (the same window for 9 heartbeats, then another). C does the sending, so the
-- figure is the server's, not a JavaScript client's.
local counter = 0
setup = function(thread)
  thread:set("bucket", "aw-watcher-window_wrk-" .. counter)
  counter = counter + 1
end

local t = 1704067200
local i = 0
request = function()
  i = i + 1
  t = t + 1
  local body = string.format('{"timestamp":"%s","duration":0,"data":{"app":"app%d","title":"window %d"}}',
    os.date("!%Y-%m-%dT%H:%M:%S.000Z", t), math.floor(i / 9) % 50, math.floor(i / 9) % 500)
  return wrk.format("POST", "/api/0/buckets/" .. bucket .. "/heartbeat?pulsetime=2", { ["Content-Type"] = "application/json" }, body)
end

done = function(summary)
  io.write(string.format("STINT_WRK %d %d %d %d\n", summary.requests, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.duration))
end

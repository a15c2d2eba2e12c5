-- wrk script for bench/load/run.sh: sends one fixed request and counts the answers by status.
--
-- The request comes from the environment (set by run.sh):
--   BENCH_METHOD        GET or POST (default GET)
--   BENCH_BODY          request body (default none)
--   BENCH_CONTENT_TYPE  Content-Type of the body
--   BENCH_BEARER        access token, sent as "Authorization: Bearer <token>"
--   BENCH_TOKENS_FILE   a file of access tokens, one per line: each request carries the next one instead of
--                       BENCH_BEARER (each thread starts at its own place in the file), so the server sees many
--                       users' tokens in rotation
--   BENCH_BODIES_FILE   a file of request bodies, one per line (e.g. one login form per account): each request
--                       carries the next one instead of BENCH_BODY; thread t of n (BENCH_THREADS) takes the lines
--                       t+1, t+1+n, ..., so no two requests in flight name the same account while there are more
--                       lines than connections (an account admits one password check at a time)
--   BENCH_PAUSE_MS      pause of each connection between an answer and its next request (default none):
--                       paces the load below saturation, where latency measures the service, not a queue
--   BENCH_OK_STATUS     the status that counts as success (default 200; 201 for registrations)
--   BENCH_ANSWERS       statuses (default): each answer's status is read here, in Lua, and counted by code;
--                       summary: no Lua per answer (wrk parses each answer's headers into a Lua table for a
--                       response() function, ~2 µs of the shared cores per request, ~5 % of a saturated
--                       /users/me here): status_ok is then every answer below 400 and status_other wrk's count of
--                       the rest, so the caller checks the exact statuses elsewhere (run.sh: the server's own
--                       count per route and status on /metrics)
--
-- done() prints machine-readable lines that run.sh parses:
--   BENCH requests=<n> duration_us=<n> rps=<x> status_ok=<n> status_503=<n> status_other=<n>
--         connect=<n> read=<n> write=<n> timeout=<n> non2xx3xx=<n>
--   BENCH_LATENCY_US p50=<n> p90=<n> p99=<n> p999=<n> max=<n> mean=<x>
--   BENCH_TAIL_US p95=<n> p97=<n> p98=<n> p99=<n> p99.5=<n> p99.75=<n> p99.9=<n>   (the tail's shape: a few
--                                slow events make a step near p99, a slower service moves every percentile)
--   BENCH_STATUS <code>=<n>      (one line per status seen)

wrk.method = os.getenv("BENCH_METHOD") or "GET"

local body = os.getenv("BENCH_BODY")
if body and body ~= "" then
  wrk.body = body
end

local content_type = os.getenv("BENCH_CONTENT_TYPE")
if content_type and content_type ~= "" then
  wrk.headers["Content-Type"] = content_type
end

local bearer = os.getenv("BENCH_BEARER")
if bearer and bearer ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. bearer
end

local ok_status = tonumber(os.getenv("BENCH_OK_STATUS") or "") or 200

local pause = tonumber(os.getenv("BENCH_PAUSE_MS") or "")
if pause and pause > 0 then
  function delay()
    return pause
  end
end

-- One Lua state per wrk thread: each counts its own answers, done() adds them up.
local threads = {}

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

local tokens_file = os.getenv("BENCH_TOKENS_FILE")
local bodies_file = os.getenv("BENCH_BODIES_FILE")
local stride = tonumber(os.getenv("BENCH_THREADS") or "1")

function init(args)
  statuses = {}
  if tokens_file and tokens_file ~= "" then
    tokens = {}
    for line in io.lines(tokens_file) do
      tokens[#tokens + 1] = line
    end
    assert(#tokens > 0, "no tokens in " .. tokens_file)
    -- Threads start far apart, so they do not present the same token at the same moment.
    next_token = (wrk.thread:get("index") or 0) * math.floor(#tokens / 2) % #tokens
    -- Every request formatted once, here, not per request: wrk shares the cores with the server, and formatting
    -- ~1 KB per request in Lua took more of them than the rotation needs (~100 MB per thread for 100,000 tokens).
    local headers, requests = {}, {}
    for name, value in pairs(wrk.headers) do
      headers[name] = value
    end
    for i, token in ipairs(tokens) do
      headers["Authorization"] = "Bearer " .. token
      requests[i] = wrk.format(nil, nil, headers)
    end
    tokens = nil
    request = function()
      next_token = next_token % #requests + 1
      return requests[next_token]
    end
  elseif bodies_file and bodies_file ~= "" then
    local index, all, mine = wrk.thread:get("index") or 0, {}, {}
    for line in io.lines(bodies_file) do
      all[#all + 1] = line
    end
    for i = index + 1, #all, stride do
      mine[#mine + 1] = all[i]
    end
    assert(#mine > 0, "no bodies for thread " .. index .. " in " .. bodies_file)
    local next_body = 0
    request = function()
      next_body = next_body % #mine + 1
      return wrk.format(nil, nil, nil, mine[next_body])
    end
  end
end

local count_statuses = (os.getenv("BENCH_ANSWERS") or "statuses") ~= "summary"
if count_statuses then
  function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local counted = thread:get("statuses")
    if counted then
      for status, n in pairs(counted) do
        total[status] = (total[status] or 0) + n
      end
    end
  end

  local ok, busy, other = 0, 0, 0
  if not count_statuses then -- wrk counts the answers of status 400 and above in summary.errors.status
    ok, other = summary.requests - summary.errors.status, summary.errors.status
  end
  for status, n in pairs(total) do
    if status == ok_status then
      ok = ok + n
    elseif status == 503 then
      busy = busy + n
    else
      other = other + n
    end
    io.write(string.format("BENCH_STATUS %d=%d\n", status, n))
  end

  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d rps=%.2f status_ok=%d status_503=%d status_other=%d " ..
    "connect=%d read=%d write=%d timeout=%d non2xx3xx=%d\n",
    summary.requests, summary.duration, summary.requests / seconds, ok, busy, other,
    e.connect, e.read, e.write, e.timeout, e.status))
  io.write(string.format(
    "BENCH_LATENCY_US p50=%d p90=%d p99=%d p999=%d max=%d mean=%.1f\n",
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
    latency.max, latency.mean))
  local tail = {}
  for _, p in ipairs({ 95, 97, 98, 99, 99.5, 99.75, 99.9 }) do
    tail[#tail + 1] = string.format("p%s=%d", p, latency:percentile(p))
  end
  io.write("BENCH_TAIL_US " .. table.concat(tail, " ") .. "\n")
end

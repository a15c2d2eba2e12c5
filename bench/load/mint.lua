-- wrk script for bench/load/run.sh (BENCH_TOKENS > 1): logs the users scale_1 ... scale_<BENCH_MINT_USERS> in
-- at POST /token and writes one access token per user, one per line, to <BENCH_MINT_DIR>/<thread>.txt.
--
--   BENCH_MINT_USERS     how many users to log in
--   BENCH_MINT_THREADS   wrk's -t (the setup state's list of threads is not visible to the threads)
--   BENCH_MINT_PASSWORD  their (common) password
--   BENCH_MINT_DIR       where the token files go
--
-- Thread t of n owns the users t+1, t+1+n, ... and asks for those that have no token yet, round and round, until
-- each has one: wrk may drop a generated request (a connection it re-opens asks again), so a single pass would
-- miss some. Which user a token belongs to is read from its own `sub`, not from the order of the answers. An
-- answer other than 200 stops the thread (run.sh then finds too few tokens).
-- done() prints: MINT tokens=<n> failed=<n> requests=<n> rps=<x>

local threads = {}

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

local users = tonumber(os.getenv("BENCH_MINT_USERS"))
local stride = tonumber(os.getenv("BENCH_MINT_THREADS"))
local password = os.getenv("BENCH_MINT_PASSWORD")
local dir = os.getenv("BENCH_MINT_DIR")

local function urlencode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local sextet = {}
local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
for i = 1, #alphabet do sextet[alphabet:sub(i, i)] = i - 1 end

local function base64url_decode(text)
  local bits, held, out = 0, 0, {}
  for c in text:gmatch(".") do
    bits, held = bits * 64 + sextet[c], held + 6
    if held >= 8 then
      held = held - 8
      out[#out + 1] = string.char(math.floor(bits / 2 ^ held) % 256)
      bits = bits % 2 ^ held
    end
  end
  return table.concat(out)
end

local function user_of(token) -- the N of the token's "sub":"scale_N"
  local payload = token:match("^[^.]+%.([^.]+)%.")
  return payload and tonumber(base64url_decode(payload):match('"sub"%s*:%s*"scale_(%d+)"'))
end

function init(args)
  index = wrk.thread:get("index")
  mine = 0
  for _ = index + 1, users, stride do mine = mine + 1 end
  have, minted, failed, cursor = {}, 0, 0, 0
  out = assert(io.open(dir .. "/" .. index .. ".txt", "w"))
  login_headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
  form_tail = "&password=" .. urlencode(password)
  if mine == 0 then
    out:close()
    wrk.thread:stop()
  end
end

function request()
  for _ = 1, mine do
    cursor = cursor % mine + 1
    local user = index + 1 + (cursor - 1) * stride
    if not have[user] then
      return wrk.format("POST", nil, login_headers, "username=scale_" .. user .. form_tail)
    end
  end
  -- Every user of this thread has a token or an answer on its way: ask something harmless meanwhile.
  return wrk.format("GET", "/health/live", {}, nil)
end

function response(status, headers, body)
  if status ~= 200 then
    failed = failed + 1
    out:close()
    local mark = io.open(dir .. "/" .. index .. ".failed", "w") -- tells run.sh to stop waiting
    mark:write(status, " ", body, "\n")
    mark:close()
    wrk.thread:stop()
    return
  end
  local token = body:match('"access_token"%s*:%s*"([^"]+)"')
  local user = token and user_of(token)
  if user and not have[user] then
    have[user] = true
    out:write(token, "\n")
    minted = minted + 1
    if minted == mine then
      out:close()
      wrk.thread:stop()
    end
  end
end

function done(summary, latency, requests)
  local minted_total, failed_total = 0, 0
  for _, thread in ipairs(threads) do
    minted_total = minted_total + (thread:get("minted") or 0)
    failed_total = failed_total + (thread:get("failed") or 0)
  end
  io.write(string.format("MINT tokens=%d failed=%d requests=%d rps=%.1f\n", minted_total, failed_total,
    summary.requests, summary.requests / (summary.duration / 1e6)))
end

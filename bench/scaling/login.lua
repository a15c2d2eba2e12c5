-- wrk script for bench/scaling/run.sh: POST /token for the users scaling_1 ... scaling_<BENCH_USERS>, one after the
-- other, so logins spread over many accounts (one account's logins verify one at a time: its turn). The requests are
-- built once in init(); request() only picks the next one. done() prints the non-200 count.
local users = tonumber(os.getenv("BENCH_USERS"))
local password = os.getenv("BENCH_PASSWORD")
local requests = {}
local next_index = 1
local counts = {}

function init(args)
  local offset = math.random(users)
  for i = 1, users do
    local user = ((i + offset) % users) + 1
    requests[i] = wrk.format("POST", "/token", { ["Content-Type"] = "application/x-www-form-urlencoded" },
      "username=scaling_" .. user .. "&password=" .. password)
  end
end

function request()
  local r = requests[next_index]
  next_index = next_index % users + 1
  return r
end

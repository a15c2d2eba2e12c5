-- wrk script: POST /token (or Keycloak's token endpoint) as many accounts in turn, so that a login bench measures
-- hashing capacity rather than one account's turn (since issue 15 an account admits one password check at a time).
--
--   BENCH_LOGIN_BODIES  a file of form bodies, one per line (one per account), e.g.
--                       username=bench_1&password=... ; each request carries the next line
--   BENCH_LOGIN_THREADS wrk's -t: thread t of n takes the lines t+1, t+1+n, ... (disjoint), so that no two
--                       requests in flight name the same account while there are more lines than connections
-- With no BENCH_LOGIN_BODIES it sends wrk.body as it is. Picking the next body costs the load generator a Lua call
-- per request, nothing next to an argon2 hash (tens of milliseconds).

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"

local threads = {}
function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

local file = os.getenv("BENCH_LOGIN_BODIES")
local stride = tonumber(os.getenv("BENCH_LOGIN_THREADS") or "1")

function init(args)
  if not file or file == "" then return end
  local index, all, mine = wrk.thread:get("index") or 0, {}, {}
  for line in io.lines(file) do all[#all + 1] = line end
  for i = index + 1, #all, stride do mine[#mine + 1] = all[i] end
  assert(#mine > 0, "no login bodies for thread " .. index .. " in " .. file)
  local next_body = 0
  request = function()
    next_body = next_body % #mine + 1
    return wrk.format(nil, nil, nil, mine[next_body])
  end
end

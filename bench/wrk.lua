-- wrk script for bench/run.py: sends each request with the next session cookie of BENCH_COOKIES
-- (separated by "|"; none for anonymous pages) and prints the figures as one JSON line.

local requests_by_cookie = {}

function init(args)
  local cookies = os.getenv("BENCH_COOKIES") or ""
  for cookie in string.gmatch(cookies, "[^|]+") do
    table.insert(requests_by_cookie, wrk.format(nil, nil, { ["Cookie"] = cookie }))
  end
end

local counter = 0

function request()
  if #requests_by_cookie == 0 then
    return wrk.format()
  end
  counter = counter + 1
  return requests_by_cookie[(counter % #requests_by_cookie) + 1]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, '
      .. '"write": %d, "status": %d, "timeout": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, '
      .. '"max_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean))
end

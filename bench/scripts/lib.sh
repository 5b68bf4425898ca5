# Shared by the load scripts: sourced, not run.

# Waits until every URL given answers 2xx (at most 60 s).
await_ready() {
  for _ in $(seq 1 120); do
    local ready=1
    for url in "$@"; do curl -sf "$url" > /dev/null || ready=0; done
    ((ready)) && return 0
    sleep 0.5
  done
  echo "not ready: $*" >&2
  return 1
}

# Number of lines in a Switchboard log so far.
lines_logged() {
  wc -l < "$1"
}

# routing_latency_ms of the routing_decision lines after the first N lines of a Switchboard log:
#   routing_latencies LOG N
routing_latencies() {
  tail -n +"$(($2 + 1))" "$1" | grep '"msg":"routing_decision"' | grep '"reason_code":"auto_routing"' |
    sed 's/.*"routing_latency_ms":\([0-9.]*\).*/\1/'
}

# A TCP port on 127.0.0.1 that is free now (the kernel's pick; Node is there for the stub already).
free_port() {
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
}

# The sum and count of a Prometheus timer on a /metrics page, over all its series: sum_and_count URL METRIC
#   (METRIC without the _seconds_sum suffix, e.g. switchboard_embedding_latency).
sum_and_count() {
  curl -s "$1" | awk -v m="$2" '$1 ~ "^" m "_seconds_sum" { s += $2 } $1 ~ "^" m "_seconds_count" { c += $2 }
    END { printf "%.6f %d\n", s, c }'
}

# The mean (ms) of a timer between two sum_and_count readings: mean_between "BEFORE" "AFTER".
mean_between() {
  echo "$1 $2" | awk '{ n = $4 - $2; if (n > 0) printf "%.2f ms over %d", 1000 * ($3 - $1) / n, n; else print "-" }'
}

# CPU profiles of the measured part of a run with async-profiler, Java and native frames together (JFR does not see
# ONNX Runtime's native time). ASYNC_PROFILER names libasyncProfiler.so (e.g. unzipped from Maven Central's
# tools.profiler:async-profiler jar); without it both do nothing. The profile is collapsed stacks, one per thread
# name, for flame graphs or grep:  profile_start PID; ...; profile_stop PID FILE
# The options are quoted inside the argument because jcmd's own parser would split them at '='.
profile_start() {
  [[ -n "${ASYNC_PROFILER:-}" ]] || return 0
  jcmd "$1" JVMTI.agent_load "$ASYNC_PROFILER" "\"start,event=cpu,interval=1ms,cstack=vm,threads\"" > /dev/null
}
profile_stop() {
  [[ -n "${ASYNC_PROFILER:-}" ]] || return 0
  jcmd "$1" JVMTI.agent_load "$ASYNC_PROFILER" "\"stop,collapsed,threads,file=$2\"" > /dev/null
  echo "profile: $2"
}

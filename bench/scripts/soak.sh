#!/usr/bin/env bash
# Soak (issue 12): Switchboard at 80 % of its measured capacity for a bounded time, through both ingresses, with
# feedback flowing and varied prompts, on 127.0.0.1 only.
#
#   bench/scripts/soak.sh [seconds]          (default 600; also SOAK_SECONDS)
#   bench/scripts/soak.sh --analyse DIR      judges a finished run's output again (other tolerances, say)
#
# 1. Starts the stub backend (tools/, mock-llm) and Switchboard (conf/examples/homelab-stub.yaml on free ports,
#    feedback on with its embedded KRaft Kafka, a bearer token for the feedback API, a GC log; SOAK_JAVA_OPTS,
#    default a fixed pre-touched heap of 1 GiB: -Xms1g -Xmx1g -XX:+AlwaysPreTouch).
# 2. Capacity: a closed loop of SOAK_CONCURRENCY (16) HTTP chat requests with model MoM, SOAK_CAPACITY_SECONDS (20)
#    measured after 10 s of warm-up; the soak rate is SOAK_LOAD_SHARE (0.8) of the answers per second.
# 3. Soak: open loop at that rate, split between the HTTP ingress (POST /v1/chat/completions) and the ExtProc ingress
#    (gRPC streams as Envoy sends them in BUFFERED mode: request headers, body, response headers, response body) by
#    SOAK_EXTPROC_SHARE (0.5); SOAK_FEEDBACK_SHARE (0.3) of the answers of both get a POST /api/v1/feedback (every
#    feedback type). Prompts: SOAK_PROMPTS (12000) distinct invented ones of eight kinds (soak-prompts.mjs), more
#    than the embedding cache holds (10,000), taken in turn, so that every request embeds its prompt.
# 4. Every 10 s: heap used and heap after the last GC, RSS, open files and threads of the Switchboard process; every
#    30 s the live heap, from a full collection the sampler asks for (jcmd GC.run: one pause of about 0.1 s).
# 5. Judges: no failed request on any ingress (non-2xx, gRPC status other than OK, missing routing, time-out), and
#    flat after warm-up: the first third of the soak is warm-up; the mean of the last third may exceed the mean of
#    the second third by at most the tolerances below (live heap, RSS, open files, threads), and the last third's
#    p99 per ingress by at most SOAK_P99_FACTOR times the second third's plus SOAK_P99_SLACK_MS. Exits 1 otherwise.
#
# Output (SOAK_OUT, default a new /tmp/switchboard-soak.* folder, printed at the start and the end): summary.txt,
# requests.csv (one line per request: ingress, start, latency from its scheduled start, status, ok, error; no prompt),
# p99-per-minute.csv, samples.csv, capacity.json, load.json, switchboard.log, gc.log, config.yaml, metrics-end.txt,
# ratings.json, histogram-start.txt and histogram-end.txt (the 40 classes holding most of the live heap), run.env,
# sampler-errors.txt (what jcmd said when it could not sample).
# Kafka's data folder is removed at the end unless SOAK_KEEP_KAFKA=1.
#
# Needs: java and jstat (the JDK), node 18+, curl, `npm ci --prefix tools` (run here when tools/node_modules is
# missing), and the jar (SWITCHBOARD_JAR, default app/target/switchboard.jar: ./mvnw -B -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/scripts/lib.sh

analyse_only=''
if [[ ${1:-} == --analyse ]]; then
  analyse_only=${2:?usage: soak.sh --analyse DIR}
  set -- "$(sed -n 's/^seconds=//p' "$analyse_only/run.env")"
fi
seconds=${1:-${SOAK_SECONDS:-600}}
load_share=${SOAK_LOAD_SHARE:-0.8}
extproc_share=${SOAK_EXTPROC_SHARE:-0.5}
feedback_share=${SOAK_FEEDBACK_SHARE:-0.3}
capacity_seconds=${SOAK_CAPACITY_SECONDS:-20}
concurrency=${SOAK_CONCURRENCY:-16}
prompt_count=${SOAK_PROMPTS:-12000}
sample_every=10
# The live heap every third sample. The heap after G1's young collections is not it: old regions keep their garbage
# until a marking cycle runs, and G1 starts one only near its occupancy threshold (in a 10-minute run at 140
# requests/s none ran between 37 s and 609 s), so that figure rises with the collector's schedule, not with what
# the process keeps. It is still sampled and shown.
live_every=3
# Tolerances for "flat after warm-up": growth of the last third's mean over the second third's, the larger of a
# share and an absolute amount.
heap_pct=${SOAK_HEAP_PCT:-10};       heap_abs_mb=${SOAK_HEAP_ABS_MB:-32}
rss_pct=${SOAK_RSS_PCT:-5};          rss_abs_mb=${SOAK_RSS_ABS_MB:-64}
fd_pct=${SOAK_FD_PCT:-10};           fd_abs=${SOAK_FD_ABS:-16}
threads_abs=${SOAK_THREADS_ABS:-8}
p99_factor=${SOAK_P99_FACTOR:-2};    p99_slack_ms=${SOAK_P99_SLACK_MS:-25}
jar=${SWITCHBOARD_JAR:-app/target/switchboard.jar}

if ! [[ $seconds =~ ^[0-9]+$ ]] || ((seconds < 30 || seconds > 7200)); then
  echo "soak: the duration must be 30 to 7200 seconds, got '$seconds'" >&2
  exit 2
fi
# ---- Run (skipped by --analyse) ---------------------------------------------------------------------------------
if [[ -z $analyse_only ]]; then
[[ -f $jar ]] || { echo "soak: $jar is missing (./mvnw -B -DskipTests package)" >&2; exit 2; }
for tool in java jstat jcmd node curl; do
  command -v "$tool" > /dev/null || { echo "soak: $tool is missing" >&2; exit 2; }
done
[[ -d tools/node_modules/@dwmkerr/mock-llm ]] || npm ci --prefix tools --no-audit --no-fund > /dev/null

out=${SOAK_OUT:-$(mktemp -d /tmp/switchboard-soak.XXXXXX)}
mkdir -p "$out"
out=$(cd "$out" && pwd)
echo "soak: ${seconds} s; output in $out"

stub='' switchboard='' sampler='' loadgen=''
cleanup() {
  for pid in $loadgen $sampler $switchboard $stub; do kill "$pid" 2> /dev/null || true; done
  [[ ${SOAK_KEEP_KAFKA:-0} == 1 ]] || rm -rf "$out/kafka"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

stub_port=$(free_port) http_port=$(free_port) extproc_port=$(free_port)
HOST=127.0.0.1 PORT=$stub_port node tools/node_modules/@dwmkerr/mock-llm/dist/main.js --config tools/mock-llm.yaml \
  > "$out/stub.log" 2>&1 &
stub=$!

# The feedback and ratings APIs need a bearer token; a fresh one per run, never printed.
SOAK_API_TOKEN=$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')
export SOAK_API_TOKEN
{ sed "s/127\.0\.0\.1:6556/127.0.0.1:$stub_port/" conf/examples/homelab-stub.yaml
  cat << EOF
global:
  services:
    http: {bind: 127.0.0.1, port: $http_port}
    extproc: {bind: 127.0.0.1, port: $extproc_port}
  proxy:
    auth: {feedback_token_env: SOAK_API_TOKEN, ratings_token_env: SOAK_API_TOKEN}
  kafka:
    embedded: {data_dir: $out/kafka, port: 0}
EOF
} > "$out/config.yaml"
# A fixed, pre-touched heap, as a deployment sizes it: RSS then grows only with native memory (ONNX Runtime, Netty,
# Kafka), not with the heap the JVM commits and touches for the first time.
# shellcheck disable=SC2086 # SOAK_JAVA_OPTS is a list of options
java -Xlog:gc:file="$out/gc.log":uptime ${SOAK_JAVA_OPTS:--Xms1g -Xmx1g -XX:+AlwaysPreTouch} \
  -jar "$jar" serve --config "$out/config.yaml" > "$out/switchboard.log" 2>&1 &
switchboard=$!
http=http://127.0.0.1:$http_port
for _ in $(seq 1 360); do   # start-up embeds the model cards and starts Kafka: up to 3 minutes on a busy machine
  curl -sf "$http/ready" > /dev/null && curl -sf "http://127.0.0.1:$stub_port/ready" > /dev/null && break
  kill -0 "$switchboard" 2> /dev/null || { echo "soak: Switchboard exited during start-up" >&2; tail -n 20 "$out/switchboard.log" >&2; exit 1; }
  sleep 0.5
done
curl -sf "$http/ready" > /dev/null || { echo "soak: Switchboard not ready after 180 s" >&2; exit 1; }

# Every 10 s: seconds since the epoch, heap used / committed and old generation used (jstat, MiB), heap after the
# latest GC (the GC log, MiB), RSS (MiB), open files, threads, GCs so far, the machine's load average (other work
# on the machine shows in latency), and every live_every samples the live heap (after a full GC asked for, MiB).
sample() {
  # A failed probe (jstat or jcmd refused while the JVM is busy, no GC in the log yet) leaves its field empty for that
  # sample; it must not end the sampler, which runs in the background under the script's errexit and pipefail (a
  # sampler that died in the first seconds once left the whole soak without samples).
  set +e +o pipefail
  local pid=$1 file=$2
  echo 'epoch_s,heap_used_mb,heap_committed_mb,old_used_mb,heap_after_gc_mb,rss_mb,open_files,threads,gcs,load_1m,live_heap_mb' \
    > "$file"
  local count=0
  while kill -0 "$pid" 2> /dev/null; do
    local t heap rss fds threads after gcs live=''
    if ((count++ % live_every == 0)) && jcmd "$pid" GC.run > /dev/null 2>> "$out/sampler-errors.txt"; then
      live=$(grep 'Pause Full' "$out/gc.log" 2> /dev/null | tail -n 1 | grep -o -- '->[0-9]*M(' | tr -dc 0-9)
    fi
    t=$(date +%s.%N)
    heap=$(jstat -gc "$pid" 2> /dev/null | awk 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
      NR == 2 { printf "%.1f,%.1f,%.1f", ($(c["S0U"]) + $(c["S1U"]) + $(c["EU"]) + $(c["OU"])) / 1024,
                ($(c["S0C"]) + $(c["S1C"]) + $(c["EC"]) + $(c["OC"])) / 1024, $(c["OU"]) / 1024 }')
    rss=$(awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status" 2> /dev/null || true)
    threads=$(awk '/^Threads:/ { print $2 }' "/proc/$pid/status" 2> /dev/null || true)
    fds=$(find "/proc/$pid/fd" -mindepth 1 -maxdepth 1 2> /dev/null | wc -l)
    after=$(grep -o -- '->[0-9]*M(' "$out/gc.log" 2> /dev/null | tail -n 1 | tr -dc 0-9)
    gcs=$(grep -c 'Pause' "$out/gc.log" 2> /dev/null || true)
    echo "$t,${heap:-,,},${after:-},${rss:-},$fds,${threads:-},${gcs:-0},$(cut -d' ' -f1 /proc/loadavg),$live" >> "$file"
    sleep "$sample_every"
  done
}
sample "$switchboard" "$out/samples.csv" &
sampler=$!

echo "soak: capacity, ${capacity_seconds} s closed loop at concurrency $concurrency (after 10 s of warm-up)"
node bench/scripts/soak-load.mjs capacity --http "$http" --seconds "$capacity_seconds" --warmup 10 \
  --concurrency "$concurrency" --prompts "$prompt_count" --seed 3 > "$out/capacity.json"
capacity=$(sed 's/.*"rps":\([0-9.]*\).*/\1/' "$out/capacity.json")
read -r rate http_rate extproc_rate < <(awk -v c="$capacity" -v l="$load_share" -v e="$extproc_share" \
  'BEGIN { r = c * l; printf "%.1f %.1f %.1f\n", r, r * (1 - e), r * e }')
awk -v r="$rate" 'BEGIN { exit !(r >= 1) }' || { echo "soak: capacity too low to soak: $(cat "$out/capacity.json")" >&2; exit 1; }
echo "soak: capacity $capacity/s; soak at $rate/s: HTTP $http_rate/s, ExtProc $extproc_rate/s, feedback on $feedback_share of the answers"

# The classes that hold the most heap, before and after (a full GC each: the live set), to tell what grew.
jcmd "$switchboard" GC.class_histogram 2> /dev/null | head -n 40 > "$out/histogram-start.txt" || true
sleep 1   # lets the asynchronous log appender write the earlier lines
log_start=$(lines_logged "$out/switchboard.log")
soak_start=$(date +%s.%N)
node bench/scripts/soak-load.mjs run --http "$http" --extproc "http://127.0.0.1:$extproc_port" \
  --http-rate "$http_rate" --extproc-rate "$extproc_rate" --seconds "$seconds" --feedback-share "$feedback_share" \
  --token-env SOAK_API_TOKEN --models qwen-coder,gpt-4o,gemini-flash --prompts "$prompt_count" \
  --offset "$((prompt_count / 2))" --out "$out/requests.csv" > "$out/load.json" &
loadgen=$!
wait "$loadgen" || { echo "soak: the load generator failed" >&2; exit 1; }
loadgen=''
sleep "$sample_every"   # one more sample after the load
alive=1
kill -0 "$switchboard" 2> /dev/null || alive=0
curl -s "$http/metrics" > "$out/metrics-end.txt" || true
((alive)) && { jcmd "$switchboard" GC.class_histogram 2> /dev/null | head -n 40 > "$out/histogram-end.txt" || true; }
curl -s -H "Authorization: Bearer $SOAK_API_TOKEN" "$http/api/v1/ratings" > "$out/ratings.json" || true
kafka_mb=$(du -sm "$out/kafka" 2> /dev/null | cut -f1)
kill "$sampler" 2> /dev/null || true
sampler=''
shutdown=unknown clean=1
if ((alive)); then
  kill -TERM "$switchboard"
  for _ in $(seq 1 120); do kill -0 "$switchboard" 2> /dev/null || break; sleep 0.5; done
  if kill -0 "$switchboard" 2> /dev/null; then
    kill -KILL "$switchboard"
    shutdown='did not stop within 60 s of SIGTERM (killed)'
    clean=0
  else
    code=0
    wait "$switchboard" || code=$?
    shutdown="exit $code on SIGTERM"
    [[ $code == 143 || $code == 0 ]] || clean=0
  fi
else
  shutdown='died during the soak'
fi
switchboard=''
kill "$stub" 2> /dev/null || true
stub=''
printf '%s\n' "seconds=$seconds" "soak_start=$soak_start" "capacity=$capacity" "rate=$rate" "http_rate=$http_rate" \
  "extproc_rate=$extproc_rate" "feedback_share=$feedback_share" "load_share=$load_share" "concurrency=$concurrency" \
  "prompt_count=$prompt_count" "log_start=$log_start" "alive=$alive" "clean=$clean" "shutdown='$shutdown'" \
  "kafka_mb=${kafka_mb:-}" > "$out/run.env"
else
  out=$(cd "$analyse_only" && pwd)
  # shellcheck disable=SC1091
  source "$out/run.env"
fi

# ---- Judgement -------------------------------------------------------------------------------------------------
third=$(awk -v s="$seconds" 'BEGIN { print s / 3 }')
verdict=0
{
  echo "Soak of $(date -u -d "@${soak_start%.*}" +'%Y-%m-%d %H:%M UTC'), ${seconds} s, $(nproc) CPUs," \
    "$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
  echo "capacity (HTTP, MoM, closed loop, concurrency $concurrency): $(cat "$out/capacity.json")"
  echo "soak rate: $rate/s = $load_share x capacity; HTTP $http_rate/s, ExtProc $extproc_rate/s;" \
    "feedback share $feedback_share; $prompt_count distinct prompts"
  echo
  echo "requests (ok / failed, errors):"
  awk -F, 'NR > 1 { n[$1]++; if ($5 == 1) ok[$1]++; else { bad[$1]++; err[$1 "," $6]++ } }
    END {
      for (i in n) {
        e = ""; for (k in err) { split(k, p, ","); if (p[1] == i) e = e " " p[2] "=" err[k] }
        printf "  %-8s %8d sent %8d ok %6d failed%s\n", i, n[i], ok[i], bad[i], e
      }
    }' "$out/requests.csv" | sort
} > "$out/summary.txt"
failed=$(awk -F, 'NR > 1 && $5 != 1' "$out/requests.csv" | wc -l)
sent=$(($(wc -l < "$out/requests.csv") - 1))
((failed == 0)) || verdict=1
((sent > 0)) || verdict=1

# p99 per minute and per third of the soak, per ingress (answered requests; latency from the scheduled start).
percentile_groups() {   # stdin: "group latency" lines; stdout: "group n p50 p99 max"
  sort -k1,1 -k2,2g | awk '
    function at(q,  i) { i = int(n * q + 0.5); return v[i < 1 ? 1 : i] }
    function flush() { if (n) printf "%s %d %.1f %.1f %.1f\n", g, n, at(0.50), at(0.99), v[n] }
    $1 != g { flush(); g = $1; n = 0 }
    { v[++n] = $2 }
    END { flush() }'
}
awk -F, 'NR > 1 && $5 == 1 { printf "%s:%02d %s\n", $1, int($2 / 60) + 1, $3 }' "$out/requests.csv" |
  percentile_groups | tr ' :' ',,' | { echo 'ingress,minute,n,p50_ms,p99_ms,max_ms'; cat; } > "$out/p99-per-minute.csv"
awk -F, -v t="$third" 'NR > 1 && $5 == 1 { k = int($2 / t); if (k > 2) k = 2; printf "%s:%d %s\n", $1, k + 1, $3 }' \
  "$out/requests.csv" | percentile_groups > "$out/p99-per-third.txt"
{
  echo
  echo "p99 per minute (ms), answered requests, latency from the scheduled start:"
  awk -F, 'NR > 1 { if ($2 + 0 > last) last = $2 + 0; p[$1, $2 + 0] = $5; i[$1] = 1 }
    END {
      printf "  %-8s", "minute"; for (k = 1; k <= last; k++) printf " %7d", k; print ""
      for (g in i) { printf "  %-8s", g; for (k = 1; k <= last; k++) printf " %7s", ((g, k) in p) ? p[g, k] : "-"; print "" }
    }' "$out/p99-per-minute.csv"
} >> "$out/summary.txt"

# Flatness: samples taken during the soak, by third.
awk -F, -v s0="$soak_start" -v dur="$seconds" 'NR > 1 && $1 >= s0 && $1 <= s0 + dur + 15 {
    t = $1 - s0; k = int(t / (dur / 3)); if (k > 2) k = 2
    n[k]++; heap[k] += $5; rss[k] += $6; fd[k] += $7; th[k] += $8
    if ($11 != "") { nl[k]++; live[k] += $11; if (!fl) fl = $11; ll = $11 }
    if (!first) { first = 1; fh = $5; fr = $6; ff = $7; ft = $8; fu = $2 } lh = $5; lr = $6; lf = $7; lt = $8; lu = $2
  }
  END {
    for (k = 0; k < 3; k++) if (n[k]) printf "%d %d %.1f %.1f %.1f %.1f %s\n", k + 1, n[k], heap[k] / n[k], rss[k] / n[k], fd[k] / n[k], th[k] / n[k], nl[k] ? sprintf("%.1f", live[k] / nl[k]) : "none"
    printf "start %s %s %s %s %s %s\nend %s %s %s %s %s %s\n", fh, fr, ff, ft, fu, fl ? fl : "-", lh, lr, lf, lt, lu, ll ? ll : "-"
  }' "$out/samples.csv" > "$out/flatness.txt"

judge() {   # name middle last pct abs unit
  awk -v name="$1" -v m="$2" -v l="$3" -v pct="$4" -v abs="$5" -v unit="$6" 'BEGIN {
    allowed = m * pct / 100; if (abs > allowed) allowed = abs
    ok = (l - m <= allowed)
    printf "  %-20s %10.1f %10.1f %+10.1f  %-14s %s\n", name, m, l, l - m, sprintf("<= %+.1f %s", allowed, unit), ok ? "flat" : "GROWING"
    exit !ok
  }'
}
{
  echo
  echo "samples every ${sample_every} s (samples.csv), soak only:"
  read -r _ fh fr ff ft fu fl < <(grep '^start' "$out/flatness.txt")
  read -r _ lh lr lf lt lu ll < <(grep '^end' "$out/flatness.txt")
  awk -F, -v s0="$soak_start" -v dur="$seconds" 'NR > 1 && $1 >= s0 && $1 <= s0 + dur && $10 != "" {
      n++; sum += $10; if ($10 > max) max = $10 }
    END { if (n) printf "  machine load average (1 min) during the soak: mean %.1f, max %.1f\n", sum / n, max }' \
    "$out/samples.csv"
  printf '  %-20s %10s %10s\n' '' start end
  printf '  %-20s %10s %10s\n' 'heap used (MiB)' "$fu" "$lu" 'heap after young GC' "$fh" "$lh" 'live heap (MiB)' "$fl" "$ll" \
    'RSS (MiB)' "$fr" "$lr" \
    'open files' "$ff" "$lf" 'threads' "$ft" "$lt"
  echo
  echo "flat after warm-up (first third of the soak is warm-up; mean of the last third against the second third):"
  printf '  %-20s %10s %10s %10s  %-14s\n' '' 'mean 2/3' 'mean 3/3' growth allowed
} >> "$out/summary.txt"
read -r _ _ mh mr mf mt ml < <(grep '^2 ' "$out/flatness.txt" || echo '2 0 0 0 0 0 none')
read -r _ _ lh lr lf lt lv < <(grep '^3 ' "$out/flatness.txt" || echo '3 0 0 0 0 0 none')
if [[ $ml == none || $lv == none || -z $ml || -z $lv ]]; then
  echo "  live heap (MiB)      no samples in the second or last third (jcmd GC.run failed? see sampler-errors.txt)  FAILED" >> "$out/summary.txt"
  verdict=1
else
  judge 'live heap (MiB)' "$ml" "$lv" "$heap_pct" "$heap_abs_mb" MiB >> "$out/summary.txt" || verdict=1
fi
judge 'RSS (MiB)' "$mr" "$lr" "$rss_pct" "$rss_abs_mb" MiB >> "$out/summary.txt" || verdict=1
judge 'open files' "$mf" "$lf" "$fd_pct" "$fd_abs" '' >> "$out/summary.txt" || verdict=1
judge 'threads' "$mt" "$lt" 0 "$threads_abs" '' >> "$out/summary.txt" || verdict=1
for ingress in http extproc feedback; do
  m=$(awk -v g="$ingress:2" '$1 == g { print $4 }' "$out/p99-per-third.txt")
  l=$(awk -v g="$ingress:3" '$1 == g { print $4 }' "$out/p99-per-third.txt")
  [[ -n $m && -n $l ]] || continue
  awk -v name="p99 $ingress (ms)" -v m="$m" -v l="$l" -v f="$p99_factor" -v s="$p99_slack_ms" 'BEGIN {
    allowed = m * (f - 1) + s; ok = (l - m <= allowed)
    printf "  %-20s %10.1f %10.1f %+10.1f  %-14s %s\n", name, m, l, l - m, sprintf("<= %+.1f ms", allowed), ok ? "flat" : "GROWING"
    exit !ok }' >> "$out/summary.txt" || verdict=1
done
{
  echo
  echo "Switchboard: $shutdown; log lines by level: $(grep -o '"level":"[A-Z]*"' "$out/switchboard.log" | cut -d'"' -f4 |
    sort | uniq -c | awk '{ printf "%s%s %s", s, $2, $1; s = ", " }')"
  echo "WARN and ERROR lines by message:"
  warnings=$(grep -E '"level":"(WARN|ERROR)"' "$out/switchboard.log" | grep -o '"msg":"[^"]*"' | sort | uniq -c |
    sort -rn | head -n 10 || true)
  echo "${warnings:-none}" | sed 's/^ */  /'
  echo "routing decisions logged during the soak, by ingress and reason (a request the router did not answer in"
  echo "route_timeout is served by the default model: answered, but not routed):"
  tail -n +"$((log_start + 1))" "$out/switchboard.log" | grep '"msg":"routing_decision"' |
    sed 's/.*"reason_code":"\([a-z_]*\)".*"component":"\([a-z_]*\)".*/\2 \1/' | sort | uniq -c |
    awk '{ printf "  %-8s %-22s %8d\n", $2, $3, $1 }' || true
  grep '^switchboard_routing_fallbacks_total' "$out/metrics-end.txt" | sed 's/^/  /' || true
  echo "learned state at the end (GET /api/v1/ratings): $(grep -o '"version":[0-9]*,"exemplars":[0-9]*' "$out/ratings.json" || echo none)"
  echo "Kafka data after the soak: ${kafka_mb:-?} MiB"
  ((alive)) || echo "Switchboard DIED during the soak"
  ((clean)) || echo "Switchboard did not stop cleanly"
  echo
  ((verdict == 0 && alive && clean)) && echo "soak: PASSED ($sent requests, none failed, flat after warm-up)" ||
    echo "soak: FAILED ($failed of $sent requests failed; see above)"
} >> "$out/summary.txt"
((alive && clean)) || verdict=1
cat "$out/summary.txt"
echo "soak: output in $out"
exit "$verdict"

#!/usr/bin/env bash
# kill -9 under load, and restart: what clients see while Switchboard is down and starting, how long until /ready,
# and what the restart lost. One Switchboard (the jar) with its embedded Kafka, in front of the mock-llm stub of
# tools/, on 127.0.0.1; load from bench/scripts/kill-restart-load.mjs (chat through the HTTP ingress with varied
# prompts, feedback on every third answer) runs across the kill and the restart.
#
#   bench/scripts/kill-restart.sh [seconds-before-kill] [seconds-after-ready] [concurrency]
#
# Fails (exit 1) if any chat request got something other than 200, 503 with Retry-After, or no answer (connection
# refused while the process is gone), or if the learned state at /ready is older than the one routed on before the
# kill (what the routers had was committed to Kafka by the learning topology, so a restart must not lose it). Needs app/target/switchboard.jar and `npm ci --prefix tools`.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/scripts/lib.sh
before=${1:-20}
after=${2:-10}
concurrency=${3:-4}
work=${KILL_RESTART_DIR:-$(mktemp -d)}
mkdir -p "$work"
token=kill-restart-token
stub_port=$(free_port)
http_port=$(free_port)
extproc_port=$(free_port)
switchboard=
trap 'touch "$work/stop"; kill "$stub" "$load" 2>/dev/null || true; [ -n "$switchboard" ] && kill "$switchboard" 2>/dev/null || true' EXIT

HOST=127.0.0.1 PORT=$stub_port node tools/node_modules/@dwmkerr/mock-llm/dist/main.js --config tools/mock-llm.yaml \
  > /dev/null 2>&1 &
stub=$!
{ sed "s/127.0.0.1:6556/127.0.0.1:$stub_port/" conf/examples/homelab-stub.yaml
  printf 'global:\n  services:\n    http: {port: %s}\n    extproc: {port: %s}\n' "$http_port" "$extproc_port"
  printf '  proxy:\n    auth: {feedback_token_env: KILL_RESTART_TOKEN, ratings_token_env: KILL_RESTART_TOKEN}\n'
  printf '  kafka:\n    embedded: {data_dir: "%s/kafka"}\n' "$work"; } > "$work/config.yaml"
base=http://127.0.0.1:$http_port
run_switchboard() {
  KILL_RESTART_TOKEN=$token java -jar app/target/switchboard.jar serve --config "$work/config.yaml" \
    >> "$work/switchboard-$1.log" 2>&1 &
  switchboard=$!
}
ratings() { curl -sf -H "authorization: Bearer $token" "$base/api/v1/ratings"; }
field() { sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p" | head -1; }
ms() { date +%s%3N; }

run_switchboard first
await_ready "$base/ready" "http://127.0.0.1:$stub_port/ready"
node bench/scripts/kill-restart-load.mjs "$base" "$concurrency" "$work/stop" "$token" > "$work/requests.csv" &
load=$!
sleep "$before"

state_before=$(ratings)
killed_at=$(ms)
kill -9 "$switchboard"
wait "$switchboard" 2>/dev/null || true
answered_before=$(awk -F, -v t="$killed_at" '$2 == "chat" && $3 == 200 && $1 < t' "$work/requests.csv" | wc -l)
run_switchboard second
restarted_at=$(ms)
await_ready "$base/ready"
ready_at=$(ms)
state_after=$(ratings)
sleep "$after"
touch "$work/stop"
wait "$load" || true
stopped_at=$(ms)

answered_all=$(awk -F, '$2 == "chat" && $3 == 200' "$work/requests.csv" | wc -l)
decisions_after=$(java -jar app/target/switchboard.jar analytics --config "$work/config.yaml" --json 2>/dev/null |
  sed -n 's/^  "decisions" : \([0-9]*\).*/\1/p')
summary=$(awk -F, -v k="$killed_at" -v r="$ready_at" '
  $2 != "chat" { next }
  { phase = $1 < k ? "before kill" : ($1 < r ? "down/starting" : "after ready")
    outcome = $3 == 0 ? "no answer" : ($3 == 503 && $4 != "" ? "503 Retry-After" : $3)
    n[phase " | " outcome]++
    if ($3 != 200 && $3 != 0 && !($3 == 503 && $4 != "")) bad++ }
  END { for (key in n) printf "  %-36s %d\n", key, n[key]; printf "BAD %d\n", bad + 0 }' "$work/requests.csv" | sort)
bad=$(sed -n 's/^BAD //p' <<< "$summary")
feedback_bad=$(awk -F, '$2 == "feedback" && $3 != 202 && $3 != 0 && $3 != 503' "$work/requests.csv" | wc -l)
feedback_outcomes=$(awk -F, '$2 == "feedback" { n[$3 == 0 ? "no answer" : $3]++ }
  END { for (s in n) { printf "%s%s: %d", sep, s, n[s]; sep = ", " } }' "$work/requests.csv")

cat <<REPORT
kill -9 under load and restart ($(nproc) vCPUs, concurrency $concurrency, ${before}s before the kill)
  restart to /ready:                    $((ready_at - restarted_at)) ms
  chat requests by phase and outcome:
$(grep -v '^BAD' <<< "$summary")
  feedback answers by status:           $feedback_outcomes
  feedback answers other than 202/503:  $feedback_bad
  learned state before the kill:        version $(field version <<< "$state_before"), exemplars $(field exemplars <<< "$state_before")
  learned state at /ready:              version $(field version <<< "$state_after"), exemplars $(field exemplars <<< "$state_after")
  chats answered 200 before the kill:   $answered_before
  chats answered 200 in all:            $answered_all
  decisions in Kafka at the end:        ${decisions_after:-?} (answered 200 minus decisions: $((answered_all - ${decisions_after:-0})); a decision
                                        lost from the buffer counts +1, one whose answer the kill cut off -1)
  files:                                $work
REPORT
version_before=$(field version <<< "$state_before")
version_after=$(field version <<< "$state_after")
if ((${version_after:-0} < ${version_before:-0})); then
  echo "FAIL: learned state version $version_after at /ready, older than $version_before before the kill" >&2
  exit 1
fi
if ((bad > 0 || feedback_bad > 0)); then
  echo "FAIL: $bad chat and $feedback_bad feedback answers that a client should never get" >&2
  exit 1
fi

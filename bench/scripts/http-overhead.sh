#!/usr/bin/env bash
# What the HTTP proxy adds to a chat completion, measured with one load tool (hey) in one run against the same
# OpenAI-compatible backend (the mock-llm stub of tools/, JSON answers):
#   direct    hey → stub
#   concrete  hey → Switchboard → stub, model qwen-coder: no routing, the proxy's own work and the router hop
#   auto      hey → Switchboard → stub, model MoM: routed (prompt embedded; the prompt cache is off)
#   dry-run   hey → Switchboard's POST /api/v1/route, model MoM: routed and explained, nothing forwarded
# They alternate for ROUNDS rounds. Routing latency per request comes from Switchboard's routing_decision log
# lines of the auto and dry-run runs, so "auto − direct − routing" is what the proxy adds beyond the decision
# itself, and "dry-run − dry-routing" what the route API adds.
#
#   [WARMUP=requests] bench/scripts/http-overhead.sh [requests-per-run] [concurrency] [rounds]
#
# WARMUP (default 1000) requests of each kind go first: on two cores the JIT compiles for about a minute, so a
# figure of a warm router needs ten thousand or more.
#
# Needs: app/target/switchboard.jar, hey (Debian package hey), `npm ci --prefix tools`. Uses ports 16556 (stub) and
# 18082/51052 (Switchboard) on 127.0.0.1 and stops both at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/scripts/lib.sh
requests=${1:-1000}
concurrency=${2:-1}
rounds=${3:-3}
work=$(mktemp -d)
trap 'kill "$stub" "$switchboard" 2>/dev/null || true; rm -rf "$work"' EXIT

HOST=127.0.0.1 PORT=16556 node tools/node_modules/@dwmkerr/mock-llm/dist/main.js --config tools/mock-llm.yaml \
  > /dev/null 2>&1 &
stub=$!
{ sed 's/127.0.0.1:6556/127.0.0.1:16556/' conf/examples/homelab-stub.yaml
  printf 'global:\n  services:\n    http: {port: 18082}\n    extproc: {port: 51052}\n  embedding: {cache_size: 0}\n'; } \
  > "$work/config.yaml"
java -jar app/target/switchboard.jar serve --config "$work/config.yaml" > "$work/switchboard.log" 2>&1 &
switchboard=$!
await_ready http://127.0.0.1:18082/ready http://127.0.0.1:16556/ready

prompt='Write me a Python function to compute fibonacci numbers using memoization'
body() { printf '{"model":"%s","messages":[{"role":"user","content":"%s"}]}' "$1" "$prompt"; }
# hey's CSV: response-time (s), DNS+dialup, DNS, request-write, response-delay, response-read, status-code, offset
load() {
  hey -n "$2" -c "$concurrency" -m POST -T application/json -d "$(body "$1")" -o csv "$3" |
    awk -F, 'NR > 1 && $7 == 200 { print $1 * 1000000 }'
}
direct=http://127.0.0.1:16556/v1/chat/completions
proxy=http://127.0.0.1:18082/v1/chat/completions
api=http://127.0.0.1:18082/api/v1/route

warmup=${WARMUP:-1000}
load qwen2.5-coder:7b "$warmup" "$direct" > /dev/null   # warm-up of both processes
load qwen-coder "$warmup" "$proxy" > /dev/null
load MoM "$warmup" "$proxy" > /dev/null
load MoM "$warmup" "$api" > /dev/null
for round in $(seq 1 "$rounds"); do
  load qwen2.5-coder:7b "$requests" "$direct" > "$work/direct.$round"
  load qwen-coder "$requests" "$proxy" > "$work/concrete.$round"
  sleep 1   # lets the asynchronous log appender write the earlier lines
  before=$(lines_logged "$work/switchboard.log")
  load MoM "$requests" "$proxy" > "$work/auto.$round"
  routing_latencies "$work/switchboard.log" "$before" > "$work/routing.$round"
  sleep 1
  before=$(lines_logged "$work/switchboard.log")
  load MoM "$requests" "$api" > "$work/dry-run.$round"
  routing_latencies "$work/switchboard.log" "$before" > "$work/dry-routing.$round"
  for kind in direct concrete auto; do
    printf 'round %s %-11s (ms, 200s only): %s\n' "$round" "$kind" \
      "$(bench/scripts/percentiles.sh 1 1000 < "$work/$kind.$round")"
  done
  printf 'round %s %-11s (ms, as logged): %s\n' "$round" routing "$(bench/scripts/percentiles.sh 1 < "$work/routing.$round")"
  printf 'round %s %-11s (ms, 200s only): %s\n' "$round" dry-run \
    "$(bench/scripts/percentiles.sh 1 1000 < "$work/dry-run.$round")"
  printf 'round %s %-11s (ms, as logged): %s\n' "$round" dry-routing \
    "$(bench/scripts/percentiles.sh 1 < "$work/dry-routing.$round")"
done

#!/usr/bin/env bash
# What the response cache costs and saves over HTTP, measured with one load tool (hey) in one run against the same
# OpenAI-compatible backend (the mock-llm stub of tools/, JSON answers), through two Switchboards of the homelab stub
# config, one without a cache and one whose MoM decision caches (response_cache, scope global):
#   direct     hey → stub
#   no-cache   hey → Switchboard (no cache) → stub: routed, forwarded (the miss run's prompt)
#   miss       hey → Switchboard (cache) → stub, x-vsr-cache-control: no-store and a prompt of its own, so every
#              request is routed, looked up, missed and forwarded (what the cache adds to a request it cannot answer)
#   hit        hey → Switchboard (cache), the same prompt as a first request that filled it: routed, looked up and
#              answered from the cache (the backend is not called)
# The four alternate for ROUNDS rounds. Every request is routed (the prompt embedded; the prompt cache is off): the
# cache looks up after the decision, since what may answer a request depends on the model it was routed to.
#
#   bench/scripts/cache-http.sh [requests-per-run] [concurrency] [rounds]
#
# Needs: app/target/switchboard.jar, hey (Debian package hey), `npm ci --prefix tools`. Picks free ports on 127.0.0.1
# and stops everything at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/scripts/lib.sh
requests=${1:-1000}
concurrency=${2:-1}
rounds=${3:-3}
work=$(mktemp -d)
stub='' plain='' cached=''
trap 'kill $stub $plain $cached 2>/dev/null || true; rm -rf "$work"' EXIT

stub_port=$(free_port)
HOST=127.0.0.1 PORT=$stub_port node tools/node_modules/@dwmkerr/mock-llm/dist/main.js --config tools/mock-llm.yaml \
  > /dev/null 2>&1 &
stub=$!
# One Switchboard without the cache, one with it on the MoM decision; each with its own ports and Kafka folder.
start_switchboard() {   # name plugins-yaml; prints the HTTP port
  local name=$1 plugin=$2 http extproc
  http=$(free_port) extproc=$(free_port)
  { sed "s/127.0.0.1:6556/127.0.0.1:$stub_port/" conf/examples/homelab-stub.yaml |
      awk -v plugin="$plugin" '{ print } /^      rules: \{\}$/ && plugin != "" { print plugin }'
    printf 'global:\n  services:\n    http: {port: %s}\n    extproc: {port: %s}\n' "$http" "$extproc"
    printf '  embedding: {cache_size: 0}\n  kafka:\n    embedded: {data_dir: %s}\n' "$work/kafka-$name"; } \
    > "$work/$name.yaml"
  java -jar app/target/switchboard.jar serve --config "$work/$name.yaml" > "$work/$name.log" 2>&1 &
  echo "$! $http"
}
read -r plain plain_port < <(start_switchboard plain '')
read -r cached cached_port < <(start_switchboard cached '      plugins:
        - type: response_cache
          configuration: {scope: global, mode: exact_then_semantic, request_controls: {enabled: true}}')
await_ready "http://127.0.0.1:$stub_port/ready" "http://127.0.0.1:$plain_port/ready" \
  "http://127.0.0.1:$cached_port/ready"

hit_prompt='Write me a Python function to compute fibonacci numbers using memoization'
miss_prompt='Write me a Python function to reverse a linked list in place'
body() { printf '{"model":"%s","messages":[{"role":"user","content":"%s"}]}' "$1" "$2"; }
# hey's CSV: response-time (s), DNS+dialup, DNS, request-write, response-delay, response-read, status-code, offset
load() {   # url model prompt count [header]
  hey -n "$4" -c "$concurrency" -m POST -T application/json ${5:+-H "$5"} -d "$(body "$2" "$3")" -o csv "$1" |
    awk -F, 'NR > 1 && $7 == 200 { print $1 * 1000000 }'
}
direct=http://127.0.0.1:$stub_port/v1/chat/completions
plain_url=http://127.0.0.1:$plain_port/v1/chat/completions
cached_url=http://127.0.0.1:$cached_port/v1/chat/completions

hit_header() {   # the x-switchboard-cache header of one request to the cached instance
  curl -s -o /dev/null -D - -H 'content-type: application/json' -d "$(body MoM "$hit_prompt")" "$cached_url" |
    tr -d '\r' | awk -F': ' 'tolower($1) == "x-switchboard-cache" { print $2 }'
}
echo "first request of the hit prompt: $(hit_header); the next: $(hit_header)"
load "$direct" qwen2.5-coder:7b "$hit_prompt" 1000 > /dev/null   # warm-up of every process and path
load "$plain_url" MoM "$miss_prompt" 1000 > /dev/null
load "$cached_url" MoM "$miss_prompt" 1000 'x-vsr-cache-control: no-store' > /dev/null
load "$cached_url" MoM "$hit_prompt" 1000 > /dev/null
for round in $(seq 1 "$rounds"); do
  load "$direct" qwen2.5-coder:7b "$hit_prompt" "$requests" > "$work/direct.$round"
  load "$plain_url" MoM "$miss_prompt" "$requests" > "$work/no-cache.$round"
  load "$cached_url" MoM "$miss_prompt" "$requests" 'x-vsr-cache-control: no-store' > "$work/miss.$round"
  load "$cached_url" MoM "$hit_prompt" "$requests" > "$work/hit.$round"
  for kind in direct no-cache miss hit; do
    printf 'round %s %-9s (ms, 200s only): %s\n' "$round" "$kind" \
      "$(bench/scripts/percentiles.sh 1 1000 < "$work/$kind.$round")"
  done
done
sleep 1   # lets the asynchronous log appender write the last lines
printf 'cache_hit lines logged by the cached instance: %s\n' "$(grep -c '"msg":"cache_hit"' "$work/cached.log" || true)"

#!/usr/bin/env bash
# Brings the homelab stack (docker-compose.yml) up on this machine and checks it with real clients, then takes it
# down. No image registry is needed: every image is built here (a Debian base from debootstrap, a JRE and a JDK on
# it, Switchboard from the Dockerfile, Kafka from its Maven artefacts, the tools/ stub, Prometheus from Debian), and
# docker-compose.local.yml swaps them in. Traffic goes only to 127.0.0.1 and to the containers on the test's own
# compose network.
#
#   deploy/stack-test/stack-test.sh            # as root; installs docker.io, docker-compose, debootstrap if missing
#
# Checks: every service healthy and /ready 200; a chat request over HTTP routed and answered by the stub, and an
# ExtProc exchange (buf curl) answered with the header mutation; the decision and outcome in Kafka's topics, read with
# Kafka's console consumer; Prometheus scraping Switchboard, and every query of the Grafana dashboard answering with
# data; the learned state resumed after a restart of the container; nothing left after `down -v`. Prints the image
# size, the build time, the time from `up` to ready and the container's memory at rest and after 1,000 requests.
# Exit 0: passed; 77: Docker cannot be installed or started here (nothing was tested); anything else: failed.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
here=deploy/stack-test
project=switchboard-stack-test
work=$(mktemp -d /tmp/switchboard-stack-test.XXXXXX)
http=http://127.0.0.1:8080
prometheus=http://127.0.0.1:9090

say() { printf 'stack-test: %s\n' "$*"; }
fail() { say "FAILED: $*"; say "files, the services' logs among them: $work"; exit 1; }
seconds_since() { echo $(( $(date +%s) - $1 )); }

# --- Docker ------------------------------------------------------------------------------------------------------
need=()
command -v dockerd >/dev/null || need+=(docker.io)
command -v docker-compose >/dev/null || docker compose version >/dev/null 2>&1 || need+=(docker-compose)
command -v debootstrap >/dev/null || need+=(debootstrap)
command -v curl >/dev/null || need+=(curl)
if ((${#need[@]})); then
  say "installing ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null \
    || { say "cannot install ${need[*]}: Docker cannot be started here"; exit 77; }
fi
if ! docker info >/dev/null 2>&1; then
  say "starting dockerd"
  (dockerd >"$work/dockerd.log" 2>&1 &)
  for _ in $(seq 1 30); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { say "dockerd does not start (see $work/dockerd.log): skipped"; exit 77; }
fi
if docker compose version >/dev/null 2>&1; then compose=(docker compose); else compose=(docker-compose); fi
stack=("${compose[@]}" -p "$project" -f docker-compose.yml -f "$here/docker-compose.local.yml")

save_logs() { # the services' logs stay with the other files (Switchboard logs no prompt, response or key)
  [[ -z $("${stack[@]}" ps -q 2>/dev/null) ]] || "${stack[@]}" logs --no-color >"$work/services.log" 2>&1 || true
}
cleanup() {
  save_logs
  "${stack[@]}" down -v --remove-orphans >/dev/null 2>&1 || true
}
trap cleanup EXIT

# --- Images --------------------------------------------------------------------------------------------------------
build_started=$(date +%s)
if ! docker image inspect local/debian:bookworm >/dev/null 2>&1; then
  # The Debian mirror this machine's apt already uses (not its security or third-party repositories).
  mirror=$( (grep -rhoE '^(URIs:|deb) +https?://[^ ]+' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null || true) \
    | awk '{print $2}' | grep -E '/debian/?$' | head -n 1 || true)
  say "debootstrap bookworm from ${mirror:-http://deb.debian.org/debian}"
  debootstrap --variant=minbase bookworm "$work/rootfs" "${mirror:-http://deb.debian.org/debian}" >"$work/debootstrap.log" 2>&1
  tar -C "$work/rootfs" -c . | docker import - local/debian:bookworm >/dev/null
  rm -rf "$work/rootfs"
fi
build() { # tag context [dockerfile]
  say "building $1"
  docker build -q -t "$1" ${3:+-f "$3"} "$2" >"$work/build-${1//[:\/]/_}.log" 2>&1 \
    || { cat "$work/build-${1//[:\/]/_}.log"; fail "building $1"; }
}
build local/jre17:bookworm "$here/base" "$here/base/jre.Dockerfile"
mkdir -p "$work/jdk/certs"
cp "$here/base/jdk.Dockerfile" "$work/jdk/"
cp /usr/local/share/ca-certificates/*.crt "$work/jdk/certs/" 2>/dev/null || true
build local/jdk17:bookworm "$work/jdk" "$work/jdk/jdk.Dockerfile"

mkdir -p "$work/kafka"
cp -r "$here/kafka/." "$work/kafka/"
./mvnw -B -q -f "$here/kafka/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
  -DoutputDirectory="$work/kafka/libs" >"$work/kafka-libs.log" 2>&1 || { cat "$work/kafka-libs.log"; fail "Kafka's jars"; }
build local/kafka:4.3.1 "$work/kafka"

[[ -d tools/node_modules/@dwmkerr/mock-llm ]] || npm ci --prefix tools --no-audit --no-fund >/dev/null
mkdir -p "$work/stub"
cp "$here/stub/Dockerfile" tools/mock-llm.yaml "$work/stub/"
cp -r tools/node_modules "$work/stub/"
build local/stub:stack-test "$work/stub"
build local/prometheus:stack-test "$here/prometheus"

docker build -q --build-arg BUILD_IMAGE=local/jdk17:bookworm --build-arg RUN_IMAGE=local/jre17:bookworm \
  -t switchboard:stack-test . >"$work/build-switchboard.log" 2>&1 || { cat "$work/build-switchboard.log"; fail "building Switchboard"; }
build_seconds=$(seconds_since "$build_started")
image_mb=$(( $(docker image inspect switchboard:stack-test --format '{{.Size}}') / 1024 / 1024 ))
say "images built in ${build_seconds} s; switchboard:stack-test is ${image_mb} MiB"

# The stack's config with the clouds' base_url on the stub (Ollama's endpoint is the stub's alias already).
export STACK_TEST_CONFIG=$work/config.yaml
sed -E 's#base_url: https://[^ ]+#base_url: http://stub:11434/v1#' deploy/switchboard/config.yaml >"$STACK_TEST_CONFIG"
chmod 644 "$STACK_TEST_CONFIG"

# --- Up ------------------------------------------------------------------------------------------------------------
cleanup
up_started=$(date +%s)
"${stack[@]}" up -d kafka switchboard prometheus stub >"$work/up.log" 2>&1 || { cat "$work/up.log"; fail "compose up"; }
ready() { [[ $(curl -s -o /dev/null -w '%{http_code}' "$http/ready") == 200 ]]; }
for _ in $(seq 1 240); do ready && break; sleep 1; done
ready || { "${stack[@]}" logs --tail 50 switchboard; fail "/ready is not 200 after 240 s"; }
ready_seconds=$(seconds_since "$up_started")
say "up to /ready 200: ${ready_seconds} s"

container() { "${stack[@]}" ps -q "$1"; }
health() { docker inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$(container "$1")"; }
for _ in $(seq 1 60); do [[ $(health switchboard) == healthy ]] && break; sleep 2; done
for service in kafka switchboard prometheus stub; do
  state=$(health "$service")
  say "  $service: $state"
  [[ $state == healthy || ($state == running && $service != kafka && $service != switchboard) ]] \
    || fail "$service is $state"
done

# --- A chat request over HTTP, and an ExtProc exchange ---------------------------------------------------------------
chat() { # prompt → headers and body in $work/chat.{headers,body}
  curl -s -D "$work/chat.headers" -o "$work/chat.body" -w '%{http_code}' "$http/v1/chat/completions" \
    -H 'content-type: application/json' \
    -d "{\"model\":\"MoM\",\"messages\":[{\"role\":\"user\",\"content\":\"$1\"}]}"
}
status=$(chat "Write a Python function that reverses a linked list")
header() { grep -i "^$1:" "$work/chat.headers" | head -n 1 | cut -d' ' -f2- | tr -d '\r'; }
model=$(header x-switchboard-model)
request_id=$(header x-switchboard-request-id)
[[ $status == 200 ]] || fail "chat answered $status: $(cat "$work/chat.body")"
grep -q "Hello from" "$work/chat.body" || fail "the stub did not answer: $(cat "$work/chat.body")"
say "chat over HTTP: 200, routed to $model (request $request_id), answered by the stub"

[[ -d proxy-verticle/target/envoy-protos ]] \
  || ./mvnw -B -q -pl proxy-verticle generate-sources >"$work/protos.log" 2>&1 || fail "unpacking the Envoy protos"
npx --yes @bufbuild/buf@1.75.0 curl --protocol grpc --http2-prior-knowledge \
  --schema proxy-verticle/target/envoy-protos -d @docs/extproc-request.json \
  http://127.0.0.1:50051/envoy.service.ext_proc.v3.ExternalProcessor/Process >"$work/extproc.json" 2>"$work/extproc.err" \
  || { cat "$work/extproc.err"; fail "buf curl"; }
grep -q '"x-selected-model"' "$work/extproc.json" || fail "the ExtProc answer sets no x-selected-model: $(head -c 600 "$work/extproc.json")"
say "ExtProc (buf curl): answered with the x-selected-model header mutation"

# --- Events in Kafka -----------------------------------------------------------------------------------------------
# Three tries: the first consumer group of a broker waits for the offsets topic. The topic is read into a file and
# searched there: piped into `grep -q`, the consumer dies of SIGPIPE when more events follow the match, and pipefail
# turns that found event into a failure.
topic_has() { # topic request-id
  local try records="$work/topic-$1.jsonl"
  for try in 1 2 3; do
    "${stack[@]}" exec -T kafka /opt/kafka/bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 \
      --topic "$1" --from-beginning --timeout-ms 20000 >"$records" 2>>"$work/console-consumer.err" || true
    grep -q "\"request_id\":\"$2\"" "$records" && return 0
  done
  return 1
}
topic_has switchboard.decisions "$request_id" || fail "no decision event for $request_id in switchboard.decisions"
topic_has switchboard.outcomes "$request_id" || fail "no outcome event for $request_id in switchboard.outcomes"
say "Kafka: the decision and the outcome of $request_id are in switchboard.decisions and switchboard.outcomes"

# --- Load: 1,000 routed requests, feedback on some, memory before and after ------------------------------------------
memory() { docker stats --no-stream --format '{{.MemUsage}}' "$(container switchboard)" | cut -d/ -f1 | tr -d ' '; }
memory_at_rest=$(memory)
prompts=("Write a Python function to merge two sorted lists" "What is the capital of Australia?"
  "Explain the proof that there are infinitely many primes" "Summarise the plot of Hamlet in three sentences"
  "Why does my Rust borrow checker complain about this loop?" "Help me plan a week of vegetarian dinners")
printf '%s\n' $(seq 1 1000) | xargs -P 8 -I{} bash -c '
  p=("$@"); i={}; prompt="${p[$((i % ${#p[@]}))]} (request $i)"
  code=$(curl -s -o /dev/null -w "%{http_code}" http://127.0.0.1:8080/v1/chat/completions -H "content-type: application/json" \
    -d "{\"model\":\"MoM\",\"messages\":[{\"role\":\"user\",\"content\":\"$prompt\"}]}")
  echo "$code"' _ "${prompts[@]}" >"$work/load.codes"
answered=$(grep -c '^200$' "$work/load.codes" || true)
[[ $answered == 1000 ]] || fail "$answered of 1,000 requests answered 200 ($(sort "$work/load.codes" | uniq -c | tr '\n' ' '))"
memory_after=$(memory)
say "1,000 requests: all 200; memory ${memory_at_rest} at rest, ${memory_after} after"

for i in $(seq 1 5); do
  chat "Write a shell script that counts lines in every file, variant $i" >/dev/null
  curl -s -o /dev/null "$http/api/v1/feedback" -H 'content-type: application/json' \
    -d "{\"request_id\":\"$(header x-switchboard-request-id)\",\"type\":\"thumbs_up\"}"
done

# --- Prometheus and the dashboard's queries --------------------------------------------------------------------------
targets_up() {
  curl -s "$prometheus/api/v1/targets" | python3 -c '
import json, sys
targets = json.load(sys.stdin)["data"]["activeTargets"]
sys.exit(0 if any(t["labels"]["job"] == "switchboard" and t["health"] == "up" for t in targets) else 1)'
}
for _ in $(seq 1 60); do targets_up && break; sleep 2; done
targets_up || fail "Prometheus does not scrape Switchboard"
say "Prometheus: the switchboard target is up"
python3 - "$prometheus" deploy/grafana/dashboards/switchboard.json <<'PY' || fail "a dashboard query has no data"
import json, sys, time, urllib.parse, urllib.request
base, dashboard = sys.argv[1], json.load(open(sys.argv[2]))
queries = [t["expr"] for p in dashboard["panels"] for t in p["targets"]]
def answer(expr):
    url = base + "/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    return json.load(urllib.request.urlopen(url, timeout=10))["data"]["result"]
deadline = time.time() + 120
missing = queries
while missing and time.time() < deadline:
    missing = [q for q in queries if not answer(q)]
    if missing:
        time.sleep(5)
for q in queries:
    print("stack-test:   %-4s %s" % ("no" if q in missing else "data", q))
sys.exit(1 if missing else 0)
PY
say "every query of the Grafana dashboard answers with data"

# --- Restart: the learned state comes back from Kafka -----------------------------------------------------------------
version() { curl -s "$http/api/v1/ratings" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])'; }
for _ in $(seq 1 30); do (( $(version) > 0 )) && break; sleep 1; done
before=$(version)
(( before > 0 )) || fail "nothing learned before the restart (version $before)"
"${stack[@]}" restart switchboard >/dev/null 2>&1
sleep 2
for _ in $(seq 1 240); do ready && break; sleep 1; done
ready || fail "/ready is not 200 after the restart"
after=$(version)
(( after >= before )) || fail "learned state version $before before the restart, $after after"
say "restart: learned state version $before before, $after at /ready"

# --- Down ----------------------------------------------------------------------------------------------------------
save_logs
"${stack[@]}" down -v --remove-orphans >"$work/down.log" 2>&1
label=com.docker.compose.project=$project
left="$(docker ps -aq --filter "label=$label")$(docker network ls -q --filter "label=$label")$(docker volume ls -q --filter "label=$label")"
[[ -z $left ]] || fail "down -v left containers, networks or volumes: $left"
say "down -v: no container, network or volume left"
say "PASSED (image ${image_mb} MiB, built in ${build_seconds} s, ready ${ready_seconds} s after up, memory ${memory_at_rest} at rest, ${memory_after} after 1,000 requests; files in $work)"

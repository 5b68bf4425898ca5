#!/usr/bin/env bash
# ExtProc round trips under load from a separate process: h2load replays, on each HTTP/2 stream, the two messages
# Envoy sends for one chat request in BUFFERED mode (docs/extproc-request.json: request headers, then the body) and
# half-closes; Switchboard answers both and ends the stream. h2load reports each stream's time from its first byte
# sent to its last byte received.
#
#   bench/scripts/extproc-h2load.sh [requests] [clients] [streams-per-client]
#
# Needs: app/target/switchboard.jar (./mvnw -B -DskipTests package), h2load (Debian nghttp2-client) and
# npx (it runs @bufbuild/buf 1.75.0). Starts Switchboard on 127.0.0.1:51051/18081 with conf/config.yaml and the prompt
# cache off, so that every request embeds its prompt, and stops it at the end. Routing latency per request comes from
# Switchboard's routing_decision log lines, so the two can be compared stream by stream. EMBEDDING_OPTIONS adds
# settings to global.embedding (e.g. EMBEDDING_OPTIONS='intra_op_threads: 1'), CACHE_SIZE turns the prompt cache on.
# WARMUP (streams, default 1000) runs before the measured ones: on two cores the JIT compiles the broker's, the gRPC
# stack's and Switchboard's code for about a minute, half a core's worth, and 1000 streams measure a JVM still
# warming up; WARMUP=15000 measures the steady state a long-running router is in.
# ASYNC_PROFILER=/path/libasyncProfiler.so profiles the measured streams into PROFILE (default extproc-profile.txt).
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/scripts/lib.sh
requests=${1:-2000}
clients=${2:-1}
streams=${3:-1}
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

buf() { npx --yes @bufbuild/buf@1.75.0 "$@"; }
buf build proxy-verticle/target/envoy-protos -o "$work/extproc.binpb" \
  --path proxy-verticle/target/envoy-protos/envoy/service/ext_proc/v3/external_processor.proto
# Each message as a gRPC frame: 0x00, a 4-byte big-endian length, the protobuf bytes.
i=0
while IFS= read -r line; do
  i=$((i + 1))
  printf '%s' "$line" > "$work/m$i.json"
  buf convert "$work/extproc.binpb" --type envoy.service.ext_proc.v3.ProcessingRequest \
    --from "$work/m$i.json#format=json" --to "$work/m$i.binpb"
  size=$(stat -c %s "$work/m$i.binpb")
  printf '\x00' >> "$work/frames.bin"
  printf "$(printf '\\x%02x\\x%02x\\x%02x\\x%02x' $((size >> 24 & 255)) $((size >> 16 & 255)) $((size >> 8 & 255)) $((size & 255)))" >> "$work/frames.bin"
  cat "$work/m$i.binpb" >> "$work/frames.bin"
done < docs/extproc-request.json

embedding="cache_size: ${CACHE_SIZE:-0}${EMBEDDING_OPTIONS:+, $EMBEDDING_OPTIONS}"
{ cat conf/config.yaml; printf 'global:\n  services:\n    http: {port: 18081}\n    extproc: {port: 51051}\n  embedding: {%s}\n' "$embedding"; } > "$work/config.yaml"
java ${JAVA_OPTS:-} -jar app/target/switchboard.jar serve --config "$work/config.yaml" > "$work/switchboard.log" 2>&1 &
pid=$!
await_ready http://127.0.0.1:18081/ready

run() {
  h2load -n "$1" -c "$2" -m "$3" -d "$work/frames.bin" -H 'content-type: application/grpc' -H 'te: trailers' \
    --log-file "$4" http://127.0.0.1:51051/envoy.service.ext_proc.v3.ExternalProcessor/Process
}
run "${WARMUP:-1000}" 1 1 /dev/null > /dev/null   # warm-up: JIT, connection, embedder
sleep 1   # lets the asynchronous log appender write the warm-up lines
before=$(lines_logged "$work/switchboard.log")
metrics=http://127.0.0.1:18081/metrics
embedded_before=$(sum_and_count $metrics switchboard_embedding_latency)
routed_before=$(sum_and_count $metrics switchboard_routing_latency)
profile_start "$pid"
run "$requests" "$clients" "$streams" "$work/requests.log" | grep -E '^(finished in|requests:|status codes:)'
profile_stop "$pid" "$(realpath -m "${PROFILE:-extproc-profile.txt}")"
embedded_after=$(sum_and_count $metrics switchboard_embedding_latency)
routed_after=$(sum_and_count $metrics switchboard_routing_latency)
# h2load's log: start time, HTTP status, duration in microseconds, per stream.
printf 'stream round trip (ms):  %s\n' "$(bench/scripts/percentiles.sh 3 1000 < "$work/requests.log")"
printf 'routing, as logged (ms): %s\n' \
  "$(routing_latencies "$work/switchboard.log" "$before" | bench/scripts/percentiles.sh 1)"
# Means from Switchboard's own timers over the same streams: the embedder's time in encoder.embed (tokenising,
# inference, pooling; per batch) against the whole routing decision.
printf 'mean routing decision:   %s\n' "$(mean_between "$routed_before" "$routed_after")"
printf 'mean embedding in worker: %s batches\n' "$(mean_between "$embedded_before" "$embedded_after")"

#!/usr/bin/env bash
# Where a profile's CPU went, per kind of thread: reads the collapsed stacks that extproc-h2load.sh writes with
# ASYNC_PROFILER set (one line per stack, the thread's name first, the sample count last; 1 ms a sample) and prints
# each thread group's share, its milliseconds of CPU per request, and the share of it spent inside ONNX Runtime.
#
#   bench/scripts/profile-threads.sh PROFILE REQUESTS
set -euo pipefail
awk -v requests="$2" '
  {
    n = $NF; total += n
    thread = substr($0, 2, index($0, "]") - 2); gsub(/\|/, "/", thread)
    sub(/ tid=[0-9]+/, "", thread); gsub(/[0-9]+/, "#", thread)
    samples[thread] += n
    if ($0 ~ /libonnxruntime/) onnx[thread] += n
  }
  END {
    printf "| thread | share of CPU | CPU ms per request | of which ONNX Runtime |\n|---|---|---|---|\n"
    for (t in samples) if (samples[t] >= total / 200)
      printf "| %s | %.1f %% | %.2f | %.0f %% |\n", t, 100 * samples[t] / total, samples[t] / requests,
        100 * onnx[t] / samples[t] | "sort -t\"|\" -k3 -rn"
    close("sort -t\"|\" -k3 -rn")
    printf "| all | 100 %% | %.2f | |\n", total / requests
  }' "$1"

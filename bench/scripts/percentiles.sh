#!/usr/bin/env bash
# p50, p90, p99 and max of one column of numbers read from stdin, divided by DIVISOR (1000: microseconds to ms).
#   percentiles.sh COLUMN [DIVISOR]
set -euo pipefail
awk -v c="$1" -v d="${2:-1}" '{ print $c / d }' | sort -n | awk '
  { v[NR] = $1 }
  END {
    if (NR == 0) { print "no samples"; exit 1 }
    printf "n=%d p50=%.2f p90=%.2f p99=%.2f max=%.2f\n", NR, v[int(NR * 0.50 + 0.5)], v[int(NR * 0.90 + 0.5)],
      v[int(NR * 0.99 + 0.5)], v[NR]
  }'

#!/usr/bin/env bash
# The documented fuzz run: each target in turn, one process at a time, at the
# lowest priority, for a number of executions or seconds (whichever comes
# first), and a line per target with executions, seconds, crashes, timeouts
# and corpus size. Build first: cargo +nightly fuzz build -O -a -s none
#
#   fuzz/run.sh TARGET:RUNS:SECONDS:TIMEOUT ...
#   fuzz/run.sh pipeline:8000000:3000:10 exporters:1000000:1200:10 minutes:1000000:1200:30
set -uo pipefail
cd "$(dirname "$0")"
bin="${CARGO_TARGET_DIR:-target}/x86_64-unknown-linux-gnu/release"
for spec in "$@"; do
  IFS=: read -r target runs seconds timeout <<<"$spec"
  mkdir -p "corpus/$target" "artifacts/$target"
  log="artifacts/$target.log"
  start=$SECONDS
  nice -n 19 "$bin/$target" "corpus/$target" -artifact_prefix="artifacts/$target/" \
    -max_len=65536 -timeout="$timeout" -runs="$runs" -max_total_time="$seconds" \
    -print_final_stats=1 -close_fd_mask=3 > "$log" 2>&1
  status=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
  crashes=$(find "artifacts/$target" -name 'crash-*' | wc -l)
  timeouts=$(find "artifacts/$target" -name 'timeout-*' | wc -l)
  corpus=$(find "corpus/$target" -type f | wc -l)
  bytes=$(du -sb "corpus/$target" | cut -f1)
  echo "$target: exit $status, ${execs:-?} executions, $((SECONDS - start)) s, $crashes crashes, $timeouts timeouts, corpus $corpus files ($bytes bytes)"
done

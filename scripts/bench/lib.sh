# Shared helpers for scripts/bench/*: argument parsing, verdicts and the machine-load line.
# shellcheck shell=bash

bench_args=()
report_only=0
failures=0

# Consumes --report-only from "$@"; the remaining arguments are left in bench_args.
# shellcheck disable=SC2034 # report_only and bench_args are read by the scripts that source this
bench_parse_args() {
  bench_args=()
  for a in "$@"; do
    case "$a" in
      --report-only) report_only=1 ;;
      -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
      *) bench_args+=("$a") ;;
    esac
  done
}

bench_load_line() {
  echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min)"
}

# verdict NAME MEASURED TARGET UNIT CMP: CMP is "le" (measured must be <= target) or "ge".
verdict() {
  local name=$1 measured=$2 target=$3 unit=$4 cmp=$5 ok
  if [[ $cmp == le ]]; then
    ok=$(awk -v m="$measured" -v t="$target" 'BEGIN { print (m <= t) ? 1 : 0 }')
    printf '%-54s %10s %-7s target <= %s %s' "$name" "$measured" "$unit" "$target" "$unit"
  else
    ok=$(awk -v m="$measured" -v t="$target" 'BEGIN { print (m >= t) ? 1 : 0 }')
    printf '%-54s %10s %-7s target >= %s %s' "$name" "$measured" "$unit" "$target" "$unit"
  fi
  if [[ $ok == 1 ]]; then
    echo "  ok"
  else
    echo "  MISSED"
    failures=$((failures + 1))
  fi
}

bench_exit() {
  if ((failures > 0)); then
    if ((report_only)); then
      echo "$failures target(s) missed (--report-only: exit 0)"
      exit 0
    fi
    echo "$failures target(s) missed"
    exit 1
  fi
  echo "all targets met"
}

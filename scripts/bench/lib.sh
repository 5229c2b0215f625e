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

# Runs mvn quietly (its output only on failure, then exit 2). Online: a fresh machine may need a plugin.
mvn_quiet() {
  local log
  log=$(mktemp)
  if ! mvn -q -B "$@" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    exit 2
  fi
  rm -f "$log"
}

# bench_test_classes NAME CLASS_FILE: compiles the tests when CLASS_FILE is missing or older than the
# sources, and writes the dependency classpath to target/bench-classpath.txt (once per pom change).
# Run from the project root.
bench_test_classes() {
  local name=$1 class=$2
  if [[ ! -f $class ]] || [[ -n "$(find src/main src/test/java pom.xml -newer "$class" -print -quit)" ]]; then
    echo "$name: compiling (mvn test-compile) ..." >&2
    mvn_quiet test-compile
  fi
  if [[ ! -s target/bench-classpath.txt || pom.xml -nt target/bench-classpath.txt ]]; then
    mvn_quiet org.apache.maven.plugins:maven-dependency-plugin:3.11.0:build-classpath \
      -Dmdep.outputFile=target/bench-classpath.txt
  fi
}

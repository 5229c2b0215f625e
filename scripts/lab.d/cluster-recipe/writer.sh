#!/bin/bash
# writer: one line per write into the shared FS (O_DSYNC append); a local log of each completed write
f=/srv/shared/w-$(hostname).log; l=/root/writer-local.log
i=0
while true; do
  i=$((i+1)); t=$(date +%s.%N)
  printf '%s %d\n' "$t" "$i" | dd of="$f" oflag=append,dsync conv=notrunc status=none || echo "$(date +%s.%N) ERR $i" >>"$l"
  echo "$t $(date +%s.%N) $i" >>"$l"
  sleep 0.2
done

#!/bin/bash
# Counts allocation calls per thread of a running seam-engine serve over a request of 8 and one
# of 400 decode tokens. Usage: alloc-check.sh ENGINE_BINARY MODEL_DIR [stream]
set -euo pipefail
engine=$1; model=$2; stream=${3:-false}
tools=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
gcc -O2 -shared -fPIC -o "$work/malloccount.so" "$tools/malloccount.c"
sock="$work/engine.sock"; out="$work/counts.txt"
MALLOC_COUNT_OUT="$out" LD_PRELOAD="$work/malloccount.so" XDG_DATA_HOME="$work" "$engine" serve --model "$model" --socket "$sock" >"$work/log" 2>&1 &
pid=$!
for i in $(seq 1 200); do
  code=$(curl -s -o /dev/null -w '%{http_code}' --unix-socket "$sock" http://localhost/health || true)
  [ "$code" = 200 ] && break; sleep 0.1
done
name=$(curl -s --unix-socket "$sock" http://localhost/v1/models | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
req() { # prompt max_tokens
  curl -s --unix-socket "$sock" http://localhost/v1/completions -H 'content-type: application/json' \
    -d "{\"model\":\"$name\",\"prompt\":\"$1\",\"max_tokens\":$2,\"ignore_eos\":true,\"temperature\":0.8,\"top_p\":0.9,\"top_k\":40,\"seed\":7,\"stream\":$stream}" \
    | grep -o '"completion_tokens":[0-9]*' | tail -1 || true
}
snap() { kill -USR2 $pid; sleep 0.3; }
echo "warm-up: $(req 'the quick brown fox jumps over the lazy dog again and again' 400)"
snap
echo "8 tokens: $(req 'a different prompt that shares no prefix with the others here' 8)"
snap
echo "400 tokens: $(req 'yet another prompt of about the same length as the second one' 400)"
snap
kill -TERM $pid; wait $pid || true
python3 - "$out" <<'PY'
import sys
snaps=[]; cur=None
for line in open(sys.argv[1]):
    line=line.rstrip('\n')
    if line=='snapshot': cur={}; snaps.append(cur); continue
    tid,rest=line.split(' ',1); name,count=rest.rsplit(' ',1); cur[tid]=(name,int(count))
a,b,c=snaps[0],snaps[1],snaps[2]
print(f"{'thread':24} {'8 tokens':>10} {'400 tokens':>11} {'per extra token':>16}")
for tid in c:
    name=c[tid][0]
    d1=b.get(tid,(name,0))[1]-a.get(tid,(name,0))[1]
    d2=c[tid][1]-b.get(tid,(name,0))[1]
    if d1==0 and d2==0: continue
    print(f"{name+' '+tid:24} {d1:>10} {d2:>11} {(d2-d1)/392:>16.2f}")
PY
rm -rf "$work"

#!/usr/bin/env bash
# Compares the gateway with nginx on the same authenticated route, against a platform started with ./kyoso up.
#
#   load-tests/gateway-vs-nginx.sh            # defaults below; settings through the environment:
#   ROUTE=/api/channels CONNECTIONS=16 SECONDS_EACH=20 WARMUP_SECONDS=10 WARMUP_MIN_SECONDS=120 \
#   WARMUP_MAX_SECONDS=300 ROUNDS=3 RATES="100 200" \
#   GATEWAY=http://127.0.0.1:8080 POSTS=127.0.0.1:8082 load-tests/gateway-vs-nginx.sh
#
# It registers and logs in a member through the gateway's API (the mail capture gives the verification link), starts
# Debian's nginx as a reverse proxy to posts-service (keep-alive upstream; the Authorization header goes through as
# nginx forwards every header), then drives the same GET through nginx and through the gateway, back to back:
# closed loop (CONNECTIONS connections, SECONDS_EACH s, ROUNDS times, after a warm-up in slices of WARMUP_SECONDS,
# at least WARMUP_MIN_SECONDS, until two slices agree within 10 %, at most WARMUP_MAX_SECONDS) and open
# loop at each of RATES requests/s. Load: load-tests/gateway-vs-nginx/HttpLoad.java (JDK 17, compiled once per run).
# Only 2xx answers make the latencies; non-2xx and I/O errors are counted apart.
#
# The platform must not rate-limit the benchmark's single member: start it with, for example,
#   KYOSO_RATELIMIT_MEMBERPERSECOND=100000 KYOSO_RATELIMIT_MEMBERBURST=100000 ./kyoso up --detach
# Exit codes: 0 done, 1 failure, 2 nginx missing.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROUTE="${ROUTE:-/api/channels}"
CONNECTIONS="${CONNECTIONS:-16}"
SECONDS_EACH="${SECONDS_EACH:-20}"
WARMUP_SECONDS="${WARMUP_SECONDS:-10}"
WARMUP_MIN_SECONDS="${WARMUP_MIN_SECONDS:-120}"
WARMUP_MAX_SECONDS="${WARMUP_MAX_SECONDS:-300}"
ROUNDS="${ROUNDS:-3}"
RATES="${RATES:-100 200}"
GATEWAY="${GATEWAY:-http://127.0.0.1:8080}"
POSTS="${POSTS:-127.0.0.1:8082}"
MAIL_API="${MAIL_API:-http://127.0.0.1:8025}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
NGINX="$(command -v nginx || ls /usr/sbin/nginx 2> /dev/null || true)"

say() { echo "[gateway-vs-nginx] $*"; }
fail() { say "$*" >&2; exit 1; }

if [[ -z "$NGINX" ]]; then
  say "nginx is missing; install Debian's: apt-get install -y nginx-light   (or: apt-get install -y nginx)" >&2
  exit 2
fi
command -v curl > /dev/null || fail "curl is missing (apt-get install -y curl)"
command -v python3 > /dev/null || fail "python3 is missing (apt-get install -y python3)"
command -v "$JAVA" > /dev/null || fail "java is missing (JDK 17)"
curl -fsS -o /dev/null "$GATEWAY/actuator/health" || fail "no platform at $GATEWAY; start it with ./kyoso up --detach"

WORK="$(mktemp -d /tmp/gateway-vs-nginx.XXXXXX)"
NGINX_PID=""
cleanup() {
  if [[ -n "$NGINX_PID" ]] && kill -0 "$NGINX_PID" 2> /dev/null; then
    kill -QUIT "$NGINX_PID" 2> /dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- a member and its access token -------------------------------------------------------------------------------
suffix="$RANDOM$RANDOM"
email="bench$suffix@town.kumejima.lg.jp"
json() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
curl -fsS -o /dev/null -X POST "$GATEWAY/api/auth/register" -H 'content-type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"password1234\",\"displayName\":\"負荷 $suffix\",\"handle\":\"bench$suffix\",\"organization\":\"久米島町\"}" \
  || fail "registering a member failed"
verification=""
for _ in $(seq 1 60); do
  verification="$(curl -fsS "$MAIL_API/api/messages?to=$email" | grep -o 'token=[A-Za-z0-9_-]*' | head -1 | cut -d= -f2 || true)"
  [[ -n "$verification" ]] && break
  sleep 0.5
done
[[ -n "$verification" ]] || fail "no verification mail for $email at $MAIL_API"
curl -fsS -o /dev/null -X POST "$GATEWAY/api/auth/verify" -H 'content-type: application/json' \
  -d "{\"token\":\"$verification\"}" || fail "verifying the member failed"
TOKEN="$(curl -fsS -X POST "$GATEWAY/api/auth/login" -H 'content-type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"password1234\"}" | json accessToken)"
[[ -n "$TOKEN" ]] || fail "login gave no access token"
say "member $email logged in"

# --- nginx in front of posts-service -----------------------------------------------------------------------------
NGINX_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
mkdir -p "$WORK/temp"
cat > "$WORK/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/error.log warn;
events { worker_connections 1024; }
http {
  # a line per request, as the gateway logs one
  access_log $WORK/access.log;
  client_body_temp_path $WORK/temp; proxy_temp_path $WORK/temp; fastcgi_temp_path $WORK/temp;
  uwsgi_temp_path $WORK/temp; scgi_temp_path $WORK/temp;
  upstream posts { server $POSTS; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://posts;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
    }
  }
}
CONF
"$NGINX" -c "$WORK/nginx.conf" -p "$WORK" > "$WORK/nginx.out" 2>&1 &
NGINX_PID=$!
for _ in $(seq 1 50); do
  curl -fsS -o /dev/null "http://127.0.0.1:$NGINX_PORT/actuator/health" 2> /dev/null && break
  kill -0 "$NGINX_PID" 2> /dev/null || fail "nginx did not start: $(cat "$WORK/nginx.out" "$WORK/error.log" 2> /dev/null)"
  sleep 0.1
done
NGINX_URL="http://127.0.0.1:$NGINX_PORT$ROUTE"
GATEWAY_URL="$GATEWAY$ROUTE"
for url in "$NGINX_URL" "$GATEWAY_URL"; do
  status="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$url")"
  [[ "$status" == 200 ]] || fail "GET $url answered $status, not 200"
done
say "nginx $("$NGINX" -v 2>&1 | sed 's/.*\///') on :$NGINX_PORT -> $POSTS; route GET $ROUTE"
say "$(nproc) cores, $(uname -m), load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)"

# compiled once: run from source, each of the many short runs spent seconds compiling it on the measured cores
"${JAVA_HOME:+$JAVA_HOME/bin/}javac" -d "$WORK/classes" "$HERE/gateway-vs-nginx/HttpLoad.java" \
  || fail "cannot compile HttpLoad.java (a JDK 17 is needed, not only a JRE)"
load() { "$JAVA" -XX:+UseSerialGC -Xmx256m -cp "$WORK/classes" HttpLoad "$@"; }
field() { sed -n "s/.*$1=\([0-9.na]*\).*/\1/p" <<< "$2"; }

# --- warm-up, then closed loop, back to back ---------------------------------------------------------------------
# A platform just started needs minutes of load before the gateway's C2 compiler has settled (README "Gateway vs
# nginx": 0.33-0.42 in the first rounds after a start, 0.63-0.67 once warm; it can stall for a slice or two on the
# way). So each side is warmed in slices of WARMUP_SECONDS for at least WARMUP_MIN_SECONDS, then until two slices in a
# row agree within 10 %, or WARMUP_MAX_SECONDS have passed.
warm() {
  local url="$1" name="$2" previous=0 spent=0 rps settled
  while :; do
    rps="$(field rps "$(load closed "$url" "$TOKEN" "$CONNECTIONS" "$WARMUP_SECONDS")")"
    spent=$((spent + WARMUP_SECONDS))
    say "warm-up $name: $rps requests/s after ${spent}s"
    settled="$(python3 -c "print(1 if $previous > 0 and abs($rps - $previous) <= 0.1 * $previous else 0)")"
    if [[ ("$settled" == 1 && "$spent" -ge "$WARMUP_MIN_SECONDS") || "$spent" -ge "$WARMUP_MAX_SECONDS" ]]; then
      break
    fi
    previous="$rps"
  done
}
warm "$NGINX_URL" nginx
warm "$GATEWAY_URL" gateway

ratios=()
say "closed loop: $CONNECTIONS connections, ${SECONDS_EACH}s each, $ROUNDS rounds"
for round in $(seq 1 "$ROUNDS"); do
  nginx_result="$(load closed "$NGINX_URL" "$TOKEN" "$CONNECTIONS" "$SECONDS_EACH")"
  gateway_result="$(load closed "$GATEWAY_URL" "$TOKEN" "$CONNECTIONS" "$SECONDS_EACH")"
  ratio="$(python3 -c "print(f'{$(field rps "$gateway_result") / max($(field rps "$nginx_result"), 1):.2f}')")"
  added="$(python3 -c "print(f'{$(field p50_ms "$gateway_result") - $(field p50_ms "$nginx_result"):+.2f}')")"
  ratios+=("$ratio")
  printf '  round %d  nginx    %s\n' "$round" "$nginx_result"
  printf '  round %d  gateway  %s\n' "$round" "$gateway_result"
  printf '  round %d  throughput gateway/nginx = %s, p50 gateway - nginx = %s ms\n' "$round" "$ratio" "$added"
done
say "throughput ratio gateway/nginx over $ROUNDS rounds: min $(printf '%s\n' "${ratios[@]}" | sort -n | head -1), max $(printf '%s\n' "${ratios[@]}" | sort -n | tail -1)"

# --- open loop at fixed rates ------------------------------------------------------------------------------------
for rate in $RATES; do
  say "open loop: $rate requests/s, ${SECONDS_EACH}s each"
  nginx_result="$(load open "$NGINX_URL" "$TOKEN" "$rate" "$SECONDS_EACH")"
  gateway_result="$(load open "$GATEWAY_URL" "$TOKEN" "$rate" "$SECONDS_EACH")"
  added="$(python3 -c "print(f'{$(field p50_ms "$gateway_result") - $(field p50_ms "$nginx_result"):+.2f}')")"
  printf '  %5d/s  nginx    %s\n' "$rate" "$nginx_result"
  printf '  %5d/s  gateway  %s\n' "$rate" "$gateway_result"
  printf '  %5d/s  p50 gateway - nginx = %s ms\n' "$rate" "$added"
done

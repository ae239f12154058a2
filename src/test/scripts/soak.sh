#!/usr/bin/env bash
# Soak test: starts the gateway jar against a lab FTP server and runs mixed GET/PUT/DELETE/list
# traffic with random client aborts for a bounded time, then checks that nothing was lost or
# corrupted and no session leaked. Not part of CI (it runs for minutes); run it by hand:
#
#   ./mvnw -q package -DskipTests && src/test/scripts/soak.sh            # 10 minutes against vsftpd
#   DURATION=180 FTP_PORT=2122 src/test/scripts/soak.sh                 # 3 minutes against proftpd
#
# Settings (environment): DURATION seconds (600), WORKERS concurrent clients (12), FTP_HOST/FTP_PORT
# (127.0.0.1:2121), FTP_USER/FTP_PASS (labuser/labpass), FTP_ROOT (/scratch, must be writable),
# POOL (8 sessions), HTTP_PORT (random 31000-39999), JAR (target/ftp-gateway-*.jar), SAMPLE seconds (15),
# LOCAL_ROOT (/srv/ftplab$FTP_ROOT: where FTP_ROOT is on this disk, to find hidden temporary files).
# Everything stays on 127.0.0.1. Prints a Markdown report; exits non-zero on lost or corrupted
# files, unexpected statuses or leaked sessions.
set -euo pipefail

DURATION=${DURATION:-600}
WORKERS=${WORKERS:-12}
FTP_HOST=${FTP_HOST:-127.0.0.1}
FTP_PORT=${FTP_PORT:-2121}
FTP_USER=${FTP_USER:-labuser}
FTP_PASS=${FTP_PASS:-labpass}
FTP_ROOT=${FTP_ROOT:-/scratch}
POOL=${POOL:-8}
HTTP_PORT=${HTTP_PORT:-$((31000 + RANDOM % 9000))}
SAMPLE=${SAMPLE:-15}
LOCAL_ROOT=${LOCAL_ROOT:-/srv/ftplab$FTP_ROOT}
JAR=${JAR:-$(ls target/ftp-gateway-*.jar | grep -v -e original -e ftp-client | head -1)}
RUN=soak-$(date +%s)-$$
WORK=$(mktemp -d)
BASE=http://127.0.0.1:$HTTP_PORT
GW_PID=

cleanup() {
	if [ -n "$GW_PID" ]; then kill "$GW_PID" 2>/dev/null || true; wait "$GW_PID" 2>/dev/null || true; fi
	rm -rf "$WORK"
}
trap cleanup EXIT

metric() { # metric PREFIX: sum of the samples whose name and labels start with PREFIX
	curl -s -m 5 "$BASE/actuator/prometheus" | grep -F "$1" | grep -v '^#' | awk '{ s += $NF } END { printf "%d", s }'
}
# Control connections the gateway holds to the FTP server (other clients of the lab are not counted).
server_connections() { ss -Htnp state established "( dport = :$FTP_PORT )" | grep -c "pid=$GW_PID," || true; }
rss_mib() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$GW_PID/status"; }

# Loopback: an unsecured gateway only starts there (README, "Security").
java -Xmx256m -jar "$JAR" --server.port="$HTTP_PORT" --server.address=127.0.0.1 \
	--ftp-gateway.server.host="$FTP_HOST" --ftp-gateway.server.port="$FTP_PORT" \
	--ftp-gateway.server.user="$FTP_USER" --ftp-gateway.server.password="$FTP_PASS" \
	--ftp-gateway.server.root="$FTP_ROOT" --ftp-gateway.pool.max-total="$POOL" \
	--ftp-gateway.pool.max-idle="$POOL" --logging.level.root=warn >"$WORK/gateway.log" 2>&1 &
GW_PID=$!
for _ in $(seq 60); do curl -sf -m 2 "$BASE/actuator/health/liveness" >/dev/null && break; sleep 1; done
curl -sf -m 2 "$BASE/actuator/health/liveness" >/dev/null || { cat "$WORK/gateway.log"; echo "gateway did not start"; exit 1; }
curl -sf -m 10 -X PUT "$BASE/files/$RUN/" >/dev/null

# One worker: its own folder and files, so hashes are known without locking. Each line of
# results is "op outcome"; the manifest holds "name sha256" of every file that should exist.
worker() {
	local id=$1 dir=$RUN/w$1 deadline=$2 n=0 manifest=$WORK/manifest.$1 results=$WORK/results.$1
	: >"$manifest"; : >"$results"
	curl -s -m 10 -o /dev/null -X PUT "$BASE/files/$dir/"
	while [ "$(date +%s)" -lt "$deadline" ]; do
		n=$((n + 1))
		local roll=$((RANDOM % 100)) name file status code
		if [ $roll -lt 30 ] || [ ! -s "$manifest" ]; then                        # PUT a new file
			name=f$n.bin; file=$WORK/w$id.up
			head -c $(( (RANDOM * 32 + RANDOM) % 2097152 + 1 )) /dev/urandom >"$file"
			status=$(curl -s -m 60 -o /dev/null -w '%{http_code}' -T "$file" "$BASE/files/$dir/$name") || true
			if [ "$status" = 201 ]; then echo "$name $(sha256sum <"$file" | cut -d' ' -f1)" >>"$manifest"; echo "put ok" >>"$results"
			else echo "put fail-$status" >>"$results"; fi
		elif [ $roll -lt 40 ]; then                                              # PUT aborted by the client
			head -c 4194304 /dev/urandom >"$WORK/w$id.abort"
			curl -s -m 0.3 --limit-rate 2M -o /dev/null -T "$WORK/w$id.abort" "$BASE/files/$dir/aborted$n.bin" && code=0 || code=$?
			if [ "$code" = 0 ]; then   # finished before the abort: a normal upload, remove it
				curl -s -m 10 -o /dev/null -X DELETE "$BASE/files/$dir/aborted$n.bin"; echo "put-abort ok" >>"$results"
			else                       # an aborted upload must leave nothing under its name
				status=$(curl -s -m 10 -o /dev/null -w '%{http_code}' -I "$BASE/files/$dir/aborted$n.bin") || true
				echo "put-abort $([ "$status" = 404 ] && echo aborted || echo "left-file-$status")" >>"$results"
			fi
		elif [ $roll -lt 70 ]; then                                              # GET and verify
			read -r name sum < <(shuf -n 1 "$manifest")
			code=$(curl -s -m 60 -o "$WORK/w$id.down" -w '%{http_code}' "$BASE/files/$dir/$name") || code=err
			if [ "$code" = 200 ] && [ "$(sha256sum <"$WORK/w$id.down" | cut -d' ' -f1)" = "$sum" ]; then echo "get ok" >>"$results"
			elif [ "$code" = 200 ]; then echo "get corrupted" >>"$results"
			else echo "get fail-$code" >>"$results"; fi
		elif [ $roll -lt 80 ]; then                                              # GET aborted by the client
			read -r name sum < <(shuf -n 1 "$manifest")
			curl -s -m 5 "$BASE/files/$dir/$name" | head -c 1000 >/dev/null || true
			echo "get-abort ok" >>"$results"
		elif [ $roll -lt 90 ]; then                                              # list
			status=$(curl -s -m 30 -o "$WORK/w$id.list" -w '%{http_code}' -H 'Accept: text/plain' "$BASE/files/$dir/") || true
			echo "list $([ "$status" = 200 ] && echo ok || echo "fail-$status")" >>"$results"
		else                                                                     # DELETE
			read -r name sum < <(shuf -n 1 "$manifest")
			status=$(curl -s -m 30 -o /dev/null -w '%{http_code}' -X DELETE "$BASE/files/$dir/$name") || true
			if [ "$status" = 204 ]; then grep -v "^$name " "$manifest" >"$manifest.tmp" || true; mv "$manifest.tmp" "$manifest"; echo "delete ok" >>"$results"
			else echo "delete fail-$status" >>"$results"; fi
		fi
	done
}

START=$(date +%s)
DEADLINE=$((START + DURATION))
echo "| t (s) | heap MiB | RSS MiB | pool active | pool idle | server connections |" >"$WORK/samples"
echo "|---|---|---|---|---|---|" >>"$WORK/samples"
sample() {
	echo "| $(( $(date +%s) - START )) | $(( $(metric 'jvm_memory_used_bytes{area="heap"') / 1048576 )) | $(rss_mib) |" \
		"$(metric 'ftp_pool_active{') | $(metric 'ftp_pool_idle{') | $(server_connections) |" >>"$WORK/samples"
}
for i in $(seq "$WORKERS"); do worker "$i" "$DEADLINE" & done
while [ "$(date +%s)" -lt "$DEADLINE" ]; do sample; sleep "$SAMPLE"; done
wait $(jobs -p | grep -v "^$GW_PID$") 2>/dev/null || true
sleep 2
sample

# Final check: every file a worker kept must be there, byte for byte, and nothing else (no
# temporary upload files, no leftovers of aborted uploads).
lost=0; corrupted=0; extra=0; kept=0
for i in $(seq "$WORKERS"); do
	while read -r name sum; do
		kept=$((kept + 1))
		code=$(curl -s -m 60 -o "$WORK/check" -w '%{http_code}' "$BASE/files/$RUN/w$i/$name") || code=err
		if [ "$code" != 200 ]; then lost=$((lost + 1))
		elif [ "$(sha256sum <"$WORK/check" | cut -d' ' -f1)" != "$sum" ]; then corrupted=$((corrupted + 1)); fi
	done <"$WORK/manifest.$i"
	listed=$(curl -s -m 30 -H 'Accept: text/plain' "$BASE/files/$RUN/w$i/" | grep -vc -x -F -f <(cut -d' ' -f1 "$WORK/manifest.$i") || true)
	extra=$((extra + listed))
done
# Listings may hide dot files (vsftpd does), so look for temporary upload files on disk too.
if [ -d "$LOCAL_ROOT/$RUN" ]; then extra=$((extra + $(find "$LOCAL_ROOT/$RUN" -name '.*.upload-*' | wc -l))); fi
active=$(metric 'ftp_pool_active{'); idle=$(metric 'ftp_pool_idle{'); conns=$(server_connections)
leaked=$(( conns > idle + active ? conns - idle - active : 0 ))
curl -s -m 60 -o /dev/null -X DELETE "$BASE/files/$RUN?recursive=true"

total=$(cat "$WORK"/results.* | wc -l)
failures=$(cat "$WORK"/results.* | grep -vc -E ' (ok|aborted)$' || true)
cat <<REPORT
## Soak run $(date -u +%Y-%m-%dT%H:%MZ)

Gateway $(basename "$JAR") (-Xmx256m, pool $POOL) against $FTP_HOST:$FTP_PORT$FTP_ROOT, $WORKERS workers, ${DURATION}s.

| requests | unexpected results | files kept | lost | corrupted | stray files | pool active at end | server connections at end | leaked sessions |
|---|---|---|---|---|---|---|---|---|
| $total | $failures | $kept | $lost | $corrupted | $extra | $active | $conns | $leaked |

Requests by operation and outcome:

| count | operation | outcome |
|---|---|---|
$(cat "$WORK"/results.* | sort | uniq -c | sort -rn | awk '{ printf "| %s | %s | %s |\n", $1, $2, $3 }')

Over time:

$(cat "$WORK/samples")

Transfer failures counted by the gateway (ftp_gateway_transfer_failures_total):

\`\`\`
$(curl -s -m 5 "$BASE/actuator/prometheus" | grep '^ftp_gateway_transfer_failures_total' || echo none)
\`\`\`
REPORT
[ "$lost" = 0 ] && [ "$corrupted" = 0 ] && [ "$extra" = 0 ] && [ "$failures" = 0 ] && [ "$leaked" = 0 ] && [ "$active" = 0 ]

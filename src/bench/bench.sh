#!/usr/bin/env bash
# One-command benchmark of ftp-gateway against raw FTP (curl) and rclone serve http, side by
# side on the FTP lab (../shared/lab: vsftpd :2121, proftpd :2122, pure-ftpd :2123, pyftpdlib
# :2124, user labuser/labpass, fixtures in /srv/ftplab), with src/bench/relay.py as the yardstick
# of what any gateway can do per byte (splice and copy relays). Loopback only.
#
#   src/bench/bench.sh                       full run, results in src/bench/RESULTS.md
#   REPS=1 HEY_SECONDS=3 SERVERS=vsftpd JMH=0 src/bench/bench.sh   quick run
#
# Settings (environment):
#   SERVERS       lab servers to measure (default: vsftpd proftpd pure-ftpd pyftpdlib)
#   REPS          alternating repetitions of every comparison (default 3); medians are reported
#   HEY_SECONDS   duration of each hey run of 1 KiB GETs (default 5)
#   WARMUP_SECONDS  hey load on the gateway and each rclone before the 1 KiB GET runs (default 60)
#   LIST_RUNS     listings of dir10k per variant and repetition (default 3)
#   POOL          FTP_GATEWAY_POOL_MAX_TOTAL/MAX_IDLE of the second, tuned gateway in the 1 KiB GET
#                 runs, and --ftp-concurrency of the second rclone variant (default 100: rclone's
#                 default also opens one FTP connection per concurrent request). The headline
#                 gateway runs as shipped: application defaults, the default pool, $CAPPED_HEAP.
#   JAVA_HOME     JDK the gateway runs on (default: the java on PATH)
#   ALT_JAVA_HOME a second JDK (21+) for a run with virtual threads on the first server
#                 (default: a Temurin 25 under /usr/lib/jvm when present; "none" to skip)
#   CAPPED_HEAP   heap of the gateway as shipped, and of the second 100-download RSS measurement (default -Xmx128m: what
#                 -XX:MaxRAMPercentage=25 in the image and chart gives a pod with the chart's 512Mi limit)
#   JMH           1 (default) runs the JMH client benchmark; 0 skips it
#   OUT           results file (default src/bench/RESULTS.md)
#   JAR           a gateway jar to measure instead of building this checkout (for before/after runs)
#   ONLY          measure only these parts, e.g. "get put" (of: get put list small mixed memory; default all)
# Every loop is bounded: REPS repetitions, fixed-duration hey runs, curl --max-time on each transfer.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
LAB_DIR=${LAB_DIR:-$(cd "$ROOT/.." && pwd)/shared/lab}
SERVERS=${SERVERS:-vsftpd proftpd pure-ftpd pyftpdlib}
REPS=${REPS:-3}
HEY_SECONDS=${HEY_SECONDS:-5}
WARMUP_SECONDS=${WARMUP_SECONDS:-60}
LIST_RUNS=${LIST_RUNS:-3}
POOL=${POOL:-100}
JMH=${JMH:-1}
CAPPED_HEAP=${CAPPED_HEAP:--Xmx128m}
ONLY=${ONLY:-get put list small mixed memory}
OUT=${OUT:-$ROOT/src/bench/RESULTS.md}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
if [ -z "${ALT_JAVA_HOME:-}" ]; then
	ALT_JAVA_HOME=$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)
fi
[ "${ALT_JAVA_HOME:-none}" = none ] && ALT_JAVA_HOME=
HOST=127.0.0.1
USER_PASS=labuser:labpass
GW_PORT=${GW_PORT:-29180}
RC_PORT=${RC_PORT:-29181}
RC_PORT2=${RC_PORT2:-29182}
SPLICE_PORT=${SPLICE_PORT:-$((GW_PORT + 3))}
COPY_PORT=${COPY_PORT:-$((GW_PORT + 4))}
LIST_GW_PORT=${LIST_GW_PORT:-$((GW_PORT + 5))}
TUNED_GW_PORT=${TUNED_GW_PORT:-$((GW_PORT + 6))}
NODIGEST_GW_PORT=${NODIGEST_GW_PORT:-$((GW_PORT + 7))}
NOFTP_GW_PORT=${NOFTP_GW_PORT:-$((GW_PORT + 8))}
BIG=/big/1GiB.bin
BIGSZ=1073741824
SMALL=/small/f0001.bin
wants() { [[ " $ONLY " == *" $1 "* ]]; }
WORK=$(mktemp -d /tmp/ftp-gateway-bench.XXXXXX)
JAR=${JAR:-}
PIDS=()

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
die() { log "$*"; exit 1; }
median() { sort -g | awk '{a[NR]=$1} END{if(NR==0){print "-"; exit} if(NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a=="-"||b=="-"||a==""||b==""||b==0) print "-"; else printf "%.2f", a/b }'; }
fmt() { awk -v v="$1" -v d="${2:-0}" 'BEGIN{ if (v=="-"||v=="") print "-"; else printf "%.*f", d, v }'; }
join() { local IFS=/; echo "$*"; }
port_of() { case $1 in vsftpd) echo 2121 ;; proftpd) echo 2122 ;; pure-ftpd) echo 2123 ;; pyftpdlib) echo 2124 ;; *) return 1 ;; esac; }
remote_of() { echo "lab-${1/pure-ftpd/pureftpd}:"; }
listening() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

stop_pid() {
	local pid=$1
	kill "$pid" 2>/dev/null || return 0
	for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
	kill -9 "$pid" 2>/dev/null
}
cleanup() {
	for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
	rm -rf "$WORK"
}
trap cleanup EXIT

# ---------------------------------------------------------------- prerequisites
for tool in curl hey wrk rclone awk python3; do command -v $tool >/dev/null || die "missing $tool"; done
for name in $SERVERS; do
	port=$(port_of "$name") || die "unknown lab server $name"
	if ! listening "$port"; then
		[ "$(id -u)" = 0 ] && [ -x "$LAB_DIR/start.sh" ] || die "$name (:$port) is not running; start the lab (as root: $LAB_DIR/start.sh)"
		log "starting lab server $name"
		"$LAB_DIR/start.sh" "$name" >&2 || die "could not start $name"
	fi
done
first=${SERVERS%% *}
if [ "$(curl -sS -I "ftp://$USER_PASS@$HOST:$(port_of "$first")$BIG" | tr -d '\r' | awk '/Content-Length/{print $2}')" != "$BIGSZ" ]; then
	[ "$(id -u)" = 0 ] && [ -x "$LAB_DIR/mkdata.sh" ] || die "no lab fixtures; run $LAB_DIR/mkdata.sh"
	"$LAB_DIR/mkdata.sh" >&2 || die "mkdata.sh failed"
fi
RC_CONF=$LAB_DIR/conf/rclone.conf
[ -r "$RC_CONF" ] || die "no rclone config at $RC_CONF"

if [ -z "$JAR" ]; then
	log "building the gateway jar"
	(cd "$ROOT" && ./mvnw -B -q -DskipTests package) >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; die "build failed"; }
	JAR=$(ls "$ROOT"/target/ftp-gateway-*.jar | grep -v -e original -e ftp-client | head -1)
fi

JMH_CP=
if [ "$JMH" = 1 ]; then
	log "building the JMH benchmarks (bench profile)"
	(cd "$ROOT" && ./mvnw -B -q -Pbench -DskipTests test-compile dependency:build-classpath \
		-Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt) >"$WORK/jmh-build.log" 2>&1 \
		|| { cat "$WORK/jmh-build.log" >&2; die "bench profile build failed"; }
	JMH_CP="$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$ROOT/target/bench-classpath.txt")"
fi

# ---------------------------------------------------------------- processes
# start_gateway NAME PORT JAVA [JVM options...]: the gateway against lab server NAME on PORT, with
# the application's defaults (GATEWAY_ENV adds settings, e.g. the tuned gateway's pool)
start_gateway() {
	local name=$1 port=$2 java=$3; shift 3
	env FTP_GATEWAY_SERVER_HOST=$HOST FTP_GATEWAY_SERVER_PORT="$(port_of "$name")" \
		FTP_GATEWAY_SERVER_USER=${USER_PASS%%:*} FTP_GATEWAY_SERVER_PASSWORD=${USER_PASS#*:} \
		SERVER_PORT="$port" SERVER_ADDRESS=$HOST ${GATEWAY_ENV:-} \
		"$java" "$@" -jar "$JAR" >"$WORK/gateway-$port.log" 2>&1 &
	GW_PID=$!
	PIDS+=("$GW_PID")
	for _ in $(seq 1 300); do
		[ "$(curl -s -o /dev/null -w '%{http_code}' "http://$HOST:$port/actuator/health/readiness")" = 200 ] && return 0
		kill -0 "$GW_PID" 2>/dev/null || break
		sleep 0.2
	done
	tail -20 "$WORK/gateway-$port.log" >&2
	die "the gateway did not become ready"
}
# start_relay NAME PORT MODE: src/bench/relay.py (splice or copy) over lab server NAME
start_relay() {
	local name=$1 port=$2 mode=$3
	python3 "$ROOT/src/bench/relay.py" $HOST "$(port_of "$name")" "${USER_PASS%%:*}" "${USER_PASS#*:}" "$port" "$mode" \
		>"$WORK/relay-$mode.log" 2>&1 &
	RELAY_PID=$!
	PIDS+=("$RELAY_PID")
	for _ in $(seq 1 100); do listening "$port" && return 0; sleep 0.1; done
	die "relay.py $mode did not start"
}
# start_rclone NAME PORT [flags...]: rclone serve http over lab server NAME
start_rclone() {
	local name=$1 port=$2; shift 2
	rclone serve http "$(remote_of "$name")" --config "$RC_CONF" --addr "$HOST:$port" "$@" \
		>"$WORK/rclone-$port.log" 2>&1 &
	RC_PID=$!
	PIDS+=("$RC_PID")
	for _ in $(seq 1 100); do listening "$port" && return 0; sleep 0.1; done
	die "rclone serve http did not start"
}
rss_mb() { awk '/^VmRSS/{printf "%.0f", $2/1024}' "/proc/$1/status" 2>/dev/null; }
hwm_mb() { awk '/^VmHWM/{printf "%.0f", $2/1024}' "/proc/$1/status" 2>/dev/null; }

# ---------------------------------------------------------------- measurements
# get_mbs URL: MB/s of one full download of the 1 GiB file, or nothing when it came short
get_mbs() {
	local sz sp
	read -r sz sp < <(curl -sS --max-time 120 -o /dev/null -w '%{size_download} %{speed_download}\n' "$1")
	[ "$sz" = "$BIGSZ" ] && awk -v s="$sp" 'BEGIN{printf "%.0f", s/1e6}'
}
# put_mbs URL: MB/s of one upload of the 1 GiB file (the target's size is checked afterwards)
put_mbs() {
	local sz sp
	read -r sz sp < <(curl -sS --max-time 120 -T "$WORK/1GiB.bin" -o /dev/null -w '%{size_upload} %{speed_upload}\n' "$1")
	[ "$sz" = "$BIGSZ" ] && awk -v s="$sp" 'BEGIN{printf "%.0f", s/1e6}'
}
# put_checked FTP_PORT URL_PREFIX NAME: MB/s of one upload to upload/NAME, empty unless the server then holds all of it
put_checked() {
	local v
	v=$(put_mbs "$2$3"); [ "$(ftp_size "$1" "/upload/$3")" = "$BIGSZ" ] || v=
	ftp_delete "$1" "$3"
	echo "$v"
}
ftp_size() { curl -sS -I "ftp://$USER_PASS@$HOST:$1$2" 2>/dev/null | tr -d '\r' | awk '/Content-Length/{print $2}'; }
# curl sends -Q commands before it changes to the URL's folder, so the path must be absolute: with a
# bare name every DELE failed, and each PUT then replaced the file the one before had left.
ftp_delete() { curl -sS -o /dev/null -Q "DELE /upload/$2" "ftp://$USER_PASS@$HOST:$1/" 2>/dev/null; }
# rotated N REP: 0 .. N-1 starting at REP mod N, the order of N variants in repetition REP. The
# JVMs are still getting faster after the warm-up, so a variant that always ran after another
# would be favoured: side by side, the same jar run second led by 7-8 % in both orders (RESULTS.md).
rotated() { local i; for i in $(seq 0 $(($1 - 1))); do echo $(((i + $2) % $1)); done; }
# hey_run URL CONC: "req/s p99-ms non-200-count" of a HEY_SECONDS run
hey_run() {
	local f=$WORK/hey.txt
	hey -z "${HEY_SECONDS}s" -c "$2" "$1" >"$f" 2>&1
	local total ok
	# Only the status code distribution: hey's error distribution lines also start with [count].
	total=$(awk '/Status code distribution/{f=1; next} /Error distribution/{f=0} f && $1 ~ /^\[[0-9]+\]$/ {s+=$2} END{print s+0}' "$f")
	ok=$(awk '/Status code distribution/{f=1; next} /Error distribution/{f=0} f && $1 == "[200]" {print $2}' "$f")
	# Requests that never got a status (connection errors) count as failures too.
	total=$((total + $(awk '/Error distribution/{f=1; next} f && $1 ~ /^\[[0-9]+\]$/ {gsub(/[][]/, "", $1); s+=$1} END{print s+0}' "$f")))
	echo "$(awk '/Requests\/sec/{print $2}' "$f") $(awk '/ 99% in/{print $3*1000}' "$f") $((total - ${ok:-0}))"
}
# wrk_run BASE CONC [SECONDS]: "req/s p99-ms failures" of CONC keep-alive clients asking in turn for
# the lab's 1,000 small files (different-files.lua); failures = non-2xx/3xx responses and socket errors
wrk_run() {
	local f=$WORK/wrk.txt
	wrk -t "$(nproc)" -c "$2" -d "${3:-$HEY_SECONDS}s" --latency -s "$ROOT/src/bench/different-files.lua" "$1" >"$f" 2>&1
	awk '/Requests\/sec/ { r = $2 }
		$1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
			p = v * (u == "us" ? 0.001 : u == "s" ? 1000 : u == "m" ? 60000 : 1) }
		/Non-2xx or 3xx responses/ { e += $NF }
		/Socket errors/ { for (i = 4; i <= NF; i += 2) { n = $i; sub(/,/, "", n); e += n } }
		END { printf "%s %.1f %d\n", r, p, e }' "$f"
}
# busy_ticks: the machine's CPU time so far, in clock ticks, all cores: user, nice, system, irq and
# softirq (idle, iowait and the time the hypervisor gave to others left out)
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }
# machine_ms_per BEFORE_TICKS COUNT [LESS_SECONDS]: the machine's CPU milliseconds since BEFORE_TICKS,
# less LESS_SECONDS of CPU, per COUNT; nothing when COUNT is not above zero
machine_ms_per() {
	awk -v b="$(($(busy_ticks) - $1))" -v t="$(getconf CLK_TCK)" -v n="$2" -v l="${3:-0}" \
		'BEGIN { if (n > 0) printf "%.4f", (b / t - l) * 1000 / n }'
}
# wrk_cpu_run BASE CONC: wrk_run, then the machine's CPU milliseconds per request over it
wrk_cpu_run() {
	local before rps p99 err
	before=$(busy_ticks)
	read -r rps p99 err < <(wrk_run "$1" "$2")
	echo "$rps $p99 $err $(machine_ms_per "$before" "$(awk -v r="$rps" -v s="$HEY_SECONDS" 'BEGIN{printf "%.0f", r * s}')")"
}
# check_floor_ms NAME: the server's CPU milliseconds per file in src/bench/check_floor.py's checks
# of different files (MLST, or SIZE and MDTM, 32 at once on 4 sessions, as the gateway sends them):
# the machine's CPU over the run less the script's own
check_floor_ms() {
	local before files cpu
	before=$(busy_ticks)
	read -r files cpu < <(timeout $((HEY_SECONDS + 60)) python3 "$ROOT/src/bench/check_floor.py" $HOST "$(port_of "$1")" \
		"${USER_PASS%%:*}" "${USER_PASS#*:}" "$HEY_SECONDS" 2>>"$WORK/check_floor.log")
	# Nothing printed (the script failed) leaves the cell empty rather than a floor of zero.
	machine_ms_per "$before" "${files:-0}" "${cpu:-0}"
}
# ceiling_run NAME CONC BENCHMARK: operations per second of CONC logged-in sessions in a loop with
# no HTTP at all (JMH SmallFileCeilingBenchmark): retrieveSmallFile fetches the 1 KiB file, what
# any gateway that fetches each request over FTP could at most answer; validateSmallFile checks its
# size and modification time as the gateway validates a cached copy, what the gateway as shipped
# (cache on, max-stale 0: the server is asked on every request) could at most answer
ceiling_run() {
	local csv=$WORK/ceiling.csv
	rm -f "$csv"
	timeout 120 "$JAVA" -cp "$JMH_CP" org.openjdk.jmh.Main "SmallFileCeilingBenchmark.$3\$" -f 1 -wi 1 -w 2s -i 1 \
		-r "${HEY_SECONDS}s" -t "$2" -p port="$(port_of "$1")" -p file="$SMALL" -rf csv -rff "$csv" >"$WORK/ceiling.log" 2>&1
	awk -F, 'NR>1 { printf "%.0f", $5 }' "$csv" 2>/dev/null
}
# list_time URL: "total-s first-byte-s" of one listing
list_time() { curl -sS --max-time 60 -o "$WORK/listing" -w '%{time_total} %{time_starttransfer}\n' "$1"; }
# mlsd_time URL: seconds of one fresh curl MLSD listing, nothing when the server refuses MLSD
mlsd_time() { curl -s --max-time 60 -o /dev/null -X MLSD -w '%{response_code} %{time_total}\n' "$1" | awk '$1 == 226 { print $2 }'; }

declare -A M   # M[server|metric] = "median [runs]"
cell() { local v; v=$(printf '%s\n' "$@" | grep -v '^$' | median); echo "$(fmt "$v" "${DIGITS:-0}") [$(join "$@")]"; }
med() { printf '%s\n' "$@" | grep -v '^$' | median; }

log "caching the 1 GiB fixture for uploads"
curl -sS --max-time 120 -o "$WORK/1GiB.bin" "ftp://$USER_PASS@$HOST:$(port_of "$first")$BIG" || die "could not fetch $BIG"

bench_server() {  # bench_server NAME JAVA TAG [JVM options...]
	local name=$1 java=$2 tag=$3; shift 3
	local port ftp gw rc rc2
	port=$(port_of "$name")
	ftp="ftp://$USER_PASS@$HOST:$port"
	start_gateway "$name" "$GW_PORT" "$java" $CAPPED_HEAP "$@"; local gwpid=$GW_PID
	start_rclone "$name" "$RC_PORT"; local rcpid=$RC_PID
	start_rclone "$name" "$RC_PORT2" --ftp-concurrency "$POOL"; local rc2pid=$RC_PID
	start_relay "$name" "$SPLICE_PORT" splice; local splicepid=$RELAY_PID
	start_relay "$name" "$COPY_PORT" copy; local copypid=$RELAY_PID
	gw="http://$HOST:$GW_PORT/files"; rc="http://$HOST:$RC_PORT"; rc2="http://$HOST:$RC_PORT2"
	local sr="http://$HOST:$SPLICE_PORT" cr="http://$HOST:$COPY_PORT"
	local k="$tag"

	if wants get; then
	log "$tag: GET 1 GiB, raw curl / rclone / splice relay / copy relay / gateway, x$REPS"
	local a=() b=() c=() s=() y=()
	# The JVM compiles the gateway's copy loop only after a few GiB (its CPU per GiB falls from
	# about 780 to 300 ms over the first two 1 GiB GETs, RESULTS.md change 16); everyone gets the
	# same warm-up.
	for url in "$rc" "$sr" "$cr" "$gw"; do
		for _ in 1 2 3; do curl -s -o /dev/null --max-time 60 "$url$BIG"; done
	done
	for _ in $(seq 1 "$REPS"); do
		a+=("$(get_mbs "$ftp$BIG")"); b+=("$(get_mbs "$rc$BIG")"); s+=("$(get_mbs "$sr$BIG")")
		y+=("$(get_mbs "$cr$BIG")"); c+=("$(get_mbs "$gw$BIG")")
	done
	M[$k|get_raw]=$(cell "${a[@]}"); M[$k|get_rc]=$(cell "${b[@]}"); M[$k|get_gw]=$(cell "${c[@]}")
	M[$k|get_splice]=$(cell "${s[@]}"); M[$k|get_copy]=$(cell "${y[@]}")
	local best; best=$(printf '%s\n' "$(med "${a[@]}")" "$(med "${b[@]}")" | sort -g | tail -1)
	M[$k|get_ratio]=$(ratio "$(med "${c[@]}")" "$best")
	M[$k|get_ratio_copy]=$(ratio "$(med "${c[@]}")" "$(med "${y[@]}")")
	M[$k|get_ratio_splice]=$(ratio "$(med "${s[@]}")" "$(med "${a[@]}")")
	fi

	if [ "$tag" = "$name" ] && wants put; then
		log "$tag: PUT 1 GiB, raw curl -T / splice relay / copy relay / gateway / gateway without digest, x$REPS"
		# As shipped, every PUT is hashed with SHA-256 for its Repr-Digest; the second gateway
		# shows what that hash costs (digest-every-upload=false: only a PUT that asks is hashed).
		GATEWAY_ENV="${GATEWAY_ENV:-} FTP_GATEWAY_TRANSFER_DIGEST_EVERY_UPLOAD=false" \
			start_gateway "$name" "$NODIGEST_GW_PORT" "$java" $CAPPED_HEAP "$@"; local nodigestpid=$GW_PID
		local nd="http://$HOST:$NODIGEST_GW_PORT/files"
		a=(); c=(); s=(); y=(); local d=()
		for url in "$sr" "$cr" "$gw" "$nd"; do
			for _ in 1 2; do put_checked "$port" "$url/upload/" bench-warmup.bin >/dev/null; done
		done
		# Rotated like the 1 KiB GETs: in a fixed order, the variant that always ran right after
		# another was the slower on pure-ftpd, and side by side it was not (RESULTS.md, the run of 12:41).
		for rep in $(seq 0 $((REPS - 1))); do
			for v in $(rotated 5 "$rep"); do
				case $v in
				0) a+=("$(put_checked "$port" "$ftp/upload/" bench-raw.bin)") ;;
				1) s+=("$(put_checked "$port" "$sr/upload/" bench-splice.bin)") ;;
				2) y+=("$(put_checked "$port" "$cr/upload/" bench-copy.bin)") ;;
				3) c+=("$(put_checked "$port" "$gw/upload/" bench-gw.bin)") ;;
				4) d+=("$(put_checked "$port" "$nd/upload/" bench-gw-nodigest.bin)") ;;
				esac
			done
		done
		stop_pid "$nodigestpid"
		M[$k|put_raw]=$(cell "${a[@]}"); M[$k|put_gw]=$(cell "${c[@]}"); M[$k|put_nodigest]=$(cell "${d[@]}")
		M[$k|put_splice]=$(cell "${s[@]}"); M[$k|put_copy]=$(cell "${y[@]}")
		M[$k|put_ratio]=$(ratio "$(med "${c[@]}")" "$(med "${a[@]}")")
		M[$k|put_ratio_copy]=$(ratio "$(med "${c[@]}")" "$(med "${y[@]}")")
		M[$k|put_ratio_nodigest_copy]=$(ratio "$(med "${d[@]}")" "$(med "${y[@]}")")
		M[$k|put_ratio_splice]=$(ratio "$(med "${s[@]}")" "$(med "${a[@]}")")
	fi
	if [ "$tag" = "$name" ] && wants list; then
		log "$tag: LIST dir10k, raw curl LIST / raw curl MLSD / gateway JSON / gateway JSON with use-mlsd=false, x$REPS x$LIST_RUNS"
		# A second gateway that lists with LIST even where the server offers MLSD.
		GATEWAY_ENV="${GATEWAY_ENV:-} FTP_GATEWAY_SERVER_USE_MLSD=false" start_gateway "$name" "$LIST_GW_PORT" "$java" "$@"
		local listpid=$GW_PID gwl="http://$HOST:$LIST_GW_PORT/files"
		a=(); c=(); local t=() m=() l=()
		# Listings first, so the gateway's JIT warm-up is not counted against it.
		for _ in 1 2 3 4 5; do for url in "$ftp" "$gw" "$gwl"; do list_time "$url/dir10k/" >/dev/null; done; done
		for _ in $(seq 1 $((REPS * LIST_RUNS))); do
			local tt tf
			read -r tt tf < <(list_time "$ftp/dir10k/"); a+=("$tt")
			m+=("$(mlsd_time "$ftp/dir10k/")")
			read -r tt tf < <(list_time "$gwl/dir10k/"); l+=("$tt")
			read -r tt tf < <(list_time "$gw/dir10k/"); c+=("$tt"); t+=("$tf")
		done
		stop_pid "$listpid"
		M[$k|list_gw_list]=$(fmt "$(med "${l[@]}")" 3)
		M[$k|list_ratio_list]=$(ratio "$(med "${l[@]}")" "$(med "${a[@]}")")
		M[$k|list_raw]=$(DIGITS=3 cell "${a[@]}")
		M[$k|list_mlsd]=$(fmt "$(med "${m[@]}")" 3)
		M[$k|list_gw]=$(DIGITS=3 cell "${c[@]}")
		M[$k|list_gw_ttfb]=$(fmt "$(med "${t[@]}")" 3)
		M[$k|list_ratio]=$(ratio "$(med "${c[@]}")" "$(med "${a[@]}")")
		M[$k|list_entries]=$(grep -o '"name"' "$WORK/listing" | wc -l)
	fi

	if wants small; then
	log "$tag: 1 KiB GETs with hey, gateway / gateway with pool $POOL / rclone / rclone --ftp-concurrency $POOL, x$REPS"
	GATEWAY_ENV="${GATEWAY_ENV:-} FTP_GATEWAY_POOL_MAX_TOTAL=$POOL FTP_GATEWAY_POOL_MAX_IDLE=$POOL" \
		start_gateway "$name" "$TUNED_GW_PORT" "$java" "$@"; local tunedpid=$GW_PID
	local gt="http://$HOST:$TUNED_GW_PORT/files"
	# The same file from the cache of a gateway that never asks the server within the hour: the
	# same route, security, metrics and access log with no FTP at all.
	GATEWAY_ENV="${GATEWAY_ENV:-} FTP_GATEWAY_CACHE_MAX_STALE=1h" \
		start_gateway "$name" "$NOFTP_GW_PORT" "$java" $CAPPED_HEAP "$@"; local noftppid=$GW_PID
	local static="http://$HOST:$NOFTP_GW_PORT/files$SMALL"
	# The JVM needs tens of seconds of load before its JIT has compiled the request path: CPU per
	# request falls about 3x, and the C2 compiler threads still take a quarter of the gateway's CPU
	# after 30 s and are done at about 40 s. Everyone gets the same warm-up.
	for url in "$gw$SMALL" "$gt$SMALL" "$rc$SMALL" "$rc2$SMALL" "$static"; do hey -z "${WARMUP_SECONDS}s" -c 20 "$url" >/dev/null 2>&1; done
	for conc in 20 100; do
		local g=() t=() r=() r2=() gp=() tp=() rp=() r2p=() ce=() ve=() h=() ge=0 te=0 re=0 r2e=0 rps p99 err
		for rep in $(seq 0 $((REPS - 1))); do
			for v in $(rotated 5 "$rep"); do
				case $v in
				0) read -r rps p99 err < <(hey_run "$gw$SMALL" "$conc"); g+=("$rps"); gp+=("$p99"); ge=$((ge + err)) ;;
				1) read -r rps p99 err < <(hey_run "$gt$SMALL" "$conc"); t+=("$rps"); tp+=("$p99"); te=$((te + err)) ;;
				2) read -r rps p99 err < <(hey_run "$rc$SMALL" "$conc"); r+=("$rps"); rp+=("$p99"); re=$((re + err)) ;;
				3) read -r rps p99 err < <(hey_run "$rc2$SMALL" "$conc"); r2+=("$rps"); r2p+=("$p99"); r2e=$((r2e + err)) ;;
				4) read -r rps p99 err < <(hey_run "$static" "$conc"); h+=("$rps") ;;
				esac
			done
			if [ -n "$JMH_CP" ]; then
				ce+=("$(ceiling_run "$name" "$conc" retrieveSmallFile)")
				ve+=("$(ceiling_run "$name" "$conc" validateSmallFile)")
			fi
		done
		local best; best=$(printf '%s\n' "$(med "${r[@]}")" "$(med "${r2[@]}")" | sort -g | tail -1)
		M[$k|c$conc]="$(fmt "$(med "${g[@]}")") | $(fmt "$(med "${gp[@]}")" 1) | $ge | $(fmt "$(med "${t[@]}")") | $(fmt "$(med "${tp[@]}")" 1) | $te | $(ratio "$(med "${t[@]}")" "$best") | $(fmt "$(med "${r[@]}")") | $(fmt "$(med "${rp[@]}")" 1) | $re | $(fmt "$(med "${r2[@]}")") | $(fmt "$(med "${r2p[@]}")" 1) | $r2e | $(ratio "$(med "${g[@]}")" "$best") | $( [ -n "$JMH_CP" ] && cell "${ce[@]}" || echo -) | $( [ -n "$JMH_CP" ] && ratio "$(med "${ce[@]}")" "$best" || echo -) | $( [ -n "$JMH_CP" ] && cell "${ve[@]}" || echo -) | $( [ -n "$JMH_CP" ] && ratio "$(med "${ve[@]}")" "$best" || echo -) | $( [ -n "$JMH_CP" ] && ratio "$(med "${g[@]}")" "$(med "${ve[@]}")" || echo -) | $(cell "${h[@]}") | $(ratio "$(med "${h[@]}")" "$best") | $(ratio "$(med "${g[@]}")" "$(med "${h[@]}")")"
	done
	stop_pid "$tunedpid"
	stop_pid "$noftppid"
	fi
	if wants mixed; then
	log "$tag: 1 KiB GETs of 1,000 different files, gateway / rclone / rclone --ftp-concurrency $POOL / no-FTP gateway, x$REPS"
	GATEWAY_ENV="${GATEWAY_ENV:-} FTP_GATEWAY_CACHE_MAX_STALE=1h" \
		start_gateway "$name" "$NOFTP_GW_PORT" "$java" $CAPPED_HEAP "$@"; local mixednoftppid=$GW_PID
	local mixedstatic="http://$HOST:$NOFTP_GW_PORT/files"
	for url in "$gw" "$rc" "$rc2" "$mixedstatic"; do wrk_run "$url" 20 "$WARMUP_SECONDS" >/dev/null; done
	for conc in 20 100; do
		local g=() gp=() r=() rp=() r2=() r2p=() h=() hc=() sf=() ge=0 re=0 r2e=0 rps p99 err cpu
		for rep in $(seq 0 $((REPS - 1))); do
			for v in $(rotated 5 "$rep"); do
				case $v in
				0) read -r rps p99 err < <(wrk_run "$gw" "$conc"); g+=("$rps"); gp+=("$p99"); ge=$((ge + err)) ;;
				1) read -r rps p99 err < <(wrk_run "$rc" "$conc"); r+=("$rps"); rp+=("$p99"); re=$((re + err)) ;;
				2) read -r rps p99 err < <(wrk_run "$rc2" "$conc"); r2+=("$rps"); r2p+=("$p99"); r2e=$((r2e + err)) ;;
				3) read -r rps p99 err cpu < <(wrk_cpu_run "$mixedstatic" "$conc"); h+=("$rps"); hc+=("$cpu") ;;
				4) sf+=("$(check_floor_ms "$name")") ;;
				esac
			done
		done
		local best; best=$(printf '%s\n' "$(med "${r[@]}")" "$(med "${r2[@]}")" | sort -g | tail -1)
		# Every request for a different file needs the server to answer a check of that file, so
		# the machine can at most answer its cores' time over the no-FTP path's CPU per request
		# plus the server's per file checked, and no more than the no-FTP path itself.
		local floor; floor=$(awk -v c="$(nproc)" -v h="$(med "${hc[@]}")" -v s="$(med "${sf[@]}")" -v x="$(med "${h[@]}")" \
			'BEGIN { if (h == "-" || s == "-" || x == "-" || h + s <= 0) { print "-"; exit }
				v = c * 1000 / (h + s); if (v > x) v = x; printf "%.0f", v }')
		M[$k|m$conc]="$(cell "${g[@]}") | $(fmt "$(med "${gp[@]}")" 1) | $ge | $(cell "${r[@]}") | $(fmt "$(med "${rp[@]}")" 1) | $re | $(cell "${r2[@]}") | $(fmt "$(med "${r2p[@]}")" 1) | $r2e | $(ratio "$(med "${g[@]}")" "$best") | $(cell "${h[@]}") | $(ratio "$(med "${h[@]}")" "$best") | $(ratio "$(med "${g[@]}")" "$(med "${h[@]}")") | $(DIGITS=3 cell "${hc[@]}") | $(DIGITS=4 cell "${sf[@]}") | $floor | $(ratio "$floor" "$best") | $(ratio "$(med "${g[@]}")" "$floor")"
	done
	stop_pid "$mixednoftppid"
	fi
	M[$k|rss]="$(rss_mb "$gwpid") / $(hwm_mb "$gwpid") | $(rss_mb "$rcpid") / $(hwm_mb "$rcpid")"

	if [ "$tag" = "$first" ] && wants memory; then
		log "$tag: RSS of the gateway under 100 concurrent downloads of 100 MiB"
		local before; before=$(hwm_mb "$gwpid")
		hey -n 100 -c 100 -t 120 "$gw/big/100MiB.bin" >"$WORK/hey-big.txt" 2>&1
		M[$k|rss100]="$(awk '/\[200\]/{print $2}' "$WORK/hey-big.txt") of 100 | $before | $(hwm_mb "$gwpid") | $(rss_mb "$gwpid")"
	fi
	stop_pid "$copypid"; stop_pid "$splicepid"; stop_pid "$rc2pid"; stop_pid "$rcpid"; stop_pid "$gwpid"
}

for name in $SERVERS; do
	bench_server "$name" "$JAVA" "$name"
done

# 1 GiB down and up through a gateway limited to a 64 MiB heap
small_get= small_put= small_rss= capped_rss=
if wants memory; then
log "$first: 1 GiB GET and PUT at -Xmx64m"
start_gateway "$first" "$GW_PORT" "$JAVA" -Xmx64m
small_get=$(get_mbs "http://$HOST:$GW_PORT/files$BIG")
small_put=$(put_mbs "http://$HOST:$GW_PORT/files/upload/bench-64m.bin")
[ "$(ftp_size "$(port_of "$first")" /upload/bench-64m.bin)" = "$BIGSZ" ] || small_put=
ftp_delete "$(port_of "$first")" bench-64m.bin
small_rss="$(hwm_mb "$GW_PID")"
stop_pid "$GW_PID"
# The same 100 concurrent downloads with the heap capped as a container limit would cap it
log "$first: RSS under 100 concurrent downloads at $CAPPED_HEAP"
start_gateway "$first" "$GW_PORT" "$JAVA" $CAPPED_HEAP
hey -z 2s -c 20 "http://$HOST:$GW_PORT/files$SMALL" >/dev/null 2>&1
hey -n 100 -c 100 -t 120 "http://$HOST:$GW_PORT/files/big/100MiB.bin" >"$WORK/hey-big-capped.txt" 2>&1
capped_rss="$(awk '/\[200\]/{print $2}' "$WORK/hey-big-capped.txt") of 100 completed, peak RSS $(hwm_mb "$GW_PID") MB"
stop_pid "$GW_PID"
fi

alt_version=
if [ -n "$ALT_JAVA_HOME" ]; then
	alt_version=$("$ALT_JAVA_HOME/bin/java" -version 2>&1 | head -1)
	log "$first on $alt_version with virtual threads"
	GATEWAY_ENV=SPRING_THREADS_VIRTUAL_ENABLED=true bench_server "$first" "$ALT_JAVA_HOME/bin/java" "$first-vt"
fi

# ---------------------------------------------------------------- JMH: the client alone
jmh_table=
if [ "$JMH" = 1 ]; then
	log "JMH: FtpClient.retrieveBinary vs Commons Net retrieveFileStream on $first"
	timeout 900 "$JAVA" -cp "$JMH_CP" \
		org.openjdk.jmh.Main '^dev.ftpgateway.bench.RetrieveBenchmark' -f "${JMH_FORKS:-1}" -wi 2 -w 3s -i "${JMH_ITERATIONS:-6}" -r 3s \
		-p port="$(port_of "$first")" -rf csv -rff "$WORK/jmh.csv" >"$WORK/jmh.log" 2>&1 || log "JMH failed (see $WORK/jmh.log)"
	# One row per block size: the two clients ran side by side in one JMH group (see RetrieveBenchmark)
	jmh_table=$(awk -F, 'NR>1 && $1 ~ /:/ { gsub(/"/, ""); b=$1; sub(/.*:/, "", b); mbs[$8 "|" b]=$5*104.8576; ci[$8 "|" b]=$6*104.8576; sizes[$8]=1 }
		END { for (s in sizes) { o=mbs[s "|ftpClientRetrieveBinary"]; c=mbs[s "|commonsNetRetrieveFileStream"];
			printf "| %s | %.0f ± %.0f | %.0f ± %.0f | %.2f |\n", s, o, ci[s "|ftpClientRetrieveBinary"], c, ci[s "|commonsNetRetrieveFileStream"], (c > 0 ? o / c : 0) } }' "$WORK/jmh.csv" 2>/dev/null | sort -t'|' -k2 -n)
fi

# ---------------------------------------------------------------- report
{
	echo "# ftp-gateway benchmark - $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo
	echo "Reproduce: \`src/bench/bench.sh\` (settings at its top). Commit $(cd "$ROOT" && git rev-parse --short HEAD)$(cd "$ROOT" && git diff --quiet HEAD -- src/main || echo ' + local changes')."
	echo
	echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo) memory, kernel $(uname -r)."
	echo "JDK: $("$JAVA" -version 2>&1 | head -1)${alt_version:+; second JDK: $alt_version}."
	echo "Tools: $(curl --version | head -1 | cut -d' ' -f1-2), $(rclone version 2>/dev/null | head -1), hey $(dpkg-query -W -f='${Version}' hey 2>/dev/null), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)."
	echo "Gateway: as shipped (application defaults, \`$CAPPED_HEAP\`, the heap the image gives a pod with the chart's 512Mi limit); a second one with pool $POOL and the default heap in the 1 KiB GET runs."
	echo
	echo "Method: everything on 127.0.0.1, clients, gateway, rclone and FTP servers sharing the same $(nproc) cores."
	echo "Each comparison runs its variants alternately (A B C A B C ...) $REPS times in one run, the 1 KiB GETs starting one"
	echo "variant later in each repetition (A B C, B C A, ...); cells are"
	echo "medians [individual runs]; MB/s = 10^6 bytes/s; ratios divide medians."
	echo
	echo "Relays (\`src/bench/relay.py\`): the least work any HTTP-to-FTP gateway can do per byte, as a yardstick."
	echo "splice = data socket -> pipe -> client socket with splice(2), bytes never in user space (no JVM can do"
	echo "this); copy = one recv/send loop through a 1 MiB user-space buffer, as every socket-reading gateway must."
	echo
	echo "## GET 1 GiB (MB/s)"
	echo
	echo "| server | raw curl ftp:// | rclone serve http | splice relay | copy relay | gateway | gateway / max(raw, rclone) | gateway / copy relay | splice relay / raw |"
	echo "|---|---|---|---|---|---|---|---|---|"
	for t in $SERVERS ${alt_version:+$first-vt}; do echo "| $t | ${M[$t|get_raw]:--} | ${M[$t|get_rc]:--} | ${M[$t|get_splice]:--} | ${M[$t|get_copy]:--} | ${M[$t|get_gw]:--} | ${M[$t|get_ratio]:--} | ${M[$t|get_ratio_copy]:--} | ${M[$t|get_ratio_splice]:--} |"; done
	echo
	echo "## PUT 1 GiB (MB/s; rclone serve http cannot upload)"
	echo
	echo "gateway = as shipped, every PUT hashed with SHA-256 for its Repr-Digest; without digest ="
	echo "\`ftp-gateway.transfer.digest-every-upload=false\`, the same jar and heap."
	echo
	echo "| server | raw curl -T ftp:// | splice relay | copy relay | gateway | gateway without digest | gateway / raw | gateway / copy relay | without digest / copy relay | splice relay / raw |"
	echo "|---|---|---|---|---|---|---|---|---|---|"
	for t in $SERVERS; do echo "| $t | ${M[$t|put_raw]:--} | ${M[$t|put_splice]:--} | ${M[$t|put_copy]:--} | ${M[$t|put_gw]:--} | ${M[$t|put_nodigest]:--} | ${M[$t|put_ratio]:--} | ${M[$t|put_ratio_copy]:--} | ${M[$t|put_ratio_nodigest_copy]:--} | ${M[$t|put_ratio_splice]:--} |"; done
	echo
	echo "## 1 KiB GETs, hey -z ${HEY_SECONDS}s, keep-alive (req/s, p99 ms, non-200 responses summed over runs)"
	echo
	echo "rclone = \`rclone serve http\` with defaults (\`--ftp-concurrency 0\`: one FTP connection per concurrent request);"
	echo "rclone-cc = the same with \`--ftp-concurrency $POOL\`."
	echo
	echo "Ceilings: as many logged-in sessions as clients in a loop with no HTTP at all (JMH \`SmallFileCeilingBenchmark\`,"
	echo "run in turn with the others). RETR/s = fetching the file: no gateway that fetches each request over FTP can"
	echo "answer more. validate/s = checking its size and modification time as the gateway validates a cached copy"
	echo "(MLST, or SIZE and MDTM sent together): no gateway that asks the server on every request, as the shipped"
	echo "freshness setting does (\`cache.max-stale\` 0), can answer more. best rclone = the faster of rclone and rclone-cc."
	echo "no-FTP/s = a third gateway as shipped but for \`cache.max-stale\` 1h, answering the same file from its cache"
	echo "with no FTP command at all: the same route, Jetty, Spring Security, metrics and access log, what the gateway"
	echo "can at most answer on this machine; when no-FTP / best rclone is below 3, no cache or FTP work can reach 3x rclone."
	echo
	echo "gateway = as shipped (application defaults, the default pool, \`$CAPPED_HEAP\`: the headline);"
	echo "gateway-$POOL = the same with \`pool.max-total\` and \`max-idle\` at $POOL and the default heap."
	echo
	echo "| server | clients | gateway req/s | p99 | err | gateway-$POOL req/s | p99 | err | gateway-$POOL / best rclone | rclone req/s | p99 | err | rclone-cc req/s | p99 | err | gateway / best rclone | ceiling RETR/s | RETR ceiling / best rclone | ceiling validate/s | validate ceiling / best rclone | gateway / validate ceiling | no-FTP/s | no-FTP / best rclone | gateway / no-FTP |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
	for t in $SERVERS ${alt_version:+$first-vt}; do for conc in 20 100; do echo "| $t | $conc | ${M[$t|c$conc]:--} |"; done; done
	echo
	echo "## 1 KiB GETs of 1,000 different files (req/s, p99 ms, failed requests summed over runs)"
	echo
	echo "wrk (\`src/bench/different-files.lua\`, \`-d ${HEY_SECONDS}s\`, keep-alive): each request asks for the next of the"
	echo "lab's 1,000 files small/f0001.bin .. f1000.bin, so the requests in flight are for different files: the gateway"
	echo "checks the cached copies of those that wait for a session together, up to 32 files in one round trip."
	echo "gateway = as shipped; no-FTP = as shipped but for \`cache.max-stale\` 1h; rclone and rclone-cc as above."
	echo
	echo "no-FTP CPU/req = the whole machine's CPU milliseconds per request during the no-FTP runs (wrk, gateway, kernel);"
	echo "server CPU/file = the FTP server's CPU milliseconds per file in \`src/bench/check_floor.py\`'s checks (MLST, or SIZE and"
	echo "MDTM, 32 files at once on 4 sessions, as the gateway sends them; the machine's CPU less the script's own, the kernel's"
	echo "loopback work of the exchange included, which any client's check costs too);"
	echo "CPU ceiling = $(nproc) cores / (no-FTP CPU/req + server CPU/file), at most no-FTP/s: what the machine can answer at"
	echo "most when every request for a different file costs what this gateway's HTTP path costs with no FTP plus the server's"
	echo "answer to a check of that file, with both cores busy all the time and the gateway's own work for the check left out."
	echo "Where CPU ceiling / best rclone is below 3, this gateway cannot reach 3x rclone on this machine while it checks each"
	echo "requested file with its own command (MLST, or SIZE and MDTM), as the default freshness and issue 23 have it; a"
	echo "cheaper HTTP path, or one listing that answers for many files of a folder at once, are not covered by it."
	echo
	echo "| server | clients | gateway req/s | p99 | err | rclone req/s | p99 | err | rclone-cc req/s | p99 | err | gateway / best rclone | no-FTP/s | no-FTP / best rclone | gateway / no-FTP | no-FTP CPU/req | server CPU/file | CPU ceiling/s | CPU ceiling / best rclone | gateway / CPU ceiling |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
	for t in $SERVERS ${alt_version:+$first-vt}; do for conc in 20 100; do echo "| $t | $conc | ${M[$t|m$conc]:--} |"; done; done
	echo
	echo "## Listing dir10k (seconds per listing)"
	echo
	echo "raw = a fresh \`curl ftp://.../dir10k/\` (connect, login, LIST); raw MLSD = the same with \`-X MLSD\`, which the"
	echo "gateway uses where the server offers it (exact times and types); gateway = GET /files/dir10k/ as JSON on a pooled session;"
	echo "gateway, LIST = the same through a second gateway started with \`ftp-gateway.server.use-mlsd=false\`."
	echo
	echo "| server | raw curl LIST | raw curl MLSD (median) | gateway JSON | gateway first byte | entries | gateway / raw LIST | gateway, LIST (median) | gateway, LIST / raw LIST |"
	echo "|---|---|---|---|---|---|---|---|---|"
	for t in $SERVERS; do echo "| $t | ${M[$t|list_raw]:--} | ${M[$t|list_mlsd]:--} | ${M[$t|list_gw]:--} | ${M[$t|list_gw_ttfb]:--} | ${M[$t|list_entries]:--} | ${M[$t|list_ratio]:--} | ${M[$t|list_gw_list]:--} | ${M[$t|list_ratio_list]:--} |"; done
	echo
	echo "## Memory"
	echo
	echo "- Gateway at \`-Xmx64m\` on $first: 1 GiB GET ${small_get:-FAILED} MB/s, 1 GiB PUT ${small_put:-FAILED} MB/s, peak RSS ${small_rss:--} MB."
	echo "- 100 concurrent GETs of big/100MiB.bin on $first (hey -n 100 -c 100), the gateway as shipped (\`$CAPPED_HEAP\`):"
	echo "  completed | gateway peak RSS before (MB) | peak RSS after | RSS after: ${M[$first|rss100]:--}"
	echo "- The same at \`$CAPPED_HEAP\` (the heap the Docker image and Helm chart give a pod: 25 % of the chart's 512Mi limit): ${capped_rss:--}."
	echo
	echo "| server | gateway RSS / peak after the runs above (MB) | rclone RSS / peak (MB) |"
	echo "|---|---|---|"
	for t in $SERVERS ${alt_version:+$first-vt}; do echo "| $t | ${M[$t|rss]:--} |"; done
	if [ -n "$jmh_table" ]; then
		echo
		echo "## Client library alone (JMH, $first, 100 MiB per operation, logged-in session, MB/s ± 99.9% CI)"
		echo
		echo "Both clients download at the same time (one thread each in a JMH group), so they share the machine alike."
		echo
		echo "| block size | FtpClient.retrieveBinary | Commons Net retrieveFileStream | ratio |"
		echo "|---|---|---|---|"
		echo "$jmh_table"
		echo
	fi
} >"$OUT.new"
if [ -f "$OUT" ] && grep -q '^<!-- history -->' "$OUT"; then
	# Keep the hand-written history (before/after of each change) below the latest table.
	sed -n '/^<!-- history -->/,$p' "$OUT" >>"$OUT.new"
fi
mv "$OUT.new" "$OUT"
log "results in $OUT"
cat "$OUT"

#!/usr/bin/env bash
# Walks a running gateway's folder pages the way mirroring tools do: wget -r -np downloads the
# lab's tree/ through them, rclone's http backend lists it, and both are checked against the
# lab's SHA256SUMS (every file, byte for byte, and nothing missing or extra).
# Usage: mirror-check.sh BASE_URL DATA_DIR   (e.g. http://127.0.0.1:18080 /srv/ftplab)
set -euo pipefail

if [ $# -ne 2 ]; then
	echo "usage: $0 BASE_URL DATA_DIR" >&2
	exit 2
fi
base=${1%/}
data=${2%/}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LC_ALL=C

grep -E '^[0-9a-f]{64}  tree/' "$data/SHA256SUMS" | sort >"$work/expected"
count=$(wc -l <"$work/expected")
[ "$count" -gt 0 ] || { echo "FAIL no tree/ entries in $data/SHA256SUMS" >&2; exit 1; }

# Both ask for HTML: a folder answers anyone else (curl, wget and rclone by default) with the
# API's JSON listing.
# --reject-regex: the sort and download links carry a query and lead to the same pages and files.
wget -q -r -np -nH --cut-dirs=1 -e robots=off --reject-regex '[?]' --header 'Accept: text/html' \
	-P "$work/wget" "$base/files/tree/"
# wget keeps each folder's page as index.html; the lab's tree has no file of that name.
find "$work/wget" -name index.html -delete
(cd "$work/wget" && find tree -type f -print0 | xargs -0 sha256sum) | sort >"$work/wget.sums"
if ! diff "$work/expected" "$work/wget.sums" >"$work/wget.diff"; then
	echo "FAIL wget -r -np mirror of tree/ differs from SHA256SUMS:" >&2
	cat "$work/wget.diff" >&2
	exit 1
fi
echo "ok   wget -r -np mirrored $count files of tree/ byte for byte"

: >"$work/rclone.conf"
RCLONE_CONFIG=$work/rclone.conf rclone lsf -R --files-only --http-url "$base/files/tree/" \
	--http-headers 'Accept,text/html' :http: | sed 's|^|tree/|' | sort >"$work/rclone.list"
sed 's/^[0-9a-f]*  //' "$work/expected" | sort >"$work/expected.list"
if ! diff "$work/expected.list" "$work/rclone.list" >"$work/rclone.diff"; then
	echo "FAIL rclone lsf -R of tree/ differs from SHA256SUMS:" >&2
	cat "$work/rclone.diff" >&2
	exit 1
fi
echo "ok   rclone lsf -R listed all $count files of tree/"

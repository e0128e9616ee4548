#!/usr/bin/env bash
# Fetches the Litestream binary that LitestreamReplicationTest (chatstore-reliability) runs, once, and
# prints its path. Needs only curl, tar and sha256sum: the binary comes from the npm registry
# (@flydotio/litestream-linux-x64, which packages the official Litestream release), checked against a
# pinned checksum, into ${CHATSTORE_CACHE:-~/.cache/chatstore}/litestream/<version>/litestream, where
# the test finds it without being told. Linux x86-64 only; elsewhere install Litestream v0.3.x yourself
# and set CHATSTORE_LITESTREAM to its path.
#
#   scripts/litestream.sh && mvn -B verify
set -euo pipefail

PACKAGE_VERSION=1.0.1   # @flydotio/litestream-linux-x64; contains Litestream v0.3.13
LITESTREAM_VERSION=v0.3.13
TARBALL_SHA256=c46209386c8a16b135f61b58bc26b95b7d0d81a02c1548e0b79331a730ce875e
URL="https://registry.npmjs.org/@flydotio/litestream-linux-x64/-/litestream-linux-x64-${PACKAGE_VERSION}.tgz"

dir="${CHATSTORE_CACHE:-$HOME/.cache/chatstore}/litestream/${LITESTREAM_VERSION}"
bin="$dir/litestream"

if [[ -x "$bin" ]] && [[ "$("$bin" version 2>/dev/null)" == "$LITESTREAM_VERSION" ]]; then
    echo "$bin"
    exit 0
fi
if [[ "$(uname -s)/$(uname -m)" != "Linux/x86_64" ]]; then
    echo "scripts/litestream.sh fetches Litestream for Linux x86-64 only, this is $(uname -s)/$(uname -m):" >&2
    echo "install Litestream ${LITESTREAM_VERSION%.*}.x (https://litestream.io/install/) and set CHATSTORE_LITESTREAM to its path." >&2
    exit 1
fi
for tool in curl tar sha256sum; do
    command -v "$tool" >/dev/null || { echo "scripts/litestream.sh needs $tool" >&2; exit 1; }
done

mkdir -p "$dir"
work="$(mktemp -d "$dir/.fetch.XXXXXX")"
trap 'rm -rf "$work"' EXIT
echo "Fetching Litestream ${LITESTREAM_VERSION} from $URL" >&2
curl -fsSL --retry 3 -o "$work/package.tgz" "$URL"
actual="$(sha256sum "$work/package.tgz" | cut -d' ' -f1)"
if [[ "$actual" != "$TARBALL_SHA256" ]]; then
    echo "Checksum mismatch for $URL: expected $TARBALL_SHA256, got $actual" >&2
    exit 1
fi
tar -xzf "$work/package.tgz" -C "$work" package/litestream
chmod +x "$work/package/litestream"
version="$("$work/package/litestream" version)"
if [[ "$version" != "$LITESTREAM_VERSION" ]]; then
    echo "The package holds Litestream $version, expected $LITESTREAM_VERSION" >&2
    exit 1
fi
mv -f "$work/package/litestream" "$bin"
echo "$bin"

#!/bin/sh
# Replaces the vendored Mermaid (mermaid.min.js, its LICENSE and MERMAID_VERSION) with a given
# release from the npm registry, after checking the tarball against the registry's sha512
# integrity hash. The files are committed: builds and CI run offline and the binary embeds
# the theme, so nothing is fetched when ismsbook is built or run.
#
#   theme/assets/vendor/update-mermaid.sh 12.4.0
#
# Needs npm (only to ask the registry for the tarball's address and hash), curl, tar, openssl.
# After running it: update the version in src/render/theme.rs's comment if it names one, build,
# run the browser tests (ISMSBOOK_BROWSER_TESTS=1 cargo test --test browser), commit.
set -eu
version=${1:?usage: $0 VERSION (e.g. 12.4.0)}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

tarball=$(npm view "mermaid@$version" dist.tarball)
integrity=$(npm view "mermaid@$version" dist.integrity)
case $integrity in
  sha512-*) ;;
  *) echo "the registry gives no sha512 integrity for mermaid@$version: $integrity" >&2; exit 1 ;;
esac
curl --fail --silent --show-error --location --output "$tmp/mermaid.tgz" "$tarball"
actual="sha512-$(openssl dgst -sha512 -binary "$tmp/mermaid.tgz" | openssl base64 -A)"
if [ "$actual" != "$integrity" ]; then
  echo "mermaid@$version: the tarball's hash $actual is not the registry's $integrity" >&2
  exit 1
fi
tar -xzf "$tmp/mermaid.tgz" -C "$tmp" package/dist/mermaid.min.js package/LICENSE
# dist/mermaid.min.js is the self-contained IIFE build (window.mermaid): it works from a plain
# <script> tag, also from file:// where ES modules cannot be imported.
cp "$tmp/package/dist/mermaid.min.js" "$here/mermaid.min.js"
cp "$tmp/package/LICENSE" "$here/MERMAID-LICENSE"
printf 'mermaid %s\n%s\n%s\n' "$version" "$tarball" "$integrity" >"$here/MERMAID_VERSION"
echo "mermaid $version: $(wc -c <"$here/mermaid.min.js") bytes in $here/mermaid.min.js"

#!/usr/bin/env bash
# The shell steps of the versus Action (action.yml at the repository's root), kept here so that
# the tests run them on this machine against a fake release.
#
#   versus.sh install   puts `versus` on the job's PATH: the release binary of VERSUS_VERSION for
#                       this runner, its checksum verified against the release's SHA256SUMS; if
#                       there is none (a branch or commit, no binary for this runner, a failed
#                       download or checksum), builds the Action's own source with cargo.
#   versus.sh build     builds VERSUS_ROOT for VERSUS_BASE_URL, then runs `versus check` on it
#                       (unless VERSUS_CHECK is false), leaving the site alone in
#                       VERSUS_ROOT/output; what the next build goes on from (the history read
#                       from git, highlighted code) is kept in VERSUS_CACHE, which the Action
#                       carries between runs with the Actions cache.
#
# Inputs, as environment variables: VERSUS_VERSION (a tag such as v0.1.0) and
# VERSUS_REPOSITORY (owner/name), each read from the Action's Cargo.toml when empty (GitHub
# leaves github.action_ref and github.action_repository empty in some composite actions),
# VERSUS_SOURCE (the Action's checkout, for both), VERSUS_HOME (where to install), VERSUS_RELEASES (the releases' download address; GitHub's by default), RUNNER_OS
# and RUNNER_ARCH (as GitHub sets them), GITHUB_PATH (the file a step adds PATH entries to).
set -euo pipefail

# The Rust target of a runner, as the release workflow names its archives; empty if none.
target_of() {
  case "$1/$2" in
    Linux/X64) echo x86_64-unknown-linux-gnu ;;
    Linux/ARM64) echo aarch64-unknown-linux-gnu ;;
    macOS/ARM64) echo aarch64-apple-darwin ;;
    Windows/X64) echo x86_64-pc-windows-msvc ;;
    *) echo "" ;;
  esac
}

# A `key = "value"` line of the Action's Cargo.toml: the package's, the first one.
manifest() {
  sed -n "s/^$1 = \"\(.*\)\"\$/\1/p" "${VERSUS_SOURCE:?}/Cargo.toml" | head -n 1
}

sha256_of() {
  if command -v sha256sum >/dev/null; then sha256sum "$1"; else shasum -a 256 "$1"; fi | cut -d' ' -f1
}

# Downloads and unpacks the release archive into $1; fails if anything is missing or wrong.
from_release() {
  local bin="$1" version="$2" target="$3"
  local repository="${VERSUS_REPOSITORY:-$(manifest repository | sed 's#^https://github.com/##')}"
  local releases="${VERSUS_RELEASES:-https://github.com/${repository}/releases/download}"
  local archive="versus-${version}-${target}.tar.gz"
  local tmp
  tmp="$(mktemp -d)"
  curl -fsSL --retry 3 -o "$tmp/$archive" "$releases/$version/$archive" || return 1
  curl -fsSL --retry 3 -o "$tmp/SHA256SUMS" "$releases/$version/SHA256SUMS" || return 1
  local expected actual
  expected="$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1 }' "$tmp/SHA256SUMS")"
  actual="$(sha256_of "$tmp/$archive")"
  if [ -z "$expected" ] || [ "$expected" != "$actual" ]; then
    echo "::warning::$archive does not match its checksum in SHA256SUMS"
    return 1
  fi
  tar -xzf "$tmp/$archive" -C "$bin" || return 1
  rm -rf "$tmp"
}

install() {
  local home="${VERSUS_HOME:?}" version="${VERSUS_VERSION:-}"
  [ -n "$version" ] || version="v$(manifest version)"
  local target
  target="$(target_of "${RUNNER_OS:-Linux}" "${RUNNER_ARCH:-X64}")"
  mkdir -p "$home/bin"
  if [ -n "$target" ] && from_release "$home/bin" "$version" "$target"; then
    echo "versus $version: the release binary for $target"
  else
    echo "versus $version: no release binary for this runner; building from source"
    cargo install --locked --quiet --path "${VERSUS_SOURCE:?}" --root "$home"
  fi
  echo "$home/bin" >>"${GITHUB_PATH:-/dev/null}"
  "$home/bin/versus" --version
}

build() {
  local root="${VERSUS_ROOT:-.}" base_url="${VERSUS_BASE_URL:?}" cache="${VERSUS_CACHE:?}"
  versus build --root "$root" --base-url "$base_url" --cache "$cache"
  if [ "${VERSUS_CHECK:-true}" != false ]; then
    versus check --root "$root" --base-url "$base_url" --cache "$cache"
  fi
  # The marker versus leaves in its output folder is not part of the site.
  rm -f "$root/output/.versus-output"
}

case "${1:-}" in
  install) install ;;
  build) build ;;
  *)
    echo "usage: versus.sh install|build" >&2
    exit 2
    ;;
esac

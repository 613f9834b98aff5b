#!/usr/bin/env bash
# Installs what a fresh machine lacks for building and testing ecs-delivery. Idempotent: each part
# is skipped when its inputs (lock files) have not changed since it was last installed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
cache="$root/.cache"
mkdir -p "$cache/stamps"

log() { printf 'setup: %s\n' "$*"; }

stamp_ok() { [ -f "$cache/stamps/$1" ] && [ "$(cat "$cache/stamps/$1")" = "$2" ]; }
stamp_set() { printf '%s' "$2" > "$cache/stamps/$1"; }
hash_of() { cat "$@" | sha256sum | cut -d' ' -f1; }

# 0. Debian packages for the test bed: Docker engine and CLI, the CNCF registry, and a static
#    busybox to build images from scratch (no image can be pulled here).
need_apt=()
[ -x /usr/sbin/dockerd ] || need_apt+=(docker.io)
[ -x /usr/bin/docker-registry ] || need_apt+=(docker-registry)
[ -x /usr/bin/busybox ] || need_apt+=(busybox-static)
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log "installing ${need_apt[*]} with apt"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi

# 1. Node dependencies, including Node 24 itself (the npm package `node`), when the machine has
#    an older Node. npm runs scripts with node_modules/.bin first on PATH, so `node` is 24 there.
npm_hash=$(hash_of package.json package-lock.json)
if ! stamp_ok npm "$npm_hash" || [ ! -x node_modules/.bin/node ]; then
  log "installing Node dependencies (npm ci)"
  npm ci --no-audit --no-fund
  stamp_set npm "$npm_hash"
fi
node24="$root/node_modules/.bin/node"
if ! "$node24" --version | grep -q '^v24\.'; then
  log "node_modules/.bin/node is not Node 24 ($("$node24" --version)); remove node_modules and re-run"
  exit 1
fi

# 2. The test bed's Python side: moto server, pinned with its dependencies, in a project venv.
py_hash=$(hash_of test/testbed/requirements.txt)
if ! stamp_ok python "$py_hash" || [ ! -x "$cache/venv/bin/moto_server" ]; then
  log "installing moto into .cache/venv"
  python3 -m venv "$cache/venv"
  "$cache/venv/bin/pip" install --quiet --disable-pip-version-check -r test/testbed/requirements.txt
  stamp_set python "$py_hash"
fi

# 3. Go tools for the workflows, built from the Go module proxy into .cache/bin: actionlint lints
#    .github/workflows and examples/workflows; nektos/act runs the example workflow in the e2e tier.
go_bin=$(command -v go || true)
[ -n "$go_bin" ] || [ ! -x /usr/local/go/bin/go ] || go_bin=/usr/local/go/bin/go
tools=(
  "actionlint github.com/rhysd/actionlint/cmd/actionlint@v1.7.12"
  "act github.com/nektos/act@v0.2.89"
)
if [ -n "$go_bin" ]; then
  for entry in "${tools[@]}"; do
    name=${entry%% *}
    module=${entry#* }
    if ! stamp_ok "go-$name" "$module" || [ ! -x "$cache/bin/$name" ]; then
      log "building $name from the Go module proxy ($module)"
      GOBIN="$cache/bin" GOFLAGS=-trimpath "$go_bin" install "$module"
      stamp_set "go-$name" "$module"
    fi
  done
elif [ "${CI:-}" = "true" ]; then
  log "Go is needed in CI to build actionlint and act (install Go 1.24 or newer)"
  exit 1
else
  log "Go is not installed: actionlint and act are not built, and the workflow tests will be skipped"
fi

log "ready: $("$node24" --version), moto $("$cache/venv/bin/python" -c 'import moto; print(moto.__version__)')"

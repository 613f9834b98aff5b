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
#    busybox to build images from scratch (no image can be pulled here); Chromium, in which a test
#    opens the job summary as a person sees it (puppeteer's own browser download fails here).
need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
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
#    ruff and mypy, for the test bed's own lint, go into the same venv (requirements-lint.txt).
py_hash=$(hash_of test/testbed/requirements.txt test/testbed/requirements-lint.txt)
if ! stamp_ok python "$py_hash" || [ ! -x "$cache/venv/bin/moto_server" ] || [ ! -x "$cache/venv/bin/mypy" ]; then
  log "installing moto, ruff and mypy into .cache/venv"
  python3 -m venv "$cache/venv"
  "$cache/venv/bin/pip" install --quiet --disable-pip-version-check \
    -r test/testbed/requirements.txt -r test/testbed/requirements-lint.txt
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

# 4. The builders users have on their runners: docker buildx (a CLI plugin; hosted runners keep it
#    in a system-wide plugin folder) and a BuildKit daemon for the builder setup-buildx-action
#    registers. Both from the Go module proxy at pinned versions into .cache/bin. buildkitd's
#    go.mod has exclude directives, so `go install mod@v` refuses it: it is built inside a copy of
#    its own module folder. In CI a failed build fails the run; locally the buildx tests skip.
buildx_module="github.com/docker/buildx"
buildx_version="v0.38.2"
buildkit_module="github.com/moby/buildkit"
buildkit_version="v0.34.2"
build_builders() {
  if ! stamp_ok go-buildx "$buildx_module@$buildx_version" || [ ! -x "$cache/bin/docker-buildx" ]; then
    log "building docker buildx from the Go module proxy ($buildx_module@$buildx_version; minutes on a fresh machine)"
    local gobin
    gobin=$(mktemp -d)
    GOBIN="$gobin" GOFLAGS="-trimpath -buildvcs=false" "$go_bin" install \
      -ldflags "-X $buildx_module/version.Version=$buildx_version" \
      "$buildx_module/cmd/buildx@$buildx_version" || return 1
    mkdir -p "$cache/bin"
    mv "$gobin/buildx" "$cache/bin/docker-buildx"
    rmdir "$gobin"
    stamp_set go-buildx "$buildx_module@$buildx_version"
  fi
  if ! stamp_ok go-buildkitd "$buildkit_module@$buildkit_version" || [ ! -x "$cache/bin/buildkitd" ]; then
    log "building buildkitd from the Go module proxy ($buildkit_module@$buildkit_version)"
    local src work
    src=$("$go_bin" mod download -json "$buildkit_module@$buildkit_version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
    [ -n "$src" ] && [ -d "$src" ] || return 1
    work=$(mktemp -d)
    cp -r "$src/." "$work/"
    chmod -R u+w "$work"
    mkdir -p "$cache/bin"
    (cd "$work" && GOFLAGS="-mod=mod -trimpath -buildvcs=false" "$go_bin" build \
      -ldflags "-X $buildkit_module/version.Version=$buildkit_version" \
      -o "$cache/bin/buildkitd" ./cmd/buildkitd) || { rm -rf "$work"; return 1; }
    rm -rf "$work"
    stamp_set go-buildkitd "$buildkit_module@$buildkit_version"
  fi
}
# Hosted runners keep buildx in a system-wide plugin folder, where every Docker CLI finds it
# whatever DOCKER_CONFIG says; the test bed's stock-runner set-up needs it there too.
install_buildx_plugin() {
  local plugins=/usr/local/lib/docker/cli-plugins
  if cmp -s "$cache/bin/docker-buildx" "$plugins/docker-buildx"; then return 0; fi
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log "installing docker buildx as a system-wide CLI plugin ($plugins), as on hosted runners"
  $sudo mkdir -p "$plugins" && $sudo install -m 0755 "$cache/bin/docker-buildx" "$plugins/docker-buildx"
}
if [ -n "$go_bin" ]; then
  if ! { build_builders && install_buildx_plugin; }; then
    if [ "${CI:-}" = "true" ]; then
      log "building docker buildx or buildkitd failed; the buildx tests need them"
      exit 1
    fi
    log "building docker buildx or buildkitd failed: the buildx tests will be skipped"
  fi
elif [ "${CI:-}" != "true" ]; then
  log "Go is not installed: docker buildx and buildkitd are not built, and the buildx tests will be skipped"
fi

log "ready: $("$node24" --version), moto $("$cache/venv/bin/python" -c 'import moto; print(moto.__version__)')"

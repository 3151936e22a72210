#!/usr/bin/env bash
# Builds the real servers the `apiserver`- and `workloads`-tagged tests need, into a cache, only when missing:
#   $CACHE/kube-api-test/k8s/<version>-linux-amd64/{kube-apiserver,kubectl,etcd}
#       the layout io.fabric8:kube-api-test reads in offline mode (testDir = $CACHE/kube-api-test);
#       etcd is etcd 3.6 built from source (tools/etcd), stamped in etcd.VERSION
#   $CACHE/kube-api-test/k8s/<version>-linux-amd64/{kube-controller-manager,kube-scheduler}
#       from the same module as the API server (tools/kube), for the `workloads` tests
#   $CACHE/kwok/kwok                                  KWOK, the fake nodes' kubelet (tools/kwok), stamped in VERSION
#   $CACHE/istio/istio-validate                       Istio's own validation code (tools/istio-validate)
#   $CACHE/istio/customresourcedefinitions.gen.yaml   Istio's CRDs, from the same istio.io/api module
#   $CACHE/istio/pilot-discovery                      istiod built from source (tools/istiod), same istio.io/istio
#   $CACHE/istio/xds-client                           the istiod tests' proxyless gRPC client and backends
#   $CACHE/gateway-api/standard-crds.yaml             the Gateway API's standard-channel CRDs (HTTPRoute …),
#                                                     from the sigs.k8s.io/gateway-api module that Istio uses
# CACHE is $GRAY_RELEASE_CACHE, default ~/.cache/gray-release. Needs Go (>= the version in the
# tools' go.mod files).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

CACHE=${GRAY_RELEASE_CACHE:-$HOME/.cache/gray-release}
started=$(date +%s)

step() { echo "kube-binaries: $*"; }
elapsed() { echo "$(( $(date +%s) - $1 )) s"; }

command -v go >/dev/null || { echo "kube-binaries: Go is required to build kube-apiserver (install golang >= 1.26)" >&2; exit 1; }

# The Kubernetes version comes from the wrapper module, so there is one place to bump it.
k8s_tag=$(cd tools/kube && go list -m -f '{{.Version}}' k8s.io/kubernetes)
[[ $k8s_tag =~ ^v([0-9]+)\.([0-9]+)\.([0-9]+)$ ]] || { echo "kube-binaries: cannot read k8s.io/kubernetes version from tools/kube/go.mod" >&2; exit 1; }
k8s_version=${k8s_tag#v}
k8s_major=${BASH_REMATCH[1]}
k8s_minor=${BASH_REMATCH[2]}
k8s_dir=$CACHE/kube-api-test/k8s/$k8s_version-linux-amd64

# Builds the named k8s.io/kubernetes commands (cmd/<name>) of tools/kube into the version folder.
build_kube() {
  local t tmp ldflags pkg name pkgs=()
  t=$(date +%s)
  tmp=$(mktemp -d "$CACHE/.kube-build.XXXXXX")
  # Without these the binaries report a development version instead of the release.
  ldflags="-s -w"
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldflags+=" -X $pkg.gitVersion=$k8s_tag -X $pkg.gitMajor=$k8s_major -X $pkg.gitMinor=$k8s_minor"
    ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
  done
  for name in "$@"; do pkgs+=("k8s.io/kubernetes/cmd/$name"); done
  step "building $* $k8s_tag (slow the first time: several minutes)"
  (cd tools/kube && go build -trimpath -ldflags "$ldflags" -o "$tmp/" "${pkgs[@]}")
  mkdir -p "$k8s_dir"
  for name in "$@"; do mv "$tmp/$name" "$k8s_dir/"; done
  rmdir "$tmp"
  step "built $* in $(elapsed "$t")"
}

# etcd 3.6 from source, not Debian's 3.4: kube-apiserver 1.35 refuses watches from
# resourceVersion 0 on etcd 3.4, and KWOK watches that way. The stamp also replaces a Debian etcd
# copied here by an older version of this script.
etcd_stamp=$(cd tools/etcd && go list -m -f '{{.Path}} {{.Version}}' go.etcd.io/etcd/server/v3)

build_etcd() {
  local t tmp
  t=$(date +%s)
  step "building etcd ($etcd_stamp)"
  mkdir -p "$k8s_dir"
  tmp=$(mktemp -d "$CACHE/.etcd-build.XXXXXX")
  (cd tools/etcd && go build -trimpath -ldflags "-s -w" -o "$tmp/etcd" .)
  mv "$tmp/etcd" "$k8s_dir/etcd"
  rmdir "$tmp"
  echo "$etcd_stamp" > "$k8s_dir/etcd.VERSION"
  step "built $("$k8s_dir/etcd" --version | head -1) in $(elapsed "$t")"
}

kwok_dir=$CACHE/kwok
kwok_stamp=$(cd tools/kwok && go list -m -f '{{.Path}} {{.Version}}' sigs.k8s.io/kwok)
kwok_version=$(cd tools/kwok && go list -m -f '{{.Version}}' sigs.k8s.io/kwok)

build_kwok() {
  local t tmp
  t=$(date +%s)
  step "building kwok ($kwok_stamp)"
  mkdir -p "$kwok_dir"
  tmp=$(mktemp -d "$CACHE/.kwok-build.XXXXXX")
  (cd tools/kwok && go build -trimpath -ldflags "-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=$kwok_version" \
    -o "$tmp/kwok" sigs.k8s.io/kwok/cmd/kwok)
  mv "$tmp/kwok" "$kwok_dir/kwok"
  rmdir "$tmp"
  echo "$kwok_stamp" > "$kwok_dir/VERSION"
  step "built kwok in $(elapsed "$t")"
}

istio_dir=$CACHE/istio
# The stamp records which module versions built the validator and CRDs; a bump rebuilds both.
istio_stamp=$(cd tools/istio-validate && go list -m -f '{{.Path}} {{.Version}}' istio.io/istio istio.io/api | paste -sd ' ')

build_istio() {
  local t api_dir
  t=$(date +%s)
  step "building istio-validate ($istio_stamp)"
  mkdir -p "$istio_dir"
  (cd tools/istio-validate && go build -trimpath -ldflags "-s -w" -o "$istio_dir/istio-validate.tmp" .)
  mv "$istio_dir/istio-validate.tmp" "$istio_dir/istio-validate"
  # The CRDs come from the very istio.io/api version the validator was built with.
  api_dir=$(cd tools/istio-validate && go list -m -f '{{.Dir}}' istio.io/api)
  install -m 0644 "$api_dir/kubernetes/customresourcedefinitions.gen.yaml" "$istio_dir/customresourcedefinitions.gen.yaml"
  echo "$istio_stamp" > "$istio_dir/VERSION"
  step "built istio-validate and copied Istio CRDs in $(elapsed "$t")"
}

# istiod is built from the same istio.io/istio as the validator: the tests check what one version
# of Istio accepts and what that same version's control plane makes of it.
istiod_stamp=$(cd tools/istiod && go list -m -f '{{.Path}} {{.Version}}' istio.io/istio google.golang.org/grpc | paste -sd ' ')
istiod_istio=$(cd tools/istiod && go list -m -f '{{.Version}}' istio.io/istio)
validate_istio=$(cd tools/istio-validate && go list -m -f '{{.Version}}' istio.io/istio)
[[ $istiod_istio == "$validate_istio" ]] || {
  echo "kube-binaries: tools/istiod pins istio.io/istio $istiod_istio but tools/istio-validate pins $validate_istio; pin one version in both" >&2
  exit 1
}
# The client is small and ours: its stamp is its source and the module's checksums.
xds_stamp=$(cat tools/istiod/xds-client/*.go tools/istiod/go.mod tools/istiod/go.sum | sha256sum | cut -d' ' -f1)

build_istiod() {
  local t
  t=$(date +%s)
  step "building istiod (pilot-discovery, $istiod_stamp; slow the first time: several minutes)"
  mkdir -p "$istio_dir"
  (cd tools/istiod && go build -trimpath -ldflags "-s -w" -o "$istio_dir/pilot-discovery.tmp" istio.io/istio/pilot/cmd/pilot-discovery)
  mv "$istio_dir/pilot-discovery.tmp" "$istio_dir/pilot-discovery"
  echo "$istiod_stamp" > "$istio_dir/pilot-discovery.VERSION"
  step "built istiod in $(elapsed "$t")"
}

build_xds_client() {
  local t
  t=$(date +%s)
  step "building xds-client (proxyless gRPC, $istiod_stamp)"
  mkdir -p "$istio_dir"
  (cd tools/istiod && go build -trimpath -ldflags "-s -w" -o "$istio_dir/xds-client.tmp" ./xds-client)
  mv "$istio_dir/xds-client.tmp" "$istio_dir/xds-client"
  echo "$xds_stamp" > "$istio_dir/xds-client.VERSION"
  step "built xds-client in $(elapsed "$t")"
}

# The Gateway API version is the one the pinned Istio builds against, so the CRDs the HTTPRoute
# tests validate against are the ones that Istio version serves.
gateway_dir=$CACHE/gateway-api
gateway_stamp=$(cd tools/istio-validate && go list -m -f '{{.Path}} {{.Version}}' sigs.k8s.io/gateway-api)

copy_gateway_crds() {
  local t module_dir tmp f
  t=$(date +%s)
  step "copying the Gateway API standard-channel CRDs ($gateway_stamp)"
  (cd tools/istio-validate && go mod download sigs.k8s.io/gateway-api)
  module_dir=$(cd tools/istio-validate && go list -m -f '{{.Dir}}' sigs.k8s.io/gateway-api)
  mkdir -p "$gateway_dir"
  tmp=$gateway_dir/standard-crds.yaml.tmp
  : > "$tmp"
  # Only the CustomResourceDefinitions: the channel's ValidatingAdmissionPolicy guards CRD
  # upgrades in a long-lived cluster and has nothing to check in a test server.
  for f in "$module_dir"/config/crd/standard/gateway.networking.k8s.io_*.yaml; do
    grep -q '^kind: CustomResourceDefinition$' "$f" || continue
    { echo "---"; cat "$f"; } >> "$tmp"
  done
  mv "$tmp" "$gateway_dir/standard-crds.yaml"
  echo "$gateway_stamp" > "$gateway_dir/VERSION"
  step "copied the Gateway API CRDs in $(elapsed "$t")"
}

mkdir -p "$CACHE"
if [[ -x $k8s_dir/kube-apiserver && -x $k8s_dir/kubectl ]]; then
  step "kube-apiserver and kubectl $k8s_tag cached in $k8s_dir"
else
  build_kube kube-apiserver kubectl
fi
if [[ -x $k8s_dir/kube-controller-manager && -x $k8s_dir/kube-scheduler ]]; then
  step "kube-controller-manager and kube-scheduler $k8s_tag cached in $k8s_dir"
else
  build_kube kube-controller-manager kube-scheduler
fi
if [[ -x $k8s_dir/etcd && $(cat "$k8s_dir/etcd.VERSION" 2>/dev/null) == "$etcd_stamp" ]]; then
  step "etcd cached in $k8s_dir ($etcd_stamp)"
else
  build_etcd
fi
if [[ -x $kwok_dir/kwok && $(cat "$kwok_dir/VERSION" 2>/dev/null) == "$kwok_stamp" ]]; then
  step "kwok cached in $kwok_dir ($kwok_stamp)"
else
  build_kwok
fi
if [[ -x $istio_dir/istio-validate && -f $istio_dir/customresourcedefinitions.gen.yaml \
      && $(cat "$istio_dir/VERSION" 2>/dev/null) == "$istio_stamp" ]]; then
  step "istio-validate and Istio CRDs cached in $istio_dir ($istio_stamp)"
else
  build_istio
fi
if [[ -x $istio_dir/pilot-discovery && $(cat "$istio_dir/pilot-discovery.VERSION" 2>/dev/null) == "$istiod_stamp" ]]; then
  step "istiod cached in $istio_dir ($istiod_stamp)"
else
  build_istiod
fi
if [[ -x $istio_dir/xds-client && $(cat "$istio_dir/xds-client.VERSION" 2>/dev/null) == "$xds_stamp" ]]; then
  step "xds-client cached in $istio_dir"
else
  build_xds_client
fi
if [[ -f $gateway_dir/standard-crds.yaml && $(cat "$gateway_dir/VERSION" 2>/dev/null) == "$gateway_stamp" ]]; then
  step "Gateway API CRDs cached in $gateway_dir ($gateway_stamp)"
else
  copy_gateway_crds
fi
step "ready in $(elapsed "$started") (cache: $CACHE; tests read it from GRAY_RELEASE_CACHE or ~/.cache/gray-release)"

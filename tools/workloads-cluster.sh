#!/usr/bin/env bash
# Starts by hand the control plane the `workloads` tests use (docs/workloads-cluster.md): etcd,
# kube-apiserver, kube-controller-manager, kube-scheduler and KWOK with three fake nodes, from the
# binaries .ci/kube-binaries.sh cached, everything on 127.0.0.1, and stops it again.
#
#   tools/workloads-cluster.sh start [DIR]   # prints the KUBECONFIG to export
#   tools/workloads-cluster.sh stop [DIR]    # stops the processes it started and removes DIR
#
# DIR (default ${TMPDIR:-/tmp}/gray-release-cluster) holds the kubeconfig, the logs, etcd's data
# and the process ids. Ports: API_PORT (default 6443) and ETCD_PORT (default 2379; its peer port
# is the next one). GRAY_RELEASE_CACHE as for the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

CACHE=${GRAY_RELEASE_CACHE:-$HOME/.cache/gray-release}
k8s_version=$(sed -n 's/^[[:space:]]*k8s\.io\/kubernetes v\([0-9][0-9.]*\)\b.*/\1/p' tools/kube/go.mod | head -1)
BIN=$CACHE/kube-api-test/k8s/$k8s_version-linux-amd64
KWOK=$CACHE/kwok/kwok
STAGES=core/src/test/resources/io/jenkins/plugins/grayrelease/core/it/workloads
API_PORT=${API_PORT:-6443}
ETCD_PORT=${ETCD_PORT:-2379}
LOOPBACK=127.0.0.1

command=${1:-}
dir=${2:-${TMPDIR:-/tmp}/gray-release-cluster}

say() { echo "workloads-cluster: $*"; }
fail() { echo "workloads-cluster: $*" >&2; exit 1; }

# Runs a component in the background, its output in DIR/<name>.log, its pid in DIR/pids.
run() {
  local name=$1
  shift
  "$@" > "$dir/$name.log" 2>&1 &
  echo "$!" >> "$dir/pids"
}

# Polls a command for up to $1 seconds.
wait_for() {
  local seconds=$1 what=$2
  shift 2
  for ((i = 0; i < seconds * 2; i++)); do
    "$@" > /dev/null 2>&1 && return 0
    sleep 0.5
  done
  fail "$what not ready after $seconds s; see the logs in $dir"
}

start() {
  local f token started=$SECONDS
  [[ ! -e $dir ]] || fail "$dir exists: stop that cluster first (tools/workloads-cluster.sh stop $dir)"
  for f in "$BIN/etcd" "$BIN/kube-apiserver" "$BIN/kube-controller-manager" "$BIN/kube-scheduler" "$BIN/kubectl" "$KWOK"; do
    [[ -x $f ]] || fail "$f is missing; build the binaries once with: bash .ci/kube-binaries.sh"
  done
  mkdir -p "$dir/certs"
  : > "$dir/pids"

  run etcd "$BIN/etcd" --name default --data-dir "$dir/etcd" \
    --listen-client-urls "http://$LOOPBACK:$ETCD_PORT" --advertise-client-urls "http://$LOOPBACK:$ETCD_PORT" \
    --listen-peer-urls "http://$LOOPBACK:$((ETCD_PORT + 1))" --initial-advertise-peer-urls "http://$LOOPBACK:$((ETCD_PORT + 1))" \
    --initial-cluster "default=http://$LOOPBACK:$((ETCD_PORT + 1))"

  # The API server's identity: a service-account signing key and one admin token (group
  # system:masters), both made fresh for this cluster; it writes its own serving certificate.
  openssl genrsa -out "$dir/sa.key" 2048 2> /dev/null
  token=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  echo "$token,admin,admin,system:masters" > "$dir/tokens.csv"
  run kube-apiserver "$BIN/kube-apiserver" \
    --etcd-servers "http://$LOOPBACK:$ETCD_PORT" \
    --bind-address "$LOOPBACK" --advertise-address "$LOOPBACK" --secure-port "$API_PORT" --cert-dir "$dir/certs" \
    --token-auth-file "$dir/tokens.csv" --authorization-mode RBAC \
    --service-account-issuer https://kubernetes.default.svc \
    --service-account-key-file "$dir/sa.key" --service-account-signing-key-file "$dir/sa.key" \
    --disable-admission-plugins ServiceAccount --service-cluster-ip-range 10.96.0.0/16 \
    --endpoint-reconciler-type none
  cat > "$dir/kubeconfig" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: workloads
  cluster:
    server: https://$LOOPBACK:$API_PORT
    certificate-authority: $dir/certs/apiserver.crt
users:
- name: admin
  user:
    token: $token
contexts:
- name: workloads
  context:
    cluster: workloads
    user: admin
current-context: workloads
KUBECONFIG
  chmod 600 "$dir/kubeconfig"
  local kubectl=("$BIN/kubectl" --kubeconfig "$dir/kubeconfig")
  wait_for 120 kube-apiserver "${kubectl[@]}" get --raw /readyz

  # The same flags as the tests' WorkloadCluster: no HTTPS endpoints (--secure-port=0), no leader election.
  run kube-controller-manager "$BIN/kube-controller-manager" --kubeconfig "$dir/kubeconfig" \
    --controllers deployment-controller,replicaset-controller,endpointslice-controller,garbage-collector-controller,node-lifecycle-controller,namespace-controller \
    --leader-elect=false --use-service-account-credentials=false --secure-port 0 --bind-address "$LOOPBACK" \
    --node-monitor-period 1s --kube-api-qps 100 --kube-api-burst 200
  run kube-scheduler "$BIN/kube-scheduler" --kubeconfig "$dir/kubeconfig" \
    --leader-elect=false --secure-port 0 --bind-address "$LOOPBACK"
  run kwok "$KWOK" --kubeconfig "$dir/kubeconfig" \
    --manage-all-nodes=false --manage-nodes-with-annotation-selector kwok.x-k8s.io/node=fake \
    --node-ip "$LOOPBACK" --cidr 10.244.0.0/16 --node-lease-duration-seconds 40 \
    --config "$STAGES/node-stages.yaml" --config "$STAGES/pod-stages.yaml" --config "$STAGES/pod-failure-stages.yaml"

  # Istio's and the Gateway API's CRDs, as the tests install them.
  for f in "$CACHE/istio/customresourcedefinitions.gen.yaml" "$CACHE/gateway-api/standard-crds.yaml"; do
    [[ ! -f $f ]] || "${kubectl[@]}" create -f "$f" > /dev/null
  done
  for i in 0 1 2; do
    "${kubectl[@]}" create -f - > /dev/null <<NODE
apiVersion: v1
kind: Node
metadata:
  name: kwok-node-$i
  annotations:
    kwok.x-k8s.io/node: fake
  labels:
    kubernetes.io/hostname: kwok-node-$i
    kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    topology.kubernetes.io/zone: zone-$i
    type: kwok
status:
  allocatable: {cpu: "16", memory: 64Gi, pods: "110"}
  capacity: {cpu: "16", memory: 64Gi, pods: "110"}
NODE
  done
  wait_for 120 "the fake nodes" "${kubectl[@]}" wait --for=condition=Ready node --all --timeout=1s
  say "ready in $((SECONDS - started)) s; logs and data in $dir"
  echo "export KUBECONFIG=$dir/kubeconfig"
}

stop() {
  local pid i
  [[ -f $dir/pids ]] || fail "no cluster started in $dir (no $dir/pids)"
  # The components in reverse order of their start, each by its own process id.
  for pid in $(tac "$dir/pids"); do
    kill "$pid" 2> /dev/null || continue
    for ((i = 0; i < 20; i++)); do
      kill -0 "$pid" 2> /dev/null || break
      sleep 0.5
    done
    kill -9 "$pid" 2> /dev/null || true
  done
  rm -rf "$dir"
  say "stopped; removed $dir"
}

case $command in
  start) start ;;
  stop) stop ;;
  *) fail "usage: tools/workloads-cluster.sh start|stop [DIR]" ;;
esac

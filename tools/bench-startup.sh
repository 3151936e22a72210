#!/usr/bin/env bash
# grayctl's start-up benchmark (issue 22): starts a real kube-apiserver with etcd and the Istio CRDs
# on loopback, then runs `grayctl weight`/`status` through ./grayctl next to `kubectl patch`/`get` of
# the same VirtualService, interleaved, and prints the medians and ratios (GrayctlStartup).
# Needs the real-server binaries: bash .ci/kube-binaries.sh (cached after the first time).
# Arguments go to GrayctlStartup: label=JAR[::NAME=VALUE;...] builds or launcher settings to compare,
# e.g.  tools/bench-startup.sh now=cli/target/grayctl.jar java25=cli/target/grayctl.jar::JAVA_HOME=/opt/jdk-25
# BENCH_RUNS sets the runs per command (default 15); GRAYCTL_AOT_JAVA names a JDK 25 or later to make
# Java 25's AOT cache with (cli/pom.xml's -Dgrayctl.aot.java), to run a variant with JAVA_HOME set to it.
set -euo pipefail
cd "$(dirname "$0")/.."

# The jar, its CDS archive (and AOT cache, see cli/pom.xml), the test classes and their class path.
mvn -B -ntp -q -Dstyle.color=never -pl sandbox,core,cli package dependency:build-classpath -DskipTests \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath ${GRAYCTL_AOT_JAVA:+-Dgrayctl.aot.java="$GRAYCTL_AOT_JAVA"}
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi
exec "$java" -Druns="${BENCH_RUNS:-15}" -Dslf4j.internal.verbosity=ERROR \
    -cp "cli/target/test-classes:cli/target/classes:$(cat cli/target/bench.classpath)" \
    io.jenkins.plugins.grayrelease.cli.bench.GrayctlStartup "$@"

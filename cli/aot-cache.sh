#!/usr/bin/env sh
# Makes Java 25's AOT cache for grayctl (JEP 483/514/515) next to the jar, at package time: runs the
# same training as the class-data-sharing archive (CdsTraining) with -XX:AOTCacheOutput, which records
# and writes the cache in one step (JDK 25 or later). The launcher uses it when this JVM runs grayctl.
# Usage: aot-cache.sh JAR JAVA   (JAVA: a `java` executable or a JDK folder; cli/pom.xml passes
# -Dgrayctl.aot.java, by default the JDK running Maven). Without a JDK 25 or later it only removes a
# cache left from an earlier build, so that no cache older than the jar remains; it never fails the build.
jar=$1
java=$2
[ -d "$java" ] && java="$java/bin/java"
cache="${jar%.jar}.aot"
rm -f "$cache" "$cache.java"

# Feature test rather than version parsing: only JDK 25 and later know this option.
if ! "$java" -XX:AOTCacheOutput="$cache.probe" -version >/dev/null 2>&1; then
    rm -f "$cache.probe"
    exit 0
fi
rm -f "$cache.probe"
# The same JVM options as the launcher's defaults: the JVM uses a cache only under matching options.
if ! "$java" -XX:AOTCacheOutput="$cache" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:aot=off -Xlog:cds=off \
        -cp "$jar" io.jenkins.plugins.grayrelease.cli.CdsTraining "$cache.java.tmp" >/dev/null 2>&1 \
        || [ ! -f "$cache" ]; then
    echo "grayctl: warning: no AOT cache made with $java (the launcher uses the CDS archive or nothing)" >&2
    rm -f "$cache" "$cache.java.tmp"
    exit 0
fi
# The stamp last: the launcher uses the cache only once its JVM is named.
mv "$cache.java.tmp" "$cache.java"

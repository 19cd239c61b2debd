#!/usr/bin/env bash
# Builds, into the Docker engine that DOCKER_HOST names, local stand-ins for the images a machine without a
# registry cannot pull, each from what this machine already has:
#   handoff-standin/jdk         a JDK (the one running the build) + bash and core tools + a copy of the local
#                               Maven repository: the Dockerfile's build stage runs its Maven build on it offline
#   handoff-standin/jre         the same JDK and tools, without the Maven repository: the Dockerfile's runtime
#   handoff-standin/kafka       the JDK + Kafka's jars from embedded-broker/target/lib, with the official
#                               apache/kafka image's contract: KAFKA_* environment variables become
#                               server.properties, CLUSTER_ID formats the storage, /opt/kafka/bin scripts
#   handoff-standin/prometheus  Debian's Prometheus binary, the official image's entry point and paths
# Images are made with `docker import` from a root file system assembled here (no registry, no base image).
# Usage: .ci/compose/standin-images.sh JAVA_HOME REPO_ROOT WORK_DIR
set -euo pipefail
java_home="$1" repo="$2" work="$3"
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$work"

# Programs from this machine, with every shared library ldd names, copied into a root file system.
add_programs() { # rootfs, programs...
  local root="$1" program lib
  shift
  mkdir -p "$root/bin" "$root/usr/bin" "$root/tmp" "$root/etc"
  chmod 1777 "$root/tmp"
  for program in "$@"; do
    local path
    path="$(command -v "$program")"
    cp -L "$path" "$root/usr/bin/$program"
    for lib in $(ldd "$path" 2>/dev/null | grep -o '/[^ ]*' || true); do
      mkdir -p "$root$(dirname "$lib")"
      cp -Ln "$lib" "$root$lib" 2>/dev/null || true
    done
  done
  ln -sf /usr/bin/bash "$root/bin/bash"
  ln -sf /usr/bin/bash "$root/bin/sh"
  echo "root:x:0:0:root:/root:/bin/bash" > "$root/etc/passwd"
  echo "root:x:0:" > "$root/etc/group"
  cp /etc/nsswitch.conf "$root/etc/" 2>/dev/null || true
}

add_jdk() { # rootfs
  local root="$1" lib
  mkdir -p "$root/opt/java"
  cp -a "$java_home" "$root/opt/java/openjdk"
  for lib in $(find "$root/opt/java/openjdk" -name '*.so' -exec ldd {} \; 2>/dev/null | grep -o '/[^ ]*' | sort -u); do
    [ -e "$lib" ] || continue
    mkdir -p "$root$(dirname "$lib")"
    cp -Ln "$lib" "$root$lib" 2>/dev/null || true
  done
}

TOOLS=(bash ls mkdir chown chmod cat sed grep uname tr dirname basename cut head tail find env rm cp mv ln id
       sleep date tee wc sort awk xargs touch readlink)
JAVA_ENV=(--change 'ENV JAVA_HOME=/opt/java/openjdk'
          --change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin')

import() { # rootfs, image, docker-import --change options...
  local root="$1" image="$2"
  shift 2
  tar -C "$root" -c . | docker import "$@" - "$image" >/dev/null
  echo "standin: $image"
}

# The runtime JRE (and the base of the others).
rm -rf "$work/jre" && add_programs "$work/jre" "${TOOLS[@]}" && add_jdk "$work/jre"
import "$work/jre" handoff-standin/jre "${JAVA_ENV[@]}"

# The build JDK: the same, with the Maven repository the build resolves offline from.
rm -rf "$work/jdk" && cp -a "$work/jre" "$work/jdk"
mkdir -p "$work/jdk/root" && cp -a "$HOME/.m2" "$work/jdk/root/.m2"
import "$work/jdk" handoff-standin/jdk "${JAVA_ENV[@]}" --change 'ENV HOME=/root' \
  --change 'ENV MAVEN_ARGS=--offline'

# Kafka, with the official image's environment contract.
rm -rf "$work/kafka" && cp -a "$work/jre" "$work/kafka"
mkdir -p "$work/kafka/opt/kafka/libs" "$work/kafka/opt/kafka/bin" "$work/kafka/opt/kafka/config"
cp "$repo"/embedded-broker/target/lib/*.jar "$work/kafka/opt/kafka/libs/"
cp "$here/kafka-run" "$work/kafka/opt/kafka/bin/run"
cp "$here/kafka-broker-api-versions.sh" "$work/kafka/opt/kafka/bin/kafka-broker-api-versions.sh"
chmod 755 "$work/kafka/opt/kafka/bin/"*
mkdir -p "$work/kafka/var/lib/kafka/data" && chmod 777 "$work/kafka/var/lib/kafka/data"
chown -R 1000:1000 "$work/kafka/opt/kafka"
echo "appuser:x:1000:1000::/home/appuser:/bin/bash" >> "$work/kafka/etc/passwd"
import "$work/kafka" handoff-standin/kafka "${JAVA_ENV[@]}" --change 'USER 1000' \
  --change 'ENTRYPOINT ["/opt/kafka/bin/run"]'

# Prometheus: Debian's binary where the official image keeps it.
rm -rf "$work/prometheus" && add_programs "$work/prometheus" bash prometheus
mkdir -p "$work/prometheus/bin" "$work/prometheus/prometheus" "$work/prometheus/etc/prometheus"
ln -sf /usr/bin/prometheus "$work/prometheus/bin/prometheus"
chmod 777 "$work/prometheus/prometheus"
import "$work/prometheus" handoff-standin/prometheus --change 'WORKDIR /prometheus' \
  --change 'ENTRYPOINT ["/bin/prometheus"]' \
  --change 'CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]'

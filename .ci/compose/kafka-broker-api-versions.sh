#!/usr/bin/env bash
# As the official image's script: asks a broker for its API versions (the compose healthcheck's probe).
cp=$(printf '%s:' /opt/kafka/libs/*.jar)
exec java -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$cp" org.apache.kafka.tools.BrokerApiVersionsCommand "$@"

# One image for every Handoff role: the coordinator (serve) and the agents that run producers and consumers.
# Build:  docker build -t handoff:0.1.0 .      (docker-compose.yml builds it for you)
# The base images are build arguments, for mirrors and for machines without a registry:
#   docker build --build-arg BUILD_IMAGE=my-jdk21 --build-arg RUNTIME_IMAGE=my-jre21 -t handoff:0.1.0 .
ARG BUILD_IMAGE=eclipse-temurin:21-jdk
ARG RUNTIME_IMAGE=eclipse-temurin:21-jre

# --- build: the same Maven build as ./handoff build, on a JDK 21 ---
FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY . .
# One Maven step, with what the build itself needs: a separate dependency:go-offline layer resolves every
# optional and test dependency of every plugin too, and failed here on artifacts the build never uses (it
# had been hidden behind `|| true`). Batch mode without transfer progress: Maven says what it does, one line
# a step, and a failure fails the image build with Maven's own message. Tests are neither run nor compiled
# (maven.test.skip): the image holds none (the same command on a 2-core host: 17 s instead of 20).
RUN ./mvnw -B -ntp -Dmaven.test.skip=true package -pl shared,producer-service,consumer-service,coordinator -am

# --- run: a JRE and the built applications, in the layout the coordinator expects (handoff.home) ---
FROM ${RUNTIME_IMAGE}
WORKDIR /opt/handoff
ENV HOME=/opt/handoff
# Quarkus's aot-jar (the fast-jar's folders, every jar on the class path) in layers: the libraries (which change
# with a dependency) before the applications (which change with every commit), so a code change rebuilds and
# ships only the small layers.
COPY --from=build --chown=10001:10001 /src/producer-service/target/quarkus-app/lib/ producer-service/target/quarkus-app/lib/
COPY --from=build --chown=10001:10001 /src/consumer-service/target/quarkus-app/lib/ consumer-service/target/quarkus-app/lib/
COPY --from=build --chown=10001:10001 /src/coordinator/target/quarkus-app/lib/ coordinator/target/quarkus-app/lib/
COPY --from=build --chown=10001:10001 /src/producer-service/target/quarkus-app/quarkus/ producer-service/target/quarkus-app/quarkus/
COPY --from=build --chown=10001:10001 /src/consumer-service/target/quarkus-app/quarkus/ consumer-service/target/quarkus-app/quarkus/
COPY --from=build --chown=10001:10001 /src/coordinator/target/quarkus-app/quarkus/ coordinator/target/quarkus-app/quarkus/
COPY --from=build --chown=10001:10001 /src/producer-service/target/quarkus-app/app/ producer-service/target/quarkus-app/app/
COPY --from=build --chown=10001:10001 /src/consumer-service/target/quarkus-app/app/ consumer-service/target/quarkus-app/app/
COPY --from=build --chown=10001:10001 /src/coordinator/target/quarkus-app/app/ coordinator/target/quarkus-app/app/
COPY --from=build --chown=10001:10001 /src/producer-service/target/quarkus-app/quarkus-run.jar producer-service/target/quarkus-app/
COPY --from=build --chown=10001:10001 /src/consumer-service/target/quarkus-app/quarkus-run.jar consumer-service/target/quarkus-app/
COPY --from=build --chown=10001:10001 /src/coordinator/target/quarkus-app/quarkus-run.jar coordinator/target/quarkus-app/
# Where runs and agents write their logs: the only directory written at run time (a volume on Kubernetes).
# /keys: the platform's secrets (docker-compose.yml mounts a volume there, which takes this owner).
RUN mkdir -p runs /keys && chown 10001:10001 runs /opt/handoff /keys
# Non-root, by number: Kubernetes' runAsNonRoot can check a numeric user, and no passwd entry is needed.
USER 10001:10001
# serve: the REST API and /q/health; 9000: the metrics of the service an agent runs
EXPOSE 8080 9000
# The serving coordinator is healthy when /q/health/ready says UP. Bash's /dev/tcp, since a JRE image need not
# have curl; agents serve no HTTP of their own, so docker-compose.yml turns the check off for them.
HEALTHCHECK --interval=5s --timeout=3s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${QUARKUS_HTTP_PORT:-8080} && printf 'GET /q/health/ready HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q '\"status\": *\"UP\"' <&3"]
ENTRYPOINT ["java", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dhandoff.home=/opt/handoff", \
            "-jar", "/opt/handoff/coordinator/target/quarkus-app/quarkus-run.jar"]
CMD ["--help"]

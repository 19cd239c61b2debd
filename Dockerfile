# One image for every Handoff role: the coordinator (serve) and the agents that run producers and consumers.
# Build:  docker build -t handoff:0.1.0 .      (compose.yaml builds it for you)

# --- build: the same Maven build as ./handoff build, on a JDK 21 ---
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY shared/pom.xml shared/
COPY embedded-broker/pom.xml embedded-broker/
COPY producer-service/pom.xml producer-service/
COPY consumer-service/pom.xml consumer-service/
COPY coordinator/pom.xml coordinator/
# Dependencies first, in a layer of their own: source edits do not download the world again.
RUN ./mvnw -B -q dependency:go-offline -DexcludeReactor=true || true
COPY . .
RUN ./mvnw -B -q -DskipTests package -pl shared,producer-service,consumer-service,coordinator -am

# --- run: a JRE and the built applications, in the layout the coordinator expects (handoff.home) ---
FROM eclipse-temurin:21-jre
RUN groupadd --system --gid 10001 handoff && useradd --system --uid 10001 --gid handoff --home /opt/handoff handoff
WORKDIR /opt/handoff
COPY --from=build /src/producer-service/target/quarkus-app/ producer-service/target/quarkus-app/
COPY --from=build /src/consumer-service/target/quarkus-app/ consumer-service/target/quarkus-app/
COPY --from=build /src/coordinator/target/quarkus-app/ coordinator/target/quarkus-app/
RUN mkdir runs && chown handoff:handoff runs
USER 10001
# serve: the REST API; 9000: the metrics of the service an agent runs
EXPOSE 8080 9000
ENTRYPOINT ["java", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dhandoff.home=/opt/handoff", \
            "-jar", "/opt/handoff/coordinator/target/quarkus-app/quarkus-run.jar"]
CMD ["--help"]

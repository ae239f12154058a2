# syntax=docker/dockerfile:1
# ftp-gateway container image: build with the Maven wrapper, run on a JRE.
#
#   docker build -t ftp-gateway .
#   docker run --rm -p 8080:8080 -e FTP_GATEWAY_SERVER_HOST=ftp.example.org \
#     -e FTP_GATEWAY_SECURITY_API_KEYS_0_NAME=ci -e FTP_GATEWAY_SECURITY_API_KEYS_0_HASH='{sha256}...' \
#     -e FTP_GATEWAY_SECURITY_API_KEYS_0_SCOPES=read,write ftp-gateway
#
# A container listens on all interfaces, so the gateway starts only with some authentication
# configured (README, "Security"). Without FTP_GATEWAY_SERVER_HOST it serves a scratch folder
# through its embedded FTP server (demo mode); open that to the host with
# -e FTP_GATEWAY_SECURITY_ANONYMOUS_ENABLED=true -e FTP_GATEWAY_SECURITY_ANONYMOUS_SCOPES=read,write,delete.
# Settings are FTP_GATEWAY_* variables; see the operator's guide in README.md.

# ---- build: compile and package with the project's Maven wrapper, then split the jar into layers
FROM eclipse-temurin:21.0.8_9-jdk-noble AS build
WORKDIR /build

# The wrapper and pom first: dependencies resolve in their own layer and are reused until pom.xml changes.
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q dependency:go-offline

# Tests run in CI (.ci/run), not in the image build, which only packages.
COPY src/ src/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q package -DskipTests \
	&& cp $(ls target/ftp-gateway-*.jar | grep -v -- '-ftp-client\.jar$') application.jar

# Spring Boot's layered extraction: application.jar plus lib/, split into dependencies,
# spring-boot-loader, snapshot-dependencies and application, from least to most often changed.
RUN java -Djarmode=tools -jar application.jar extract --layers --destination extracted

# ---- runtime: JRE only, no build tools and no sources
# Java 21+ so that virtual threads can serve the streaming requests.
FROM eclipse-temurin:21.0.8_9-jre-noble

# A fixed numeric UID, so Kubernetes can check runAsNonRoot without reading /etc/passwd.
RUN groupadd --system --gid 10001 ftpgateway \
	&& useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
		--shell /usr/sbin/nologin ftpgateway

WORKDIR /application
# One COPY per layer: a code change rebuilds only the last, small layer.
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./

# Heap follows the container's memory limit; exit on OOM so the orchestrator restarts the pod
# instead of leaving a half-working JVM. Demo mode keeps its folder on /tmp, the only place a
# read-only root filesystem leaves writable.
ENV SPRING_THREADS_VIRTUAL_ENABLED=true \
	JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=25 -XX:+ExitOnOutOfMemoryError" \
	FTP_GATEWAY_EMBEDDED_FOLDER=/tmp/ftp-gateway-demo

USER 10001:10001
EXPOSE 8080
# Probes: /actuator/health/liveness and /actuator/health/readiness on port 8080 (see helm/ftp-gateway).
ENTRYPOINT ["java", "-jar", "application.jar"]

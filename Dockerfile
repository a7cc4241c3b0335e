# Build: Maven with JDK 17; the tests run in the image build too.
FROM maven:3.9-eclipse-temurin-17 AS build
RUN apt-get update -qq && apt-get install -y -qq git >/dev/null \
    && useradd --create-home build && mkdir /src && chown build /src
# The store tests start a real PostgreSQL server, which refuses to run as root: the build runs as a user of its own.
USER build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY commands commands
COPY slack slack
COPY README.md README.md
RUN mvn -B -q package

# Run: a JRE, git (with ssh for git@ remotes) for candidates and the tag command, a non-root user,
# the database on a volume.
FROM eclipse-temurin:17-jre
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends git openssh-client ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --home-dir /home/btr --uid 10001 btr \
    && mkdir -p /data && chown btr /data
WORKDIR /app
COPY --from=build /src/target/btr-bot.jar /app/target/btr-bot.jar
COPY --from=build /src/commands /app/commands
USER btr
ENV BTR_DB=/data/btr.db \
    BTR_GIT_CACHE=/data/git-cache \
    BTR_TAG_COMMAND=/app/commands/tag-release \
    PORT=3000
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
    CMD curl -fsS "http://127.0.0.1:${PORT}/healthz" || exit 1
ENTRYPOINT ["java", "-jar", "/app/target/btr-bot.jar"]
CMD ["serve"]

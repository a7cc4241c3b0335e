#!/usr/bin/env bash
# The replica drill: three `serve` replicas (java -jar target/btr-bot.jar serve, real processes) on one PostgreSQL
# (a real server on loopback, started here), signed /btr commands over Slack's HTTP endpoint of every replica
# (the tests' fake Slack answers), three releases whose daily summaries fall due during the drill, tag runs sent
# to the leader just before it is killed -9, round after round. Prints the hand-overs and each check: every
# summary posted once, every candidate tagged at most once, every answered command's effect in the store.
# Exit 1 on a violation. Takes about 4 minutes.
# Usage: bench/serve-drill.sh [rounds] [seed]   (from a fresh clone; builds the jar and the test classes)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B package -DskipTests
mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  dev.btrbot.bench.ServeDrill "${1:-6}" ${2:+"$2"}

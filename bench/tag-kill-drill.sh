#!/usr/bin/env bash
# The kill -9 drill: a scripted tag run over two repositories (the real bot in a
# JVM of its own, the real commands/tag-release, two bare repositories whose
# pushes take 50 ms to 3 s), the bot killed with SIGKILL at a random moment of it,
# then restarted and the tag retried, round after round. After every restart
# and every retry it checks: recorded tagged <=> every repository carries the
# tag on its signed commit, and no tag on any other commit.
# Prints runs, kills, invariant violations (exit 1 if any).
# Usage: bench/tag-kill-drill.sh [rounds] [seed]   (from a fresh clone; builds the test classes)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile
mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  dev.btrbot.bench.TagKillDrill "${1:-50}" ${2:+"$2"}

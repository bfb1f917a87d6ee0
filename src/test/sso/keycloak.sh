#!/usr/bin/env bash
# A private Keycloak for the single sign-on end-to-end test (KeycloakSsoIT), on a loopback port of
# the caller's choosing, in a directory of its own:
#   keycloak.sh start DIR HTTP_PORT GATEHOUSE_BASE
#       unpacks org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:tar.gz into DIR through Maven
#       (the tarball is cached in ~/.m2; the unpacked server is reused while DIR exists), writes the
#       realm "gatehouse" (realm-gatehouse.json.in, with GATEHOUSE_BASE, e.g. http://127.0.0.1:8080,
#       in the client's redirect URI and back-channel logout URL) to data/import on a fresh
#       development database, starts `kc.sh start-dev` in a process group of its own, waits until
#       the realm's discovery document answers, and prints the process group's id
#   keycloak.sh stop DIR
#       stops that process group (kc.sh and the Java process it runs), and only it
# The bootstrap administrator of the master realm is admin / admin-pw; the client "gatehouse" of
# realm "gatehouse" has the secret gatehouse-client-secret. Java: $KEYCLOAK_JAVA_HOME, else the
# newest Temurin JDK in /usr/lib/jvm (boots Keycloak faster), else $JAVA_HOME or `java` on the PATH.
# The log is DIR/keycloak.log.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version="${KEYCLOAK_VERSION:-26.7.3}"
command="${1:-}"
[ $# -ge 2 ] || { echo "usage: keycloak.sh start DIR HTTP_PORT GATEHOUSE_BASE | keycloak.sh stop DIR" >&2; exit 2; }
dir="$(mkdir -p "$2" && cd "$2" && pwd)"
home="$dir/keycloak-$version"
pidfile="$dir/keycloak.pgid"

unpack() {
  if [ -x "$home/bin/kc.sh" ]; then
    return 0
  fi
  # Outside any project (the plugin would take the project's markers as proof of an earlier unpack),
  # with markers of its own that go away with DIR.
  rm -rf "$dir/.unpack-markers"
  (cd "$dir" && "${MVN:-mvn}" -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
    -Dartifact="org.keycloak:keycloak-quarkus-dist:$version:tar.gz" -DoutputDirectory="$dir" \
    -DmarkersDirectory="$dir/.unpack-markers") >"$dir/unpack.log" 2>&1 \
    || { echo "could not unpack Keycloak $version through Maven; see $dir/unpack.log" >&2; tail -20 "$dir/unpack.log" >&2; exit 1; }
  [ -x "$home/bin/kc.sh" ] || { echo "Maven unpacked no $home/bin/kc.sh; see $dir/unpack.log" >&2; exit 1; }
}

choose_java() {
  if [ -n "${KEYCLOAK_JAVA_HOME:-}" ]; then
    export JAVA_HOME="$KEYCLOAK_JAVA_HOME"
    return 0
  fi
  local temurin
  temurin="$(ls -d /usr/lib/jvm/temurin-*-jdk* 2>/dev/null | sort -V | tail -1 || true)"
  if [ -n "$temurin" ] && [ -x "$temurin/bin/java" ]; then
    export JAVA_HOME="$temurin"
  fi
}

stop() {
  [ -f "$pidfile" ] || return 0
  local pgid
  pgid="$(cat "$pidfile")"
  kill -TERM -- "-$pgid" 2>/dev/null || true
  for _ in $(seq 1 300); do
    kill -0 -- "-$pgid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL -- "-$pgid" 2>/dev/null || true
  rm -f "$pidfile"
}

case "$command" in
  start)
    [ $# -eq 4 ] || { echo "usage: keycloak.sh start DIR HTTP_PORT GATEHOUSE_BASE" >&2; exit 2; }
    port="$3"; gatehouse="${4%/}"
    stop
    unpack
    choose_java
    rm -rf "$home/data/h2" "$home/data/import" "$home/data/tmp"
    mkdir -p "$home/data/import"
    sed -e "s|@GATEHOUSE_BASE@|$gatehouse|g" -e "s|@CLIENT_SECRET@|gatehouse-client-secret|g" \
      "$here/realm-gatehouse.json.in" >"$home/data/import/gatehouse-realm.json"
    # Without job control a background job is not a group leader, so setsid makes kc.sh the leader
    # of a new process group whose id is $!; the Java process (kc.sh's child, or kc.sh itself after
    # an exec) stays in that group.
    KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin-pw \
      setsid "$home/bin/kc.sh" start-dev --http-port="$port" --http-host=127.0.0.1 \
      --hostname="http://127.0.0.1:$port" --import-realm --http-management-port="$((port + 1))" \
      </dev/null >"$dir/keycloak.log" 2>&1 &
    echo $! >"$pidfile"
    pgid="$(cat "$pidfile")"
    discovery="http://127.0.0.1:$port/realms/gatehouse/.well-known/openid-configuration"
    for _ in $(seq 1 600); do
      if curl -fsS -o /dev/null --max-time 2 "$discovery" 2>/dev/null; then
        echo "$pgid"
        exit 0
      fi
      if ! kill -0 -- "-$pgid" 2>/dev/null; then
        echo "Keycloak exited during startup; last lines of $dir/keycloak.log:" >&2
        tail -30 "$dir/keycloak.log" >&2
        rm -f "$pidfile"
        exit 1
      fi
      sleep 0.5
    done
    echo "Keycloak did not answer $discovery in 300 s; last lines of $dir/keycloak.log:" >&2
    tail -30 "$dir/keycloak.log" >&2
    stop
    exit 1
    ;;
  stop)
    stop
    ;;
  *)
    echo "usage: keycloak.sh start DIR HTTP_PORT GATEHOUSE_BASE | keycloak.sh stop DIR" >&2
    exit 2
    ;;
esac

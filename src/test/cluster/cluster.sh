#!/usr/bin/env bash
# A Gatehouse cluster on one machine, for the cluster test (ClusterIT), the benchmark's two-node
# step and README's "Running a cluster": a PostgreSQL of its own, two Gatehouse nodes (WildFly or
# Payara Micro, the same WAR with gatehouse.cluster.enabled=true) and HAProxy in front of them.
# It stops only what it started, by the PIDs it wrote to its state directory.
#
#   src/test/cluster/cluster.sh up               # start everything, wait until both nodes serve
#   src/test/cluster/cluster.sh down             # stop everything this script started
#   src/test/cluster/cluster.sh kill a           # kill -9 node a (or b)
#   src/test/cluster/cluster.sh stop a           # stop node a gracefully
#   src/test/cluster/cluster.sh start a          # start node a again and wait until it serves
#
# Needs a built WAR (target/gatehouse.war) and, for WildFly, the PostgreSQL WildFly of
# `mvn -Ppostgres package` (target/it-server-postgres); for Payara, payara-micro.jar and
# postgresql.jar (`mvn -Ppayara,postgres verify` stages both in target/payara). Debian packages:
# haproxy, postgresql (initdb, pg_ctl).
#
# Environment (defaults in brackets):
#   CLUSTER_SERVER      wildfly or payara [wildfly]
#   CLUSTER_DIR         state and logs [target/cluster]
#   CLUSTER_PG_PORT     the PostgreSQL this script starts [20810]
#   CLUSTER_DB_URL      a database to use instead of starting a PostgreSQL (user GATEHOUSE_DB_USER
#                       [postgres], password GATEHOUSE_DB_PASSWORD)
#   CLUSTER_PROXY_PORT  HAProxy, the cluster's one address [20800]
#   CLUSTER_A_PORT, CLUSTER_B_PORT  the nodes' HTTP ports [8930, 8950 on WildFly; 8988, 20881 on Payara]
#   CLUSTER_NODE_OPTS   more -D settings for both nodes, e.g. "-Dgatehouse.rate-limits.enabled=false"
#   JBOSS_HOME          the WildFly to run [target/it-server-postgres]
#   PAYARA_DIR          where payara-micro.jar and postgresql.jar are [target/payara]
#   CLUSTER_START_SECONDS  how long a node may take to serve [900]
#   CLUSTER_WAR         the WAR the nodes run [target/gatehouse.war]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
SERVER="${CLUSTER_SERVER:-wildfly}"
DIR="${CLUSTER_DIR:-$ROOT/target/cluster}"
PG_PORT="${CLUSTER_PG_PORT:-20810}"
PROXY_PORT="${CLUSTER_PROXY_PORT:-20800}"
if [ "$SERVER" = payara ]; then
  A_PORT="${CLUSTER_A_PORT:-8988}"; B_PORT="${CLUSTER_B_PORT:-20881}"
else
  A_PORT="${CLUSTER_A_PORT:-8930}"; B_PORT="${CLUSTER_B_PORT:-8950}"
fi
JBOSS_HOME="${JBOSS_HOME:-$ROOT/target/it-server-postgres}"
PAYARA_DIR="${PAYARA_DIR:-$ROOT/target/payara}"
WAR="${CLUSTER_WAR:-$ROOT/target/gatehouse.war}"
# The keys every node must share (gatehouse.cluster.enabled requires them); test values only.
REFRESH_SECRET="cluster-test-refresh-secret-0123456789abcdef"
MACAROON_KEY="cluster-test-macaroon-key-0123456789abcdef"
SHARED_SECRET="cluster-test-shared-secret-0123456789"

log() { echo "[cluster $(date +%H:%M:%S)] $*" >&2; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Runs a PostgreSQL server binary as the postgres user when this is root (PostgreSQL refuses root).
as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1; }

# The PostgreSQL's data lives in a new directory under /tmp, which the postgres user can always
# reach (a checkout under /root could not be), and is deleted when it stops.
start_postgres() {
  if [ -n "${CLUSTER_DB_URL:-}" ] || alive "$DIR/pg.pid"; then return; fi
  local data; data="$(mktemp -d /tmp/gatehouse-cluster-pg.XXXXXX)"
  echo "$data" >"$DIR/pg.dir"
  [ "$(id -u)" = 0 ] && chown postgres "$data"
  as_postgres "$(pg_bin)/initdb" -D "$data" -A trust -U postgres >"$DIR/pg-initdb.log" 2>&1
  as_postgres "$(pg_bin)/pg_ctl" -D "$data" -o "-p $PG_PORT -k $data -c listen_addresses=127.0.0.1" \
    -l "$data/log" -w start >/dev/null
  head -n 1 "$data/postmaster.pid" >"$DIR/pg.pid"
  createdb -h 127.0.0.1 -p "$PG_PORT" -U postgres gatehouse
  log "PostgreSQL on 127.0.0.1:$PG_PORT, pid $(cat "$DIR/pg.pid"), data in $data"
}

stop_postgres() {
  [ -f "$DIR/pg.dir" ] || return 0
  local data; data="$(cat "$DIR/pg.dir")"
  if alive "$DIR/pg.pid"; then
    as_postgres "$(pg_bin)/pg_ctl" -D "$data" -m fast -w stop >/dev/null
    log "PostgreSQL stopped"
  fi
  rm -rf "$data"
  rm -f "$DIR/pg.pid" "$DIR/pg.dir"
}

node_port() { if [ "$1" = a ]; then echo "$A_PORT"; else echo "$B_PORT"; fi; }

settings() {
  echo "-Dgatehouse.cluster.enabled=true -Dgatehouse.tokens.refresh-secret=$REFRESH_SECRET" \
       "-Dgatehouse.tokens.macaroon.secret-key=$MACAROON_KEY -Dgatehouse.registration.enabled=true" \
       "-Dgatehouse.registration.shared-secret=$SHARED_SECRET -Dgatehouse.http.trusted-proxies=127.0.0.1" \
       "-Dgatehouse.login-token.enabled=true ${CLUSTER_NODE_OPTS:-}"
}

launch_node() {
  local name="$1" port; port="$(node_port "$1")"
  local home="$DIR/node-$name" pidfile="$DIR/node-$name.pid"
  if alive "$pidfile"; then return; fi
  export GATEHOUSE_DB_URL="${CLUSTER_DB_URL:-jdbc:postgresql://127.0.0.1:$PG_PORT/gatehouse}"
  export GATEHOUSE_DB_USER="${GATEHOUSE_DB_USER:-postgres}"
  # WildFly refuses an empty datasource password; trust authentication ignores it.
  export GATEHOUSE_DB_PASSWORD="${GATEHOUSE_DB_PASSWORD:-trust-authentication-ignores-it}"
  # shellcheck disable=SC2046
  if [ "$SERVER" = payara ]; then
    # A fresh instance directory on every start: one kept from an earlier start redeploys the WAR
    # before the post-boot commands have made PostgreSQL the default datasource.
    rm -rf "$home/root"
    mkdir -p "$home"
    java $(settings) -Xmx512m -jar "$PAYARA_DIR/payara-micro.jar" --nocluster --port "$port" --rootDir "$home/root" \
      --addLibs "$PAYARA_DIR/postgresql.jar" \
      --prebootcommandfile "$ROOT/server-config/payara/pre-boot-commands.asadmin" \
      --postbootcommandfile "$ROOT/server-config/payara/post-boot-postgres.asadmin" \
      --deploy "$WAR" >"$home.log" 2>&1 &
    echo $! >"$pidfile"
  else
    local offset=$((port - 8080))
    if [ ! -d "$home" ]; then
      cp -r "$JBOSS_HOME/standalone" "$home"
      rm -rf "$home/deployments/"* "$home/data" "$home/tmp" "$home/log"
    fi
    cp "$WAR" "$home/deployments/ROOT.war"
    rm -f "$home/deployments/ROOT.war.failed" "$home/deployments/ROOT.war.deployed"
    JBOSS_PIDFILE="$pidfile" LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_JAVA_SIZING="-Xms256m -Xmx512m" \
      setsid "$JBOSS_HOME/bin/standalone.sh" -Djboss.server.base.dir="$home" \
      -Djboss.socket.binding.port-offset="$offset" $(settings) >"$home.log" 2>&1 &
    for _ in $(seq 1 50); do [ -s "$pidfile" ] && break; sleep 0.2; done
  fi
}

wait_node() {
  local name="$1" port; port="$(node_port "$1")"
  local deadline=$((SECONDS + ${CLUSTER_START_SECONDS:-900}))
  while [ $SECONDS -lt $deadline ]; do
    if ! alive "$DIR/node-$name.pid"; then
      log "node $name exited; see $DIR/node-$name.log"; return 1
    fi
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/_matrix/client/versions")" = 200 ]; then
      log "node $name serves on 127.0.0.1:$port, pid $(cat "$DIR/node-$name.pid")"; return 0
    fi
    if grep -qE 'WFLYSRV0026|WFLYCTL0186|Deployment of .* failed' "$DIR/node-$name.log" 2>/dev/null \
        && [ -f "$DIR/node-$name/deployments/ROOT.war.failed" ]; then
      log "Gatehouse did not deploy on node $name; see $DIR/node-$name.log"; return 1
    fi
    sleep 1
  done
  log "node $name did not start in time; see $DIR/node-$name.log"; return 1
}

stop_node() {
  local name="$1" signal="${2:-TERM}" pidfile="$DIR/node-$1.pid"
  if alive "$pidfile"; then
    local pid; pid="$(cat "$pidfile")"
    kill -"$signal" "$pid"
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    log "node $name stopped (SIG$signal), pid $pid"
  fi
  rm -f "$pidfile"
}

start_proxy() {
  if alive "$DIR/proxy.pid"; then return; fi
  GATEHOUSE_PROXY_BIND="127.0.0.1:$PROXY_PORT" GATEHOUSE_NODE_A="127.0.0.1:$A_PORT" GATEHOUSE_NODE_B="127.0.0.1:$B_PORT" \
    haproxy -f "$ROOT/server-config/cluster/haproxy.cfg" -db >"$DIR/haproxy.log" 2>&1 &
  echo $! >"$DIR/proxy.pid"
  for _ in $(seq 1 50); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PROXY_PORT/_matrix/client/versions")" = 200 ] && break
    sleep 0.2
  done
  log "HAProxy on 127.0.0.1:$PROXY_PORT, pid $(cat "$DIR/proxy.pid")"
}

stop_proxy() {
  if alive "$DIR/proxy.pid"; then kill "$(cat "$DIR/proxy.pid")"; log "HAProxy stopped"; fi
  rm -f "$DIR/proxy.pid"
}

mkdir -p "$DIR"
case "${1:-}" in
  up)
    [ -f "$WAR" ] || { log "no $WAR: build first"; exit 1; }
    start_postgres
    # Both at once: Flyway serialises their migrations with a PostgreSQL lock.
    launch_node a
    launch_node b
    wait_node a
    wait_node b
    start_proxy
    ;;
  down) stop_proxy; stop_node a; stop_node b; stop_postgres ;;
  kill) stop_node "$2" KILL ;;
  stop) stop_node "$2" TERM ;;
  start) launch_node "$2"; wait_node "$2" ;;
  *) sed -n '2,30p' "$0"; exit 2 ;;
esac

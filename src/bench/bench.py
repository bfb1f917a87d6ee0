#!/usr/bin/env python3
"""Gatehouse benchmark: Gatehouse on WildFly and on Payara Micro with PostgreSQL, driven by wrk
from a second process.

    src/bench/bench.py                    # both servers (an hour or more on 2 cores, most of it warm-up)
    src/bench/bench.py --server wildfly   # one server only (--server payara likewise)
    src/bench/bench.py --steps throughput # only the floor, /versions and whoami, both servers side by side
    src/bench/bench.py --smoke            # every step for a few seconds on tiny data; fails on any error

See docs/benchmarks.md. Needs JDK 17, Maven, wrk, psql and a PostgreSQL on 127.0.0.1:5432 (user
postgres, trust authentication); the databases gatehouse_bench and gatehouse_bench_payara are dropped
and recreated. Builds the WAR and the PostgreSQL WildFly (mvn -Ppostgres package), copies that
WildFly to target/bench/server, fetches Payara Micro into target/payara when it is not there, and
builds the benchmark's own floor WAR (src/bench/floor/, deployed beside Gatehouse at /floor).
Ports come from --port-offset N (BENCH_PORT_OFFSET, 1000): WildFly HTTP 8080+N and management
9990+N, Payara Micro HTTP 8980+N; step 9's two-node cluster (src/test/cluster/cluster.sh, database
gatehouse_bench_cluster) puts its nodes on 12130+N and 12150+N and HAProxy on 12180+N
(BENCH_CLUSTER_A_PORT, _B_PORT and _PROXY_PORT move them). Every server is stopped by its PID at
the end. Prints one table per server and one of both side by side, and writes every figure to
target/bench/results.json. Step 4c logs in through single sign-on against a standalone
mock-oauth2-server (its class path resolved by Maven from src/bench/mock-idp/pom.xml) on port
18000 plus the offset (BENCH_IDP_PORT), driven by src/bench/SsoDriver.java. Step 10 logs directory users in against a real OpenLDAP started by
src/test/ldap/slapd.sh (Debian's slapd and ldap-utils) on ports 20000 and 20001 plus the offset, on
every server, and measures whoami with that directory stopped; `--directory-only` runs just that
step on WildFly.
"""
import argparse
import datetime
import glob
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH_SRC = os.path.join(ROOT, "src", "bench")
TARGET = os.path.join(ROOT, "target")
OUT = os.environ.get("BENCH_OUT", os.path.join(TARGET, "bench"))  # a second run at once needs its own
SERVER = os.path.join(OUT, "server")
PIDFILE = os.path.join(OUT, "server.pid")
FLOOR_SRC = os.path.join(BENCH_SRC, "floor")
FLOOR_WAR = os.path.join(OUT, "floor.war")
FLOOR_PATH = "/floor/ping"
PAYARA_DIR = os.path.join(TARGET, "payara")
PAYARA_WAR = os.path.join(OUT, "payara-deployments", "gatehouse.war")  # a copy: a build may rewrite target/ meanwhile

PASSWORD = "bench-password"
DEFAULT_COST = (19456, 2, 1)  # PasswordConfig's defaults: memory KiB, iterations, parallelism
LOWEST_COST = (8, 1, 1)       # the lowest Argon2 allows (RFC 9106: 8 KiB per lane), as PasswordConfig does
SMALL_BASE = 1_000_000_000_000
SCALE_BASE = 2_000_000_000_000
MACAROON_KEY = "bench-macaroon-secret-key-0123456789abcdef"
SHARED_SECRET = "bench-shared-secret-0123456789"


class Settings:
    def __init__(self, smoke, offset=None, warmup_max=None, rounds=None, warmup_min=None, cold_turns=False):
        self.smoke = smoke
        self.duration = 2 if smoke else 20
        self.slow_duration = 8 if smoke else 20  # steps bound by the default hashing cost
        # Warm-up: rounds of /versions, whoami and logins until a round in which the JIT compiler
        # threads were nearly idle (on 2 cores, C2 needs minutes for the login path; docs/benchmarks.md).
        self.warmup_round = 1 if smoke else 5
        self.warmup_max = 1 if smoke else (warmup_max or 600)
        # On a loaded machine the JIT threads get little CPU and look quiet before they are done.
        self.warmup_min = 0 if smoke else (warmup_min or 0)
        # Each measured turn of steps 0-3 follows an unmeasured turn_warmup s of the same load (the same
        # tokens, connections and script), so that a turn measures the steady state, not the refill of
        # the verified-token cache (5 s lifetime) that the other measures' turns let expire. --cold-turns
        # measures the turns without it: what those cache misses cost. The smoke run makes 2 rounds of
        # (1 s warm-up + 1 s measured) instead of 4 cold rounds of 1 s, so that it lasts as long as before.
        self.turn_warmup = 0 if cold_turns else 1
        self.rounds = rounds or (2 if smoke and not cold_turns else 4)  # of each measure in the alternating steps
        self.jit_quiet = 0.05  # of one core
        self.settle = 1 if smoke else 3  # after a step that hashes, until the hashing queue is empty
        self.users = 20 if smoke else 200
        self.scale_users = 2_000 if smoke else 1_000_000
        self.offset = offset if offset is not None else int(os.environ.get("BENCH_PORT_OFFSET", "1000"))
        self.db_base = os.environ.get("BENCH_DB", "gatehouse_bench")  # WildFly's; Payara's has "_payara" appended
        self.db = self.db_base
        self.http = None  # the server the load goes to (use())
        self.db_user = os.environ.get("GATEHOUSE_DB_USER", "postgres")
        self.heap = os.environ.get("BENCH_HEAP", "-Xms1g -Xmx1g")
        self.jvm_extra = os.environ.get("BENCH_JVM_OPTS", "")
        self.server_pid = None  # the server the load goes to, whose JIT threads the warm-up and the table watch
        self.jfr = False  # --jfr
        self.windows = None  # the turns of the alternating steps, when profiled (--jfr)
        self.cluster_db = os.environ.get("BENCH_CLUSTER_DB", "gatehouse_bench_cluster")
        self.cluster_ports = {name: os.environ.get(f"BENCH_CLUSTER_{name.upper()}_PORT", str(base + self.offset))
                              for name, base in (("a", 12130), ("b", 12150), ("proxy", 12180))}
        self.ldap_ports = (20000 + self.offset, 20001 + self.offset)
        self.idp_port = int(os.environ.get("BENCH_IDP_PORT", str(18000 + self.offset)))
        self.sso_warmup = 1 if smoke else 15  # s of whole SSO logins before the measured ones
        self.directory_users = 20 if smoke else 200
        self.revocation_rounds = 5 if smoke else 200
        self.cluster_warmup_s = 15 if smoke else 120


def log(message):
    print(f"[bench {datetime.datetime.now():%H:%M:%S}] {message}", flush=True)


def run(cmd, **kwargs):
    return subprocess.run(cmd, check=True, **kwargs)


# ---------------------------------------------------------------- build and server

def build(settings):
    log("building the WAR and the PostgreSQL WildFly (mvn -B -Ppostgres -DskipUTs=true -DskipTests package)")
    run(["mvn", "-B", "-q", "-Ppostgres", "-DskipUTs=true", "-DskipTests", "package"], cwd=ROOT)


def pom_property(name):
    with open(os.path.join(ROOT, "pom.xml")) as f:
        match = re.search(f"<{re.escape(name)}>([^<]+)</{re.escape(name)}>", f.read())
    return match.group(1)


def stage_payara():
    """payara-micro.jar and postgresql.jar in target/payara, as `mvn -Ppayara,postgres verify`
    stages them (the versions of pom.xml); fetched with Maven when missing."""
    for artifact, version, jar in (("fish.payara.extras:payara-micro", pom_property("version.payara"), "payara-micro.jar"),
                                   ("org.postgresql:postgresql", pom_property("version.postgresql"), "postgresql.jar")):
        if not os.path.exists(os.path.join(PAYARA_DIR, jar)):
            log(f"fetching {artifact}:{version} into {PAYARA_DIR}")
            run(["mvn", "-B", "-q", "dependency:copy", f"-Dartifact={artifact}:{version}",
                 f"-DoutputDirectory={PAYARA_DIR}", "-Dmdep.stripVersion=true"], cwd=ROOT)
            stripped = os.path.join(PAYARA_DIR, artifact.split(":")[1] + ".jar")
            if stripped != os.path.join(PAYARA_DIR, jar):
                os.rename(stripped, os.path.join(PAYARA_DIR, jar))


def api_jars():
    """The Jakarta REST and CDI API jars the floor compiles against, from the local Maven repository
    (the WAR's build resolved them: jakarta.jakartaee-api depends on both)."""
    repo = os.environ.get("BENCH_MAVEN_REPO", os.path.join(os.path.expanduser("~"), ".m2", "repository"))
    jars = []
    for pattern in ("jakarta/ws/rs/jakarta.ws.rs-api/*/jakarta.ws.rs-api-*.jar",
                    "jakarta/enterprise/jakarta.enterprise.cdi-api/*/jakarta.enterprise.cdi-api-*.jar"):
        found = sorted(j for j in glob.glob(os.path.join(repo, pattern)) if not j.endswith(("-sources.jar", "-javadoc.jar")))
        if not found:
            raise SystemExit(f"no {pattern} in {repo}: build Gatehouse once (mvn package) first")
        jars.append(found[-1])
    return jars


def build_floor():
    """The floor WAR (src/bench/floor/): one application-scoped JAX-RS resource answering a small
    constant JSON object, built with javac and jar into target/bench/floor.war."""
    classes = os.path.join(OUT, "floor", "WEB-INF", "classes")
    shutil.rmtree(os.path.join(OUT, "floor"), ignore_errors=True)
    os.makedirs(classes)
    sources = glob.glob(os.path.join(FLOOR_SRC, "**", "*.java"), recursive=True)
    run(["javac", "-nowarn", "--release", "17", "-cp", os.pathsep.join(api_jars()),
         "-d", classes] + sources)
    if os.path.exists(FLOOR_WAR):
        os.remove(FLOOR_WAR)
    run(["jar", "--create", "--file", FLOOR_WAR, "-C", os.path.join(OUT, "floor"), "."])


def prepare_server():
    shutil.rmtree(SERVER, ignore_errors=True)
    shutil.copytree(os.path.join(TARGET, "it-server-postgres"), SERVER, symlinks=True)
    for stale in glob.glob(os.path.join(SERVER, "standalone", "deployments", "*")):
        if not stale.endswith("README.txt"):
            os.remove(stale)
    shutil.copy(os.path.join(TARGET, "gatehouse.war"), os.path.join(SERVER, "standalone", "deployments", "ROOT.war"))
    shutil.copy(FLOOR_WAR, os.path.join(SERVER, "standalone", "deployments", "floor.war"))


def use(settings, server):
    """Points the load (wrk), the data generator and the JIT watch at server."""
    settings.http, settings.db, settings.server_pid = server.http, server.db, server.pid


class Server:
    """One server process with Gatehouse and the floor deployed; started with Gatehouse settings,
    stopped by PID. Subclasses say how a server of their kind starts."""

    kind = None
    label = None

    def __init__(self, settings, name, properties):
        self.settings = settings
        self.name = name
        self.properties = properties
        self.process = None
        self.pid = None
        self.log_path = os.path.join(OUT, f"server-{self.kind}-{self.name}.log")

    def gatehouse_properties(self):
        props = {
            "gatehouse.registration.enabled": "true",
            "gatehouse.registration.shared-secret": SHARED_SECRET,
            "gatehouse.rate-limits.enabled": "false",
            "gatehouse.tokens.macaroon.secret-key": MACAROON_KEY,
        }
        props.update(self.properties)
        return props

    def environment(self):
        s = self.settings
        env = dict(os.environ)
        env["GATEHOUSE_DB_URL"] = f"jdbc:postgresql://127.0.0.1:5432/{self.db}"
        env["GATEHOUSE_DB_USER"] = s.db_user
        # WildFly 39 rejects an empty datasource password; trust authentication ignores it.
        env["GATEHOUSE_DB_PASSWORD"] = os.environ.get("GATEHOUSE_DB_PASSWORD") or "postgres"
        return env

    def jvm_options(self):
        s = self.settings
        profile = "-XX:FlightRecorderOptions:stackdepth=256" if s.jfr else ""  # EE stacks are deep; JFR keeps 64 frames by default
        return (s.heap + " " + s.jvm_extra + " " + os.environ.get(f"BENCH_JVM_OPTS_{self.kind.upper()}", "")
                + " " + profile).split()

    def ready(self):
        return (http_status(self.http + "/_matrix/client/versions") == 200 and http_status(self.health) == 200
                and http_status(self.http + FLOOR_PATH) == 200)

    def start(self):
        log(f"starting {self.label} ({self.name}): {' '.join(f'-D{k}={v}' for k, v in self.properties.items())}")
        with open(self.log_path, "w") as out:
            self.process = subprocess.Popen(self.command(), env=self.environment(), stdout=out,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + 420
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.label} exited early; see {self.log_path}")
            self.find_pid()
            if self.pid is not None and self.ready():
                log(f"{self.label} ({self.name}) is up on {self.http}, pid {self.pid}")
                return self
            self.check_deployment()
            time.sleep(1)
        raise SystemExit(f"{self.label} did not start in time; see {self.log_path}")

    def find_pid(self):
        self.pid = self.process.pid

    def check_deployment(self):
        pass

    def rss_kib(self):
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return None

    def stop(self):
        if self.process is None:
            return
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            if self.pid is not None:
                os.kill(self.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        deadline = time.time() + 30
        while self.pid is not None and os.path.exists(f"/proc/{self.pid}") and time.time() < deadline:
            time.sleep(0.2)
        log(f"{self.label} ({self.name}) stopped")
        self.process = None


class WildFly(Server):
    """The PostgreSQL WildFly of `mvn -Ppostgres package`, copied to target/bench/server, at port
    offset --port-offset; Gatehouse at /, the floor at /floor."""

    kind = "wildfly"
    label = "WildFly"

    def __init__(self, settings, name, properties):
        super().__init__(settings, name, properties)
        self.http = f"http://127.0.0.1:{8080 + settings.offset}"
        self.health = f"http://127.0.0.1:{9990 + settings.offset}/health/ready"
        self.db = settings.db_base

    def environment(self):
        env = super().environment()
        env["JBOSS_PIDFILE"] = PIDFILE
        env["LAUNCH_JBOSS_IN_BACKGROUND"] = "1"
        env["JBOSS_JAVA_SIZING"] = " ".join(self.jvm_options())
        return env

    def command(self):
        props = dict(self.gatehouse_properties(), **{"jboss.socket.binding.port-offset": str(self.settings.offset)})
        if os.path.exists(PIDFILE):
            os.remove(PIDFILE)
        return [os.path.join(SERVER, "bin", "standalone.sh")] + [f"-D{k}={v}" for k, v in props.items()]

    def find_pid(self):
        if self.pid is None and os.path.exists(PIDFILE):
            with open(PIDFILE) as f:
                text = f.read().strip()
            self.pid = int(text) if text else None

    def check_deployment(self):
        with open(self.log_path, errors="replace") as f:
            if "WFLYSRV0026" in f.read() and not self.ready():
                raise SystemExit(f"Gatehouse or the floor did not deploy; see {self.log_path}")


class Payara(Server):
    """Payara Micro 6 (target/payara/payara-micro.jar, as the -Ppayara profile stages it) with
    server-config/payara/'s pre-boot and PostgreSQL post-boot commands, on port 8980 + offset;
    the same WAR at / and the floor at /floor, on a database of its own."""

    kind = "payara"
    label = "Payara Micro"

    def __init__(self, settings, name, properties):
        super().__init__(settings, name, properties)
        self.port = 8980 + settings.offset
        self.http = f"http://127.0.0.1:{self.port}"
        self.health = self.http + "/health/ready"
        self.db = settings.db_base + "_payara"

    def jvm_options(self):
        """server-config/payara/jvm.options (the production JVM options of README's Payara
        section), then the benchmark's heap and extra options."""
        with open(os.path.join(ROOT, "server-config", "payara", "jvm.options")) as f:
            production = [line.strip() for line in f if line.strip() and not line.startswith("#")]
        return production + super().jvm_options()

    def command(self):
        root = os.path.join(OUT, f"payara-{self.name}")
        shutil.rmtree(root, ignore_errors=True)
        config = os.path.join(ROOT, "server-config", "payara")
        return (["java"] + self.jvm_options() + [f"-D{k}={v}" for k, v in self.gatehouse_properties().items()]
                + ["-jar", os.path.join(PAYARA_DIR, "payara-micro.jar"), "--nocluster", "--port", str(self.port),
                   "--rootDir", root, "--addLibs", os.path.join(PAYARA_DIR, "postgresql.jar"),
                   "--prebootcommandfile", os.path.join(config, "pre-boot-commands.asadmin"),
                   "--postbootcommandfile", os.path.join(config, "post-boot-postgres.asadmin"),
                   "--deploy", PAYARA_WAR, "--deploy", FLOOR_WAR])

    def check_deployment(self):
        with open(self.log_path, errors="replace") as f:
            text = f.read()
        if "Payara Micro" in text and " ready in " in text and not self.ready():
            time.sleep(5)
            if not self.ready():
                raise SystemExit(f"Gatehouse or the floor did not deploy on Payara; see {self.log_path}")


SERVER_KINDS = {"wildfly": WildFly, "payara": Payara}


def http_status(url, body=None, token=None, timeout=5):
    request = urllib.request.Request(url, data=body, method="POST" if body is not None else "GET")
    if body is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code
    except (urllib.error.URLError, OSError):
        return None


def post_json(url, payload):
    request = urllib.request.Request(url, data=json.dumps(payload).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


# ---------------------------------------------------------------- database and data

def psql(settings, *args, db=None, **kwargs):
    cmd = ["psql", "-h", "127.0.0.1", "-p", "5432", "-U", settings.db_user, "-d", db or settings.db,
           "-v", "ON_ERROR_STOP=1", "-q", "-X"] + list(args)
    return run(cmd, **kwargs)


def reset_database(settings):
    log(f"recreating database {settings.db}")
    psql(settings, "-c", f"DROP DATABASE IF EXISTS {settings.db} WITH (FORCE)", db="postgres")
    psql(settings, "-c", f"CREATE DATABASE {settings.db}", db="postgres")


def bench_tool(*args, stdout=None):
    bcprov = glob.glob(os.path.join(TARGET, "gatehouse", "WEB-INF", "lib", "bcprov-*.jar"))[0]
    cmd = ["java", "-cp", os.path.join(TARGET, "classes") + os.pathsep + bcprov,
           os.path.join(BENCH_SRC, "BenchTool.java")] + [str(a) for a in args]
    if stdout is None:
        return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip()
    return subprocess.Popen(cmd, stdout=stdout)


def single_hash_ms(settings, cost):
    """The time of one verification at cost on one thread of a JVM of its own, warmed up as the
    server is: taken next to the login step it bounds, because this machine's speed drifts."""
    seconds = 1 if settings.smoke else 10
    return float(bench_tool("time", *cost, seconds, seconds))


def generate_users(settings, base, count, prefix, cost, sample_file):
    """count users with a password hash of the given cost, a device and a live opaque token each."""
    started = time.time()
    pwhash = bench_tool("hash", *cost, PASSWORD)
    now = int(time.time() * 1000)
    psql(settings, "-v", f"first_id={base}", "-v", f"count={count}", "-v", f"prefix={prefix}",
         "-v", f"pwhash={pwhash}", "-v", f"created_at={now}", "-f", os.path.join(BENCH_SRC, "sql", "users.sql"))
    sample = min(settings.users, count)
    producer = bench_tool("tokens", base, count, prefix, sample, sample_file, now, stdout=subprocess.PIPE)
    psql(settings, "-c", "\\copy gh_access_token (id, token_hash, user_id, device_ref, created_at) FROM STDIN WITH (FORMAT csv)",
         stdin=producer.stdout)
    producer.stdout.close()
    if producer.wait() != 0:
        raise SystemExit("BenchTool tokens failed")
    psql(settings, "-c", "ANALYZE")
    elapsed = time.time() - started
    log(f"generated {count} users, devices and tokens in {elapsed:.1f} s")
    return elapsed


def rehash_users(settings, base, count, cost):
    pwhash = bench_tool("hash", *cost, PASSWORD)
    psql(settings, "-v", f"pwhash={pwhash}", text=True,
         input=f"UPDATE gh_user SET password_hash = :'pwhash' WHERE id > {base} AND id <= {base + count};\n")


def login_tokens(settings, sample_file, out_file):
    """Logs every user of sample_file in once over HTTP; writes their new tokens to out_file."""
    with open(sample_file) as f, open(out_file, "w") as out:
        for line in f:
            localpart = line.split()[0]
            reply = post_json(settings.http + "/_matrix/client/v3/login", {
                "type": "m.login.password", "identifier": {"type": "m.id.user", "user": localpart},
                "password": PASSWORD})
            out.write(f"{localpart} {reply['access_token']}\n")


# ---------------------------------------------------------------- load

def wrk(settings, script, path, threads, connections, seconds, *script_args):
    env = dict(os.environ, BENCH_WRK_DIR=os.path.join(BENCH_SRC, "wrk"))
    cmd = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "30s",
           "-s", os.path.join(BENCH_SRC, "wrk", script), settings.http + path]
    if script_args:
        cmd += ["--"] + [str(a) for a in script_args]
    process = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    process.server_pid = settings.server_pid
    process.jit_at_start = jit_seconds(settings.server_pid)
    process.cpu_at_start = cpu_seconds(settings.server_pid)
    return process


def cpu_seconds(pid):
    """CPU seconds (user + system) used so far by process pid, all its threads; 0 if unknown. On a
    loaded machine the server's CPU time per request is steadier than its rate."""
    if pid is None:
        return 0.0
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def jit_seconds(pid):
    """CPU seconds used so far by the JIT compiler threads (C1, C2) of JVM pid; 0 if unknown."""
    if pid is None:
        return 0.0
    total = 0
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/comm") as f:
                if "CompilerThre" not in f.read():
                    continue
            with open(f"/proc/{pid}/task/{task}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks
    except (FileNotFoundError, ProcessLookupError):
        pass
    return total / os.sysconf("SC_CLK_TCK")


def result_of(process):
    output, _ = process.communicate()
    for line in output.splitlines():
        if line.startswith("BENCH_RESULT "):
            result = json.loads(line[len("BENCH_RESULT "):])
            result["load_average_1m"] = os.getloadavg()[0]
            result["jit_s"] = jit_seconds(process.server_pid) - process.jit_at_start
            result["cpu_s"] = cpu_seconds(process.server_pid) - process.cpu_at_start
            if "ok" in result.get("counts", {}):  # logins: the rate counts successes, not 429s
                result["rps"] = result["counts"]["ok"] / result["seconds"]
            return result
    raise SystemExit("wrk produced no result:\n" + output)


def load(settings, script, path, threads, connections, *script_args, seconds=None):
    return result_of(wrk(settings, script, path, threads, connections, seconds or settings.duration, *script_args))


def whoami(settings, tokens, connections=32, seconds=None):
    return load(settings, "whoami.lua", "/_matrix/client/v3/account/whoami", 2, connections, tokens, seconds=seconds)


def versions(settings, seconds=None):
    return load(settings, "plain.lua", "/_matrix/client/versions", 2, 32, seconds=seconds)


def floor(settings, seconds=None):
    """0. The floor: the benchmark's own JAX-RS resource beside Gatehouse on the same server."""
    return load(settings, "plain.lua", FLOOR_PATH, 2, 32, seconds=seconds)


def floor_with_token(settings, tokens, seconds=None):
    """0b. The floor sent whoami's very requests (an Authorization header rotating over the same
    tokens), which it ignores: what the server costs for a request of whoami's shape, so that
    whoami ÷ this floor is the share of Gatehouse's own work alone."""
    return load(settings, "whoami.lua", FLOOR_PATH, 2, 32, tokens, FLOOR_PATH, seconds=seconds)


def alternating(settings, *measures, warmup=0):
    """The measures (functions of the seconds to run) in turn, settings.rounds times each, each turn
    a quarter of the step's duration: a ratio of any two is then not skewed by what drifts during a
    run (JIT, garbage collection, the rest of the machine). Each round starts one measure later
    than the one before (round r runs measures r, r+1, …, then 0 … r-1), so that with as many
    rounds as measures every measure has every place once, and what a turn inherits from the turn
    before it is shared out evenly (before, the floor always came right after a whoami turn; §17).
    Returns one merged result per measure.
    With warmup > 0, each measured turn is preceded by warmup seconds of the same measure whose
    result is dropped (the measures must then have no side effects but their load). When
    settings.windows is a list, each measured turn's (measure index, start, end) is appended to it,
    so that a profile taken meanwhile can be split by measure (src/bench/jfr_top.py)."""
    seconds = max(1, settings.duration // 4)
    results = [[] for _ in measures]
    for round_number in range(settings.rounds):
        shift = round_number % len(measures)
        for index in list(range(shift, len(measures))) + list(range(shift)):
            measure = measures[index]
            if warmup > 0:
                measure(warmup)
            started = time.time()
            results[index].append(measure(seconds))
            if settings.windows is not None:
                settings.windows.append((index, started, time.time()))
    return [merged(r) for r in results]


def merged(rounds):
    """One result from several rounds of the same step: counts and requests summed, the rate over
    the total time, p50 the mean of the rounds', p90/p99/max the highest of the rounds'."""
    result = {"requests": sum(r["requests"] for r in rounds), "seconds": sum(r["seconds"] for r in rounds),
              "p50_ms": sum(r["p50_ms"] for r in rounds) / len(rounds),
              "load_average_1m": max(r["load_average_1m"] for r in rounds), "rounds": len(rounds),
              "jit_s": sum(r["jit_s"] for r in rounds), "cpu_s": sum(r.get("cpu_s", 0) for r in rounds)}
    for key in ("p90_ms", "p99_ms", "max_ms"):
        result[key] = max(r[key] for r in rounds)
    for key in ("non_2xx_3xx", "socket_errors", "timeouts"):
        result[key] = sum(r[key] for r in rounds)
    counts = {}
    for r in rounds:
        for key, value in r.get("counts", {}).items():
            counts[key] = counts.get(key, 0) + value
    if counts:
        result["counts"] = counts
    result["rps"] = result["requests"] / result["seconds"]
    return result


def login(settings, users, connections=16, seconds=None):
    result = load(settings, "login.lua", "/_matrix/client/v3/login", 2, connections, users, PASSWORD, seconds=seconds)
    time.sleep(settings.settle)  # requests wrk left queued behind the hashing pool finish before the next step
    return result


def warm_up(settings, tokens, users):
    """Runs /versions and whoami together, then logins, in rounds until the JIT has compiled their
    paths: until a round in which the JIT compiler threads used less than settings.jit_quiet of one
    core, or for settings.warmup_max seconds. Returns how long it took and the JIT's share of a core
    in the last round."""
    log("warming up until the JIT compiler is nearly idle")
    started = time.time()
    seconds = settings.warmup_round
    while True:
        jit_before = jit_seconds(settings.server_pid)
        round_started = time.time()
        for proc in [wrk(settings, "plain.lua", "/_matrix/client/versions", 1, 16, seconds),
                     wrk(settings, "whoami.lua", "/", 1, 16, seconds, tokens)]:
            result_of(proc)
        load(settings, "login.lua", "/_matrix/client/v3/login", 1, 16, users, PASSWORD, seconds=seconds)
        jit_share = (jit_seconds(settings.server_pid) - jit_before) / (time.time() - round_started)
        elapsed = time.time() - started
        if (jit_share < settings.jit_quiet and elapsed >= settings.warmup_min) or elapsed >= settings.warmup_max:
            break
    time.sleep(settings.settle)
    took = time.time() - started
    log(f"warmed up in {took:.0f} s; the JIT used {jit_share:.0%} of a core in the last round")
    return {"seconds": took, "jit_share_last_round": jit_share}


def isolation(settings, tokens, users):
    """whoami p99 with a light steady load alone, then the same load during a login storm."""
    alone = load(settings, "whoami.lua", "/", 1, 4, tokens, seconds=settings.slow_duration)
    storm = wrk(settings, "login.lua", "/_matrix/client/v3/login", 1, 16, settings.slow_duration + 2, users, PASSWORD)
    time.sleep(1)
    during = load(settings, "whoami.lua", "/", 1, 4, tokens, seconds=settings.slow_duration)
    storm_result = result_of(storm)
    time.sleep(settings.settle)
    return {"whoami_alone": alone, "whoami_during_storm": during, "login_storm": storm_result,
            "ratio": during["p99_ms"] / alone["p99_ms"] if alone["p99_ms"] else float("inf")}


# ---------------------------------------------------------------- two nodes

CLUSTER_SCRIPT = os.path.join(ROOT, "src", "test", "cluster", "cluster.sh")
# Every login still passes through the shared buckets (three bucket operations each), none is refused.
UNLIMITED = {f"gatehouse.rate-limits.{name}.{part}": "1000000"
             for name in ("login.address", "login.account", "login.failed-attempts") for part in ("per-second", "burst")}


class Cluster:
    """Two nodes and HAProxy started by src/test/cluster/cluster.sh, stopped by it (by PID)."""

    def __init__(self, settings, properties):
        s = settings
        self.env = dict(os.environ, CLUSTER_SERVER="wildfly", CLUSTER_DIR=os.path.join(OUT, "cluster"),
                        JBOSS_HOME=os.path.join(TARGET, "it-server-postgres"),
                        CLUSTER_DB_URL=f"jdbc:postgresql://127.0.0.1:5432/{s.cluster_db}",
                        CLUSTER_A_PORT=s.cluster_ports["a"], CLUSTER_B_PORT=s.cluster_ports["b"],
                        CLUSTER_PROXY_PORT=s.cluster_ports["proxy"],
                        CLUSTER_NODE_OPTS=" ".join(f"-D{k}={v}" for k, v in properties.items()))
        self.env.pop("GATEHOUSE_DB_URL", None)
        self.url = {name: f"http://127.0.0.1:{port}" for name, port in s.cluster_ports.items()}

    def run(self, *args):
        log("cluster.sh " + " ".join(args))
        with open(os.path.join(OUT, "cluster.log"), "a") as out:
            subprocess.run(["bash", CLUSTER_SCRIPT] + list(args), env=self.env, check=True, stdout=out, stderr=out)


def get_status(url, token):
    return http_status(url + "/_matrix/client/v3/account/whoami", token=token)


def revocation_delay(settings, cluster, sample_file):
    """Rounds of: log in on node a, make node b cache the token, log out on a; then how long after
    a answered until b refuses the token, and whether b's first answer already did."""
    with open(sample_file) as f:
        localparts = [line.split()[0] for line in f]
    delays, first_try = [], 0
    for round_ in range(settings.revocation_rounds):
        token = post_json(cluster.url["a"] + "/_matrix/client/v3/login", {
            "type": "m.login.password", "identifier": {"type": "m.id.user", "user": localparts[round_ % len(localparts)]},
            "password": PASSWORD})["access_token"]
        for _ in range(2):
            if get_status(cluster.url["b"], token) != 200:
                raise SystemExit("node b refused a token node a issued")
        if http_status(cluster.url["a"] + "/_matrix/client/v3/logout", body=b"{}", token=token) != 200:
            raise SystemExit("logout on node a failed")
        answered = time.perf_counter()
        tries = 0
        while True:
            status = get_status(cluster.url["b"], token)
            tries += 1
            if status == 401:
                break
            if time.perf_counter() - answered > 5:
                raise SystemExit("node b still accepted a token 5 s after node a revoked it")
        delays.append((time.perf_counter() - answered) * 1000)
        first_try += tries == 1
    delays.sort()
    return {"rounds": len(delays), "first_try_refused": first_try, "p50_ms": delays[len(delays) // 2],
            "p99_ms": delays[min(len(delays) - 1, len(delays) * 99 // 100)], "max_ms": delays[-1]}


def cluster_step(settings):
    """9. Two nodes behind HAProxy on one database: whoami and login through the proxy, whoami on
    one node alone, and the delay until a revocation on one node is seen on the other."""
    s = settings
    single = (s.http, s.db, s.server_pid)
    results = {}
    cluster = Cluster(s, dict(UNLIMITED, **{
        "gatehouse.passwords.argon2.memory-kib": LOWEST_COST[0], "gatehouse.passwords.argon2.iterations": LOWEST_COST[1],
        "gatehouse.passwords.argon2.parallelism": LOWEST_COST[2]}))
    sample = os.path.join(OUT, "users-cluster.txt")
    try:
        s.db = s.cluster_db
        reset_database(s)
        cluster.run("up")
        s.http, s.server_pid = cluster.url["proxy"], None
        generate_users(s, SMALL_BASE, s.users, "bench", LOWEST_COST, sample)
        log("9. warming both nodes up through the proxy")
        deadline = time.time() + s.cluster_warmup_s
        while time.time() < deadline:
            whoami(s, sample, seconds=1)
            load(s, "login.lua", "/_matrix/client/v3/login", 1, 16, sample, PASSWORD, seconds=1)
        log("9. whoami through the proxy, and on node a alone")
        results["whoami_proxy"] = whoami(s, sample)
        s.http = cluster.url["a"]
        results["whoami_node"] = whoami(s, sample)
        s.http = cluster.url["proxy"]
        log("9. login through the proxy (lowest Argon2id cost, shared rate-limit buckets)")
        results["login_proxy"] = login(s, sample)
        log("9. revocation delay: logout on node a, whoami on node b")
        results["revocation"] = revocation_delay(s, cluster, sample)
    finally:
        cluster.run("down")
        s.http, s.db, s.server_pid = single
    return results


# ---------------------------------------------------------------- the directory

SLAPD_SCRIPT = os.path.join(ROOT, "src", "test", "ldap", "slapd.sh")
SLAPD_DIR = os.path.join(OUT, "slapd")
LDAP_BASE = "dc=example,dc=org"
LDAP_ADMIN = ["-x", "-D", "cn=admin," + LDAP_BASE, "-w", "admin-pw"]


def directory_properties(settings):
    """Gatehouse settings for the slapd of slapd.sh: local accounts first (so the steps of local
    users never ask the directory), then the directory, search-then-bind with the service account,
    people of the group matrix-users only."""
    return {
        "gatehouse.password-backends": "local,ldap",
        "gatehouse.ldap.uris": f"ldap://127.0.0.1:{settings.ldap_ports[0]}",
        "gatehouse.ldap.bind-dn": "cn=gatehouse,ou=services," + LDAP_BASE,
        "gatehouse.ldap.bind-password": "service-pw",
        "gatehouse.ldap.base": LDAP_BASE,
        "gatehouse.ldap.filter": "(objectClass=inetOrgPerson)",
        "gatehouse.ldap.required-filter": "(memberOf=cn=matrix-users,ou=groups," + LDAP_BASE + ")",
    }


class Slapd:
    """The private OpenLDAP of src/test/ldap/slapd.sh, with settings.directory_users bench people
    (dir0001 ... with the bench password, members of matrix-users) added by ldapadd."""

    def __init__(self, settings):
        self.settings = settings
        self.url = f"ldap://127.0.0.1:{settings.ldap_ports[0]}/"

    def script(self, *args):
        with open(os.path.join(OUT, "slapd-script.log"), "a") as out:
            run(["bash", SLAPD_SCRIPT] + list(args), stdout=out, stderr=out)

    def start(self, users_file):
        s = self.settings
        log(f"10. starting slapd on {self.url} with {s.directory_users} directory users")
        self.script("start", SLAPD_DIR, *map(str, s.ldap_ports))
        names = [f"dir{i:04d}" for i in range(1, s.directory_users + 1)]
        people = "".join(
            f"dn: uid={name},ou=people,{LDAP_BASE}\nobjectClass: top\nobjectClass: person\n"
            f"objectClass: organizationalPerson\nobjectClass: inetOrgPerson\nuid: {name}\ncn: Bench {name}\n"
            f"sn: {name}\nmail: {name}@bench.example.org\nuserPassword: {PASSWORD}\n\n" for name in names)
        members = f"dn: cn=matrix-users,ou=groups,{LDAP_BASE}\nchangetype: modify\nadd: member\n" + "".join(
            f"member: uid={name},ou=people,{LDAP_BASE}\n" for name in names)
        run(["ldapadd", "-H", self.url] + LDAP_ADMIN, input=people, text=True, stdout=subprocess.DEVNULL)
        run(["ldapmodify", "-H", self.url] + LDAP_ADMIN, input=members, text=True, stdout=subprocess.DEVNULL)
        with open(users_file, "w") as f:
            f.writelines(name + "\n" for name in names)

    def stop(self):
        self.script("stop", SLAPD_DIR)

    def resume(self):
        self.script("resume", SLAPD_DIR, *map(str, self.settings.ldap_ports))


def directory_login_status(settings, localpart):
    return http_status(settings.http + "/_matrix/client/v3/login", body=json.dumps({
        "type": "m.login.password", "identifier": {"type": "m.id.user", "user": localpart},
        "password": PASSWORD}).encode(), timeout=30)


def directory_step(settings, tokens):
    """10. Logins of directory users against slapd (search, bind, group check, then the account's
    refresh and a new device and token), and whoami (the tokens of tokens) with the directory up
    and stopped, alternating: a stopped directory must not slow requests that do not need it.
    Checks that a directory login answers 503 while slapd is down and 200 once it is back."""
    s = settings
    slapd = Slapd(s)
    users = os.path.join(OUT, "users-directory.txt")
    results = {}
    try:
        slapd.start(users)
        first = open(users).readline().strip()
        if directory_login_status(s, first) != 200:
            raise SystemExit("10. a directory user could not log in; see target/bench/server-*.log")
        if not s.smoke:
            login(s, users, seconds=5)  # the directory path's own warm-up
        log("10. directory logins against slapd")
        results["login_directory"] = login(s, users)
        outage = {}

        def whoami_directory_down(seconds):
            slapd.stop()
            try:
                outage.setdefault("login_status", directory_login_status(s, first))
                return whoami(s, tokens, seconds=seconds)
            finally:
                slapd.resume()

        log("10. whoami with the directory up and stopped, alternating")
        results["whoami_directory_up"], results["whoami_directory_down"] = alternating(
            s, lambda seconds: whoami(s, tokens, seconds=seconds), whoami_directory_down)
        if outage["login_status"] != 503:
            raise SystemExit(f"10. a directory login answered {outage['login_status']} with slapd stopped, not 503")
        results["login_status_directory_down"] = outage["login_status"]
        back = directory_login_status(s, first)
        if back != 200:
            raise SystemExit(f"10. a directory login answered {back} after slapd came back, not 200")
        results["whoami_down_over_up"] = results["whoami_directory_down"]["rps"] / results["whoami_directory_up"]["rps"]
    finally:
        slapd.stop()
    return results


def directory_rows(r):
    return [
        ("10. POST /login, directory user (slapd)", r["login_directory"], "logins/s"),
        ("10. whoami, directory up", r["whoami_directory_up"], "req/s"),
        ("10. whoami, directory stopped", r["whoami_directory_down"], "req/s"),
    ]


def directory_only(settings):
    """--directory-only: one server (lowest Argon2id cost, opaque tokens, local,ldap), 20/200 local
    users for whoami's tokens, the warm-up, then step 10; prints its rows."""
    s = settings
    small = os.path.join(OUT, "users-small-directory.txt")
    server = WildFly(s, "directory", dict(directory_properties(s), **{
        "gatehouse.tokens.format": "opaque",
        "gatehouse.passwords.argon2.memory-kib": LOWEST_COST[0], "gatehouse.passwords.argon2.iterations": LOWEST_COST[1],
        "gatehouse.passwords.argon2.parallelism": LOWEST_COST[2]}))
    try:
        use(s, server)
        reset_database(s)
        use(s, server.start())
        generate_users(s, SMALL_BASE, s.users, "bench", LOWEST_COST, small)
        warm = warm_up(s, small, small)
        results = directory_step(s, small)
    finally:
        server.stop()
    results["warm_up"] = warm
    lines = [f"{'step':44} {'rate':>10} {'unit':9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6} {'timeouts':>8} {'load':>5}"]
    rows = directory_rows(results)
    for name, res, unit in rows:
        lines.append(f"{name:44} {res['rps']:10.1f} {unit:9} {res['p50_ms']:8.2f} {res['p99_ms']:8.2f} "
                     f"{unexpected(name, res):6d} {res['timeouts']:8d} {res['load_average_1m']:5.1f}")
    lines.append(f"whoami directory stopped / up: {results['whoami_down_over_up']:.3f}   "
                 f"warm-up {warm['seconds']:.0f} s")
    print("\n" + "\n".join(lines))
    with open(os.path.join(OUT, "results-directory.json"), "w") as f:
        json.dump(results, f, indent=2)
    errors = sum(unexpected(name, res) + res["timeouts"] for name, res, _ in rows)
    if errors:
        raise SystemExit(f"{errors} unexpected responses, socket errors or timeouts")


# ---------------------------------------------------------------- single sign-on

MOCK_IDP_POM = os.path.join(BENCH_SRC, "mock-idp", "pom.xml")
MOCK_IDP_MAIN = "no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt"
SSO_IDP = "bench"  # the provider's id in Gatehouse and its issuer id at the mock
SSO_CLIENT_ID = "gatehouse-bench"
SSO_CLIENT_SECRET = "bench-client-secret"
SSO_SUBJECT = "bench-sso-subject"
SSO_CLIENT_URL = "http://127.0.0.1:9/bench-client"  # on the allow-list, never fetched: the driver reads the loginToken off the redirect
SSO_DRIVER = os.path.join(BENCH_SRC, "SsoDriver.java")


def mock_idp_version():
    with open(os.path.join(ROOT, "pom.xml")) as f:
        return re.search(r"<artifactId>mock-oauth2-server</artifactId>\s*<version>([^<]+)</version>", f.read()).group(1)


def mock_idp_classpath():
    """The class path of a standalone mock-oauth2-server of the version the SSO tests use, resolved
    by Maven from src/bench/mock-idp/pom.xml (kept in target/bench/ while its jars are there)."""
    version = mock_idp_version()
    out = os.path.join(OUT, f"mock-idp-{version}.classpath")
    if os.path.exists(out):
        with open(out) as f:
            classpath = f.read().strip()
        if all(os.path.exists(jar) for jar in classpath.split(os.pathsep)):
            return classpath
    run(["mvn", "-B", "-q", "-f", MOCK_IDP_POM, "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath",
         f"-Dversion.mock-oauth2-server={version}", f"-Dmdep.outputFile={out}"], cwd=ROOT)
    with open(out) as f:
        return f.read().strip()


class MockIdp:
    """A standalone mock-oauth2-server (PLATFORM.md: standalone needs the NettyWrapper HTTP server)
    on 127.0.0.1:settings.idp_port, issuer id SSO_IDP. It answers the authorization request at once
    with a code, checks PKCE, and signs RS256 ID tokens for one returning person (SSO_SUBJECT, with
    preferred_username and e-mail) with our client as audience; stopped by its PID."""

    def __init__(self, settings):
        self.settings = settings
        self.url = f"http://127.0.0.1:{settings.idp_port}"
        self.issuer = f"{self.url}/{SSO_IDP}"
        self.process = None

    def config(self):
        claims = {"sub": SSO_SUBJECT, "aud": [SSO_CLIENT_ID], "preferred_username": "benchsso",
                  "name": "Bench SSO", "email": "benchsso@bench.example.org"}
        return json.dumps({"interactiveLogin": False, "httpServer": "NettyWrapper", "tokenCallbacks": [
            {"issuerId": SSO_IDP, "tokenExpiry": 3600, "requestMappings": [
                {"requestParam": "grant_type", "match": "authorization_code", "claims": claims}]}]})

    def launch(self):
        """Starts the provider's JVM and returns at once (it starts meanwhile; see ready())."""
        classpath = mock_idp_classpath()
        log(f"starting mock-oauth2-server on {self.url} (for step 4c)")
        env = dict(os.environ, SERVER_HOSTNAME="127.0.0.1", SERVER_PORT=str(self.settings.idp_port),
                   JSON_CONFIG=self.config())
        self.log_path = os.path.join(OUT, "mock-idp.log")
        with open(self.log_path, "w") as out:
            self.process = subprocess.Popen(["java", "-Xmx256m", "-cp", classpath, MOCK_IDP_MAIN], env=env, stdout=out,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        return self

    def ready(self):
        """Waits until the provider answers its discovery document."""
        deadline = time.time() + 120
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"mock-oauth2-server exited early; see {self.log_path}")
            if http_status(self.issuer + "/.well-known/openid-configuration") == 200:
                return self
            time.sleep(0.5)
        raise SystemExit(f"mock-oauth2-server did not start in time; see {self.log_path}")

    def stop(self):
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)
        self.process = None


def sso_properties(idp, server_http):
    """Gatehouse settings for the mock provider: one provider, the benchmark's client URL on the
    allow-list (no confirmation page), the server's own URL as the public base (the callback)."""
    return {
        "gatehouse.public-base-url": server_http + "/",
        "gatehouse.sso.providers": SSO_IDP,
        "gatehouse.sso.client-whitelist": SSO_CLIENT_URL,
        f"gatehouse.sso.provider.{SSO_IDP}.issuer": idp.issuer,
        f"gatehouse.sso.provider.{SSO_IDP}.client-id": SSO_CLIENT_ID,
        f"gatehouse.sso.provider.{SSO_IDP}.client-secret": SSO_CLIENT_SECRET,
    }


def build_sso_driver():
    """Compiles src/bench/SsoDriver.java once into target/bench/sso-driver/."""
    classes = os.path.join(OUT, "sso-driver")
    shutil.rmtree(classes, ignore_errors=True)
    run(["javac", "-nowarn", "--release", "17", "-d", classes, SSO_DRIVER])
    return classes


def sso_step(settings, idp, connections=16):
    """4c. SSO logins by src/bench/SsoDriver.java (a second process that carries the cookie and
    follows the redirects): whole logins (redirect, provider, callback, m.login.token), then the
    callbacks alone (from the provider's answer to the loginToken: the code redeemed at the
    provider, the ID token validated, the account found, a login token issued), then the
    m.login.token logins alone. The server's CPU time is read exactly around each phase."""
    s = settings
    idp.ready()
    cmd = ["java", "-cp", os.path.join(OUT, "sso-driver"), "SsoDriver", s.http, SSO_IDP, SSO_CLIENT_URL, str(connections), str(s.sso_warmup), str(s.duration)]
    process = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
    results, at_start = {}, {}
    try:
        for line in process.stdout:
            if line.startswith("MARK "):
                _, edge, phase = line.split()
                now = (cpu_seconds(s.server_pid), jit_seconds(s.server_pid))
                if edge == "start":
                    at_start[phase] = now
                else:
                    results[phase] = {"cpu_s": now[0] - at_start[phase][0], "jit_s": now[1] - at_start[phase][1]}
                process.stdin.write("go\n")
                process.stdin.flush()
            elif line.startswith("BENCH_RESULT "):
                _, phase, figures = line.split(" ", 2)
                results[phase].update(json.loads(figures), load_average_1m=os.getloadavg()[0])
    finally:
        process.stdin.close()
        if process.wait() != 0:
            raise SystemExit("4c. the SSO driver failed")
    for phase in ("full", "callback", "token"):
        if phase not in results or "rps" not in results[phase]:
            raise SystemExit(f"4c. the SSO driver gave no result for {phase}")
    return results


def sso_rows(r):
    return [
        ("4c. SSO login, whole (redirect to token)", r["full"], "logins/s"),
        ("4c. SSO callback to loginToken alone", r["callback"], "logins/s"),
        ("4c. m.login.token login alone", r["token"], "logins/s"),
    ]


# ---------------------------------------------------------------- the benchmark

MACAROON_LOWEST_COST = {
    "gatehouse.tokens.format": "macaroon",
    "gatehouse.passwords.argon2.memory-kib": LOWEST_COST[0],
    "gatehouse.passwords.argon2.iterations": LOWEST_COST[1],
    "gatehouse.passwords.argon2.parallelism": LOWEST_COST[2]}


def jfr_settings():
    """The JDK's "profile" JFR settings with Java method sampling every BENCH_JFR_PERIOD_MS
    milliseconds (10, the JDK's, by default; 1 gives ten times the samples of a short step), written
    to target/bench/bench.jfc."""
    period = int(os.environ.get("BENCH_JFR_PERIOD_MS", "10"))
    java_home = os.path.dirname(os.path.dirname(os.path.realpath(shutil.which("java"))))
    with open(os.path.join(java_home, "lib", "jfr", "profile.jfc")) as f:
        text = f.read()
    text = re.sub(r'(<event name="jdk\.ExecutionSample">.*?<setting name="period"[^>]*>)[^<]*(</setting>)',
                  lambda m: f"{m.group(1)}{period} ms{m.group(2)}", text, count=1, flags=re.S)
    path = os.path.join(OUT, "bench.jfc")
    with open(path, "w") as f:
        f.write(text)
    return path


def throughput(settings, servers, users, profile):
    """0., 1. and 2. on every server at once: the floor, /versions and whoami with opaque tokens, in
    alternating rounds over all servers and all three, so that every ratio among them (whoami ÷
    floor on one server, Payara ÷ WildFly) compares figures taken under the same conditions. With
    profile, a JFR recording of each server covers the rounds (target/bench/jfr-<server>.jfr, the
    turns in jfr-windows.json)."""
    measures, keys = [], []
    for kind, server in servers.items():
        def on(function, server=server):
            def measure(seconds):
                use(settings, server)
                return function(seconds)
            return measure
        measures += [on(lambda seconds: floor(settings, seconds)),
                     on(lambda seconds, kind=kind: floor_with_token(settings, users[kind], seconds)),
                     on(lambda seconds: versions(settings, seconds)),
                     on(lambda seconds, kind=kind: whoami(settings, users[kind], seconds=seconds))]
        keys += [(kind, "floor"), (kind, "floor_token"), (kind, "versions"), (kind, "whoami_opaque")]
    if profile:
        settings.windows = []
        jfc = jfr_settings()
        for kind, server in servers.items():
            run(["jcmd", str(server.pid), "JFR.start", "name=bench", f"settings={jfc}",
                 f"filename={os.path.join(OUT, f'jfr-{kind}.jfr')}"], stdout=subprocess.DEVNULL)
    try:
        results = alternating(settings, *measures, warmup=settings.turn_warmup)
    finally:
        if profile:
            for kind, server in servers.items():
                run(["jcmd", str(server.pid), "JFR.stop", "name=bench"], stdout=subprocess.DEVNULL)
            with open(os.path.join(OUT, "jfr-windows.json"), "w") as f:
                json.dump({"measures": [f"{kind} {key}" for kind, key in keys], "turns": settings.windows}, f)
            settings.windows = None
    by_server = {}
    for (kind, key), result in zip(keys, results):
        by_server.setdefault(kind, {})[key] = result
    return by_server


def server_steps(settings, server, results, small, idp):
    """Steps 4 to 8 on one server whose opaque, default-cost instance is running and warm; restarts
    it with macaroon tokens at the lowest cost (and idp as its SSO provider) half-way. Returns the
    server left running."""
    s = settings
    kind = server.kind
    macaroons = os.path.join(OUT, f"users-macaroon-{kind}.txt")
    scale = os.path.join(OUT, f"users-scale-{kind}.txt")
    log(f"{kind} 4a. login at the default Argon2id cost, between two timings of a single hash")
    before = single_hash_ms(s, DEFAULT_COST)
    results["login_default_cost"] = login(s, small, seconds=s.slow_duration)
    results["single_hash_ms"] = {"default": (before + single_hash_ms(s, DEFAULT_COST)) / 2}
    log(f"{kind} 5. registration through UIA")
    results["registration"] = load(s, "register.lua", "/_matrix/client/v3/register", 4, 4,
                                   f"r{kind[0]}{int(time.time())}", seconds=s.slow_duration)
    time.sleep(s.settle)
    log(f"{kind} 6. isolation: whoami alone, then during a login storm at the default cost")
    results["isolation"] = isolation(s, small, small)
    results["rss_kib_opaque_run"] = server.rss_kib()
    server.stop()

    server = SERVER_KINDS[kind](s, "macaroon-lowest-cost", dict(MACAROON_LOWEST_COST, **directory_properties(s)))
    server.properties.update(sso_properties(idp, server.http))
    server.start()
    use(s, server)
    rehash_users(s, SMALL_BASE, s.users, LOWEST_COST)
    login_tokens(s, small, macaroons)
    results["warm_up"].append(warm_up(s, macaroons, small))
    log(f"{kind} 1'. and 3. versions on this server (the reference for step 3) and whoami with macaroons, alternating")
    results["versions_macaroon_server"], results["whoami_macaroon"] = alternating(
        s, lambda seconds: versions(s, seconds), lambda seconds: whoami(s, macaroons, seconds=seconds),
        warmup=s.turn_warmup)
    log(f"{kind} 2'. whoami, opaque tokens, on this server (the small-database reference for step 7)")
    results["whoami_opaque_small"] = whoami(s, small)
    log(f"{kind} 4b. login at the lowest Argon2id cost")
    results["login_lowest_cost"] = login(s, small)
    results["single_hash_ms"]["lowest"] = single_hash_ms(s, LOWEST_COST)
    log(f"{kind} 4c. SSO logins through the mock provider (whole, callback alone, m.login.token alone)")
    results["sso"] = sso_step(s, idp)

    log(f"{kind} 7. scale: generating {s.scale_users} users, devices and live tokens")
    results["scale_generation_s"] = generate_users(s, SCALE_BASE, s.scale_users, "m", LOWEST_COST, scale)
    explain(s, scale, kind)
    results["warm_up"].append(warm_up(s, scale, scale))
    log(f"{kind} 7. whoami, opaque tokens, large database")
    results["whoami_opaque_scale"] = whoami(s, scale)
    log(f"{kind} 7. login at the lowest cost, large database")
    results["login_lowest_cost_scale"] = login(s, scale)
    log(f"{kind} 7. whoami, macaroon tokens, large database")
    results["whoami_macaroon_scale"] = whoami(s, macaroons)
    results["rss_kib"] = server.rss_kib()
    results["row_counts"] = row_counts(s)
    log(f"{kind} 10. directory: logins of directory users against slapd, whoami with the directory stopped")
    results["directory"] = directory_step(s, small)
    return server


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="every step for a few seconds on tiny data")
    parser.add_argument("--no-build", action="store_true", help="use the WAR and WildFly already in target/")
    parser.add_argument("--server", choices=("wildfly", "payara", "both"), default="both",
                        help="which server(s) to measure (both: side by side) [both]")
    parser.add_argument("--steps", choices=("all", "throughput"), default="all",
                        help="throughput: only steps 0-2 (floor, /versions, whoami) [all]")
    parser.add_argument("--port-offset", type=int, default=None,
                        help="WildFly HTTP 8080+N, management 9990+N, Payara 8980+N [BENCH_PORT_OFFSET or 1000]")
    parser.add_argument("--warmup-max", type=int, default=None, help="longest warm-up per server, s [600]")
    parser.add_argument("--warmup-min", type=int, default=None,
                        help="shortest warm-up per server, s, whatever the JIT does (for loaded machines) [0]")
    parser.add_argument("--rounds", type=int, default=None, help="turns of each measure in alternating steps [4]")
    parser.add_argument("--cold-turns", action="store_true",
                        help="no unmeasured warm-up before each turn of steps 0-3: every whoami turn then "
                             "refills the token cache (measures the cost of its misses)")
    parser.add_argument("--jfr", action="store_true",
                        help="record steps 0-2 with JFR on every server (target/bench/jfr-<server>.jfr)")
    parser.add_argument("--directory-only", action="store_true",
                        help="only step 10 (directory logins, whoami with the directory stopped), on WildFly")
    options = parser.parse_args()
    s = Settings(options.smoke, options.port_offset, options.warmup_max, options.rounds, options.warmup_min,
                 options.cold_turns)
    s.jfr = options.jfr
    kinds = ["wildfly"] if options.directory_only else ["wildfly", "payara"] if options.server == "both" else [options.server]
    for tool in ("wrk", "psql", "java", "javac", "jar", "mvn"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is required (Debian: apt-get install wrk postgresql-client)")
    os.makedirs(OUT, exist_ok=True)
    if not options.no_build:
        build(s)
    if "payara" in kinds:
        stage_payara()
        os.makedirs(os.path.dirname(PAYARA_WAR), exist_ok=True)
        shutil.copy(os.path.join(TARGET, "gatehouse.war"), PAYARA_WAR)
    build_floor()
    if "wildfly" in kinds:
        prepare_server()
    if options.directory_only:
        directory_only(s)
        return
    results = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
               "mode": "smoke" if s.smoke else "full", "steps": options.steps, "cores": os.cpu_count(),
               "duration_s": s.duration, "rounds": s.rounds, "turn_warmup_s": s.turn_warmup, "users": s.users, "scale_users": s.scale_users,
               "servers": {kind: {} for kind in kinds}}
    small = {kind: os.path.join(OUT, f"users-small-{kind}.txt") for kind in kinds}
    running = {}
    idp = None
    try:
        if options.steps == "all":
            build_sso_driver()
            idp = MockIdp(s).launch()
        for kind in kinds:
            server = SERVER_KINDS[kind](s, "opaque-default-cost", {"gatehouse.tokens.format": "opaque"})
            use(s, server)
            reset_database(s)
            running[kind] = server.start()
            use(s, server)
            generate_users(s, SMALL_BASE, s.users, "bench", DEFAULT_COST, small[kind])
        for kind, server in running.items():
            use(s, server)
            log(f"warming {server.label} up")
            results["servers"][kind]["warm_up"] = [warm_up(s, small[kind], small[kind])]
        log("0., 1. and 2. the floor, versions and whoami with opaque tokens, alternating over "
            + " and ".join(server.label for server in running.values()))
        for kind, figures in throughput(s, running, small, options.jfr).items():
            results["servers"][kind].update(figures)
        if options.steps == "all":
            for kind in kinds:
                server = running.pop(kind)
                use(s, server)
                running[kind] = server_steps(s, server, results["servers"][kind], small[kind], idp)
                running.pop(kind).stop()
            if "wildfly" in kinds:
                results["cluster"] = cluster_step(s)
    finally:
        for server in running.values():
            server.stop()
        if idp is not None:
            idp.stop()

    with open(os.path.join(OUT, "raw-results.json"), "w") as f:
        json.dump(results, f, indent=2)
    report(s, results)


def explain(settings, sample_file, kind):
    with open(sample_file) as f:
        line = f.readline().split()
    token_hash = bench_tool_hash(line[1])
    sql = ("EXPLAIN (ANALYZE, BUFFERS) SELECT t.id, t.expires_at, t.retires_refresh_ref, u.id, u.localpart, u.guest, "
           "u.admin, u.deactivated, d.id, d.device_id FROM gh_access_token t JOIN gh_user u ON u.id = t.user_id "
           f"JOIN gh_device d ON d.id = t.device_ref WHERE t.token_hash = '{token_hash}';\n"
           f"EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM gh_user WHERE localpart = '{line[0]}';\n")
    with open(os.path.join(OUT, f"explain-scale-{kind}.txt"), "w") as out:
        psql(settings, "-c", sql, stdout=out)


def bench_tool_hash(token):
    import hashlib
    return hashlib.sha256(token.encode()).hexdigest()


def row_counts(settings):
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-U", settings.db_user, "-d", settings.db, "-AtX", "-c",
                          "SELECT (SELECT count(*) FROM gh_user), (SELECT count(*) FROM gh_device), "
                          "(SELECT count(*) FROM gh_access_token)"], check=True, capture_output=True, text=True)
    users, devices, tokens = out.stdout.strip().split("|")
    return {"users": int(users), "devices": int(devices), "access_tokens": int(tokens)}


# ---------------------------------------------------------------- report

LABELS = {"wildfly": "WildFly", "payara": "Payara"}


def server_rows(s, r):
    """(label, result, unit) of every step this server ran, in the table's order."""
    rows = [
        ("0. GET /floor/ping (the floor)", r.get("floor"), "req/s"),
        ("0b. the floor with whoami's token header", r.get("floor_token"), "req/s"),
        ("1. GET /versions", r.get("versions"), "req/s"),
        ("2. GET /whoami (opaque)", r.get("whoami_opaque"), "req/s"),
        ("1'. GET /versions (macaroon server)", r.get("versions_macaroon_server"), "req/s"),
        ("3. GET /whoami (macaroon)", r.get("whoami_macaroon"), "req/s"),
        ("4. POST /login, default Argon2id", r.get("login_default_cost"), "logins/s"),
        ("4. POST /login, lowest Argon2id", r.get("login_lowest_cost"), "logins/s"),
    ] + (sso_rows(r["sso"]) if "sso" in r else []) + [
        ("5. registration (UIA, default cost)", r.get("registration"), "req/s"),
        ("6. whoami alone (4 conn)", r.get("isolation", {}).get("whoami_alone"), "req/s"),
        ("6. whoami during login storm", r.get("isolation", {}).get("whoami_during_storm"), "req/s"),
        ("6. the login storm (16 conn)", r.get("isolation", {}).get("login_storm"), "logins/s"),
        ("7. whoami (opaque), small db", r.get("whoami_opaque_small"), "req/s"),
        (f"7. whoami (opaque), {s.scale_users} rows", r.get("whoami_opaque_scale"), "req/s"),
        (f"7. whoami (macaroon), {s.scale_users} rows", r.get("whoami_macaroon_scale"), "req/s"),
        (f"7. login lowest cost, {s.scale_users} rows", r.get("login_lowest_cost_scale"), "logins/s"),
    ] + (directory_rows(r["directory"]) if "directory" in r else [])
    return [row for row in rows if row[1] is not None]


def cluster_rows(r):
    c = r.get("cluster")
    if not c:
        return []
    return [("9. two nodes: whoami via HAProxy", c["whoami_proxy"], "req/s"),
            ("9. two nodes: whoami on node a alone", c["whoami_node"], "req/s"),
            ("9. two nodes: login via HAProxy, lowest", c["login_proxy"], "logins/s")]


def table_lines(rows):
    lines = [f"{'step':44} {'rate':>10} {'unit':9} {'p50 ms':>8} {'p99 ms':>8} {'429s':>6} {'errors':>6} "
             f"{'timeouts':>8} {'load':>5} {'jit s':>6} {'cpu us/req':>10}"]
    for name, res, unit in rows:
        lines.append(f"{name:44} {res['rps']:10.1f} {unit:9} {res['p50_ms']:8.2f} {res['p99_ms']:8.2f} "
                     f"{res.get('counts', {}).get('limited', 0):6d} {unexpected(name, res):6d} {res['timeouts']:8d} "
                     f"{res['load_average_1m']:5.1f} {res['jit_s']:6.1f} {cpu_per_request(res):10.0f}")
    return lines


def cpu_per_request(res):
    """The server's CPU time per completed request in microseconds (JIT and GC included)."""
    return 1e6 * res.get("cpu_s", 0) / res["requests"] if res["requests"] else 0.0


def server_targets(r, cores):
    """The targets of one server's full run (docs/benchmarks.md), as (name, met, value)."""
    if "login_default_cost" not in r:
        return []
    ratios = {
        "whoami_opaque_over_versions": r["whoami_opaque"]["rps"] / r["versions"]["rps"],
        "whoami_macaroon_over_versions": r["whoami_macaroon"]["rps"] / r["versions_macaroon_server"]["rps"],
        "isolation_p99_ratio": r["isolation"]["ratio"],
        "scale_whoami_opaque": r["whoami_opaque_scale"]["rps"] / r["whoami_opaque_small"]["rps"],
        "scale_whoami_macaroon": r["whoami_macaroon_scale"]["rps"] / r["whoami_macaroon"]["rps"],
        "scale_login_lowest_cost": r["login_lowest_cost_scale"]["rps"] / r["login_lowest_cost"]["rps"],
        "login_default_over_hash_bound": r["login_default_cost"]["rps"] / (cores / (r["single_hash_ms"]["default"] / 1000)),
        "whoami_directory_down_over_up": r["directory"]["whoami_down_over_up"],
    }
    r["ratios"] = ratios
    return [
        ("whoami/versions (opaque) >= 0.85", ratios["whoami_opaque_over_versions"] >= 0.85, ratios["whoami_opaque_over_versions"]),
        ("whoami/versions (macaroon) >= 0.85", ratios["whoami_macaroon_over_versions"] >= 0.85, ratios["whoami_macaroon_over_versions"]),
        ("isolation p99 ratio <= 3", ratios["isolation_p99_ratio"] <= 3, ratios["isolation_p99_ratio"]),
        ("scale whoami opaque within 15%", ratios["scale_whoami_opaque"] >= 0.85, ratios["scale_whoami_opaque"]),
        ("scale whoami macaroon within 15%", ratios["scale_whoami_macaroon"] >= 0.85, ratios["scale_whoami_macaroon"]),
        ("scale login within 15%", ratios["scale_login_lowest_cost"] >= 0.85, ratios["scale_login_lowest_cost"]),
        ("login lowest cost >= 1000/s", r["login_lowest_cost"]["rps"] >= 1000, r["login_lowest_cost"]["rps"]),
        ("login default >= 0.8 x cores / hash time", ratios["login_default_over_hash_bound"] >= 0.8,
         ratios["login_default_over_hash_bound"]),
        ("whoami with the directory stopped within 15% of up", ratios["whoami_directory_down_over_up"] >= 0.85,
         ratios["whoami_directory_down_over_up"]),
    ]


def floor_targets(servers):
    """Issue 20's targets: WildFly at the floor, Payara at 0.7 of WildFly (steps 0-2, one run)."""
    targets = []
    wildfly, payara = servers.get("wildfly"), servers.get("payara")
    if wildfly:
        for key, name, bound in (("whoami_opaque", "whoami", 0.90), ("versions", "/versions", 0.95)):
            value = wildfly[key]["rps"] / wildfly["floor"]["rps"]
            targets.append((f"WildFly {name} >= {bound:.2f} x floor", value >= bound, value))
        if "floor_token" in wildfly:
            value = wildfly["whoami_opaque"]["rps"] / wildfly["floor_token"]["rps"]
            targets.append(("WildFly whoami >= 0.90 x floor with whoami's headers", value >= 0.90, value))
    if wildfly and payara:
        for key, name in (("whoami_opaque", "whoami"), ("versions", "/versions")):
            value = payara[key]["rps"] / wildfly[key]["rps"]
            targets.append((f"Payara {name} >= 0.7 x WildFly {name}", value >= 0.7, value))
    return targets


def side_by_side(s, servers):
    """One line per step both servers ran: each server's rate, and Payara's over WildFly's."""
    kinds = list(servers)
    rows = {kind: {name: res for name, res, _ in server_rows(s, r)} for kind, r in servers.items()}
    names = [name for name, _, _ in server_rows(s, servers[kinds[0]]) if all(name in rows[k] for k in kinds)]
    header = f"{'step':44}" + "".join(f" {LABELS[k] + ' /s':>14}" for k in kinds)
    if len(kinds) == 2:
        header += f" {kinds[1] + '/' + kinds[0]:>16}"
    lines = [header]
    for name in names:
        line = f"{name:44}" + "".join(f" {rows[k][name]['rps']:14.1f}" for k in kinds)
        if len(kinds) == 2:
            line += f" {rows[kinds[1]][name]['rps'] / rows[kinds[0]][name]['rps']:16.3f}"
        lines.append(line)
    for key, floor_key, name in (("versions", "floor", "/versions ÷ floor"), ("whoami_opaque", "floor", "whoami ÷ floor"),
                                 ("whoami_opaque", "floor_token", "whoami ÷ floor with whoami's headers")):
        if all(key in servers[k] and floor_key in servers[k] for k in kinds):
            lines.append(f"{name:44}" + "".join(f" {servers[k][key]['rps'] / servers[k][floor_key]['rps']:14.3f}"
                                                for k in kinds))
    lines.append("")
    lines.append(f"{'server CPU per request, us':44}" + "".join(f" {LABELS[k]:>14}" for k in kinds)
                 + (f" {kinds[1] + '/' + kinds[0]:>16}" if len(kinds) == 2 else ""))
    for name in names[:4]:
        line = f"{name:44}" + "".join(f" {cpu_per_request(rows[k][name]):14.0f}" for k in kinds)
        if len(kinds) == 2 and cpu_per_request(rows[kinds[0]][name]):
            line += f" {cpu_per_request(rows[kinds[1]][name]) / cpu_per_request(rows[kinds[0]][name]):16.3f}"
        lines.append(line)
    return lines


def report(s, r):
    cores = r["cores"]
    lines, targets, all_rows = [], [], []
    for kind, sr in r["servers"].items():
        rows = server_rows(s, sr) + (cluster_rows(r) if kind == "wildfly" else [])
        all_rows += rows
        lines.append(f"== {LABELS[kind]}")
        lines += table_lines(rows)
        if "registration" in sr:
            registered = sr["registration"]["counts"].get("registered", 0)
            sr["registration"]["registrations_per_s"] = registered / sr["registration"]["seconds"]
            single_default = sr["single_hash_ms"]["default"] / 1000
            lines.append("")
            lines.append(f"registrations/s: {sr['registration']['registrations_per_s']:.1f}   "
                         f"single hash: default {sr['single_hash_ms']['default']:.1f} ms, lowest {sr['single_hash_ms']['lowest']:.2f} ms   "
                         f"hash bound at default cost: {cores / single_default:.1f} logins/s")
            lines.append(f"RSS after the run: {sr['rss_kib'] / 1024:.0f} MiB (opaque run: {sr['rss_kib_opaque_run'] / 1024:.0f} MiB)   "
                         f"rows: {sr['row_counts']}   generator: {sr['scale_generation_s']:.1f} s")
        if "sso" in sr and "login_lowest_cost" in sr:
            lines.append("CPU per login, us: password (lowest Argon2id) "
                         f"{cpu_per_request(sr['login_lowest_cost']):.0f}, SSO whole {cpu_per_request(sr['sso']['full']):.0f} "
                         f"= callback {cpu_per_request(sr['sso']['callback']):.0f} + m.login.token "
                         f"{cpu_per_request(sr['sso']['token']):.0f} + the redirect to the provider "
                         "(the provider's own CPU is not the server's)")
        if kind == "wildfly" and r.get("cluster"):
            revocation = r["cluster"]["revocation"]
            lines.append(f"two nodes, revocation on a seen on b: p50 {revocation['p50_ms']:.1f} ms, p99 {revocation['p99_ms']:.1f} ms, "
                         f"max {revocation['max_ms']:.1f} ms after a answered; b's first whoami already refused it in "
                         f"{revocation['first_try_refused']} of {revocation['rounds']} rounds")
        lines.append("warm-ups: " + ", ".join(f"{w['seconds']:.0f} s (JIT {w['jit_share_last_round']:.0%} of a core in the last round)"
                                              for w in sr["warm_up"]))
        lines.append("")
        targets += [(f"{LABELS[kind]}: {name}", met, value) for name, met, value in server_targets(sr, cores)]
        if kind == "wildfly" and r.get("cluster"):
            revocation = r["cluster"]["revocation"]
            targets.append(("two nodes: revocation seen on the other node within 250 ms", revocation["max_ms"] <= 250,
                            revocation["max_ms"]))
    lines.append("== side by side (steps 0-2 in alternating rounds over both servers)")
    lines += side_by_side(s, r["servers"])
    lines.append("")
    targets += floor_targets(r["servers"])
    errors = sum(unexpected(name, res) for name, res, _ in all_rows)
    timeouts = sum(res["timeouts"] for _, res, _ in all_rows)
    targets.append(("no errors, no 5xx, no timeouts", errors + timeouts == 0, errors + timeouts))
    r["targets"] = {name: {"met": bool(met), "value": value} for name, met, value in targets}
    for name, met, value in targets:
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        lines.append(f"  [{'met ' if met else 'MISS'}] {name}: {shown}")
    lines.append("")
    lines.append("429s: back-pressure of the hashing pool (the client waited retry_after_ms before its next "
                 "request); errors: responses other than 2xx/3xx (the 401 challenges of registration and the 429s "
                 "excepted) and connect/read/write errors; timeouts: no response within 30 s; load: 1-minute load average "
                 f"of the machine after the step ({cores} cores); jit s: CPU seconds the server's JIT compiler threads "
                 "used during the step; cpu us/req: CPU time of the whole server process per completed request")
    table = "\n".join(lines)
    print("\n" + table)
    r["table"] = table
    with open(os.path.join(OUT, "results.json"), "w") as f:
        json.dump(r, f, indent=2)
    log(f"written {os.path.join(OUT, 'results.json')}")
    if errors:
        raise SystemExit(f"{errors} unexpected responses or socket errors")
    idle = [name for name, res, _ in all_rows if res["requests"] == 0]
    if idle:
        raise SystemExit("no request completed in: " + ", ".join(idle))
    if timeouts and not s.smoke:
        log(f"{timeouts} requests timed out (30 s); see the table")


def unexpected(name, res):
    counts = res.get("counts", {})
    if "unexpected" in counts:  # registration's 401 challenges and login's 429 back-pressure are expected
        return counts["unexpected"] + res["socket_errors"]
    return res["non_2xx_3xx"] + res["socket_errors"]


if __name__ == "__main__":
    main()

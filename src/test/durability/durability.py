#!/usr/bin/env python3
"""Durability and outage tests for Gatehouse (README: "Durability and outages").

  durability.py crash  --db h2|postgres   registration and login storm, kill -9 mid-storm, restart:
                                          every acknowledged registration must log in, every name
                                          tried must be a working account or free
  durability.py outage                    PostgreSQL stopped for 10 s under load, then restarted
                                          while idle: 503 M_UNKNOWN with Retry-After meanwhile,
                                          /versions and /.well-known 200 throughout, readiness DOWN,
                                          full service again within 10 s, no restart
  durability.py graceful --db h2|postgres SIGTERM mid-storm: requests in flight finish, nothing
                                          acknowledged is lost (WildFly; --no-suspend starts it
                                          without its suspend setting, to see the test fail)

  --server wildfly|payara                 the server (crash and outage; graceful is WildFly's)

Each prints its counts and exits 1 on any loss or any answer outside the contract. It runs one
WildFly of this build (target/server for H2, target/it-server-postgres for PostgreSQL) with
target/gatehouse.war in a fresh base directory under target/durability/, or with --server payara
one Payara Micro 6 as the -Ppayara Maven profile runs it (target/payara/payara-micro.jar and
postgresql.jar, which `mvn verify -Ppayara` stages; server-config/payara/*.asadmin), and for
PostgreSQL a cluster of its own (initdb and pg_ctl from PostgreSQL's binary directory), never the
machine's. It stops only the processes it started, by their PIDs. Python 3 standard library only.
"""
import argparse
import glob
import json
import os
import random
import shutil
import signal
import string
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
PASSWORD = "durability test password 1"


def log(message):
    print(f"[durability {time.strftime('%H:%M:%S')}] {message}", flush=True)


# ---------------------------------------------------------------- HTTP

class Reply:
    def __init__(self, status, body, headers, seconds):
        self.status = status
        self.body = body
        self.headers = headers
        self.seconds = seconds

    def json(self):
        try:
            return json.loads(self.body)
        except ValueError:
            return None

    def errcode(self):
        parsed = self.json()
        return parsed.get("errcode") if isinstance(parsed, dict) else None

    def kind(self):
        """status and errcode, or the transport failure; 'html' when the body is not JSON."""
        if self.status is None:
            return "no-answer"
        if self.json() is None and self.body:
            return f"{self.status} html/other"
        code = self.errcode()
        return f"{self.status} {code}" if code else str(self.status)


def request(base, method, path, body=None, token=None, timeout=30):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    if body is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    start = time.monotonic()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return Reply(resp.status, resp.read().decode("utf-8", "replace"), dict(resp.headers),
                         time.monotonic() - start)
    except urllib.error.HTTPError as e:
        return Reply(e.code, e.read().decode("utf-8", "replace"), dict(e.headers), time.monotonic() - start)
    except Exception:  # connection refused or reset, timeout: no answer
        return Reply(None, "", {}, time.monotonic() - start)


def register(base, name):
    return request(base, "POST", "/_matrix/client/v3/register",
                   {"username": name, "password": PASSWORD, "auth": {"type": "m.login.dummy"}})


def login(base, name):
    return request(base, "POST", "/_matrix/client/v3/login",
                   {"type": "m.login.password", "identifier": {"type": "m.id.user", "user": name},
                    "password": PASSWORD})


def random_name(prefix):
    return prefix + "-" + "".join(random.choice(string.ascii_lowercase + string.digits) for _ in range(10))


# ---------------------------------------------------------------- processes

def as_postgres(command):
    return ["runuser", "-u", "postgres", "--"] + command if os.getuid() == 0 else command


def pg_bin():
    return sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: [int(x) for x in p.split("/")[4].split(".")])[-1]


class Postgres:
    """A PostgreSQL cluster of this test's own, its data in a new directory under /tmp (reachable by
    the postgres user wherever the checkout is), deleted when the test ends."""

    def __init__(self, port):
        self.port = port
        self.data = None

    def init(self):
        import tempfile
        self.data = tempfile.mkdtemp(prefix="gatehouse-durability-pg.")
        if os.getuid() == 0:
            shutil.chown(self.data, "postgres")
        subprocess.run(as_postgres([pg_bin() + "/initdb", "-D", self.data, "-A", "trust", "-U", "postgres"]),
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.start()
        subprocess.run(["createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "gatehouse"], check=True)

    def start(self):
        subprocess.run(as_postgres([pg_bin() + "/pg_ctl", "-D", self.data, "-o",
                                    f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1",
                                    "-l", self.data + "/log", "-w", "start"]), check=True, stdout=subprocess.DEVNULL)

    def stop(self):
        subprocess.run(as_postgres([pg_bin() + "/pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop"]),
                       check=True, stdout=subprocess.DEVNULL)

    def destroy(self):
        if self.data and os.path.exists(self.data + "/postmaster.pid"):
            self.stop()
        if self.data:
            shutil.rmtree(self.data, ignore_errors=True)

    def url(self):
        return f"jdbc:postgresql://127.0.0.1:{self.port}/gatehouse"


# Gatehouse's settings for every server these tests start: registration open, no rate limits (the
# storm comes from one address).
SETTINGS = ["-Dgatehouse.registration.enabled=true", "-Dgatehouse.rate-limits.enabled=false"]


class WildFly:
    """One WildFly of this build running target/gatehouse.war from a base directory of its own."""

    name = "WildFly"

    def __init__(self, db, port, workdir, pg=None, suspend=True):
        self.home = os.path.join(ROOT, "target", "server" if db == "h2" else "it-server-postgres")
        self.port = port
        self.base = os.path.join(workdir, "node")
        self.pidfile = os.path.join(workdir, "node.pid")
        self.logfile = os.path.join(workdir, "node.log")
        self.pg = pg
        if not os.path.isdir(self.home):
            sys.exit(f"no {self.home}: run `mvn package{'' if db == 'h2' else ' -Ppostgres'}` first")
        shutil.rmtree(self.base, ignore_errors=True)
        shutil.copytree(os.path.join(self.home, "standalone"), self.base)
        for sub in ("deployments", "data", "tmp", "log"):
            shutil.rmtree(os.path.join(self.base, sub), ignore_errors=True)
        os.makedirs(os.path.join(self.base, "deployments"))
        shutil.copy(os.path.join(ROOT, "target", "gatehouse.war"), os.path.join(self.base, "deployments", "ROOT.war"))
        if not suspend:
            self.remove_suspend_setting()
        self.process = None

    def remove_suspend_setting(self):
        """This server's configuration without org.wildfly.sigterm.suspend.timeout, the setting that
        makes SIGTERM suspend (finish requests in flight) before stopping: what graceful must fail on."""
        config = os.path.join(self.base, "configuration", "standalone.xml")
        with open(config) as f:
            lines = f.readlines()
        kept = [line for line in lines if "org.wildfly.sigterm.suspend.timeout" not in line]
        if len(kept) == len(lines):
            sys.exit(f"{config} has no org.wildfly.sigterm.suspend.timeout to remove")
        with open(config, "w") as f:
            f.writelines(kept)

    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def management_url(self):
        return f"http://127.0.0.1:{9990 + self.port - 8080}"

    def start(self, timeout=300):
        env = dict(os.environ, JBOSS_PIDFILE=self.pidfile, LAUNCH_JBOSS_IN_BACKGROUND="1",
                   JBOSS_JAVA_SIZING="-Xms256m -Xmx512m")
        if self.pg:
            env.update(GATEHOUSE_DB_URL=self.pg.url(), GATEHOUSE_DB_USER="postgres",
                       GATEHOUSE_DB_PASSWORD="trust-authentication-ignores-it")
        env.pop("GATEHOUSE_H2_URL", None)
        if os.environ.get("DURABILITY_H2_URL"):
            # another H2 URL, e.g. without WRITE_DELAY=0 to see what the default protects against
            env["GATEHOUSE_H2_URL"] = os.environ["DURABILITY_H2_URL"].replace("BASE", self.base)
        if os.path.exists(self.pidfile):
            os.remove(self.pidfile)
        with open(self.logfile, "a") as out:
            self.process = subprocess.Popen(
                [os.path.join(self.home, "bin", "standalone.sh"), f"-Djboss.server.base.dir={self.base}",
                 f"-Djboss.socket.binding.port-offset={self.port - 8080}"] + SETTINGS,
                env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        self.await_service(timeout)

    def await_service(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"{self.name} exited; see {self.logfile}")
            if request(self.url(), "GET", "/_matrix/client/versions", timeout=5).status == 200 \
                    and request(self.url(), "GET", "/_matrix/client/v3/register/available?username=probe",
                                timeout=10).status in (200, 400):
                return
            time.sleep(0.5)
        sys.exit(f"{self.name} did not serve in {timeout} s; see {self.logfile}")

    def pid(self):
        with open(self.pidfile) as f:
            return int(f.read().strip())

    def kill(self, sig=signal.SIGKILL, wait=60):
        pid = self.pid()
        os.kill(pid, sig)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        else:
            os.kill(pid, signal.SIGKILL)
        if self.process:
            self.process.wait(timeout=30)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.kill(signal.SIGTERM)


class PayaraMicro(WildFly):
    """One Payara Micro 6 running target/gatehouse.war as the -Ppayara profile's tests run it: the
    staged payara-micro.jar (and postgresql.jar), server-config/payara's pre- and post-boot commands,
    --nocluster, and an instance directory of its own, new on every start (one kept from an earlier
    start redeploys the WAR before the post-boot commands have made PostgreSQL the default
    datasource). On H2 the database file lives under this test's directory, outside the instance
    directory, so it survives the restart. Health is served on the HTTP port."""

    name = "Payara Micro"

    def __init__(self, db, port, workdir, pg=None):
        self.dir = os.path.join(ROOT, "target", "payara")
        self.jar = os.path.join(self.dir, "payara-micro.jar")
        for needed in (self.jar, os.path.join(self.dir, "postgresql.jar")):
            if not os.path.exists(needed):
                sys.exit(f"no {needed}: run `mvn verify -Ppayara,postgres` (any -Dit.test) first, which stages it")
        self.db = db
        self.port = port
        self.workdir = workdir
        self.root = os.path.join(workdir, "payara-root")
        self.h2 = os.path.join(workdir, "h2", "gatehouse")
        self.logfile = os.path.join(workdir, "node.log")
        self.pg = pg
        shutil.rmtree(os.path.join(workdir, "h2"), ignore_errors=True)
        self.process = None

    def management_url(self):
        return self.url()

    def start(self, timeout=600):
        env = dict(os.environ)
        if self.pg:
            env.update(GATEHOUSE_DB_URL=self.pg.url(), GATEHOUSE_DB_USER="postgres",
                       GATEHOUSE_DB_PASSWORD="trust-authentication-ignores-it")
        else:
            env["GATEHOUSE_H2_URL"] = os.environ.get("DURABILITY_H2_URL", "jdbc:h2:BASE;AUTO_SERVER=TRUE;WRITE_DELAY=0") \
                .replace("BASE", self.h2)
        shutil.rmtree(self.root, ignore_errors=True)
        config = os.path.join(ROOT, "server-config", "payara")
        with open(self.logfile, "a") as out:
            self.process = subprocess.Popen(
                ["java", "-Xms256m", "-Xmx512m"] + SETTINGS
                + ["-jar", self.jar, "--nocluster", "--port", str(self.port), "--rootDir", self.root,
                   "--addLibs", os.path.join(self.dir, "postgresql.jar"),
                   "--prebootcommandfile", os.path.join(config, "pre-boot-commands.asadmin"),
                   "--postbootcommandfile", os.path.join(config, f"post-boot-{self.db}.asadmin"),
                   "--deploy", os.path.join(ROOT, "target", "gatehouse.war")],
                env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        self.await_service(timeout)

    def pid(self):
        return self.process.pid

    def kill(self, sig=signal.SIGKILL, wait=60):
        """Signals the JVM, this script's own child, and reaps it (a zombie would still answer kill -0)."""
        self.process.send_signal(sig)
        try:
            self.process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)


def make_server(args, db, workdir, pg):
    if args.server == "payara":
        return PayaraMicro(db, args.port, workdir, pg)
    return WildFly(db, args.port, workdir, pg)


# ---------------------------------------------------------------- the storm

class Storm:
    """Clients that each register a new name and log it in, in a loop, recording what was tried and
    what the server acknowledged."""

    def __init__(self, base, clients):
        self.base = base
        self.clients = clients
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.tried = []            # every name a registration was sent for
        self.registered = []       # names whose registration answered 200
        self.tokens = []           # (name, access token) of logins that answered 200
        self.answers = {}          # "register 200", "login no-answer", ... -> count
        self.unanswered_sent_at = []  # when each request that got no answer was sent

    def count(self, what, reply):
        with self.lock:
            key = f"{what} {reply.kind()}"
            self.answers[key] = self.answers.get(key, 0) + 1
            if reply.status is None:
                self.unanswered_sent_at.append(time.monotonic() - reply.seconds)

    def client(self):
        while not self.stop.is_set():
            name = random_name("storm")
            with self.lock:
                self.tried.append(name)
            reply = register(self.base, name)
            self.count("register", reply)
            if reply.status != 200:
                if reply.status is None:
                    time.sleep(0.2)
                continue
            with self.lock:
                self.registered.append(name)
            reply = login(self.base, name)
            self.count("login", reply)
            if reply.status == 200:
                with self.lock:
                    self.tokens.append((name, reply.json()["access_token"]))

    def warm_up(self, count=4):
        """A few registrations and logins before the storm, so it measures a warm server."""
        for _ in range(count):
            name = random_name("warm")
            if register(self.base, name).status != 200 or login(self.base, name).status != 200:
                sys.exit("the server does not register and log in before the storm")

    def run_until(self, event_at, action):
        self.warm_up()
        threads = [threading.Thread(target=self.client, daemon=True) for _ in range(self.clients)]
        for t in threads:
            t.start()
        time.sleep(event_at)
        action()
        self.stop.set()
        for t in threads:
            t.join(timeout=120)


def verify(base, storm):
    """Every acknowledged registration logs in; every name tried is a working account or free;
    every acknowledged login token is usable (a refused one was a commit lost)."""
    lost, half_made, completed_unacknowledged, free = [], [], 0, 0
    acknowledged = set(storm.registered)
    for name in storm.tried:
        reply = login(base, name)
        if reply.status == 200:
            if name not in acknowledged:
                completed_unacknowledged += 1
            continue
        if name in acknowledged:
            lost.append(f"{name}: login {reply.kind()}")
            continue
        available = request(base, "GET", "/_matrix/client/v3/register/available?username=" + name)
        if available.status == 200:
            free += 1
        else:
            half_made.append(f"{name}: login {reply.kind()}, available {available.kind()}")
    tokens = {}
    for name, token in storm.tokens:
        kind = request(base, "GET", "/_matrix/client/v3/account/whoami", token=token).kind()
        tokens[kind] = tokens.get(kind, 0) + 1
    # an acknowledged login was committed: its token must work after the restart
    bad_tokens = {k: v for k, v in tokens.items() if k != "200"}
    return lost, half_made, completed_unacknowledged, free, tokens, bad_tokens


def report_storm(storm, lost, half_made, completed_unacknowledged, free, tokens, bad_tokens, label):
    print(f"== {label}")
    print(f"answers during the storm: {json.dumps(dict(sorted(storm.answers.items())))}")
    print(f"names tried: {len(storm.tried)}; registrations acknowledged: {len(storm.registered)}; "
          f"completed without an answer: {completed_unacknowledged}; free again: {free}")
    print(f"acknowledged registrations lost: {len(lost)}; names left half made: {len(half_made)}")
    print(f"acknowledged login tokens: {len(storm.tokens)}; after restart: {json.dumps(tokens)}; "
          f"lost: {sum(bad_tokens.values())}")
    for line in (lost + half_made)[:20]:
        print("  " + line)
    server_errors = {k: v for k, v in storm.answers.items() if k.split()[1].startswith("5") or "html" in k}
    print(f"5xx or non-JSON answers during the storm: {json.dumps(server_errors)}")
    return not lost and not half_made and not bad_tokens and len(storm.registered) > 0


# ---------------------------------------------------------------- the tests

def crash(args):
    workdir = os.path.join(ROOT, "target", "durability", f"crash-{args.server}-{args.db}")
    os.makedirs(workdir, exist_ok=True)
    pg = Postgres(args.pg_port) if args.db == "postgres" else None
    server = None
    try:
        if pg:
            pg.init()
        server = make_server(args, args.db, workdir, pg)
        server.start()
        log(f"{server.name} on {args.db} serves on {server.url()}, pid {server.pid()}; storm of {args.clients} clients")
        storm = Storm(server.url(), args.clients)
        storm.run_until(args.seconds, lambda: (log("kill -9"), server.kill()))
        server.start()
        log("restarted; checking every name tried")
        ok = report_storm(storm, *verify(server.url(), storm), label=f"crash test, {server.name}, {args.db}")
    finally:
        if server:
            server.stop()
        if pg:
            pg.destroy()
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


def graceful(args):
    if args.server != "wildfly":
        sys.exit("graceful tests WildFly's suspend on SIGTERM; there is no --server payara for it")
    workdir = os.path.join(ROOT, "target", "durability", f"graceful-{args.db}")
    os.makedirs(workdir, exist_ok=True)
    pg = Postgres(args.pg_port) if args.db == "postgres" else None
    server = None
    try:
        if pg:
            pg.init()
        server = WildFly(args.db, args.port, workdir, pg, suspend=not args.no_suspend)
        server.start()
        log(f"WildFly on {args.db}{' WITHOUT its suspend setting' if args.no_suspend else ''} serves on "
            f"{server.url()}; storm of {args.clients} clients, then SIGTERM")
        storm = Storm(server.url(), args.clients)
        stopped = {}

        def terminate():
            log("SIGTERM")
            stopped["at"] = time.monotonic()
            server.kill(signal.SIGTERM)
        storm.run_until(args.seconds, terminate)
        server.start()
        ok = report_storm(storm, *verify(server.url(), storm),
                          label=f"graceful shutdown, WildFly, {args.db}{', no suspend' if args.no_suspend else ''}")
        cut = [sent for sent in storm.unanswered_sent_at if sent < stopped["at"]]
        print(f"requests in flight at SIGTERM left without an answer: {len(cut)}; requests sent later that found "
              f"the server gone: {len(storm.unanswered_sent_at) - len(cut)}; new requests refused while it "
              f"suspended: {sum(v for k, v in storm.answers.items() if ' 503' in k)}")
        if cut:
            ok = fail("requests in flight when the server was told to stop got no answer")
    finally:
        if server:
            server.stop()
        if pg:
            pg.destroy()
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


class Probe:
    """One kind of request sent in a loop, every answer recorded with the time it was sent."""

    def __init__(self, name, send):
        self.name = name
        self.send = send
        self.records = []  # (sent at, Reply)

    def loop(self, stop):
        while not stop.is_set():
            sent = time.monotonic()
            self.records.append((sent, self.send()))
            time.sleep(0.05)


def outage(args):
    workdir = os.path.join(ROOT, "target", "durability", f"outage-{args.server}")
    os.makedirs(workdir, exist_ok=True)
    pg = Postgres(args.pg_port)
    server = None
    ok = True
    try:
        pg.init()
        server = make_server(args, "postgres", workdir, pg)
        server.start()
        base = server.url()
        user = random_name("outage")
        assert register(base, user).status == 200
        token = login(base, user).json()["access_token"]
        probes = [
            Probe("versions", lambda: request(base, "GET", "/_matrix/client/versions", timeout=20)),
            Probe("well-known", lambda: request(base, "GET", "/.well-known/matrix/client", timeout=20)),
            Probe("register", lambda: register(base, random_name("load"))),
            Probe("login", lambda: login(base, user)),
            Probe("whoami", lambda: request(base, "GET", "/_matrix/client/v3/account/whoami", token=token, timeout=20)),
            Probe("ready", lambda: request(server.management_url(), "GET", "/health/ready", timeout=20)),
        ]
        stop = threading.Event()
        threads = [threading.Thread(target=p.loop, args=(stop,), daemon=True) for p in probes]
        for t in threads:
            t.start()
        time.sleep(5)
        log(f"stopping PostgreSQL for {args.seconds} s")
        down_at = time.monotonic()
        pg.stop()
        time.sleep(args.seconds)
        pg.start()
        up_at = time.monotonic()
        log("PostgreSQL is back")
        time.sleep(15)
        stop.set()
        for t in threads:
            t.join(timeout=60)

        print(f"== outage test, {server.name}, PostgreSQL stopped for {args.seconds} s under load")
        database = ("register", "login")
        for probe in probes:
            phases = {"before": {}, "during": {}, "after": {}}
            for sent, reply in probe.records:
                phase = "before" if sent < down_at else "during" if sent < up_at else "after"
                key = reply.kind()
                phases[phase][key] = phases[phase].get(key, 0) + 1
            slowest = max((r.seconds for _, r in probe.records), default=0)
            print(f"{probe.name:10} {json.dumps(phases)} slowest {slowest:.1f} s")
            during = [r for s, r in probe.records if down_at <= s < up_at]
            if slowest > 15:
                ok = fail(f"{probe.name}: an answer took {slowest:.1f} s")
            if probe.name in ("versions", "well-known"):
                if any(r.status != 200 for _, r in probe.records):
                    ok = fail(f"{probe.name} did not always answer 200")
            elif probe.name == "ready":
                if not any(r.status == 503 and '"DOWN"' in r.body for r in during):
                    ok = fail("readiness never reported DOWN during the outage")
            else:
                for r in during:
                    if r.status == 503 and (r.errcode() != "M_UNKNOWN" or "Retry-After" not in r.headers):
                        ok = fail(f"{probe.name}: 503 without M_UNKNOWN and Retry-After: {r.body}")
                    elif r.status not in (200, 503):
                        ok = fail(f"{probe.name}: {r.kind()} during the outage: {r.body[:200]}")
                if probe.name in database and not any(r.status == 503 for r in during):
                    ok = fail(f"{probe.name}: no 503 during the outage")
                late = [(s, r) for s, r in probe.records if s >= up_at + 10 and r.status != 200]
                if late:
                    ok = fail(f"{probe.name}: {len(late)} answers other than 200 more than 10 s after PostgreSQL returned")
            recovered = [s - up_at for s, r in probe.records if s >= up_at and r.status == 200]
            if probe.name in database:
                print(f"{'':10} first 200 after PostgreSQL returned: {recovered[0]:.1f} s" if recovered else "never recovered")
        log("restarting PostgreSQL while idle")
        pg.stop()
        pg.start()
        time.sleep(1)
        first = register(base, random_name("idle"))
        second = login(base, user)
        print(f"after a restart while idle: register {first.kind()}, login {second.kind()}")
        if first.status != 200 or second.status != 200:
            ok = fail("the first requests after an idle restart failed")
    finally:
        if server:
            server.stop()
        pg.destroy()
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


def fail(message):
    print("FAIL: " + message)
    return False


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("test", choices=["crash", "outage", "graceful"])
    parser.add_argument("--db", choices=["h2", "postgres"], default="h2")
    parser.add_argument("--server", choices=["wildfly", "payara"], default="wildfly",
                        help="WildFly of this build, or Payara Micro 6 as -Ppayara runs it [wildfly]")
    parser.add_argument("--no-suspend", action="store_true",
                        help="graceful: start WildFly without org.wildfly.sigterm.suspend.timeout (expected to FAIL)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("DURABILITY_PORT", 8480)),
                        help="the server's HTTP port (WildFly's management port is 9990 + port - 8080) [8480]")
    parser.add_argument("--pg-port", type=int, default=int(os.environ.get("DURABILITY_PG_PORT", 20410)),
                        help="the PostgreSQL this test starts [20410]")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=None,
                        help="storm length before the kill (crash, graceful) [8]; outage length (outage) [10]")
    args = parser.parse_args()
    if args.seconds is None:
        args.seconds = 10 if args.test == "outage" else 8
    return {"crash": crash, "outage": outage, "graceful": graceful}[args.test](args)


if __name__ == "__main__":
    sys.exit(main())

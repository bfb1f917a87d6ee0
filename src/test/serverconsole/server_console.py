#!/usr/bin/env python3
"""Proof of README's "From the server console": Gatehouse's production settings set with the server's own
tools take effect, and no server file holds a secret in clear text.

  server_console.py wildfly [--port-offset N]   the WildFly of this build (target/server) with
                                                target/gatehouse.war: credential-store.cli, the secrets
                                                encrypted by the server (create-expression), then
                                                configure-production.cli with gatehouse-production.properties
  server_console.py payara  [--port-offset N]   Payara Micro of a -Ppayara build (target/payara/payara-micro.jar):
                                                the secrets as password aliases (keytool), then
                                                post-boot-production.asadmin

Each then checks through the HTTP API that the settings took effect: the public URL in
/.well-known/matrix/client, the server name in the user ID that shared-secret registration
(/_synapse/admin/v1/register, with the shared secret) creates, a wrong secret refused; on WildFly, that the
JVM's system properties (what MicroProfile Config reads) hold the four secrets decrypted; on Payara, that
the refresh secret was seen (no "not set" warning). Ports: WildFly 8080+N (management 9990+N), Payara
8980+N. Everything runs in a fresh directory under target/server-console/; only the processes it starts
are stopped, by their PIDs. Exits 1 on any failure. Python 3 standard library only.
"""
import argparse
import hashlib
import hmac
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

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
CONFIG = os.path.join(ROOT, "server-config")
SERVER_NAME = "example.org"
PUBLIC_URL = "https://matrix.example.org/"
SECRETS = {
    "registration-shared-secret": "console shared secret 0123456789",
    "macaroon-secret-key": "console macaroon root key 0123456789abcdef",
    "refresh-secret": "console refresh secret 0123456789abcdef0123",
    "ldap-bind-password": "console directory password",
}
PROPERTIES = {
    "registration-shared-secret": "gatehouse.registration.shared-secret",
    "macaroon-secret-key": "gatehouse.tokens.macaroon.secret-key",
    "refresh-secret": "gatehouse.tokens.refresh-secret",
    "ldap-bind-password": "gatehouse.ldap.bind-password",
}
ALIASES = {
    "registration-shared-secret": "gatehouse-registration-secret",
    "macaroon-secret-key": "gatehouse-macaroon-secret-key",
    "refresh-secret": "gatehouse-refresh-secret",
    "ldap-bind-password": "gatehouse-ldap-bind-password",
}


def log(message):
    print(f"[server-console {time.strftime('%H:%M:%S')}] {message}", flush=True)


def fail(message):
    log(f"FAILED: {message}")
    sys.exit(1)


def request(base, method, path, body=None, timeout=30):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"} if data else {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as reply:
            return reply.status, reply.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except (urllib.error.URLError, OSError):
        return 0, b""


def wait_serving(base, process, what, timeout=600):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            fail(f"{what} exited")
        if request(base, "GET", "/_matrix/client/versions", timeout=10)[0] == 200:
            return
        time.sleep(2)
    fail(f"{what} did not serve Gatehouse within {timeout} s")


def shared_secret_register(base, secret, localpart):
    """Synapse's shared-secret registration: HMAC-SHA1 over nonce, user, password and admin flag."""
    status, body = request(base, "GET", "/_synapse/admin/v1/register")
    if status != 200:
        return status, body
    nonce = json.loads(body)["nonce"]
    password = "server console probe password"
    mac = hmac.new(secret.encode(), digestmod=hashlib.sha1)
    mac.update(b"\x00".join([nonce.encode(), localpart.encode(), password.encode(), b"notadmin"]))
    return request(base, "POST", "/_synapse/admin/v1/register",
                   {"nonce": nonce, "username": localpart, "password": password, "admin": False,
                    "mac": mac.hexdigest()})


def check_http(base):
    status, body = request(base, "GET", "/.well-known/matrix/client")
    found = json.loads(body).get("m.homeserver", {}).get("base_url") if status == 200 else None
    if found != PUBLIC_URL:
        fail(f"/.well-known/matrix/client answered {status} {body!r}, expected base_url {PUBLIC_URL}")
    log(f"/.well-known/matrix/client names {found}")
    localpart = f"console{int(time.time() * 1000) % 10**9}"
    status, body = shared_secret_register(base, SECRETS["registration-shared-secret"], localpart)
    if status != 200 or json.loads(body).get("user_id") != f"@{localpart}:{SERVER_NAME}":
        fail(f"shared-secret registration answered {status} {body!r}, expected @{localpart}:{SERVER_NAME}")
    log(f"the shared secret registered {json.loads(body)['user_id']}")
    status, body = shared_secret_register(base, "not the configured shared secret", localpart + "x")
    if status != 403:
        fail(f"a wrong shared secret answered {status} {body!r}, expected 403")
    log("a wrong shared secret is refused (403)")


def check_no_clear_secret(directory):
    for folder, _, files in os.walk(directory):
        for name in files:
            with open(os.path.join(folder, name), "rb") as f:
                content = f.read()
            for secret in SECRETS.values():
                if secret.encode() in content:
                    fail(f"{os.path.join(folder, name)} holds a secret in clear text")
    log(f"no file under {os.path.relpath(directory, ROOT)} holds a secret in clear text")


def stop(process, pid=None):
    pid = pid or process.pid
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.kill(pid, signal.SIGKILL)
        process.wait(timeout=30)


# ---------------------------------------------------------------- WildFly

def wildfly(offset):
    home = os.path.join(ROOT, "target", "server")
    if not os.path.isdir(home):
        fail("no target/server: run `mvn package` first")
    workdir = os.path.join(ROOT, "target", "server-console", "wildfly")
    shutil.rmtree(workdir, ignore_errors=True)
    base = os.path.join(workdir, "base")
    shutil.copytree(os.path.join(home, "standalone"), base)
    for sub in ("deployments", "data", "tmp", "log"):
        shutil.rmtree(os.path.join(base, sub), ignore_errors=True)
    os.makedirs(os.path.join(base, "deployments"))
    shutil.copy(os.path.join(ROOT, "target", "gatehouse.war"), os.path.join(base, "deployments", "ROOT.war"))
    pidfile = os.path.join(workdir, "wildfly.pid")
    url = f"http://127.0.0.1:{8080 + offset}"
    controller = f"127.0.0.1:{9990 + offset}"
    env = dict(os.environ, JBOSS_PIDFILE=pidfile, LAUNCH_JBOSS_IN_BACKGROUND="1",
               JBOSS_JAVA_SIZING="-Xms256m -Xmx512m")
    for name in list(env):
        if name.startswith("GATEHOUSE_"):
            del env[name]

    def cli(*args):
        result = subprocess.run([os.path.join(home, "bin", "jboss-cli.sh"), "--connect", f"--controller={controller}",
                                 "--timeout=120000", *args], capture_output=True, text=True, env=env)
        if result.returncode != 0:
            fail(f"jboss-cli {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
        return result.stdout

    log(f"starting WildFly on {url} (management {controller})")
    with open(os.path.join(workdir, "wildfly.log"), "w") as out:
        process = subprocess.Popen([os.path.join(home, "bin", "standalone.sh"), f"-Djboss.server.base.dir={base}",
                                    f"-Djboss.socket.binding.port-offset={offset}"],
                                   env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_serving(url, process, "WildFly")
        started = time.monotonic()
        cli(f"--file={os.path.join(CONFIG, 'wildfly', 'credential-store.cli')}")
        encrypt = os.path.join(workdir, "encrypt.cli")
        with open(encrypt, "w") as f:
            for key in SECRETS:
                f.write("/subsystem=elytron/expression=encryption:create-expression(resolver=gatehouse, "
                        f"clear-text=\"{SECRETS[key]}\")\n")
        try:
            expressions = re.findall(r"\$\{ENC::gatehouse:([^}]+)\}", cli(f"--file={encrypt}"))
        finally:
            os.remove(encrypt)
        if len(expressions) != len(SECRETS):
            fail(f"create-expression gave {len(expressions)} expressions for {len(SECRETS)} secrets")
        with open(os.path.join(CONFIG, "wildfly", "gatehouse-production.properties")) as f:
            properties = f.read()
        for key, encrypted in zip(SECRETS, expressions):
            properties = properties.replace(f"encrypted.{key}=\n", f"encrypted.{key}={encrypted}\n")
        production = os.path.join(workdir, "gatehouse-production.properties")
        with open(production, "w") as f:
            f.write(properties)
        log("credential-store.cli, four secrets encrypted by the server, configure-production.cli (reloads)")
        cli(f"--file={os.path.join(CONFIG, 'wildfly', 'configure-production.cli')}", f"--properties={production}")
        wait_serving(url, process, "WildFly")
        log(f"configured and serving again in {time.monotonic() - started:.1f} s")
        check_http(url)
        system = cli("/core-service=platform-mbean/type=runtime:read-attribute(name=system-properties)")
        for key, name in PROPERTIES.items():
            if f'"{name}" => "{SECRETS[key]}"' not in system:
                fail(f"the JVM's system property {name} does not hold the decrypted secret")
        log("the JVM's system properties hold the four secrets decrypted (MicroProfile Config's system-property source)")
        with open(os.path.join(base, "configuration", "standalone.xml")) as f:
            if f.read().count("${ENC::gatehouse:") != len(SECRETS):
                fail("standalone.xml does not keep the four secrets as ${ENC::gatehouse:...}")
        check_no_clear_secret(os.path.join(base, "configuration"))
    finally:
        with open(pidfile) as f:
            stop(process, int(f.read().strip()))
    log("WildFly: PASSED")


# ---------------------------------------------------------------- Payara Micro

def payara(offset):
    jar = os.path.join(ROOT, "target", "payara", "payara-micro.jar")
    if not os.path.isfile(jar):
        fail("no target/payara/payara-micro.jar: run a -Ppayara build first")
    workdir = os.path.join(ROOT, "target", "server-console", "payara")
    shutil.rmtree(workdir, ignore_errors=True)
    root = os.path.join(workdir, "root")
    os.makedirs(os.path.join(root, "config"))
    store = os.path.join(root, "config", "domain-passwords")
    for key, alias in ALIASES.items():
        result = subprocess.run(["keytool", "-importpass", "-storetype", "JCEKS", "-keystore", store,
                                 "-storepass", "changeit", "-alias", alias],
                                input=f"{SECRETS[key]}\n{SECRETS[key]}\n", capture_output=True, text=True)
        if result.returncode != 0:
            fail(f"keytool -importpass {alias}: {result.stdout}{result.stderr}")
    log("four password aliases in the alias store (keytool)")
    url = f"http://127.0.0.1:{8980 + offset}"
    env = {name: value for name, value in os.environ.items() if not name.startswith("GATEHOUSE_")}
    server_log = os.path.join(workdir, "payara.log")
    log(f"starting Payara Micro on {url} with post-boot-production.asadmin")
    started = time.monotonic()
    with open(server_log, "w") as out:
        process = subprocess.Popen(["java", "-Xmx768m", "-jar", jar, "--nocluster", "--rootDir", root,
                                    "--port", str(8980 + offset),
                                    "--prebootcommandfile", os.path.join(CONFIG, "payara", "pre-boot-commands.asadmin"),
                                    "--postbootcommandfile", os.path.join(CONFIG, "payara", "post-boot-production.asadmin"),
                                    "--deploy", os.path.join(ROOT, "target", "gatehouse.war")],
                                   env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_serving(url, process, "Payara Micro")
        log(f"serving in {time.monotonic() - started:.1f} s")
        check_http(url)
        with open(server_log) as f:
            text = f.read()
        if "Boot Command set-config-property failed" in text:
            fail("a set-config-property boot command failed; see " + server_log)
        if "gatehouse.tokens.refresh-secret is not set" in text:
            fail("Gatehouse did not see gatehouse.tokens.refresh-secret")
        log("Gatehouse saw the refresh secret (no \"not set\" warning)")
        with open(os.path.join(root, "config", "domain.xml")) as f:
            if f.read().count("${ALIAS=gatehouse-") != len(ALIASES):
                fail("domain.xml does not keep the four secrets as ${ALIAS=...}")
        check_no_clear_secret(os.path.join(root, "config"))
    finally:
        stop(process)
    log("Payara: PASSED")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("server", choices=["wildfly", "payara"])
    parser.add_argument("--port-offset", type=int, default=0)
    args = parser.parse_args()
    started = time.monotonic()
    (wildfly if args.server == "wildfly" else payara)(args.port_offset)
    log(f"took {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()

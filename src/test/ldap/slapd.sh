#!/usr/bin/env bash
# A private OpenLDAP for the directory-login black-box tests, on loopback ports of the caller's
# choosing, in a directory of its own (never the system's slapd):
#   slapd.sh start DIR LDAP_PORT LDAPS_PORT   makes a CA and a server certificate (CA in DIR/ca.crt),
#                                             writes DIR/slapd.conf, loads people with slapadd, starts
#                                             slapd, then adds the group with ldapadd so the memberof
#                                             overlay fills memberOf; prints slapd's PID
#   slapd.sh stop DIR                         stops that slapd (by its PID file)
#   slapd.sh resume DIR LDAP_PORT LDAPS_PORT  starts it again on the same data
# People: alice, bob (group matrix-users), carol (no group), dave (group; disabled by the tests).
# Passwords are NAME-pw; the service account cn=gatehouse,ou=services,dc=example,dc=org has
# service-pw, the directory manager cn=admin,dc=example,dc=org has admin-pw.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
command="$1"
dir="$(mkdir -p "$2" && cd "$2" && pwd)"

run_slapd() {
  local ldap_port="$1" ldaps_port="$2"
  /usr/sbin/slapd -f "$dir/slapd.conf" -h "ldap://127.0.0.1:$ldap_port/ ldaps://127.0.0.1:$ldaps_port/" -d 0 >>"$dir/slapd.log" 2>&1 &
  echo $! >"$dir/slapd.pid"
  for _ in $(seq 1 50); do
    if ldapwhoami -x -H "ldap://127.0.0.1:$ldap_port/" -D cn=admin,dc=example,dc=org -w admin-pw >/dev/null 2>&1; then
      cat "$dir/slapd.pid"
      return 0
    fi
    sleep 0.1
  done
  echo "slapd did not start; see $dir/slapd.log" >&2
  return 1
}

certificates() {
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Gatehouse test CA" \
    -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' >"$dir/server.ext"
  openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 2 \
    -extfile "$dir/server.ext" -out "$dir/server.crt" 2>/dev/null
}

config() {
  cat >"$dir/slapd.conf" <<CONF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include $here/ad.schema
pidfile $dir/slapd.pid.own
argsfile $dir/slapd.args
modulepath /usr/lib/ldap
moduleload back_mdb
moduleload memberof
TLSCACertificateFile $dir/ca.crt
TLSCertificateFile $dir/server.crt
TLSCertificateKeyFile $dir/server.key
database mdb
maxsize 104857600
suffix "dc=example,dc=org"
rootdn "cn=admin,dc=example,dc=org"
rootpw admin-pw
directory $dir/data
overlay memberof
access to attrs=userPassword by self write by anonymous auth by * none
access to * by * read
CONF
}

case "$command" in
  start)
    ldap_port="$3"; ldaps_port="$4"
    rm -rf "$dir/data" && mkdir -p "$dir/data"
    certificates
    config
    sed -e "s|@SERVICE_HASH@|$(slappasswd -s service-pw)|" -e "s|@ALICE_HASH@|$(slappasswd -s alice-pw)|" \
        -e "s|@BOB_HASH@|$(slappasswd -s bob-pw)|" -e "s|@CAROL_HASH@|$(slappasswd -s carol-pw)|" \
        -e "s|@DAVE_HASH@|$(slappasswd -s dave-pw)|" "$here/people.ldif.in" >"$dir/people.ldif"
    slapadd -q -f "$dir/slapd.conf" -l "$dir/people.ldif"
    run_slapd "$ldap_port" "$ldaps_port"
    ldapadd -x -H "ldap://127.0.0.1:$ldap_port/" -D cn=admin,dc=example,dc=org -w admin-pw -f "$here/groups.ldif" >/dev/null
    ;;
  resume)
    run_slapd "$3" "$4"
    ;;
  stop)
    if [ -f "$dir/slapd.pid" ]; then
      pid="$(cat "$dir/slapd.pid")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      rm -f "$dir/slapd.pid"
    fi
    ;;
  *)
    echo "usage: slapd.sh start|resume DIR LDAP_PORT LDAPS_PORT | slapd.sh stop DIR" >&2
    exit 2
    ;;
esac

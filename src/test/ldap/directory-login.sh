#!/usr/bin/env bash
# Black-box checks of directory login against a running Gatehouse whose gatehouse.ldap.* points at
# the slapd of slapd.sh (StartTLS to LDAP_PORT with DIR/ca.crt, a dead URI first, the service
# account, required group matrix-users, upn-attribute userPrincipalName, netbios-domain CORP):
#   directory-login.sh BASE_URL DIR LDAP_PORT LDAPS_PORT
# Logs in by uid, e-mail, UPN and CORP\name; refuses a wrong password, a group-less and a disabled
# user; checks that ldappasswd takes effect at once; stops slapd (503 with Retry-After, tokens keep
# working) and starts it again (logins recover without a Gatehouse restart).
# Prints one line per check; exits non-zero at the first failure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
base="${1%/}"; dir="$2"; ldap_port="$3"; ldaps_port="$4"
ldap="ldap://127.0.0.1:$ldap_port/"
admin=(-x -H "$ldap" -D cn=admin,dc=example,dc=org -w admin-pw)

fail() { echo "FAIL $*"; exit 1; }
ok() { echo "ok   $*"; }

# login IDENTIFIER_JSON PASSWORD: prints "STATUS BODY", headers in $dir/headers
login() {
  local body
  body=$(jq -cn --argjson id "$1" --arg pw "$2" '{type:"m.login.password", identifier:$id, password:$pw}')
  curl -s -D "$dir/headers" -o "$dir/body" -w '%{http_code}' -H 'Content-Type: application/json' -d "$body" "$base/_matrix/client/v3/login"
  echo " $(cat "$dir/body")"
}
user() { jq -cn --arg u "$1" '{type:"m.id.user", user:$u}'; }
email() { jq -cn --arg a "$1" '{type:"m.id.thirdparty", medium:"email", address:$a}'; }

expect_login() { # NAME IDENTIFIER PASSWORD USER_ID
  local answer; answer=$(login "$2" "$3")
  [ "${answer%% *}" = 200 ] || fail "$1: expected 200, got $answer"
  [ "$(jq -r .user_id <<<"${answer#* }")" = "$4" ] || fail "$1: expected $4, got $answer"
  ok "$1: $4"
}
expect_refusal() { # NAME IDENTIFIER PASSWORD STATUS ERRCODE
  local answer; answer=$(login "$2" "$3")
  [ "${answer%% *}" = "$4" ] || fail "$1: expected $4, got $answer"
  [ "$(jq -r .errcode <<<"${answer#* }")" = "$5" ] || fail "$1: expected $5, got $answer"
  ok "$1: $4 $5"
}

LDAPTLS_CACERT="$dir/ca.crt" ldapwhoami -x -ZZ -H "$ldap" -D uid=alice,ou=people,dc=example,dc=org -w alice-pw >/dev/null \
  || fail "slapd StartTLS with the generated CA"
LDAPTLS_CACERT="$dir/ca.crt" ldapwhoami -x -H "ldaps://127.0.0.1:$ldaps_port/" -D uid=alice,ou=people,dc=example,dc=org -w alice-pw >/dev/null \
  || fail "slapd ldaps:// with the generated CA"
ok "slapd answers StartTLS and ldaps:// with the generated CA"

# The first login also makes Gatehouse's first (StartTLS) connection; on a loaded machine that can
# exceed the timeouts, which is 503 with Retry-After: a client waits and tries again, so do we (5 times).
for attempt in 1 2 3 4 5; do
  first=$(login "$(user alice)" alice-pw)
  [ "${first%% *}" = 503 ] || break
  echo "     first login: 503, waiting $(grep -i '^Retry-After' "$dir/headers" | tr -dc 0-9) s (attempt $attempt)"
  sleep "$(grep -i '^Retry-After' "$dir/headers" | tr -dc 0-9)"
done
[ "${first%% *}" = 200 ] || fail "first login: expected 200, got $first"
server=$(jq -r .user_id <<<"${first#* }" | cut -d: -f2-)
expect_login "login by uid" "$(user alice)" alice-pw "@alice:$server"
expect_login "login by e-mail" "$(email Alice@Example.org)" alice-pw "@alice:$server"
expect_login "login by UPN" "$(user alice@corp.example.org)" alice-pw "@alice:$server"
expect_login 'login as CORP\name' "$(user 'CORP\alice')" alice-pw "@alice:$server"
expect_refusal "wrong password" "$(user alice)" not-alice-pw 403 M_FORBIDDEN
expect_refusal "user outside group matrix-users" "$(user carol)" carol-pw 403 M_FORBIDDEN
expect_login "dave before being disabled" "$(user dave)" dave-pw "@dave:$server"
ldapmodify "${admin[@]}" >/dev/null <<LDIF
dn: uid=dave,ou=people,dc=example,dc=org
changetype: modify
delete: userPassword
LDIF
expect_refusal "disabled user (password locked in the directory)" "$(user dave)" dave-pw 403 M_FORBIDDEN
expect_refusal "unknown user" "$(user nobody-here)" whatever 403 M_FORBIDDEN

ldappasswd "${admin[@]}" -s bob-new-pw uid=bob,ou=people,dc=example,dc=org
expect_login "password changed with ldappasswd works at once" "$(user bob)" bob-new-pw "@bob:$server"
expect_refusal "the old password no longer works" "$(user bob)" bob-pw 403 M_FORBIDDEN

token=$(login "$(user alice)" alice-pw | cut -d' ' -f2- | jq -r .access_token)
"$here/slapd.sh" stop "$dir"
answer=$(login "$(user alice)" alice-pw)
[ "${answer%% *}" = 503 ] || fail "directory stopped: expected 503, got $answer"
[ "$(jq -r .errcode <<<"${answer#* }")" = M_UNKNOWN ] || fail "directory stopped: expected M_UNKNOWN, got $answer"
grep -qi '^Retry-After: [0-9]' "$dir/headers" || fail "directory stopped: no Retry-After header"
ok "directory stopped: 503 M_UNKNOWN with $(grep -i '^Retry-After' "$dir/headers" | tr -d '\r')"
whoami=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$base/_matrix/client/v3/account/whoami")
[ "$whoami" = 200 ] || fail "directory stopped: whoami with an existing token answered $whoami"
ok "directory stopped: existing tokens keep working"
"$here/slapd.sh" resume "$dir" "$ldap_port" "$ldaps_port" >/dev/null
expect_login "directory back: login recovers without a restart" "$(user alice)" alice-pw "@alice:$server"
echo "PASSED against $base"

// Black-box test of single sign-on against a real Keycloak (src/test/sso/keycloak.sh, realm
// "gatehouse" whose client "gatehouse" has Gatehouse's callback and back-channel logout URL):
// headless Chromium (Debian package `chromium`, driven by the pinned playwright-core) and the real
// Matrix client library matrix-js-sdk, the way a Matrix client and its user would:
//   1. a small client page (served by this script on a loopback port) lists the identity providers
//      of GET /login and links to /login/sso/redirect/keycloak; the user fills Keycloak's own login
//      form, confirms "Continue to 127.0.0.1?" and lands on the page with `loginToken`, which
//      matrix-js-sdk exchanges through m.login.token; a second sign-in in the same browser (Keycloak
//      remembers the user) opens a second device;
//   2. from the first device, matrix-js-sdk's InteractiveAuth deletes the second one with the
//      m.login.sso stage: its fallback page goes to Keycloak, where another Keycloak user signing in
//      does not complete the stage, and the owner signing in does;
//   3. the user logs out at Keycloak (its end-session page): Keycloak POSTs a logout_token to
//      Gatehouse's back-channel logout URL and the first device's token answers 401 M_UNKNOWN_TOKEN;
//   4. Keycloak rotates its signing key; the other user signs in (an ID token signed with the new
//      key) and an administrator's logout of that user through Keycloak's admin REST API (a logout
//      token signed with the new key) logs that user's device out.
// Each run makes its own Keycloak users through the admin REST API.
//
//   node keycloak.mjs <baseUrl> <keycloakUrl> <adminUser> <adminPassword> <serverName>
//
// Screenshots of each page go to ./screenshots/keycloak/ (target/blackbox/... when run by
// KeycloakSsoIT). Prints one line per step; exits 0 only when every step held.
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { createServer } from "node:http";
import { InteractiveAuth } from "matrix-js-sdk";
import { browserHarness, check, show } from "./browser.mjs";
import { harness, rejection } from "./harness.mjs";

const { baseUrl, args, step, finish, api, launch, newPage, assertNoCspViolation } =
    browserHarness("keycloak.mjs", "<baseUrl> <keycloakUrl> <adminUser> <adminPassword> <serverName>");
const { client } = harness("keycloak.mjs");
const [keycloakUrl, adminUser, adminPassword, serverName] = args;
const realmUrl = `${keycloakUrl.replace(/\/+$/, "")}/realms/gatehouse`;
const adminUrl = `${keycloakUrl.replace(/\/+$/, "")}/admin/realms/gatehouse`;
const screenshots = "screenshots/keycloak";
mkdirSync(screenshots, { recursive: true });
const WAIT = { timeout: 60000 };

async function screenshot(page, name) {
    await page.screenshot({ path: `${screenshots}/${name}.png`, fullPage: true });
}

/** A fresh access token of Keycloak's administrator (master realm tokens live one minute). */
async function adminToken() {
    const reply = await fetch(`${keycloakUrl}/realms/master/protocol/openid-connect/token`, {
        method: "POST",
        body: new URLSearchParams({ grant_type: "password", client_id: "admin-cli", username: adminUser, password: adminPassword }),
    });
    const text = await reply.text();
    check(reply.ok, `Keycloak admin token: HTTP ${reply.status} ${text}`);
    return JSON.parse(text).access_token;
}

/** One call of Keycloak's admin REST API on realm "gatehouse": { status, headers, body }. */
async function keycloakAdmin(method, path, body) {
    const reply = await fetch(adminUrl + path, {
        method,
        headers: { Authorization: `Bearer ${await adminToken()}`, "Content-Type": "application/json" },
        body: body && JSON.stringify(body),
    });
    const text = await reply.text();
    return { status: reply.status, headers: reply.headers, body: text ? JSON.parse(text) : null };
}

/** Makes a Keycloak user with a verified e-mail address and a password; { id, username, password, name }. */
async function keycloakUser(prefix) {
    const username = `${prefix}${randomBytes(5).toString("hex")}`;
    const password = `pw-${randomBytes(8).toString("hex")}`;
    const made = await keycloakAdmin("POST", "/users", {
        username, enabled: true, email: `${username}@example.org`, emailVerified: true,
        firstName: "Kay", lastName: prefix.replace(/-$/, "").toUpperCase(),
        credentials: [{ type: "password", value: password, temporary: false }],
    });
    check(made.status === 201, `create Keycloak user ${username}: HTTP ${made.status} ${show(made.body)}`);
    const id = made.headers.get("location").split("/").pop();
    return { id, username, password, name: `Kay ${prefix.replace(/-$/, "").toUpperCase()}` };
}

// The small client: a page on its own origin that asks Gatehouse for its identity providers (CORS)
// and links to the SSO redirect with itself as redirectUrl; it shows the loginToken it gets back.
const clientPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test client</title></head>
<body><h1>Test client</h1><p id="status">Loading…</p><ul id="providers"></ul>
<script>
const base = ${JSON.stringify(baseUrl)};
const token = new URLSearchParams(location.search).get("loginToken");
if (token) {
  document.getElementById("status").textContent = "Received a login token";
} else {
  fetch(base + "/_matrix/client/v3/login").then((r) => r.json()).then(({ flows }) => {
    const sso = flows.find((f) => f.type === "m.login.sso");
    for (const idp of sso.identity_providers) {
      const link = document.createElement("a");
      link.href = base + "/_matrix/client/v3/login/sso/redirect/" + encodeURIComponent(idp.id)
          + "?redirectUrl=" + encodeURIComponent(location.origin + "/client/");
      link.textContent = "Sign in with " + idp.name;
      const item = document.createElement("li");
      item.append(link);
      document.getElementById("providers").append(item);
    }
    document.getElementById("status").textContent = "Choose how to sign in";
  });
}
</script></body></html>`;
const server = createServer((request, response) => {
    response.writeHead(request.url.startsWith("/client/") ? 200 : 404, { "Content-Type": "text/html; charset=utf-8" });
    response.end(request.url.startsWith("/client/") ? clientPage : "not found");
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const clientUrl = `http://127.0.0.1:${server.address().port}/client/`;
server.unref();

/**
 * From the client page in `page`, signs in through Keycloak (filling its form when `user` is given
 * and Keycloak shows it) and confirms the client; the login token the client page received.
 */
async function ssoSignIn(page, user, shots) {
    await page.goto(clientUrl);
    const link = page.getByRole("link", { name: "Sign in with Keycloak" });
    await link.waitFor(WAIT);
    if (shots) await screenshot(page, `${shots}-1-client`);
    await link.click();
    await page.waitForURL((url) => url.href.startsWith(realmUrl) || url.href.startsWith(baseUrl), WAIT);
    if (page.url().startsWith(realmUrl)) {
        check(user, `Keycloak asks for a password where the browser should be signed in: ${page.url()}`);
        await page.locator("#username").waitFor(WAIT);
        if (shots) await screenshot(page, `${shots}-2-keycloak-login`);
        await page.locator("#username").fill(user.username);
        await page.locator("#password").fill(user.password);
        await page.locator("#kc-login").click();
    }
    const confirm = page.getByRole("link", { name: "Continue to 127.0.0.1" });
    await confirm.waitFor(WAIT);
    check((await page.textContent("h1")).trim() === "Continue to 127.0.0.1?", `confirmation page: ${await page.textContent("body")}`);
    await assertNoCspViolation(page);
    if (shots) await screenshot(page, `${shots}-3-confirm`);
    await confirm.click();
    await page.waitForURL((url) => url.href.startsWith(clientUrl) && url.searchParams.has("loginToken"), WAIT);
    await page.getByText("Received a login token").waitFor(WAIT);
    if (shots) await screenshot(page, `${shots}-4-client-signed-in`);
    return new URL(page.url()).searchParams.get("loginToken");
}

/** Logs in with `loginToken` through matrix-js-sdk; the login response. */
async function tokenLogin(loginToken, deviceName) {
    return client().loginRequest({ type: "m.login.token", token: loginToken, initial_device_display_name: deviceName });
}

/** Waits until `accessToken` answers 401 M_UNKNOWN_TOKEN (a back-channel logout is delivered while Keycloak logs out). */
async function awaitRevoked(accessToken, what) {
    const deadline = Date.now() + 30000;
    for (;;) {
        const whoami = await api("GET", "/_matrix/client/v3/account/whoami", undefined, accessToken);
        if (whoami.status === 401) {
            check(whoami.body.errcode === "M_UNKNOWN_TOKEN", `${what}: ${show(whoami.body)}`);
            return `whoami: HTTP 401 ${whoami.body.errcode}`;
        }
        check(whoami.status === 200, `${what}: HTTP ${whoami.status} ${show(whoami.body)}`);
        check(Date.now() < deadline, `${what}: the access token still works 30 s after the logout at Keycloak`);
        await new Promise((resolve) => setTimeout(resolve, 250));
    }
}

await step("launch headless Chromium", launch);

let alice, bob;
await step("make two Keycloak users through the admin REST API", async () => {
    alice = await keycloakUser("kc-a-");
    bob = await keycloakUser("kc-b-");
    return `${alice.username}, ${bob.username}`;
});
const aliceId = `@${alice.username}:${serverName}`;
const bobId = `@${bob.username}:${serverName}`;

let browserA, first, second, firstSignInAt;
await step("sign in on the client page through Keycloak's login form; matrix-js-sdk logs in with m.login.token", async () => {
    browserA = await newPage();
    const loginToken = await ssoSignIn(browserA, alice, "01-login");
    firstSignInAt = Date.now();
    first = await tokenLogin(loginToken, "first device");
    check(first.user_id === aliceId, `user_id ${first.user_id}, expected ${aliceId}`);
    const me = await client(first.access_token).whoami();
    check(me.user_id === aliceId && me.device_id === first.device_id, `whoami: ${show(me)}`);
    const again = await rejection(client().loginRequest({ type: "m.login.token", token: loginToken }), "a second use of the login token");
    check(again.errcode === "M_FORBIDDEN", `second use of the login token: ${show(again.data)}`);
    return `${first.user_id} on ${first.device_id}; the login token works once`;
});

await step("sign in again in the same browser: Keycloak remembers the user, a second device", async () => {
    const loginToken = await ssoSignIn(browserA, null, null);
    second = await tokenLogin(loginToken, "second device");
    check(second.user_id === aliceId && second.device_id !== first.device_id, `second login: ${show(second)}`);
    return `${second.user_id} on ${second.device_id}`;
});

const deletion = new InteractiveAuth({
    matrixClient: client(first.access_token),
    doRequest: (auth) => client(first.access_token).deleteDevice(second.device_id, auth ?? undefined),
    stateUpdated: () => {},
    requestEmailToken: () => Promise.reject(new Error("no e-mail stage expected")),
});
let deleted = false;
let deletionFailure;
const deletionDone = deletion.attemptAuth().then(() => { deleted = true; }, (e) => { deletionFailure = e; });

/** Opens the m.login.sso fallback in a fresh browser, signs `user` in at Keycloak; the page it ends on. */
async function reauthenticate(user, shots) {
    const page = await newPage(() => {
        window.__authDone = 0;
        window.onAuthDone = () => { window.__authDone += 1; };
    });
    const fallback = client(first.access_token).getFallbackAuthUrl("m.login.sso", deletion.getSessionId());
    const reply = await page.goto(fallback);
    check(reply.status() === 200, `GET ${fallback}: HTTP ${reply.status()}`);
    const text = await page.textContent("main");
    check(text.includes(`delete the device ${second.device_id}`), `the fallback page does not name the operation: ${text}`);
    await assertNoCspViolation(page);
    await screenshot(page, `${shots}-1-fallback`);
    await page.getByRole("link", { name: "Continue with Keycloak" }).click();
    await page.locator("#username").waitFor(WAIT);
    await page.locator("#username").fill(user.username);
    await page.locator("#password").fill(user.password);
    await page.locator("#kc-login").click();
    await page.waitForURL((url) => url.href.startsWith(baseUrl), WAIT);
    await page.locator("h1").waitFor(WAIT);
    await screenshot(page, `${shots}-2-back`);
    return page;
}

await step("device deletion asks matrix-js-sdk's InteractiveAuth for the m.login.sso stage", async () => {
    for (let i = 0; i < 100 && !deletion.getSessionId() && !deletionFailure; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    check(!deletionFailure, `attemptAuth failed: ${deletionFailure}`);
    const flows = deletion.getChosenFlow();
    check(show(flows?.stages) === show(["m.login.sso"]), `chosen flow: ${show(flows)}`);
    return `session ${deletion.getSessionId()}, flow ${show(flows.stages)}`;
});

await step("another Keycloak user signing in on the fallback page does not complete the stage", async () => {
    const page = await reauthenticate(bob, "02-reauth-other-user");
    const heading = (await page.textContent("h1")).trim();
    const alert = (await page.getByRole("alert").textContent()).trim();
    check(alert.includes("someone other than the owner"), `page after Keycloak: ${heading}: ${alert}`);
    check(await page.evaluate(() => window.__authDone === 0), "onAuthDone ran for another user");
    await page.context().close();
    const retry = await api("DELETE", `/_matrix/client/v3/devices/${second.device_id}`,
        { auth: { session: deletion.getSessionId() } }, first.access_token);
    check(retry.status === 401 && !(retry.body.completed ?? []).includes("m.login.sso"),
        `retry with the session: HTTP ${retry.status} ${show(retry.body)}`);
    check(!deleted, "the device was deleted");
    return `"${heading}: ${alert}"; the retry is still HTTP 401`;
});

await step("the owner signing in on the fallback page completes it; InteractiveAuth deletes the second device", async () => {
    const page = await reauthenticate(alice, "03-reauth-owner");
    await page.waitForFunction(() => window.__authDone > 0, null, WAIT);
    check((await page.textContent("h1")).trim() === "Authentication complete", `page: ${await page.textContent("main")}`);
    await assertNoCspViolation(page);
    await page.context().close();
    await deletion.submitAuthDict({});
    await deletionDone;
    check(deleted, `the deletion did not succeed: ${deletionFailure?.data ? show(deletionFailure.data) : deletionFailure}`);
    const gone = await api("GET", "/_matrix/client/v3/account/whoami", undefined, second.access_token);
    check(gone.status === 401 && gone.body.errcode === "M_UNKNOWN_TOKEN", `second device's whoami: ${show(gone)}`);
    const me = await client(first.access_token).whoami();
    check(me.device_id === first.device_id, `first device's whoami: ${show(me)}`);
    return `${second.device_id} deleted (its token: 401 M_UNKNOWN_TOKEN); ${first.device_id} still signed in`;
});

await step("logging out at Keycloak's end-session page logs the first device out by back-channel", async () => {
    const discovery = await (await fetch(`${realmUrl}/.well-known/openid-configuration`)).json();
    await browserA.goto(`${discovery.end_session_endpoint}?client_id=gatehouse`);
    await browserA.locator("#kc-logout").waitFor(WAIT);
    await screenshot(browserA, "04-keycloak-logout");
    await browserA.locator("#kc-logout").click();
    await browserA.waitForLoadState();
    await screenshot(browserA, "05-keycloak-logged-out");
    return await awaitRevoked(first.access_token, "first device after the logout at Keycloak");
});

await step("Keycloak rotates its signing key: a new RS256 key of higher priority signs from now on", async () => {
    // Gatehouse's key source (Nimbus) fetches the JWKS again for a key id it does not know, at most
    // once in 30 s: keep the rotation more than 30 s after the first sign-in fetched it.
    const wait = firstSignInAt + 31000 - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const realm = await keycloakAdmin("GET", "");
    const before = await keycloakAdmin("GET", "/keys");
    const priority = Math.max(...before.body.keys.map((k) => k.providerPriority)) + 100;
    const rotated = await keycloakAdmin("POST", "/components", {
        name: `rotated-${randomBytes(3).toString("hex")}`, providerId: "rsa-generated",
        providerType: "org.keycloak.keys.KeyProvider", parentId: realm.body.id,
        config: { priority: [String(priority)], keySize: ["2048"], active: ["true"], enabled: ["true"], algorithm: ["RS256"] },
    });
    check(rotated.status === 201, `add a key provider: HTTP ${rotated.status} ${show(rotated.body)}`);
    const keys = await keycloakAdmin("GET", "/keys");
    const active = keys.body.active.RS256;
    const provider = rotated.headers.get("location").split("/").pop();
    check(keys.body.keys.some((k) => k.kid === active && k.providerId === provider), `active RS256 key: ${show(keys.body.active)}`);
    return `active RS256 key ${active}`;
});

await step("an administrator's logout of a user in Keycloak's admin REST API logs that user's device out (ID and logout tokens signed with the new key)", async () => {
    const page = await newPage();
    const loginToken = await ssoSignIn(page, bob, "06-other-user-login");
    const bobLogin = await tokenLogin(loginToken, "other user's device");
    check(bobLogin.user_id === bobId, `user_id ${bobLogin.user_id}, expected ${bobId}`);
    await client(bobLogin.access_token).whoami();
    const logout = await keycloakAdmin("POST", `/users/${bob.id}/logout`);
    check(logout.status === 204, `admin logout: HTTP ${logout.status} ${show(logout.body)}`);
    await page.context().close();
    return `${bobLogin.user_id} on ${bobLogin.device_id}: ${await awaitRevoked(bobLogin.access_token, "after the admin logout")}`;
});

console.log(`PASSED against ${baseUrl} with Keycloak at ${keycloakUrl}`);
await finish(0);

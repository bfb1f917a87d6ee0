// Black-box test: the real Matrix client library matrix-js-sdk registers an account through
// User-Interactive Auth, logs in on a second device, asks whoami, logs out, and checks which
// tokens still work.
//
//   node accounts.mjs <baseUrl>        (MATRIX_SDK_DEBUG=1 shows the sdk's own request log)
//
// Prints one line per step; exits 0 only when every step held.
import { randomBytes } from "node:crypto";
import { check, harness, rejection, show } from "./harness.mjs";

const { baseUrl, client, step } = harness("accounts.mjs");

const anonymous = client();
const username = "js" + randomBytes(6).toString("hex");
const password = "correct horse battery staple 1";
// UIA: the second /register request is the first one again with `auth` added.
const registration = { username, password, initial_device_display_name: "matrix-js-sdk register" };
let session, registered, loggedIn;

await step("GET /versions", async () => {
    const { versions } = await anonymous.getVersions();
    check(Array.isArray(versions) && versions.length > 0, `no versions in the answer: ${show(versions)}`);
    return versions.join(" ");
});

await step("(a) register without auth is refused with a UIA challenge", async () => {
    const e = await rejection(anonymous.registerRequest(registration), "POST /register without auth");
    check(e.httpStatus === 401, `expected HTTP 401, got HTTP ${e.httpStatus} ${show(e.data)}`);
    const { flows } = e.data;
    session = e.data.session;
    check(Array.isArray(flows) && flows.some((f) => f.stages?.includes("m.login.dummy")),
        `no flow with stage m.login.dummy: ${show(e.data)}`);
    check(typeof session === "string" && session.length > 0, `no session: ${show(e.data)}`);
    return `HTTP 401, flows ${show(flows.map((f) => f.stages))}, session ${session}`;
});

await step("(a) register completing m.login.dummy", async () => {
    registered = await anonymous.registerRequest({ ...registration, auth: { type: "m.login.dummy", session } });
    check(registered.user_id?.startsWith(`@${username}:`), `unexpected user_id: ${show(registered)}`);
    check(registered.access_token && registered.device_id, `no access_token/device_id: ${show(registered)}`);
    return `${registered.user_id}, device ${registered.device_id}`;
});

await step("(b) log in with m.login.password", async () => {
    loggedIn = await anonymous.loginRequest({
        type: "m.login.password", identifier: { type: "m.id.user", user: username }, password,
        initial_device_display_name: "matrix-js-sdk login",
    });
    check(loggedIn.user_id === registered.user_id, `user_id ${loggedIn.user_id}, expected ${registered.user_id}`);
    check(loggedIn.access_token && loggedIn.access_token !== registered.access_token,
        `expected a new access_token: ${show(loggedIn)}`);
    check(loggedIn.device_id && loggedIn.device_id !== registered.device_id,
        `expected a new device_id: ${show(loggedIn)}`);
    return `new device ${loggedIn.device_id}`;
});

const second = client(loggedIn.access_token);

await step("(c) whoami with the login token", async () => {
    const me = await second.whoami();
    check(me.user_id === registered.user_id && me.device_id === loggedIn.device_id,
        `expected ${registered.user_id} on ${loggedIn.device_id}, got ${show(me)}`);
    return `${me.user_id} on ${me.device_id}`;
});

await step("(d) log out", async () => {
    await second.logout();
    return `device ${loggedIn.device_id} logged out`;
});

await step("(e) whoami with the logged-out token is refused", async () => {
    const e = await rejection(second.whoami(), "whoami with the logged-out token");
    check(e.httpStatus === 401 && e.errcode === "M_UNKNOWN_TOKEN",
        `expected HTTP 401 M_UNKNOWN_TOKEN, got HTTP ${e.httpStatus} ${show(e.data)}`);
    return `HTTP 401 ${e.errcode}`;
});

await step("(f) whoami with the registration token still works", async () => {
    const me = await client(registered.access_token).whoami();
    check(me.user_id === registered.user_id && me.device_id === registered.device_id,
        `expected ${registered.user_id} on ${registered.device_id}, got ${show(me)}`);
    return `${me.user_id} on ${me.device_id}`;
});

console.log(`PASSED against ${baseUrl}`);

// Black-box test: the real Matrix client library matrix-js-sdk manages devices and the password
// of a fresh account: it lists its devices, renames one, deletes one through the User-Interactive
// Auth dance (m.login.password), changes the password (which logs the other devices out) and
// logs in with the new password.
//
//   node devices.mjs <baseUrl>        (MATRIX_SDK_DEBUG=1 shows the sdk's own request log)
//
// Prints one line per step; exits 0 only when every step held.
import { randomBytes } from "node:crypto";
import { check, harness, rejection, show } from "./harness.mjs";

const { baseUrl, client, step } = harness("devices.mjs");

/** Checks a UIA challenge offering m.login.password and returns its session. */
function passwordChallenge(e) {
    check(e.httpStatus === 401, `expected HTTP 401, got HTTP ${e.httpStatus} ${show(e.data)}`);
    const { flows, session } = e.data;
    check(Array.isArray(flows) && flows.some((f) => f.stages?.includes("m.login.password")),
        `no flow with stage m.login.password: ${show(e.data)}`);
    check(typeof session === "string" && session.length > 0, `no session: ${show(e.data)}`);
    return session;
}

const anonymous = client();
const username = "jsdev" + randomBytes(6).toString("hex");
const password = "correct horse battery staple 1";
const newPassword = "a new and longer passphrase 2";
const passwordAuth = (session, secret) =>
    ({ type: "m.login.password", identifier: { type: "m.id.user", user: username }, password: secret, session });
const login = (secret, name) => anonymous.loginRequest({
    type: "m.login.password", identifier: { type: "m.id.user", user: username }, password: secret,
    initial_device_display_name: name,
});
let registered, laptop, tablet;

await step("register through m.login.dummy", async () => {
    const registration = { username, password, initial_device_display_name: "js main" };
    const e = await rejection(anonymous.registerRequest(registration), "POST /register without auth");
    registered = await anonymous.registerRequest({ ...registration, auth: { type: "m.login.dummy", session: e.data.session } });
    check(registered.access_token && registered.device_id, `no access_token/device_id: ${show(registered)}`);
    return `${registered.user_id}, device ${registered.device_id}`;
});

await step("log in on two more devices", async () => {
    laptop = await login(password, "js laptop");
    tablet = await login(password, "js tablet");
    return `devices ${laptop.device_id} and ${tablet.device_id}`;
});

const main = client(registered.access_token);

await step("(a) list the devices", async () => {
    const { devices } = await main.getDevices();
    const ids = devices.map((d) => d.device_id).sort();
    const expected = [registered.device_id, laptop.device_id, tablet.device_id].sort();
    check(show(ids) === show(expected), `expected devices ${show(expected)}, got ${show(devices)}`);
    const me = devices.find((d) => d.device_id === registered.device_id);
    check(me.display_name === "js main", `expected display_name "js main": ${show(me)}`);
    check(typeof me.last_seen_ts === "number" && typeof me.last_seen_ip === "string",
        `the requesting device has no last_seen fields: ${show(me)}`);
    return `${devices.length} devices: ${show(devices.map((d) => [d.device_id, d.display_name]))}`;
});

await step("(b) rename a device", async () => {
    await main.setDeviceDetails(laptop.device_id, { display_name: "renamed by js" });
    const device = await main.getDevice(laptop.device_id);
    check(device.display_name === "renamed by js", `rename did not stick: ${show(device)}`);
    return `${device.device_id} is now "${device.display_name}"`;
});

let session;
await step("(c) delete a device without auth is refused with a UIA challenge", async () => {
    const e = await rejection(main.deleteDevice(laptop.device_id), `DELETE /devices/${laptop.device_id} without auth`);
    session = passwordChallenge(e);
    return `HTTP 401, flows ${show(e.data.flows.map((f) => f.stages))}, session ${session}`;
});

await step("(c) delete the device with m.login.password", async () => {
    const answer = await main.deleteDevice(laptop.device_id, passwordAuth(session, password));
    check(show(answer) === "{}", `expected {}, got ${show(answer)}`);
    const { devices } = await main.getDevices();
    check(!devices.some((d) => d.device_id === laptop.device_id), `device still listed: ${show(devices)}`);
    return `${laptop.device_id} deleted`;
});

await step("(c) the deleted device's token is refused", async () => {
    const e = await rejection(client(laptop.access_token).whoami(), "whoami with the deleted device's token");
    check(e.httpStatus === 401 && e.errcode === "M_UNKNOWN_TOKEN",
        `expected HTTP 401 M_UNKNOWN_TOKEN, got HTTP ${e.httpStatus} ${show(e.data)}`);
    return `HTTP 401 ${e.errcode}`;
});

await step("(d) change the password through m.login.password", async () => {
    const e = await rejection(main.setPassword(undefined, newPassword), "POST /account/password without auth");
    const passwordSession = passwordChallenge(e);
    const answer = await main.setPassword(passwordAuth(passwordSession, password), newPassword);
    check(show(answer) === "{}", `expected {}, got ${show(answer)}`);
    return "password changed";
});

await step("(d) the other device was logged out, this one was not", async () => {
    const e = await rejection(client(tablet.access_token).whoami(), "whoami with the other device's token");
    check(e.httpStatus === 401 && e.errcode === "M_UNKNOWN_TOKEN",
        `expected HTTP 401 M_UNKNOWN_TOKEN, got HTTP ${e.httpStatus} ${show(e.data)}`);
    const me = await main.whoami();
    check(me.device_id === registered.device_id, `unexpected whoami: ${show(me)}`);
    return `${tablet.device_id} refused, ${me.device_id} still works`;
});

await step("(e) the old password is refused", async () => {
    const e = await rejection(login(password, "js old password"), "login with the old password");
    check(e.httpStatus === 403 && e.errcode === "M_FORBIDDEN",
        `expected HTTP 403 M_FORBIDDEN, got HTTP ${e.httpStatus} ${show(e.data)}`);
    return `HTTP 403 ${e.errcode}`;
});

await step("(e) log in with the new password", async () => {
    const again = await login(newPassword, "js new password");
    check(again.user_id === registered.user_id && again.access_token, `unexpected login answer: ${show(again)}`);
    const me = await client(again.access_token).whoami();
    check(me.user_id === registered.user_id, `unexpected whoami: ${show(me)}`);
    return `${me.user_id} on new device ${again.device_id}`;
});

console.log(`PASSED against ${baseUrl}`);

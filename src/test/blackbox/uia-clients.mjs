// Black-box test: User-Interactive Auth driven the way real clients drive it, through
// matrix-js-sdk's InteractiveAuth:
//   (a) Element Web registers: it opens with registerRequest({}) to learn the flows, then sends the
//       username, password and device name with every stage in the session, inhibit_login: true,
//       and logs in afterwards;
//   (b) the same, opened with {auth: {}} (the older sdk's register());
//   (c) older Element iOS/Android register: the parameters once, then stages carrying only `auth`;
//   (d) Element's device manager deletes a device: deleteMultipleDevices without auth, then the
//       password stage through InteractiveAuth on the 401's session.
//
//   node uia-clients.mjs <baseUrl>        (MATRIX_SDK_DEBUG=1 shows the sdk's own request log)
//
// Prints one line per step; exits 0 only when every step held.
import { randomBytes } from "node:crypto";
import { InteractiveAuth } from "matrix-js-sdk";
import { check, harness, rejection, show } from "./harness.mjs";

const { baseUrl, client, step } = harness("uia-clients.mjs");

const anonymous = client();
const password = "correct horse battery staple 1";
const fresh = (prefix) => prefix + randomBytes(6).toString("hex");

/** Checks a UIA challenge and returns its body. */
function challenge(e, stage) {
    check(e.httpStatus === 401, `expected HTTP 401, got HTTP ${e.httpStatus} ${show(e.data)}`);
    check(Array.isArray(e.data.flows) && e.data.flows.some((f) => f.stages?.includes(stage)),
        `no flow with stage ${stage}: ${show(e.data)}`);
    check(typeof e.data.session === "string" && e.data.session.length > 0, `no session: ${show(e.data)}`);
    return e.data;
}

/**
 * Runs InteractiveAuth from the 401 body `authData` with `doRequest`; `onStage(stage, ia)` submits
 * the stages the sdk does not complete by itself (it completes m.login.dummy on its own).
 */
function interactiveAuth(authData, doRequest, onStage = (stage) => {
    throw new Error(`unexpected stage ${stage}`);
}) {
    const ia = new InteractiveAuth({
        matrixClient: anonymous,
        authData,
        doRequest: (auth) => doRequest(auth),
        // What this throws rejects attemptAuth's promise.
        stateUpdated: (stage, status) => {
            if (status.errcode) throw new Error(`stage ${stage} failed: ${show(status)}`);
            onStage(stage, ia);
        },
        requestEmailToken: () => Promise.reject(new Error("no e-mail stage expected")),
    });
    return ia.attemptAuth();
}

async function logsIn(username, secret) {
    const session = await anonymous.loginRequest({
        type: "m.login.password", identifier: { type: "m.id.user", user: username }, password: secret,
    });
    check(session.access_token, `no access_token: ${show(session)}`);
    return session;
}

/** Element Web: registerRequest(opening) for the flows, then every stage with all the parameters. */
async function registerLikeElementWeb(opening, username) {
    const e = await rejection(anonymous.registerRequest(opening), `POST /register ${show(opening)}`);
    const authData = challenge(e, "m.login.dummy");
    const params = { username, password, initial_device_display_name: "Element Web", inhibit_login: true };
    const answer = await interactiveAuth(authData, (auth) => anonymous.registerRequest({ ...params, auth: auth ?? undefined }));
    check(answer.user_id?.startsWith(`@${username}:`), `unexpected user_id: ${show(answer)}`);
    check(answer.access_token === undefined, `inhibit_login was not honoured: ${show(answer)}`);
    const session = await logsIn(username, password);
    return `${answer.user_id} registered in session ${authData.session}, then logged in on ${session.device_id}`;
}

await step("(a) Element Web: registerRequest({}) then the parameters with every stage", async () =>
    registerLikeElementWeb({}, fresh("elweb")));

await step("(b) Element Web: {auth: {}} then the parameters with every stage", async () =>
    registerLikeElementWeb({ auth: {} }, fresh("elauth")));

let mobile;
await step("(c) older mobile clients: the parameters once, then stages with only auth", async () => {
    const username = fresh("mobile");
    const params = { username, password, initial_device_display_name: "Element Android" };
    const e = await rejection(anonymous.registerRequest(params), "POST /register with the parameters and no auth");
    const authData = challenge(e, "m.login.dummy");
    const sent = [];
    mobile = await interactiveAuth(authData, (auth) => {
        sent.push(auth);
        return anonymous.registerRequest({ auth });
    });
    check(mobile.user_id?.startsWith(`@${username}:`) && mobile.access_token && mobile.device_id,
        `unexpected answer: ${show(mobile)}`);
    check(sent.every((auth) => auth?.session === authData.session), `stages outside the session: ${show(sent)}`);
    const device = await client(mobile.access_token).getDevice(mobile.device_id);
    check(device.display_name === "Element Android", `the device name sent first was not used: ${show(device)}`);
    await logsIn(username, password);
    return `${mobile.user_id} on "${device.display_name}" after ${sent.length} request(s) with only auth`;
});

await step("(d) Element's device manager deletes a device through InteractiveAuth", async () => {
    const username = mobile.user_id.slice(1).split(":")[0];
    const other = await logsIn(username, password);
    const me = client(mobile.access_token);
    const deviceIds = [other.device_id];
    const e = await rejection(me.deleteMultipleDevices(deviceIds), "POST /delete_devices without auth");
    const authData = challenge(e, "m.login.password");
    const stages = [];
    const answer = await interactiveAuth(authData, (auth) => me.deleteMultipleDevices(deviceIds, auth ?? undefined),
        (stage, ia) => {
            stages.push(stage);
            check(stage === "m.login.password", `unexpected stage ${stage}`);
            ia.submitAuthDict({
                type: "m.login.password", identifier: { type: "m.id.user", user: mobile.user_id }, password,
            });
        });
    check(show(answer) === "{}", `expected {}, got ${show(answer)}`);
    const { devices } = await me.getDevices();
    check(!devices.some((d) => d.device_id === other.device_id), `device still listed: ${show(devices)}`);
    const refused = await rejection(client(other.access_token).whoami(), "whoami with the deleted device's token");
    check(refused.httpStatus === 401 && refused.errcode === "M_UNKNOWN_TOKEN",
        `expected HTTP 401 M_UNKNOWN_TOKEN, got HTTP ${refused.httpStatus} ${show(refused.data)}`);
    return `${other.device_id} deleted after stages ${show(stages)}`;
});

console.log(`PASSED against ${baseUrl}`);

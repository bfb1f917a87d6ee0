// Black-box test: the real Matrix client library matrix-js-sdk logs in with a JSON Web Token
// (org.matrix.login.jwt) that the calling test signed, asks whoami, and is refused for the same
// token with its signature altered.
//
//   node jwt.mjs <baseUrl> <jwt> <expectedUserId>   (MATRIX_SDK_DEBUG=1 shows the sdk's request log)
//
// Prints one line per step; exits 0 only when every step held.
import { check, harness, rejection, show } from "./harness.mjs";

const { baseUrl, client, step } = harness("jwt.mjs");
const [token, expectedUserId] = process.argv.slice(3);
if (!token || !expectedUserId) {
    console.error("usage: node jwt.mjs <baseUrl> <jwt> <expectedUserId>");
    process.exit(2);
}

const anonymous = client();
let loggedIn;

await step("GET /login lists org.matrix.login.jwt", async () => {
    const { flows } = await anonymous.loginFlows();
    check(flows.some((f) => f.type === "org.matrix.login.jwt"), `no JWT flow: ${show(flows)}`);
    return flows.map((f) => f.type).join(" ");
});

await step("a token with an altered signature is refused", async () => {
    const [header, payload, signature] = token.split(".");
    const altered = `${header}.${payload}.${signature.startsWith("A") ? "B" : "A"}${signature.slice(1)}`;
    const e = await rejection(anonymous.loginRequest({ type: "org.matrix.login.jwt", token: altered }),
        "login with an altered JWT");
    check(e.httpStatus === 403 && e.errcode === "M_FORBIDDEN",
        `expected HTTP 403 M_FORBIDDEN, got HTTP ${e.httpStatus} ${show(e.data)}`);
    return `HTTP 403 ${e.errcode}`;
});

await step("log in with org.matrix.login.jwt", async () => {
    loggedIn = await anonymous.loginRequest({
        type: "org.matrix.login.jwt", token, initial_device_display_name: "matrix-js-sdk jwt",
    });
    check(loggedIn.user_id === expectedUserId, `user_id ${loggedIn.user_id}, expected ${expectedUserId}`);
    check(loggedIn.access_token && loggedIn.device_id, `no access_token/device_id: ${show(loggedIn)}`);
    return `${loggedIn.user_id}, device ${loggedIn.device_id}`;
});

await step("whoami with the new access token", async () => {
    const me = await client(loggedIn.access_token).whoami();
    check(me.user_id === expectedUserId && me.device_id === loggedIn.device_id,
        `expected ${expectedUserId} on ${loggedIn.device_id}, got ${show(me)}`);
    return `${me.user_id} on ${me.device_id}`;
});

console.log(`PASSED against ${baseUrl}`);

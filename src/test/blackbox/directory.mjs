// Black-box test: the real Matrix client library matrix-js-sdk logs a directory (LDAP) user in
// with the directory password, by user name and by e-mail address, and uses the token; the
// password change capability is off for that user.
//
//   node directory.mjs <baseUrl> <user> <password> <email>
//
// Prints one line per step; exits 0 only when every step held.
import { check, harness, rejection, show } from "./harness.mjs";

const { client, step } = harness("directory.mjs");
const [user, password, email] = process.argv.slice(3);
if (!user || !password || !email) {
    console.error("usage: node directory.mjs <baseUrl> <user> <password> <email>");
    process.exit(2);
}

const anonymous = client();
let loggedIn;

await step("log in with the directory password (m.id.user)", async () => {
    loggedIn = await anonymous.loginRequest({
        type: "m.login.password", identifier: { type: "m.id.user", user }, password,
        initial_device_display_name: "matrix-js-sdk directory login",
    });
    check(loggedIn.user_id?.startsWith(`@${user.toLowerCase()}:`), `unexpected user_id: ${show(loggedIn)}`);
    return `${loggedIn.user_id}, device ${loggedIn.device_id}`;
});

const me = client(loggedIn.access_token);

await step("whoami with the token", async () => {
    const whoami = await me.whoami();
    check(whoami.user_id === loggedIn.user_id, `whoami says ${show(whoami)}`);
    return whoami.user_id;
});

await step("the password cannot be changed through Matrix", async () => {
    const { capabilities } = await me.http.authedRequest("GET", "/capabilities");
    check(capabilities["m.change_password"]?.enabled === false, `capabilities: ${show(capabilities)}`);
    return "m.change_password disabled";
});

await step("log in by e-mail (m.id.thirdparty)", async () => {
    const byEmail = await anonymous.loginRequest({
        type: "m.login.password", identifier: { type: "m.id.thirdparty", medium: "email", address: email }, password,
    });
    check(byEmail.user_id === loggedIn.user_id, `user_id ${byEmail.user_id}, expected ${loggedIn.user_id}`);
    return byEmail.user_id;
});

await step("a wrong directory password is refused", async () => {
    const e = await rejection(anonymous.loginRequest({
        type: "m.login.password", identifier: { type: "m.id.user", user }, password: password + "-wrong",
    }), "login with a wrong password");
    check(e.httpStatus === 403 && e.data?.errcode === "M_FORBIDDEN", `HTTP ${e.httpStatus} ${show(e.data)}`);
    return "HTTP 403 M_FORBIDDEN";
});

await step("log out", async () => {
    await me.logout(true);
    return "done";
});

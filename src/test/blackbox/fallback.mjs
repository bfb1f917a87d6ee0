// Black-box test in a real browser: headless Chromium (Debian package `chromium`, driven by the
// pinned playwright-core) uses Gatehouse's fallback pages the way a Matrix client's embedded
// browser or popup would (spec: "Login Fallback" and User-Interactive Authentication "Fallback").
//
//   node fallback.mjs <baseUrl>        (CHROMIUM=/path/to/chromium to use another browser binary)
//
// Prints one line per step; exits 0 only when every step held.
import { randomBytes } from "node:crypto";
import { browserHarness, check, show } from "./browser.mjs";

const { baseUrl, step, finish, api, register: registerUser, launch, newPage, assertNoCspViolation } =
    browserHarness("fallback.mjs");
const password = "correct horse battery staple 2";

/** Registers a fresh user through the m.login.dummy UIA dance. */
const register = () => registerUser("fb", password);

/** Starts POST /login/get_token, which needs m.login.password, and returns its UIA session. */
async function startGetToken(user) {
    const challenge = await api("POST", "/_matrix/client/v1/login/get_token", {}, user.access_token);
    check(challenge.status === 401, `get_token without auth: HTTP ${challenge.status} ${show(challenge.body)}`);
    check(challenge.body.flows?.some((f) => f.stages?.includes("m.login.password")),
        `no m.login.password flow: ${show(challenge.body)}`);
    return challenge.body.session;
}

const fallbackUrl = (type, session) =>
    `${baseUrl}/_matrix/client/v3/auth/${encodeURIComponent(type)}/fallback/web?session=${encodeURIComponent(session)}`;
const loginPageUrl = `${baseUrl}/_matrix/static/client/login/`;

await step("launch headless Chromium", launch);

let account;
await step("register a user over HTTP", async () => {
    account = await register();
    return account.user_id;
});

await step("(a) the login fallback page logs in and hands the response to window.onLogin", async () => {
    const deviceId = "FALLBACK" + randomBytes(3).toString("hex").toUpperCase();
    const page = await newPage(() => {
        window.onLogin = (response) => { window.__onLogin = response; };
    });
    const reply = await page.goto(`${loginPageUrl}?device_id=${deviceId}&initial_device_display_name=Fallback%20page`);
    check(reply.status() === 200, `GET login page: HTTP ${reply.status()}`);
    check((await page.getAttribute("html", "lang")) === "en", "the page has no lang attribute");
    await page.getByLabel("Username").fill(account.username);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForFunction(() => window.__onLogin !== undefined, null, { timeout: 15000 });
    const response = await page.evaluate(() => window.__onLogin);
    check(response.user_id === account.user_id, `onLogin got ${show(response)}`);
    check(response.device_id === deviceId, `device_id ${response.device_id}, expected the forwarded ${deviceId}`);
    const whoami = await api("GET", "/_matrix/client/v3/account/whoami", undefined, response.access_token);
    check(whoami.status === 200 && whoami.body.user_id === account.user_id && whoami.body.device_id === deviceId,
        `whoami with the page's token: HTTP ${whoami.status} ${show(whoami.body)}`);
    check(await page.isVisible("#login-done"), "the page does not say that the login succeeded");
    await assertNoCspViolation(page);
    await page.context().close();
    return `onLogin got ${response.user_id} on device ${response.device_id}; whoami accepts its access_token`;
});

await step("(a) window.matrixLogin.onLogin is preferred over window.onLogin", async () => {
    const page = await newPage(() => {
        window.__calls = [];
        window.matrixLogin = { onLogin: (response) => window.__calls.push(["matrixLogin.onLogin", response]) };
        window.onLogin = (response) => window.__calls.push(["onLogin", response]);
    });
    await page.goto(loginPageUrl);
    await page.getByLabel("Username").fill(account.user_id);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForFunction(() => window.__calls.length > 0, null, { timeout: 15000 });
    const calls = await page.evaluate(() => window.__calls);
    check(calls.length === 1 && calls[0][0] === "matrixLogin.onLogin" && calls[0][1].user_id === account.user_id,
        `calls: ${show(calls.map(([name, r]) => [name, r.user_id]))}`);
    await page.context().close();
    return `matrixLogin.onLogin got ${calls[0][1].user_id} on a new device ${calls[0][1].device_id}`;
});

await step("(a) a wrong password shows the server's error and calls no hook", async () => {
    const direct = await api("POST", "/_matrix/client/v3/login",
        { type: "m.login.password", identifier: { type: "m.id.user", user: account.username }, password: "wrong" });
    check(direct.status === 403, `direct login with a wrong password: HTTP ${direct.status} ${show(direct.body)}`);
    const page = await newPage(() => {
        window.onLogin = (response) => { window.__onLogin = response; };
    });
    await page.goto(loginPageUrl);
    await page.getByLabel("Username").fill(account.username);
    await page.getByLabel("Password").fill("wrong");
    await page.getByRole("button", { name: "Sign in" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor({ state: "visible", timeout: 15000 });
    const message = (await alert.textContent()).trim();
    check(message === direct.body.error, `the page shows "${message}", the server said "${direct.body.error}"`);
    check(await page.evaluate(() => window.__onLogin === undefined), "onLogin was called after a failed login");
    await assertNoCspViolation(page);
    await page.context().close();
    return `shows "${message}"`;
});

await step("(b) the m.login.password fallback page completes the stage and calls window.onAuthDone", async () => {
    const session = await startGetToken(account);
    const early = await api("POST", "/_matrix/client/v1/login/get_token", { auth: { session } }, account.access_token);
    check(early.status === 401, `retry before the fallback: HTTP ${early.status} ${show(early.body)}`);
    const page = await newPage(() => {
        window.__authDone = 0;
        window.onAuthDone = () => { window.__authDone += 1; };
    });
    const reply = await page.goto(fallbackUrl("m.login.password", session));
    check(reply.status() === 200, `GET fallback page: HTTP ${reply.status()}`);
    check((await page.textContent("main")).includes(account.user_id), "the page does not name the session's user");
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("alert").waitFor({ state: "visible", timeout: 15000 });
    const error = (await page.getByRole("alert").textContent()).trim();
    check(await page.evaluate(() => window.__authDone === 0), "onAuthDone was called after a wrong password");
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForFunction(() => window.__authDone > 0, null, { timeout: 15000 });
    await assertNoCspViolation(page);
    await page.context().close();
    const retried = await api("POST", "/_matrix/client/v1/login/get_token", { auth: { session } }, account.access_token);
    check(retried.status === 200 && typeof retried.body.login_token === "string",
        `retry with only the session: HTTP ${retried.status} ${show(retried.body)}`);
    return `wrong password shows "${error}"; after the right one onAuthDone ran and the retry got a login_token`;
});

await step("(b) opened as a popup, the fallback page posts \"authDone\" to its opener", async () => {
    const session = await startGetToken(account);
    const opener = await newPage();
    await opener.goto(loginPageUrl);
    await opener.evaluate(() => {
        window.__messages = [];
        window.addEventListener("message", (e) => window.__messages.push({ data: e.data, origin: e.origin }));
    });
    const [popup] = await Promise.all([
        opener.waitForEvent("popup"),
        opener.evaluate((url) => { window.open(url); }, fallbackUrl("m.login.password", session)),
    ]);
    await popup.waitForLoadState();
    await popup.getByLabel("Password").fill(password);
    await popup.getByRole("button", { name: "Continue" }).click();
    await opener.waitForFunction(() => window.__messages.length > 0, null, { timeout: 15000 });
    const messages = await opener.evaluate(() => window.__messages);
    check(messages.length === 1 && messages[0].data === "authDone" && messages[0].origin === new URL(baseUrl).origin,
        `messages: ${show(messages)}`);
    await opener.context().close();
    const retried = await api("POST", "/_matrix/client/v1/login/get_token", { auth: { session } }, account.access_token);
    check(retried.status === 200, `retry with only the session: HTTP ${retried.status} ${show(retried.body)}`);
    return `opener received ${show(messages[0])}; the retry got a login_token`;
});

console.log(`PASSED against ${baseUrl}`);
await finish(0);

// Black-box test of the admin console (/_gatehouse/admin/) in a real browser: headless Chromium
// (Debian package `chromium`, driven by the pinned playwright-core) signs in as an admin and uses
// every part of the console the way an admin would (users: search, devices and sessions, password
// reset, lock, suspension, deactivation; registration tokens; figures), checking each effect through
// the HTTP API.
// A screenshot of each page is written to ./screenshots/admin-console/ (target/blackbox/... when
// run by AdminConsoleBrowserIT).
//
//   node admin-console.mjs <baseUrl> <sharedSecret>   (CHROMIUM=/path/to/chromium for another browser)
//
// Prints one line per step; exits 0 only when every step held.
import { createHmac, randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { browserHarness, check, show } from "./browser.mjs";

const { baseUrl, args: [sharedSecret], step, finish, api, register, launch, newPage: newRecordingPage,
    assertNoCspViolation } = browserHarness("admin-console.mjs", "<baseUrl> <sharedSecret>");
const consoleUrl = `${baseUrl}/_gatehouse/admin/`;
const screenshots = "screenshots/admin-console";
mkdirSync(screenshots, { recursive: true });
const password = "correct horse battery staple 3";

/** A user registered through the m.login.dummy UIA dance: { username, user_id, access_token, device_id }. */
const registerUser = (prefix) => register(prefix, password);

/** A server admin made with shared-secret registration (as Synapse's register_new_matrix_user -a does). */
async function registerAdmin() {
    const username = "admin" + randomBytes(5).toString("hex");
    const nonce = (await api("GET", "/_synapse/admin/v1/register")).body.nonce;
    const mac = createHmac("sha1", sharedSecret).update(`${nonce}\0${username}\0${password}\0admin`).digest("hex");
    const done = await api("POST", "/_synapse/admin/v1/register", { nonce, username, password, admin: true, mac });
    check(done.status === 200, `shared-secret registration: HTTP ${done.status} ${show(done.body)}`);
    return { username, ...done.body };
}

/** A fresh page that records Content-Security-Policy violations and accepts confirm() dialogs. */
async function newPage() {
    const page = await newRecordingPage(() => {}, { viewport: { width: 1200, height: 900 } });
    page.on("dialog", (dialog) => dialog.accept());
    return page;
}

async function screenshot(page, name) {
    await page.screenshot({ path: `${screenshots}/${name}.png`, fullPage: true });
}

async function signIn(page, user) {
    await page.getByLabel("Username").fill(user.username);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
}

/** The console's own devices of `user` (named by the console when it signs in). */
async function consoleDevices(user) {
    const devices = await api("GET", "/_matrix/client/v3/devices", undefined, user.access_token);
    check(devices.status === 200, `GET /devices: HTTP ${devices.status} ${show(devices.body)}`);
    return devices.body.devices.filter((d) => d.display_name === "Gatehouse admin console");
}

await step("launch headless Chromium", launch);

let admin;
let member;
await step("register an admin (shared secret) and a user over HTTP", async () => {
    admin = await registerAdmin();
    member = await registerUser("member");
    return `${admin.user_id} and ${member.user_id}`;
});

const page = await newPage();

await step("the console page is served with the fallback pages' Content-Security-Policy", async () => {
    const reply = await page.goto(consoleUrl);
    check(reply.status() === 200, `GET ${consoleUrl}: HTTP ${reply.status()}`);
    const csp = reply.headers()["content-security-policy"] ?? "";
    check(csp.includes("default-src 'none'") && csp.includes("script-src 'self'") && csp.includes("frame-ancestors 'none'"),
        `Content-Security-Policy: ${csp}`);
    check((await page.getAttribute("html", "lang")) === "en", "the page has no lang attribute");
    await page.getByRole("button", { name: "Sign in" }).waitFor({ state: "visible" });
    await screenshot(page, "01-sign-in");
    return `CSP ${csp}`;
});

await step("a user who is not an admin is refused clearly and signed out again", async () => {
    await signIn(page, member);
    const alert = page.getByRole("alert");
    await alert.waitFor({ state: "visible", timeout: 15000 });
    const message = (await alert.textContent()).trim();
    check(message === `${member.user_id} is not a server admin: the console is for server admins only.`,
        `the page says "${message}"`);
    check(await page.isVisible("#sign-in-form"), "the sign-in form is gone");
    check(!(await page.isVisible("#views")), "the console's sections are shown to a non-admin");
    const left = await consoleDevices(member);
    check(left.length === 0, `the refused console session was not logged out: ${show(left)}`);
    await screenshot(page, "02-not-an-admin");
    return `"${message}"`;
});

await step("a wrong password shows the server's error", async () => {
    const direct = await api("POST", "/_matrix/client/v3/login",
        { type: "m.login.password", identifier: { type: "m.id.user", user: admin.username }, password: "wrong" });
    check(direct.status === 403, `direct login with a wrong password: HTTP ${direct.status} ${show(direct.body)}`);
    await page.getByLabel("Username").fill(admin.username);
    await page.getByLabel("Password", { exact: true }).fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForFunction((expected) => document.getElementById("console-error").textContent === expected,
        direct.body.error, { timeout: 15000 });
    check(!(await page.isVisible("#views")), "the console's sections are shown after a failed sign-in");
    return `"${direct.body.error}"`;
});

await step("an admin signs in", async () => {
    await signIn(page, admin);
    await page.getByText(`Signed in as ${admin.user_id}`).waitFor({ state: "visible", timeout: 15000 });
    check(await page.isVisible("#views"), "the console's sections are not shown");
    const devices = await consoleDevices(admin);
    check(devices.length === 1, `the console's session: ${show(devices)}`);
    return `signed in on device ${devices[0].device_id}`;
});

const newPassword = "another horse battery staple 4";

/** `GET /account/whoami` with `token`: { status, body }. */
const whoami = (token) => api("GET", "/_matrix/client/v3/account/whoami", undefined, token);

/** Waits for the console's status line to read `text`. */
async function statusSays(text) {
    await page.getByRole("status").filter({ hasText: text }).waitFor({ timeout: 15000 });
}

/** The value the user page's facts list shows for `term`. */
async function userFact(term) {
    return (await page.locator(`#user-facts dt:text-is('${term}') + dd`).textContent()).trim();
}

await step("users: search a user, open them, see their devices and sessions", async () => {
    const seen = await whoami(member.access_token);
    check(seen.status === 200, `the member's token: HTTP ${seen.status} ${show(seen.body)}`);
    await page.getByRole("button", { name: "Users", exact: true }).click();
    await page.getByLabel("User ID or display name contains").fill(member.username);
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.waitForFunction(() => document.getElementById("user-count").textContent === "1 users match."
        && document.querySelectorAll("#user-table tbody tr").length === 1, undefined, { timeout: 15000 });
    const link = page.locator("#user-table tbody tr").getByRole("button", { name: member.user_id, exact: true });
    check(await link.count() === 1, `the one user found is not ${member.user_id}`);
    await screenshot(page, "03-users");
    await link.click();
    await page.getByRole("heading", { name: member.user_id }).waitFor({ timeout: 15000 });
    check(await userFact("Locked") === "no" && await userFact("Deactivated") === "no", "the member's state");
    const devices = await page.locator("#device-table tbody tr td:first-child").allTextContents();
    check(devices.includes(member.device_id), `devices listed: ${show(devices)}`);
    const sessions = await page.locator("#session-table tbody tr").allTextContents();
    check(sessions.length >= 1, "no session listed");
    const agents = await page.locator("#session-table tbody tr td:nth-child(3)").allTextContents();
    check(agents.some((agent) => agent.length > 0), `user agents: ${show(agents)}`);
    await screenshot(page, "04-user");
    return `${devices.length} devices; sessions seen with ${show(agents)}`;
});

await step("users: reset the password, which logs the user out", async () => {
    await page.getByLabel("New password").fill(newPassword);
    await page.getByRole("button", { name: "Reset password", exact: true }).click();
    await statusSays(`The password of ${member.user_id} is reset.`);
    const old = await whoami(member.access_token);
    check(old.status === 401 && old.body.errcode === "M_UNKNOWN_TOKEN", `the old token: HTTP ${old.status} ${show(old.body)}`);
    const login = await api("POST", "/_matrix/client/v3/login",
        { type: "m.login.password", identifier: { type: "m.id.user", user: member.username }, password: newPassword });
    check(login.status === 200, `login with the new password: HTTP ${login.status} ${show(login.body)}`);
    member = { ...member, access_token: login.body.access_token, device_id: login.body.device_id };
    return "old session logged out; the new password logs in";
});

await step("users: lock, then unlock", async () => {
    await page.getByRole("button", { name: "Lock", exact: true }).click();
    await statusSays(`${member.user_id} is locked.`);
    const locked = await whoami(member.access_token);
    check(locked.status === 401 && locked.body.errcode === "M_USER_LOCKED" && locked.body.soft_logout === true,
        `a locked user's token: HTTP ${locked.status} ${show(locked.body)}`);
    check(await userFact("Locked") === "yes", `Locked: ${await userFact("Locked")}`);
    await screenshot(page, "05-user-locked");
    await page.getByRole("button", { name: "Unlock", exact: true }).click();
    await statusSays(`${member.user_id} is unlocked.`);
    const unlocked = await whoami(member.access_token);
    check(unlocked.status === 200, `after unlocking: HTTP ${unlocked.status} ${show(unlocked.body)}`);
    return "M_USER_LOCKED while locked; the same token works again once unlocked";
});

await step("users: suspend, then unsuspend", async () => {
    await page.getByRole("button", { name: "Suspend", exact: true }).click();
    await statusSays(`${member.user_id} is suspended.`);
    const rename = await api("PUT", `/_matrix/client/v3/devices/${member.device_id}`, { display_name: "x" },
        member.access_token);
    check(rename.status === 403 && rename.body.errcode === "M_USER_SUSPENDED",
        `renaming a device while suspended: HTTP ${rename.status} ${show(rename.body)}`);
    check(await userFact("Suspended") === "yes", `Suspended: ${await userFact("Suspended")}`);
    await page.getByRole("button", { name: "Unsuspend", exact: true }).click();
    await statusSays(`${member.user_id} is no longer suspended.`);
    const state = await api("GET", `/_matrix/client/v1/admin/suspend/${encodeURIComponent(member.user_id)}`, undefined,
        admin.access_token);
    check(state.status === 200 && state.body.suspended === false, `GET /admin/suspend: ${show(state.body)}`);
    return "M_USER_SUSPENDED while suspended; lifted";
});

await step("users: deactivate", async () => {
    await page.getByRole("button", { name: "Deactivate", exact: true }).click();
    await statusSays(`${member.user_id} is deactivated.`);
    check(await userFact("Deactivated") === "yes", `Deactivated: ${await userFact("Deactivated")}`);
    const login = await api("POST", "/_matrix/client/v3/login",
        { type: "m.login.password", identifier: { type: "m.id.user", user: member.username }, password: newPassword });
    check(login.status === 403 && login.body.errcode === "M_USER_DEACTIVATED", `login: HTTP ${login.status} ${show(login.body)}`);
    await screenshot(page, "06-user-deactivated");
    return "the account cannot log in any more";
});

let created;
await step("registration tokens: create one, see it listed", async () => {
    await page.getByRole("button", { name: "Registration tokens" }).click();
    await page.getByRole("heading", { name: "Registration tokens" }).waitFor({ state: "visible" });
    created = "console" + randomBytes(4).toString("hex");
    await page.getByLabel("Token (empty: generated)").fill(created);
    await page.getByLabel("Uses allowed (empty: unlimited)").fill("3");
    await page.getByRole("button", { name: "Create token" }).click();
    await page.getByRole("status").filter({ hasText: `Token ${created} is created.` }).waitFor({ timeout: 15000 });
    const row = page.locator("#token-table tbody tr", { hasText: created });
    check(await row.count() === 1, `the new token is not listed once`);
    const cells = await row.locator("td").allTextContents();
    check(cells[1] === "3" && cells[2] === "0" && cells[3] === "0" && cells[4] === "never", `row ${show(cells)}`);
    const stored = await api("GET", `/_synapse/admin/v1/registration_tokens/${created}`, undefined, admin.access_token);
    check(stored.status === 200 && stored.body.uses_allowed === 3 && stored.body.expiry_time === null,
        `the API says HTTP ${stored.status} ${show(stored.body)}`);
    await screenshot(page, "07-registration-tokens");
    return `${created} created with 3 uses`;
});

await step("registration tokens: a generated one, then revoke it", async () => {
    const before = await page.locator("#token-table tbody tr").count();
    await page.getByRole("button", { name: "Create token" }).click();
    await page.waitForFunction((n) => document.querySelectorAll("#token-table tbody tr").length === n + 1, before,
        { timeout: 15000 });
    const status = (await page.getByRole("status").textContent()).trim();
    const generated = status.replace(/^Token (\S+) is created\.$/, "$1");
    check(generated !== status && generated.length === 16, `status "${status}"`);
    await page.getByRole("button", { name: `Revoke ${created}` }).click();
    await page.getByRole("status").filter({ hasText: `Token ${created} is revoked.` }).waitFor({ timeout: 15000 });
    check(await page.locator("#token-table tbody tr", { hasText: created }).count() === 0, "the revoked token is listed");
    const gone = await api("GET", `/_synapse/admin/v1/registration_tokens/${created}`, undefined, admin.access_token);
    check(gone.status === 404 && gone.body.errcode === "M_NOT_FOUND", `after revoking: HTTP ${gone.status} ${show(gone.body)}`);
    return `generated ${generated}; revoked ${created}`;
});

await step("figures: the live figures are shown and follow what happens", async () => {
    await page.getByRole("button", { name: "Figures" }).click();
    await page.getByRole("heading", { name: "Figures" }).waitFor({ state: "visible" });
    const logins = page.locator("#figure-summary dt:text-is('Logins') + dd");
    await logins.waitFor({ timeout: 15000 });
    const succeeded = async () => Number((await logins.textContent()).match(/^(\d+) succeeded/)[1]);
    const first = await succeeded();
    check(first >= 1, `Logins: ${await logins.textContent()}`);
    const source = (await page.textContent("#figures-source")).trim();
    check(source.startsWith("Also published through "), `source: ${source}`);
    const extra = await api("POST", "/_matrix/client/v3/login",
        { type: "m.login.password", identifier: { type: "m.id.user", user: admin.username }, password });
    check(extra.status === 200, `login: HTTP ${extra.status}`);
    const deadline = Date.now() + 20000;
    while ((await succeeded()) <= first && Date.now() < deadline) await page.waitForTimeout(250);
    const later = await succeeded();
    check(later > first, `the figures did not follow a login: ${first} then ${later}`);
    const rows = await page.locator("#figure-table tbody tr").count();
    check(rows >= 5, `only ${rows} series listed`);
    await screenshot(page, "08-figures");
    return `logins succeeded ${first} → ${later}; ${rows} series; ${source}`;
});

await step("signing out ends the console's session", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign in" }).waitFor({ state: "visible", timeout: 15000 });
    check(!(await page.isVisible("#views")), "the console's sections are still shown");
    const left = await consoleDevices(admin);
    check(left.length === 0, `the console's session is still there: ${show(left)}`);
    await assertNoCspViolation(page);
    await screenshot(page, "09-signed-out");
    return "the console's device is logged out";
});

console.log(`PASSED against ${baseUrl}`);
await finish(0);

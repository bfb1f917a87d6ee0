// Black-box test of the admin console (/_gatehouse/admin/) in a real browser: headless Chromium
// (Debian package `chromium`, driven by the pinned playwright-core) signs in as an admin and uses
// every part of the console the way an admin would, checking each effect through the HTTP API.
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
    await screenshot(page, "03-registration-tokens");
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
    await screenshot(page, "04-figures");
    return `logins succeeded ${first} → ${later}; ${rows} series; ${source}`;
});

await step("signing out ends the console's session", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign in" }).waitFor({ state: "visible", timeout: 15000 });
    check(!(await page.isVisible("#views")), "the console's sections are still shown");
    const left = await consoleDevices(admin);
    check(left.length === 0, `the console's session is still there: ${show(left)}`);
    await assertNoCspViolation(page);
    await screenshot(page, "05-signed-out");
    return "the console's device is logged out";
});

console.log(`PASSED against ${baseUrl}`);
await finish(0);

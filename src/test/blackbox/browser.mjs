// Shared by the browser scripts (fallback.mjs, admin-console.mjs): the step runner that prints one
// line per step and exits non-zero on the first failure, JSON requests from Node, registration,
// and headless Chromium (Debian package `chromium`, or $CHROMIUM, driven by the pinned
// playwright-core) with pages that record Content-Security-Policy violations.
import { randomBytes } from "node:crypto";
import { chromium } from "playwright-core";

export class Failure extends Error {}

export const show = (value) => JSON.stringify(value);

export function check(condition, message) {
    if (!condition) throw new Failure(message);
}

/**
 * Reads `<baseUrl> <arguments…>` from the command line of `script` (`usage` names the arguments)
 * and returns the helpers bound to that server and to one browser.
 */
export function browserHarness(script, usage = "<baseUrl>") {
    const baseUrl = process.argv[2]?.replace(/\/+$/, "");
    const args = process.argv.slice(3);
    if (!baseUrl || usage.split(" ").length - 1 > args.length) {
        console.error(`usage: node ${script} ${usage}`);
        process.exit(2);
    }
    const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
    let browser;

    async function finish(code) {
        await browser?.close().catch(() => {});
        process.exit(code);
    }

    /** Runs one step; on failure prints why and exits non-zero. */
    async function step(name, body) {
        try {
            console.log(`ok   ${name}: ${await body()}`);
        } catch (e) {
            console.log(`FAIL ${name}: ${e instanceof Failure ? e.message : e?.stack ?? String(e)}`);
            console.log(`FAILED against ${baseUrl}`);
            await finish(1);
        }
    }

    /** One JSON request to Gatehouse from Node (not the browser): { status, body }. */
    async function api(method, path, body, accessToken) {
        const headers = { "Content-Type": "application/json" };
        if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
        const reply = await fetch(baseUrl + path, { method, headers, body: body && JSON.stringify(body) });
        return { status: reply.status, body: await reply.json() };
    }

    /** Registers a fresh user named `prefix` + random hex through the m.login.dummy UIA dance. */
    async function register(prefix, password) {
        const registration = { username: prefix + randomBytes(6).toString("hex"), password };
        const challenge = await api("POST", "/_matrix/client/v3/register", registration);
        check(challenge.status === 401, `register without auth: HTTP ${challenge.status} ${show(challenge.body)}`);
        const done = await api("POST", "/_matrix/client/v3/register",
            { ...registration, auth: { type: "m.login.dummy", session: challenge.body.session } });
        check(done.status === 200, `register: HTTP ${done.status} ${show(done.body)}`);
        return { username: registration.username, ...done.body };
    }

    // launch() starts Chromium with a fresh temporary profile (--user-data-dir) of its own.
    async function launch() {
        browser = await chromium.launch({
            executablePath,
            headless: true,
            args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync"],
        });
        return `Chromium ${browser.version()} at ${executablePath}`;
    }

    /**
     * A fresh page whose documents record Content-Security-Policy violations (a page that breaks its
     * own policy would not work for real users) and run `hooks` first. Init scripts come from the
     * automation protocol, so the pages' CSP does not block them.
     */
    async function newPage(hooks = () => {}, contextOptions = {}) {
        const context = await browser.newContext(contextOptions);
        await context.addInitScript(() => {
            window.__cspViolations = [];
            document.addEventListener("securitypolicyviolation",
                (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
        });
        await context.addInitScript(hooks);
        return context.newPage();
    }

    async function assertNoCspViolation(page) {
        const violations = await page.evaluate(() => window.__cspViolations);
        check(violations.length === 0, `Content-Security-Policy violations on ${page.url()}: ${show(violations)}`);
    }

    return { baseUrl, args, step, finish, api, register, launch, newPage, assertNoCspViolation };
}

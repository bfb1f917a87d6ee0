// Gatehouse admin console: plain JavaScript, no framework, no build step.
// Signs a server admin in with a Matrix password login (POST /_matrix/client/v3/login), keeps the
// access token in this page's memory only, and drives the Synapse-compatible admin API
// (/_synapse/admin/...), the spec's admin module (/_matrix/client/v1/admin/...) and Gatehouse's
// figures (/_gatehouse/admin/v1/figures). Every value from the server is shown as text, never as HTML.
"use strict";
(function () {
    const root = document.getElementById("console");
    const base = root.dataset.base;
    const $ = (id) => document.getElementById(id);
    const errorBox = $("console-error");
    const statusBox = $("console-status");
    const views = ["sign-in-view", "users-view", "user-view", "tokens-view", "figures-view"];
    const FIGURES_REFRESH_MS = 5000;
    const USERS_PAGE = 20;

    const session = { token: null, userId: null };
    let figuresTimer = null;
    let nextUsers = null;
    let shownUser = null;

    class ApiError extends Error {
        constructor(status, body) {
            super(body && typeof body.error === "string" ? body.error : "HTTP " + status);
            this.status = status;
            this.errcode = body && body.errcode;
        }
    }

    // ---- plumbing -----------------------------------------------------------------------------

    async function api(method, path, body) {
        const headers = {};
        if (session.token) headers.Authorization = "Bearer " + session.token;
        if (body !== undefined) headers["Content-Type"] = "application/json";
        let reply;
        try {
            reply = await fetch(base + path, {
                method, headers, credentials: "omit", cache: "no-store",
                body: body === undefined ? undefined : JSON.stringify(body),
            });
        } catch (e) {
            throw new ApiError(0, { error: "The server cannot be reached." });
        }
        let json = null;
        try {
            json = await reply.json();
        } catch (e) {
            json = null;
        }
        if (!reply.ok) {
            if (reply.status === 401 && session.token && path !== "_matrix/client/v3/login") {
                endSession("Your session has ended; sign in again.");
            }
            throw new ApiError(reply.status, json);
        }
        return json || {};
    }

    const enc = encodeURIComponent;

    function showError(message) {
        statusBox.hidden = true;
        errorBox.textContent = message;
        errorBox.hidden = false;
    }

    function showStatus(message) {
        errorBox.hidden = true;
        statusBox.textContent = message;
        statusBox.hidden = false;
    }

    function clearMessages() {
        errorBox.hidden = true;
        statusBox.hidden = true;
    }

    /** Runs an action; its failure is shown, never thrown. */
    async function attempt(action) {
        try {
            await action();
        } catch (e) {
            showError(e instanceof ApiError ? e.message : "Something went wrong: " + e);
        }
    }

    function show(view) {
        for (const id of views) $(id).hidden = id !== view;
        for (const button of document.querySelectorAll("#views button")) {
            const current = button.dataset.view === view || (view === "user-view" && button.dataset.view === "users-view");
            if (current) button.setAttribute("aria-current", "page");
            else button.removeAttribute("aria-current");
        }
        if (figuresTimer !== null) {
            clearInterval(figuresTimer);
            figuresTimer = null;
        }
    }

    function cell(row, text) {
        const td = document.createElement("td");
        td.textContent = text === null || text === undefined ? "" : String(text);
        row.appendChild(td);
        return td;
    }

    function fact(list, term, value) {
        const dt = document.createElement("dt");
        dt.textContent = term;
        const dd = document.createElement("dd");
        dd.textContent = value;
        list.append(dt, dd);
    }

    const time = (ms) => (ms ? new Date(ms).toLocaleString() : "");
    const yesNo = (flag) => (flag ? "yes" : "no");

    // ---- signing in and out -------------------------------------------------------------------

    async function signIn(event) {
        event.preventDefault();
        const form = $("sign-in-form");
        const user = form.elements.username.value.trim();
        const password = form.elements.password.value;
        if (!user || !password) {
            showError("Enter your username and password.");
            return;
        }
        clearMessages();
        $("sign-in-submit").disabled = true;
        try {
            const login = await api("POST", "_matrix/client/v3/login", {
                type: "m.login.password",
                identifier: { type: "m.id.user", user },
                password,
                initial_device_display_name: "Gatehouse admin console",
            });
            session.token = login.access_token;
            session.userId = login.user_id;
            form.elements.password.value = "";
            try {
                await api("GET", "_gatehouse/admin/v1/figures");
            } catch (e) {
                const who = session.userId;
                const refused = e instanceof ApiError && e.status === 403;
                await signOut();
                showError(refused ? who + " is not a server admin: the console is for server admins only." : e.message);
                return;
            }
            $("signed-in-as").textContent = "Signed in as " + session.userId;
            $("session-bar").hidden = false;
            $("views").hidden = false;
            showUsers();
        } catch (e) {
            showError(e instanceof ApiError ? e.message : String(e));
        } finally {
            $("sign-in-submit").disabled = false;
        }
    }

    /** Logs the console's session out on the server and forgets it. */
    async function signOut() {
        if (session.token) {
            try {
                await api("POST", "_matrix/client/v3/logout", {});
            } catch (e) {
                // the token is forgotten below whatever the server answered
            }
        }
        endSession(null);
    }

    function endSession(message) {
        session.token = null;
        session.userId = null;
        $("session-bar").hidden = true;
        $("views").hidden = true;
        show("sign-in-view");
        if (message) showError(message);
    }

    // ---- users --------------------------------------------------------------------------------

    function showUsers() {
        show("users-view");
        return attempt(() => searchUsers(false));
    }

    async function searchUsers(more) {
        const query = $("user-query").value.trim();
        const params = new URLSearchParams({
            from: more && nextUsers !== null ? String(nextUsers) : "0",
            limit: String(USERS_PAGE),
            deactivated: $("include-deactivated").checked ? "true" : "false",
            locked: "true",
        });
        if (query) params.set("name", query);
        const answer = await api("GET", "_synapse/admin/v2/users?" + params);
        const body = $("user-table").tBodies[0];
        if (!more) body.replaceChildren();
        for (const user of answer.users || []) {
            const row = document.createElement("tr");
            const link = document.createElement("button");
            link.type = "button";
            link.className = "link";
            link.textContent = user.name;
            link.addEventListener("click", () => attempt(() => openUser(user.name)));
            row.appendChild(document.createElement("td")).appendChild(link);
            cell(row, user.displayname);
            cell(row, yesNo(user.admin));
            cell(row, userState(user));
            cell(row, time(user.creation_ts));
            body.appendChild(row);
        }
        nextUsers = answer.next_token === undefined || answer.next_token === null ? null : answer.next_token;
        $("more-users").hidden = nextUsers === null;
        $("user-count").textContent = typeof answer.total === "number" ? answer.total + " users match." : "";
    }

    function userState(user) {
        const states = [];
        if (user.deactivated) states.push("deactivated");
        if (user.locked) states.push("locked");
        if (user.suspended) states.push("suspended");
        if (user.is_guest) states.push("guest");
        return states.length ? states.join(", ") : "active";
    }

    async function openUser(userId) {
        clearMessages();
        shownUser = userId;
        const id = enc(userId);
        const [user, devices, whois] = await Promise.all([
            api("GET", "_synapse/admin/v2/users/" + id),
            api("GET", "_synapse/admin/v2/users/" + id + "/devices"),
            api("GET", "_synapse/admin/v1/whois/" + id),
        ]);
        show("user-view");
        $("user-title").textContent = userId;
        const facts = $("user-facts");
        facts.replaceChildren();
        fact(facts, "Display name", user.displayname || "");
        fact(facts, "Admin", yesNo(user.admin));
        fact(facts, "Guest", yesNo(user.is_guest));
        // Synapse's "Query User Account" gives creation_ts in seconds (its user list in milliseconds).
        fact(facts, "Created", time(user.creation_ts * 1000));
        fact(facts, "Last seen", user.last_seen_ts ? time(user.last_seen_ts) : "never");
        fact(facts, "Locked", yesNo(user.locked));
        fact(facts, "Suspended", yesNo(user.suspended));
        fact(facts, "Deactivated", yesNo(user.deactivated));
        // The spec's admin module moderates live accounts that are not admins (nor oneself).
        const moderatable = !user.deactivated && !user.admin;
        const lockButton = $("lock-user");
        lockButton.textContent = user.locked ? "Unlock" : "Lock";
        lockButton.dataset.next = user.locked ? "false" : "true";
        const suspendButton = $("suspend-user");
        suspendButton.textContent = user.suspended ? "Unsuspend" : "Suspend";
        suspendButton.dataset.next = user.suspended ? "false" : "true";
        lockButton.disabled = !moderatable;
        suspendButton.disabled = !moderatable;
        $("deactivate-user").disabled = !!user.deactivated || userId === session.userId;
        $("reset-password-form").hidden = !!user.deactivated;
        const deviceBody = $("device-table").tBodies[0];
        deviceBody.replaceChildren();
        for (const device of devices.devices || []) {
            const row = document.createElement("tr");
            cell(row, device.device_id);
            cell(row, device.display_name);
            cell(row, time(device.last_seen_ts));
            cell(row, device.last_seen_ip);
            deviceBody.appendChild(row);
        }
        const sessionBody = $("session-table").tBodies[0];
        sessionBody.replaceChildren();
        for (const device of Object.values(whois.devices || {})) {
            for (const one of device.sessions || []) {
                for (const connection of one.connections || []) {
                    const row = document.createElement("tr");
                    cell(row, connection.ip);
                    cell(row, time(connection.last_seen));
                    cell(row, connection.user_agent);
                    sessionBody.appendChild(row);
                }
            }
        }
    }

    async function setLocked() {
        const locked = $("lock-user").dataset.next === "true";
        await api("PUT", "_matrix/client/v1/admin/lock/" + enc(shownUser), { locked });
        await openUser(shownUser);
        showStatus(shownUser + (locked ? " is locked." : " is unlocked."));
    }

    async function setSuspended() {
        const suspended = $("suspend-user").dataset.next === "true";
        await api("PUT", "_matrix/client/v1/admin/suspend/" + enc(shownUser), { suspended });
        await openUser(shownUser);
        showStatus(shownUser + (suspended ? " is suspended." : " is no longer suspended."));
    }

    async function deactivate() {
        if (!window.confirm("Deactivate " + shownUser + "? The account can never be used again.")) return;
        await api("POST", "_synapse/admin/v1/deactivate/" + enc(shownUser), { erase: false });
        await openUser(shownUser);
        showStatus(shownUser + " is deactivated.");
    }

    async function resetPassword(event) {
        event.preventDefault();
        const field = $("new-password");
        await api("POST", "_synapse/admin/v1/reset_password/" + enc(shownUser), {
            new_password: field.value,
            logout_devices: $("logout-devices").checked,
        });
        field.value = "";
        await openUser(shownUser);
        showStatus("The password of " + shownUser + " is reset.");
    }

    // ---- registration tokens ------------------------------------------------------------------

    async function showTokens() {
        show("tokens-view");
        const answer = await api("GET", "_synapse/admin/v1/registration_tokens");
        const body = $("token-table").tBodies[0];
        body.replaceChildren();
        for (const token of answer.registration_tokens || []) {
            const row = document.createElement("tr");
            const code = document.createElement("code");
            code.textContent = token.token;
            row.appendChild(document.createElement("td")).appendChild(code);
            cell(row, token.uses_allowed === null || token.uses_allowed === undefined ? "unlimited" : token.uses_allowed);
            cell(row, token.pending);
            cell(row, token.completed);
            cell(row, token.expiry_time ? time(token.expiry_time) : "never");
            const revoke = document.createElement("button");
            revoke.type = "button";
            revoke.className = "danger";
            revoke.textContent = "Revoke";
            revoke.setAttribute("aria-label", "Revoke " + token.token);
            revoke.addEventListener("click", () => attempt(async () => {
                await api("DELETE", "_synapse/admin/v1/registration_tokens/" + enc(token.token));
                await showTokens();
                showStatus("Token " + token.token + " is revoked.");
            }));
            row.appendChild(document.createElement("td")).appendChild(revoke);
            body.appendChild(row);
        }
    }

    async function createToken(event) {
        event.preventDefault();
        const form = $("new-token-form");
        const request = {};
        const token = form.elements.token.value.trim();
        if (token) request.token = token;
        const uses = form.elements.uses.value.trim();
        if (uses) request.uses_allowed = Number(uses);
        const expiry = form.elements.expiry.value;
        if (expiry) request.expiry_time = new Date(expiry).getTime();
        const created = await api("POST", "_synapse/admin/v1/registration_tokens/new", request);
        form.reset();
        await showTokens();
        showStatus("Token " + created.token + " is created.");
    }

    // ---- figures ------------------------------------------------------------------------------

    async function showFigures() {
        show("figures-view");
        await refreshFigures();
        figuresTimer = setInterval(() => attempt(refreshFigures), FIGURES_REFRESH_MS);
    }

    async function refreshFigures() {
        const answer = await api("GET", "_gatehouse/admin/v1/figures");
        const figures = answer.figures || [];
        $("figures-source").textContent = "Also published through " + answer.published_through
            + ". Counts since the application started; refreshed every " + FIGURES_REFRESH_MS / 1000 + " s.";
        const total = (name, keep = () => true) => figures.filter((f) => f.name === name && keep(f.labels))
            .reduce((sum, f) => sum + (f.value || 0), 0);
        const gauge = (name) => {
            const found = figures.find((f) => f.name === name);
            return found && typeof found.value === "number" ? found.value : null;
        };
        const ratio = gauge("gatehouse_token_cache_hit_ratio");
        const sessions = gauge("gatehouse_active_sessions");
        const summary = $("figure-summary");
        summary.replaceChildren();
        fact(summary, "Logins", total("gatehouse_logins_total", (l) => l.outcome === "success") + " succeeded, "
            + total("gatehouse_logins_total", (l) => l.outcome !== "success") + " failed");
        fact(summary, "Registrations", String(total("gatehouse_registrations_total")));
        fact(summary, "Token checks", total("gatehouse_token_checks_total", (l) => l.outcome === "valid") + " valid, "
            + total("gatehouse_token_checks_total", (l) => l.outcome !== "valid") + " refused");
        fact(summary, "Token cache hit ratio", ratio === null ? "no lookups yet" : (ratio * 100).toFixed(1) + " %");
        fact(summary, "Hashing queue", (gauge("gatehouse_hashing_queue") ?? 0) + " waiting, "
            + (gauge("gatehouse_hashing_running") ?? 0) + " running, "
            + total("gatehouse_hashing_rejections_total") + " refused");
        fact(summary, "Rate-limit refusals", String(total("gatehouse_rate_limited_total")));
        fact(summary, "Active sessions", sessions === null ? "not counted yet" : String(sessions));
        const body = $("figure-table").tBodies[0];
        body.replaceChildren();
        for (const figure of figures) {
            const row = document.createElement("tr");
            cell(row, figure.name);
            cell(row, Object.entries(figure.labels || {}).map(([k, v]) => k + "=" + v).join(", "));
            cell(row, typeof figure.value === "number" ? figure.value : "–");
            body.appendChild(row);
        }
    }

    // ---- wiring -------------------------------------------------------------------------------

    $("sign-in-form").addEventListener("submit", signIn);
    $("sign-out").addEventListener("click", () => attempt(signOut));
    $("user-search").addEventListener("submit", (event) => {
        event.preventDefault();
        attempt(() => searchUsers(false));
    });
    $("more-users").addEventListener("click", () => attempt(() => searchUsers(true)));
    $("back-to-users").addEventListener("click", () => showUsers());
    $("lock-user").addEventListener("click", () => attempt(setLocked));
    $("suspend-user").addEventListener("click", () => attempt(setSuspended));
    $("deactivate-user").addEventListener("click", () => attempt(deactivate));
    $("reset-password-form").addEventListener("submit", (event) => attempt(() => resetPassword(event)));
    $("new-token-form").addEventListener("submit", (event) => attempt(() => createToken(event)));
    const openers = { "users-view": showUsers, "tokens-view": showTokens, "figures-view": showFigures };
    for (const button of document.querySelectorAll("#views button")) {
        button.addEventListener("click", () => {
            clearMessages();
            attempt(() => openers[button.dataset.view]());
        });
    }
    show("sign-in-view");
    $("sign-in-submit").disabled = false;
})();

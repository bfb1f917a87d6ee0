// Gatehouse fallback login page (Matrix Client-Server API, "Login Fallback").
// Logs in with m.login.password through POST /_matrix/client/v3/login, forwarding the
// non-credential query parameters of this page, then hands the parsed response to
// window.matrixLogin.onLogin(response) if the client defined it, else window.onLogin(response).
"use strict";
(function () {
    const form = document.getElementById("login-form");
    const submit = document.getElementById("login-submit");
    const errorBox = document.getElementById("login-error");
    const doneBox = document.getElementById("login-done");
    const loginUrl = form.dataset.loginUrl;

    function forwardedParameters() {
        const query = new URLSearchParams(window.location.search);
        const forwarded = {};
        for (const name of ["device_id", "initial_device_display_name"]) {
            if (query.has(name)) forwarded[name] = query.get(name);
        }
        if (query.has("refresh_token")) forwarded.refresh_token = query.get("refresh_token") === "true";
        return forwarded;
    }

    function showError(message) {
        errorBox.textContent = message;
        errorBox.hidden = false;
    }

    function notifyClient(response) {
        if (window.matrixLogin && typeof window.matrixLogin.onLogin === "function") {
            window.matrixLogin.onLogin(response);
        } else if (typeof window.onLogin === "function") {
            window.onLogin(response);
        }
    }

    async function logIn(event) {
        event.preventDefault();
        const user = form.elements.username.value.trim();
        const password = form.elements.password.value;
        if (!user || !password) {
            showError("Enter your username and password.");
            return;
        }
        errorBox.hidden = true;
        submit.disabled = true;
        const body = Object.assign(forwardedParameters(), {
            type: "m.login.password",
            identifier: { type: "m.id.user", user },
            password,
        });
        let reply;
        try {
            reply = await fetch(loginUrl, {
                method: "POST",
                headers: { "Content-Type": "application/json" },
                body: JSON.stringify(body),
                credentials: "omit",
            });
        } catch (e) {
            submit.disabled = false;
            showError("The server cannot be reached. Please try again.");
            return;
        }
        let response = null;
        try {
            response = await reply.json();
        } catch (e) {
            response = null;
        }
        if (!reply.ok || response === null || typeof response.access_token !== "string") {
            submit.disabled = false;
            showError(response && typeof response.error === "string"
                ? response.error : "Sign-in failed (HTTP " + reply.status + ").");
            return;
        }
        form.elements.password.value = "";
        form.hidden = true;
        doneBox.hidden = false;
        notifyClient(response);
    }

    form.addEventListener("submit", logIn);
    submit.disabled = false;
})();

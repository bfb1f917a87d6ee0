// Stands in for @matrix-org/matrix-sdk-crypto-nodejs, the native end-to-end encryption addon that
// matrix-bot-sdk and matrix-appservice-bridge load at start-up. The real package downloads a
// prebuilt binary when it is installed; the black-box test uses no encryption, so every export is
// a function or class that fails when it is actually used.
"use strict";

function unavailable(name) {
    const fail = function () {
        throw new Error(name + ": end-to-end encryption is not available in the Gatehouse black-box test");
    };
    return new Proxy(fail, {
        get: (target, key) => (key === "prototype" ? target.prototype
            : typeof key === "symbol" || key === "then" ? undefined
            : unavailable(name + "." + String(key))),
    });
}

module.exports = new Proxy({}, {
    get: (_, key) => (typeof key === "symbol" || key === "then" || key === "__esModule" ? undefined
        : unavailable(String(key))),
});

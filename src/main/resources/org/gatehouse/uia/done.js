// Runs on the page that reports a completed User-Interactive Authentication stage
// (Matrix Client-Server API, "Fallback"): tells the client, exactly as the spec prescribes.
if (window.onAuthDone) {
    window.onAuthDone();
} else if (window.opener && window.opener.postMessage) {
    window.opener.postMessage("authDone", "*");
}

// Shared by the black-box scripts: the matrix-js-sdk client factory, a quiet logger, and the
// step runner that prints one line per step and exits non-zero on the first failure.
import { createClient, HTTPError, MatrixError } from "matrix-js-sdk";
import { logger } from "matrix-js-sdk/lib/logger.js";

export class Failure extends Error {}

export const show = (value) => JSON.stringify(value);

export function check(condition, message) {
    if (!condition) throw new Failure(message);
}

/** Awaits a request that must fail and returns the HTTP error (usually a MatrixError) it failed with. */
export async function rejection(request, what) {
    let answer;
    try {
        answer = await request;
    } catch (e) {
        if (e instanceof HTTPError) return e;
        throw e;
    }
    throw new Failure(`${what} must fail, but the server answered ${show(answer)}`);
}

/**
 * Reads the base URL from the command line of `script` and returns `{ baseUrl, client, step }`:
 * `client(accessToken?)` makes an sdk client, `step(name, body)` runs one step and, on failure,
 * prints what the server answered and exits non-zero.
 */
export function harness(script) {
    const baseUrl = process.argv[2]?.replace(/\/+$/, "");
    if (!baseUrl) {
        console.error(`usage: node ${script} <baseUrl>`);
        process.exit(2);
    }
    // The sdk logs every request at debug level; keep the output to our own lines unless asked.
    const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, getChild: () => quiet };
    const sdkLogger = process.env.MATRIX_SDK_DEBUG ? logger : quiet;
    if (!process.env.MATRIX_SDK_DEBUG) logger.setLevel("silent");
    const client = (accessToken) => createClient({ baseUrl, accessToken, logger: sdkLogger });

    async function step(name, body) {
        try {
            console.log(`ok   ${name}: ${await body()}`);
        } catch (e) {
            const detail = e instanceof MatrixError ? `HTTP ${e.httpStatus} ${show(e.data)}`
                : e instanceof HTTPError ? `HTTP ${e.httpStatus} ${e.message}`
                : e instanceof Failure ? e.message
                : e?.name === "ConnectionError" ? `cannot reach ${baseUrl} (${e.message}); is the server running?`
                : e?.stack ?? String(e);
            console.log(`FAIL ${name}: ${detail}`);
            console.log(`FAILED against ${baseUrl}`);
            process.exit(1);
        }
    }

    return { baseUrl, client, step };
}

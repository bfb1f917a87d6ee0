// Black-box: two real application-service frameworks drive Gatehouse with their as_tokens.
//   node appservice.mjs <baseUrl> <serverName> <matrix-bot-sdk registration.yaml> <matrix-appservice-bridge registration.yaml>
// matrix-bot-sdk: Appservice/Intent.ensureRegistered() for namespace users, whoami as the bot and
// as a masqueraded user (with the device it registered); matrix-appservice-bridge: its Intent
// registers a ghost user. Both show that a masquerade outside the namespace is refused, and a
// normal user cannot register inside the exclusive namespace. Neither opens its HTTP port.
import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import yaml from "js-yaml";
import { Appservice, LogLevel, LogService, MatrixClient, MatrixError, MemoryStorageProvider } from "matrix-bot-sdk";
import { Bridge, Logger } from "matrix-appservice-bridge";

const [baseUrl, serverName, botSdkFile, bridgeFile] = process.argv.slice(2);
if (!bridgeFile) {
    console.error("usage: node appservice.mjs <baseUrl> <serverName> <bot-sdk registration> <bridge registration>");
    process.exit(2);
}
if (!process.env.MATRIX_SDK_DEBUG) {
    LogService.setLevel(LogLevel.ERROR);
    LogService.muteModule("MatrixHttpClient");
    LogService.muteModule("Appservice");
    Logger.configure({ console: "off" });
}

class Failure extends Error {}
const show = (value) => JSON.stringify(value);
const check = (condition, message) => { if (!condition) throw new Failure(message); };
const random = () => randomBytes(6).toString("hex");

/** A Matrix error answer, whichever copy of the bot SDK (the bridge bundles its own) raised it. */
const isMatrixError = (e) => e instanceof MatrixError || (typeof e?.errcode === "string" && typeof e?.statusCode === "number");

async function step(name, body) {
    try {
        console.log(`ok   ${name}: ${await body()}`);
    } catch (e) {
        const detail = isMatrixError(e) ? `HTTP ${e.statusCode} ${show(e.body)}`
            : e instanceof Failure ? e.message : e?.stack ?? String(e);
        console.log(`FAIL ${name}: ${detail}`);
        console.log(`FAILED against ${baseUrl}`);
        process.exit(1);
    }
}

/** Awaits a request that must fail with `status` and `errcode`; returns a description. */
async function refused(request, status, errcode, what) {
    try {
        const answer = await request;
        throw new Failure(`${what} must fail, but the server answered ${show(answer)}`);
    } catch (e) {
        if (!isMatrixError(e)) throw e;
        check(e.statusCode === status && e.errcode === errcode,
            `${what}: expected ${status} ${errcode}, got ${e.statusCode} ${show(e.body)}`);
        return `${e.statusCode} ${e.errcode}`;
    }
}

const botSdkRegistration = yaml.load(readFileSync(botSdkFile, "utf8"));
const userId = (localpart) => `@${localpart}:${serverName}`;
const anonymous = new MatrixClient(baseUrl, "");

function botSdkAppservice() {
    return new Appservice({
        homeserverName: serverName,
        homeserverUrl: baseUrl,
        bindAddress: "127.0.0.1",
        port: 0,
        registration: botSdkRegistration,
        storage: new MemoryStorageProvider(),
    });
}

let human;
await step("a normal user registers outside the namespaces", async () => {
    const answer = await anonymous.doRequest("POST", "/_matrix/client/v3/register", null, {
        username: `human_${random()}`, password: "correct horse battery staple", auth: { type: "m.login.dummy" },
    });
    human = answer.user_id;
    return human;
});

await step("a normal user cannot register inside the exclusive namespace", () => refused(
    anonymous.doRequest("POST", "/_matrix/client/v3/register", null, {
        username: `_botsdk_intruder_${random()}`, password: "correct horse battery staple", auth: { type: "m.login.dummy" },
    }), 400, "M_EXCLUSIVE", "registering inside the exclusive namespace"));

const appservice = botSdkAppservice();
await step("matrix-bot-sdk: the bot is registered (ensureRegistered)", async () => {
    await appservice.botIntent.ensureRegistered();
    return appservice.botUserId;
});

await step("matrix-bot-sdk: whoami as the bot", async () => {
    const whoami = await appservice.botClient.getWhoAmI();
    check(whoami.user_id === userId(botSdkRegistration.sender_localpart), `whoami answered ${show(whoami)}`);
    return show(whoami);
});

const ghost = appservice.getIntentForSuffix(`ghost_${random()}`);
await step("matrix-bot-sdk: ensureRegistered() registers a namespace user", async () => {
    await ghost.ensureRegistered();
    return ghost.userId;
});

await step("matrix-bot-sdk: whoami as the masqueraded user, with its device", async () => {
    const whoami = await ghost.underlyingClient.getWhoAmI();
    check(whoami.user_id === ghost.userId, `whoami answered ${show(whoami)}`);
    check(typeof whoami.device_id === "string" && whoami.device_id.length > 0,
        `the device registered for ${ghost.userId} was not masqueraded: ${show(whoami)}`);
    return show(whoami);
});

await step("matrix-bot-sdk: ensureRegistered() for a registered user is accepted (M_USER_IN_USE)", async () => {
    await botSdkAppservice().getIntentForUserId(ghost.userId).ensureRegistered();
    return ghost.userId;
});

await step("matrix-bot-sdk: masquerading outside the namespace is refused", () => {
    const client = new MatrixClient(baseUrl, botSdkRegistration.as_token);
    client.impersonateUserId(human);
    return refused(client.getWhoAmI(), 403, "M_FORBIDDEN", `whoami as ${human}`);
});

const bridge = new Bridge({
    homeserverUrl: baseUrl,
    domain: serverName,
    registration: bridgeFile,
    controller: { onEvent: () => {} },
    disableStores: true,
});
await step("matrix-appservice-bridge: the bridge initialises", async () => {
    await bridge.initialise();
    return bridge.botUserId;
});

const bridgeGhost = `@_bridgesdk_ghost_${random()}:${serverName}`;
await step("matrix-appservice-bridge: its Intent registers a ghost user", async () => {
    const intent = bridge.getIntent(bridgeGhost);
    const outcome = await intent.ensureRegistered();
    check(outcome === "registered=true", `ensureRegistered answered ${show(outcome)}`);
    const whoami = await intent.matrixClient.getWhoAmI();
    check(whoami.user_id === bridgeGhost, `whoami as the ghost answered ${show(whoami)}`);
    return show(whoami);
});

await step("matrix-appservice-bridge: masquerading outside the namespace is refused", () =>
    refused(bridge.getIntent(human).matrixClient.getWhoAmI(), 403, "M_FORBIDDEN", `whoami as ${human}`));

console.log(`PASSED against ${baseUrl}`);
process.exit(0);

#!/usr/bin/env node
// Strict validation of the REST request bodies storybot sent to the fake Discord, against the zod schemas
// that the npm package `discord-api-spec` generates from Discord's official OpenAPI spec, plus the
// documented Discord limits the spec does not encode, plus storybot's own rule that nothing may ping.
//
// Usage: node tests/schema/validate.mjs REQUESTS.json
//   REQUESTS.json: [{"method":"PUT","path":"/api/v10/applications/…/commands","body":…}, …]
//   (other keys, such as "status", are ignored; a query string on "path" is ignored)
// Output: one line per problem, `METHOD PATH: path.to.field: message`, on stdout; a summary on stderr.
// Exit code: 0 all valid, 1 some body invalid, 2 usage or setup error.
//
// Setup: npm ci --prefix tests/schema   (pins discord-api-spec and zod; see package-lock.json)

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

function die(msg) {
  console.error(`validate.mjs: ${msg}`);
  process.exit(2);
}

const file = process.argv[2];
if (!file || process.argv.length > 3) die("usage: node tests/schema/validate.mjs REQUESTS.json");

// ---------------------------------------------------------------------------------------------------------
// Load a strict copy of the schemas.
//
// The package builds every schema at import time with
//   let zObject = z.object;  export const setStrictObject = (s) => (zObject = s ? z.strictObject : z.object);
// so calling setStrictObject(true) after import changes nothing (unknown keys are silently stripped).
// We load a copy of the module whose initial value is z.strictObject, which makes every object schema,
// nested and lazy ones included, reject unknown keys. The copy lives in node_modules/.cache so that the bare
// import "zod/mini" still resolves.
// ---------------------------------------------------------------------------------------------------------
const nodeModules = path.join(here, "node_modules");
const src = path.join(nodeModules, "discord-api-spec/build/discord-api-spec.zod.js");
if (!fs.existsSync(src) || !fs.existsSync(path.join(nodeModules, "zod/package.json")))
  die(`discord-api-spec or zod is not installed in ${nodeModules}; run: npm ci --prefix tests/schema`);
const original = fs.readFileSync(src, "utf8");
const marker = "let zObject = z.object;";
if (!original.includes(marker))
  die(`unexpected discord-api-spec build: '${marker}' not found in ${src} (package-lock.json pins the version that has it; run: npm ci --prefix tests/schema)`);
const strictSrc = original.replace(marker, "let zObject = z.strictObject;") + "\nexport { z as __z };\n";
const cacheDir = path.join(nodeModules, ".cache/discord-api-spec-strict");
const strictFile = path.join(cacheDir, "discord-api-spec.strict.zod.mjs");
fs.mkdirSync(cacheDir, { recursive: true });
if (!fs.existsSync(strictFile) || fs.readFileSync(strictFile, "utf8") !== strictSrc) {
  // Tests may run several validators at once: write then rename, so nobody imports a half-written file.
  const tmp = `${strictFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, strictSrc);
  fs.renameSync(tmp, strictFile);
}
const S = await import(pathToFileURL(strictFile).href);
const z = S.__z;
z.config(z.locales.en()); // zod/mini has no messages by default ("Invalid input" everywhere)

function schema(name) {
  if (!S[name]) die(`discord-api-spec has no exported schema named ${name}`);
  return S[name];
}

// ---------------------------------------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------------------------------------
let requests;
try {
  requests = JSON.parse(fs.readFileSync(file, "utf8"));
} catch (e) {
  die(`cannot read JSON from ${file}: ${e.message}`);
}
if (!Array.isArray(requests)) die(`${file}: expected a JSON array of {method, path, body}`);

const problems = [];
let route = "";
let zodFields = new Set(); // fields the schema already reported for the current request
function problem(field, message) {
  problems.push(`${route}: ${field || "(root)"}: ${message}`);
}
// For our own limit checks: stay quiet where the schema already reported the same field.
function limit(field, message) {
  if (!zodFields.has(field || "(root)")) problem(field, message);
}

// ---------------------------------------------------------------------------------------------------------
// serenity 0.12.5 serializes these CreateCommand/CreateCommandOption fields unconditionally. Real Discord
// accepts them; the OpenAPI spec (hence strict zod) does not list them. Drop exactly these harmless
// defaults before validating; anything else stays and is checked strictly.
// ---------------------------------------------------------------------------------------------------------
function normaliseCommand(cmd) {
  if (!cmd || typeof cmd !== "object" || Array.isArray(cmd)) return cmd;
  const out = { ...cmd };
  if (out.nsfw === false) delete out.nsfw;
  // Discord's docs and serenity send a string bitfield ("2048"); the OpenAPI spec types it as a number.
  if (typeof out.default_member_permissions === "string" && /^\d+$/.test(out.default_member_permissions))
    out.default_member_permissions = Number(out.default_member_permissions);
  if (Array.isArray(out.options)) out.options = out.options.map(normaliseOption);
  return out;
}
function normaliseOption(o) {
  if (!o || typeof o !== "object" || Array.isArray(o)) return o;
  const r = { ...o };
  for (const k of ["min_value", "max_value", "min_length", "max_length"]) if (r[k] === null) delete r[k];
  for (const k of ["channel_types", "choices", "options"]) if (Array.isArray(r[k]) && r[k].length === 0) delete r[k];
  if (r.autocomplete === false) delete r.autocomplete;
  if (Array.isArray(r.options)) r.options = r.options.map(normaliseOption);
  return r;
}

// ---------------------------------------------------------------------------------------------------------
// zod issues → lines. A failed union carries one issue list per branch: report only the closest branch.
// ---------------------------------------------------------------------------------------------------------
function fieldPath(parts) {
  let s = "";
  for (const k of parts) s += typeof k === "number" ? `[${k}]` : s ? `.${String(k)}` : String(k);
  return s;
}
// How far a union branch is from matching: a branch whose very shape or `type` discriminator is wrong
// (e.g. the `undefined` branch of an optional union, or a Container where an ActionRow was meant) is far.
function distance(list) {
  return list.reduce((n, i) => {
    if (i.code === "invalid_union" && i.errors?.length) return n + Math.min(...i.errors.map(distance));
    if (i.path.length === 0 && i.code === "invalid_type") return n + 1000;
    if (i.path.length === 1 && i.path[0] === "type" && (i.code === "invalid_value" || i.code === "invalid_type")) return n + 1000;
    return n + 1;
  }, 0);
}
function reportZod(issues, prefix = []) {
  for (const iss of issues) {
    const p = [...prefix, ...iss.path];
    if (iss.code === "invalid_union" && Array.isArray(iss.errors) && iss.errors.length) {
      const best = iss.errors.reduce((a, b) => (distance(b) < distance(a) ? b : a));
      if (best.length === 0) zodProblem(fieldPath(p), iss.message);
      else reportZod(best, p);
    } else {
      zodProblem(fieldPath(p), `${iss.code}: ${iss.message}`);
    }
  }
}
function zodProblem(field, message) {
  zodFields.add(field || "(root)");
  problem(field, message);
}
function strict(schemaObj, body, prefix = []) {
  const res = schemaObj.safeParse(body);
  if (!res.success) reportZod(res.error.issues, prefix);
}

// ---------------------------------------------------------------------------------------------------------
// Documented Discord limits the spec lacks (or encodes loosely), and the product rule on mentions.
// Lengths are counted in Unicode code points.
// ---------------------------------------------------------------------------------------------------------
const len = (s) => [...s].length;
const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const NAME_RE = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function checkName(field, name, what) {
  if (typeof name !== "string") return limit(field, `${what} name must be a string`);
  if (!NAME_RE.test(name)) limit(field, `${what} name ${JSON.stringify(name)} does not match ^[-_'\\p{L}\\p{N}\\p{sc=Deva}\\p{sc=Thai}]{1,32}$`);
  if (name !== name.toLowerCase()) limit(field, `${what} name ${JSON.stringify(name)} must be lowercase`);
}
function checkDescription(field, d, what) {
  if (typeof d !== "string") return limit(field, `${what} description is required (1-100 characters)`);
  const n = len(d);
  if (n < 1 || n > 100) limit(field, `${what} description must be 1-100 characters, got ${n}`);
}
function checkChoices(field, choices) {
  if (!Array.isArray(choices)) return;
  if (choices.length > 25) limit(field, `at most 25 choices, got ${choices.length}`);
  choices.forEach((c, i) => {
    const n = isObj(c) && typeof c.name === "string" ? len(c.name) : -1;
    if (n < 1 || n > 100) limit(`${field}[${i}].name`, `choice name must be 1-100 characters, got ${n < 0 ? "none" : n}`);
  });
}
function checkOptions(field, options) {
  if (!Array.isArray(options)) return;
  if (options.length > 25) limit(field, `at most 25 options, got ${options.length}`);
  let sawOptional = false;
  options.forEach((o, i) => {
    const f = `${field}[${i}]`;
    if (!isObj(o)) return;
    checkName(`${f}.name`, o.name, "option");
    checkDescription(`${f}.description`, o.description, "option");
    checkChoices(`${f}.choices`, o.choices);
    if (o.autocomplete === true && Array.isArray(o.choices) && o.choices.length > 0)
      limit(`${f}.autocomplete`, "autocomplete may not be set on an option that has choices");
    const isSub = o.type === 1 || o.type === 2;
    if (isSub) checkOptions(`${f}.options`, o.options);
    else if (o.required === true && sawOptional) limit(`${f}.required`, "required options must be listed before optional ones");
    else if (o.required !== true) sawOptional = true;
  });
}
function checkCommand(field, cmd) {
  if (!isObj(cmd)) return;
  const type = cmd.type ?? 1;
  if (type === 1) {
    checkName(`${field}name`, cmd.name, "command");
    checkDescription(`${field}description`, cmd.description, "command");
  } else if (typeof cmd.name !== "string" || len(cmd.name) < 1 || len(cmd.name) > 32) {
    limit(`${field}name`, "command name must be 1-32 characters");
  }
  checkOptions(`${field}options`, cmd.options);
}

function checkEmbeds(field, embeds) {
  if (!Array.isArray(embeds)) return;
  if (embeds.length > 10) limit(field, `at most 10 embeds, got ${embeds.length}`);
  let total = 0;
  const cap = (f, v, max, what) => {
    if (typeof v !== "string") return;
    const n = len(v);
    total += n;
    if (n > max) limit(f, `${what} must be at most ${max} characters, got ${n}`);
  };
  embeds.forEach((e, i) => {
    const f = `${field}[${i}]`;
    if (!isObj(e)) return;
    cap(`${f}.title`, e.title, 256, "embed title");
    cap(`${f}.description`, e.description, 4096, "embed description");
    if (Array.isArray(e.fields)) {
      if (e.fields.length > 25) limit(`${f}.fields`, `at most 25 fields, got ${e.fields.length}`);
      e.fields.forEach((fl, j) => {
        if (!isObj(fl)) return;
        cap(`${f}.fields[${j}].name`, fl.name, 256, "field name");
        cap(`${f}.fields[${j}].value`, fl.value, 1024, "field value");
      });
    }
    if (isObj(e.footer)) cap(`${f}.footer.text`, e.footer.text, 2048, "footer text");
    if (isObj(e.author)) cap(`${f}.author.name`, e.author.name, 256, "author name");
  });
  if (total > 6000) limit(field, `embeds total at most 6000 characters (titles, descriptions, field names and values, footer texts, author names), got ${total}`);
}

function checkComponents(field, components) {
  if (!Array.isArray(components)) return;
  const rows = components.filter((c) => isObj(c) && c.type === 1).length;
  if (rows > 5) limit(field, `at most 5 action rows, got ${rows}`);
  components.forEach((row, i) => {
    if (!isObj(row) || row.type !== 1 || !Array.isArray(row.components)) return;
    const f = `${field}[${i}].components`;
    const buttons = row.components.filter((c) => isObj(c) && c.type === 2).length;
    if (buttons > 5) limit(f, `at most 5 buttons per action row, got ${buttons}`);
    row.components.forEach((c, j) => {
      if (!isObj(c)) return;
      if (c.type === 2 && typeof c.label === "string" && len(c.label) > 80)
        limit(`${f}[${j}].label`, `button label must be at most 80 characters, got ${len(c.label)}`);
      if (typeof c.custom_id === "string" && (len(c.custom_id) < 1 || len(c.custom_id) > 100))
        limit(`${f}[${j}].custom_id`, `custom_id must be 1-100 characters, got ${len(c.custom_id)}`);
    });
  });
}

// Product rule: every message storybot creates or edits carries allowed_mentions {"parse": []} and allows
// no user, role or replied-user ping.
function checkNoPing(field, m) {
  const am = m.allowed_mentions;
  const f = field ? `${field}.allowed_mentions` : "allowed_mentions";
  if (!isObj(am)) return problem(f, 'must be present as {"parse": []} (storybot never pings)');
  if (!Array.isArray(am.parse) || am.parse.length !== 0) problem(`${f}.parse`, "must be [] (storybot never pings)");
  for (const k of ["users", "roles"])
    if (am[k] != null && (!Array.isArray(am[k]) || am[k].length !== 0)) problem(`${f}.${k}`, "must be empty or absent (storybot never pings)");
  if (am.replied_user === true) problem(`${f}.replied_user`, "must not be true (storybot never pings)");
}

function checkMessage(field, m, { noPing }) {
  const p = (k) => (field ? `${field}.${k}` : k);
  if (!isObj(m)) return problem(field, "message body must be an object");
  if (typeof m.content === "string" && len(m.content) > 2000)
    limit(p("content"), `content must be at most 2000 characters, got ${len(m.content)}`);
  checkEmbeds(p("embeds"), m.embeds);
  checkComponents(p("components"), m.components);
  if (noPing) checkNoPing(field, m);
}

// ---------------------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------------------
const CALLBACK_BY_TYPE = {
  1: "PongInteractionCallbackRequestSchema",
  4: "CreateMessageInteractionCallbackRequestSchema", // CHANNEL_MESSAGE_WITH_SOURCE
  5: "CreateMessageInteractionCallbackRequestSchema", // DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
  6: "UpdateMessageInteractionCallbackRequestSchema", // DEFERRED_UPDATE_MESSAGE
  7: "UpdateMessageInteractionCallbackRequestSchema", // UPDATE_MESSAGE
  8: "ApplicationCommandAutocompleteCallbackRequestSchema",
  9: "ModalInteractionCallbackRequestSchema",
  12: "LaunchActivityInteractionCallbackRequestSchema",
  13: "SocialLayerSKUPurchaseEligibilityInteractionCallbackRequestSchema",
};

function validateCallback(body) {
  if (!isObj(body)) return problem("", "interaction callback body must be an object");
  const name = CALLBACK_BY_TYPE[body.type];
  if (!name) return problem("type", `interaction callback type must be one of ${Object.keys(CALLBACK_BY_TYPE).join(", ")}, got ${JSON.stringify(body.type)}`);
  strict(schema(name), body);
  if (body.type === 4 || body.type === 7) {
    if (!isObj(body.data)) problem("data", "a message callback needs data");
    else checkMessage("data", body.data, { noPing: true });
  }
  if (body.type === 8 && isObj(body.data)) checkChoices("data.choices", body.data.choices);
}

const SNOWFLAKE = "\\d{1,20}";
const ROUTES = [
  {
    re: new RegExp(`^PUT /applications/${SNOWFLAKE}(/guilds/${SNOWFLAKE})?/commands$`),
    check(body) {
      if (!Array.isArray(body)) return problem("", "bulk overwrite body must be an array of commands");
      if (body.length > 100) problem("", `at most 100 chat input commands, got ${body.length}`);
      const normalised = body.map(normaliseCommand);
      strict(z.array(schema("ApplicationCommandUpdateRequestSchema")), normalised);
      body.forEach((c, i) => checkCommand(`[${i}].`, c));
    },
  },
  {
    re: new RegExp(`^POST /applications/${SNOWFLAKE}(/guilds/${SNOWFLAKE})?/commands$`),
    check(body) {
      strict(schema("ApplicationCommandCreateRequestSchema"), normaliseCommand(body));
      checkCommand("", body);
    },
  },
  {
    re: new RegExp(`^PATCH /applications/${SNOWFLAKE}(/guilds/${SNOWFLAKE})?/commands/${SNOWFLAKE}$`),
    check(body) {
      strict(schema("ApplicationCommandPatchRequestPartialSchema"), normaliseCommand(body));
      checkCommand("", { description: "-", ...body, name: body?.name ?? "x" });
    },
  },
  {
    re: new RegExp(`^POST /interactions/${SNOWFLAKE}/[^/]+/callback$`),
    check: validateCallback,
  },
  {
    // edit the original response or a followup
    re: new RegExp(`^PATCH /webhooks/${SNOWFLAKE}/[^/]+/messages/(@original|${SNOWFLAKE})$`),
    check(body) {
      strict(schema("IncomingWebhookUpdateRequestPartialSchema"), body);
      checkMessage("", body, { noPing: true });
    },
  },
  {
    // followup message (an interaction webhook: the spec's requestBody for this route is this union)
    re: new RegExp(`^POST /webhooks/${SNOWFLAKE}/[^/]+$`),
    check(body) {
      strict(z.union([schema("IncomingWebhookRequestPartialSchema"), schema("IncomingWebhookUpdateRequestPartialSchema")]), body);
      checkMessage("", body, { noPing: true });
    },
  },
  {
    re: new RegExp(`^POST /channels/${SNOWFLAKE}/messages$`),
    check(body) {
      strict(schema("MessageCreateRequestSchema"), body);
      checkMessage("", body, { noPing: true });
    },
  },
  {
    re: new RegExp(`^PATCH /channels/${SNOWFLAKE}/messages/${SNOWFLAKE}$`),
    check(body) {
      strict(schema("MessageEditRequestPartialSchema"), body);
      checkMessage("", body, { noPing: true });
    },
  },
];

let checked = 0;
requests.forEach((req, i) => {
  if (!isObj(req) || typeof req.method !== "string" || typeof req.path !== "string") {
    route = `#${i}`;
    return problem("", "expected {method, path, body}");
  }
  const method = req.method.toUpperCase();
  const fullPath = req.path.split("?")[0];
  route = `${method} ${fullPath}`;
  zodFields = new Set();
  const apiPath = fullPath.replace(/^\/api\/v\d+/, "");
  if (req.body === undefined || req.body === null) return; // nothing to validate
  const r = ROUTES.find((x) => x.re.test(`${method} ${apiPath}`));
  if (!r) return problem("", "no schema known for this route (add it to tests/schema/validate.mjs)");
  checked += 1;
  r.check(req.body);
});

for (const line of problems) console.log(line);
console.error(`validate.mjs: ${checked} request bodies checked, ${problems.length} problem(s)`);
process.exit(problems.length ? 1 : 0);

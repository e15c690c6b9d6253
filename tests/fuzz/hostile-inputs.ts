/**
 * fast-check arbitraries of hostile HTTP input for the gateway and the admin API: the
 * routes are read from `app/api/admin/**\/route.ts` (so a new route is fuzzed without
 * anyone listing it) plus the `/v1` endpoints.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import type { RawRequest } from "../support/raw-http";

export interface Route {
  /** e.g. `/api/admin/tenants/[id]/keys`. */
  pattern: string;
  methods: string[];
}

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Every admin route file and the methods it exports. */
export function adminRoutes(dir = path.join(ROOT, "app/api/admin")): Route[] {
  const out: Route[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...adminRoutes(full));
    else if (name === "route.ts") {
      const source = readFileSync(full, "utf8");
      const methods = [
        ...source.matchAll(
          /export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g,
        ),
      ].map((m) => m[1]!);
      out.push({
        pattern:
          "/" + path.relative(path.join(ROOT, "app"), path.dirname(full)).split(path.sep).join("/"),
        methods,
      });
    }
  }
  return out;
}

export const GATEWAY_ROUTES: Route[] = [
  { pattern: "/v1/chat/completions", methods: ["POST"] },
  { pattern: "/v1/embeddings", methods: ["POST"] },
  { pattern: "/v1/models", methods: ["GET"] },
];

const NUL = "\u0000";
const loneSurrogates = fc.constantFrom(
  "\ud800",
  "\udbff",
  "\udc00",
  "\udfff",
  "a\ud83d",
  "\ude00b",
);

/** Strings Postgres cannot store, strings too long to be sane, and plain odd text. */
export const hostileString = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 })).map(([a, b]) => a + NUL + b),
  fc.tuple(fc.string({ maxLength: 10 }), loneSurrogates).map(([a, s]) => a + s),
  fc.integer({ min: 201, max: 300_000 }).map((n) => "x".repeat(n)),
  fc.constantFrom(
    "",
    " ",
    "auto",
    "deepseek/deepseek-chat",
    "../../etc/passwd",
    '\'; DROP TABLE "Tenant"; --',
    "%00",
    "\\u0000",
    "🙂".repeat(100),
  ),
);

/** Bytes of a string the way a client would send them: lone surrogates become U+FFFD. */
const utf8 = (s: string) => Buffer.from(s, "utf8");

/** A path segment: percent-encoded hostile text, or a raw malformed escape. */
export const hostileSegment = fc.oneof(
  fc
    .string({ maxLength: 20 })
    .map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, "?")) || "x"),
  hostileString
    .filter((s) => s.length < 5_000)
    .map((s) => [...utf8(s)].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("") || "x"),
  fc.constantFrom(
    "%00",
    "a%00b",
    "%E0%A4%A",
    "%",
    "%zz",
    "%ED%A0%80",
    "%C0%80",
    "%FF%FE",
    "%uD800",
    "cm0000000000000000000000",
    "..",
    "%2e%2e",
    "x".repeat(5_000),
  ),
);

function jsonScalar(): fc.Arbitrary<unknown> {
  return fc.oneof(
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.bigInt().map((n) => Number(n)),
  );
}

const FIELDS = [
  "name",
  "planId",
  "status",
  "note",
  "provider",
  "key",
  "label",
  "allowedModels",
  "expiresAt",
  "graceSeconds",
  "requestsPerMinute",
  "monthlyFeeMicros",
  "overagePricePer1MMicros",
  "model",
  "messages",
  "stream",
  "max_tokens",
  "content",
  "role",
];

/** A JSON value with hostile leaves under field names the routes know. */
const hostileJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    jsonScalar(),
    tie("object"),
    tie("array"),
  ),
  object: fc.dictionary(
    fc.oneof(
      fc.constantFrom(...FIELDS),
      hostileString.filter((s) => s.length < 50),
    ),
    tie("value"),
    { maxKeys: 6 },
  ),
  array: fc.array(tie("value"), { maxLength: 4 }),
})).value;

/** A chat request that is valid but for one hostile part. */
const hostileChat = fc.record(
  {
    model: fc.oneof(hostileString, fc.constant("deepseek/deepseek-chat")),
    messages: fc.oneof(
      fc.constant([{ role: "user", content: "hi" }]),
      fc.array(
        fc.record({
          role: fc.oneof(fc.constantFrom("user", "system", "assistant"), hostileString),
          content: fc.oneof(hostileString, hostileJson),
        }),
        { maxLength: 3 },
      ),
    ),
    stream: fc.oneof(fc.boolean(), hostileJson),
    max_tokens: fc.oneof(fc.integer({ min: 1, max: 16 }), hostileJson),
  },
  { requiredKeys: ["model", "messages"] },
);

export const hostileBody: fc.Arbitrary<Buffer> = fc.oneof(
  { arbitrary: hostileJson.map((v) => utf8(JSON.stringify(v) ?? "null")), weight: 4 },
  { arbitrary: hostileChat.map((v) => utf8(JSON.stringify(v))), weight: 4 },
  {
    arbitrary: fc.tuple(hostileChat, fc.nat()).map(([v, n]) => {
      const t = JSON.stringify(v);
      return utf8(t.slice(0, n % Math.max(t.length, 1)));
    }),
    weight: 2,
  },
  {
    arbitrary: fc
      .integer({ min: 1, max: 50_000 })
      .map((n) =>
        utf8(
          `{"model":"auto","messages":[{"role":"user","content":"hi","x":${"[".repeat(n)}${"]".repeat(n)}}]}`,
        ),
      ),
    weight: 1,
  },
  {
    arbitrary: fc
      .integer({ min: 1, max: 50_000 })
      .map((n) => utf8(`{"name":${"[".repeat(n)}1${"]".repeat(n)}}`)),
    weight: 1,
  },
  { arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)), weight: 1 },
  {
    arbitrary: fc.constantFrom(
      utf8(`{"name":"${NUL}"}`),
      utf8('{"name":"\\u0000"}'),
      utf8('{"name":"\\ud800"}'),
      utf8('{"note":"\\udfff"}'),
      Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      utf8(""),
    ),
    weight: 2,
  },
  {
    arbitrary: fc
      .constantFrom(2 * 1024 * 1024, 5 * 1024 * 1024)
      .map((n) => utf8(`{"name":"${"a".repeat(n)}"}`)),
    weight: 1,
  },
);

const oddHeaderValue = fc.oneof(
  fc.string({ maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, " ")),
  fc.constantFrom(
    "application/json",
    "text/plain",
    "application/json; charset=latin1",
    "multipart/form-data; boundary=x",
    "",
    "\u00ff\u00fe",
    "x".repeat(8_000),
  ),
);

/** Cookie headers a browser would never send: malformed escapes in the session cookie above all. */
const hostileCookie = fc.oneof(
  hostileSegment.map((v) => `next-auth.session-token=${v}`),
  hostileSegment.map((v) => `__Secure-next-auth.session-token=${v}; next-auth.csrf-token=${v}`),
  fc.constantFrom(
    "next-auth.session-token=%E0%A4%A",
    "next-auth.session-token=%",
    "next-auth.session-token",
    "=; ;=;",
    "next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..x.y.z",
  ),
  oddHeaderValue.map((v) => `next-auth.session-token=${v}`),
);

/** Methods no route serves, beside the ones a route file might not export. */
const ODD_METHODS = ["PUT", "OPTIONS", "DELETE", "PATCH", "GET", "TRACE", "PROPFIND", "MKCOL"];

/**
 * How the request line names its target: the usual path, the absolute form naming our
 * own host (served) or another (400, never a redirect there), or `*`.
 */
const targetForm = fc.constantFrom(
  "origin",
  "origin",
  "origin",
  "origin",
  "origin",
  "origin",
  "absolute-ours",
  "absolute-other",
  "star",
) as fc.Arbitrary<"origin" | "absolute-ours" | "absolute-other" | "star">;

export interface HostileCase {
  route: Route;
  method: string;
  request: RawRequest;
}

/**
 * One hostile request to one of `routes`. `auth` gives the credentials that pass the
 * guard for a route pattern, so most cases reach the validation behind it.
 */
export function hostileCase(
  routes: readonly Route[],
  auth: (pattern: string) => string,
): fc.Arbitrary<HostileCase> {
  return fc
    .record({
      route: fc.constantFrom(...routes),
      methodPick: fc.nat(),
      oddMethod: fc.boolean(),
      segments: fc.array(hostileSegment, { minLength: 3, maxLength: 3 }),
      query: fc.option(
        fc.array(
          fc.tuple(
            fc.constantFrom("from", "to", "credentialId", "limit", "x", "%00"),
            hostileSegment,
          ),
          { maxLength: 3 },
        ),
        { nil: undefined },
      ),
      body: fc.option(hostileBody, { nil: undefined }),
      authMode: fc.constantFrom("valid", "valid", "valid", "valid", "none", "odd"),
      oddAuth: oddHeaderValue,
      extraHeaders: fc.array(
        fc.tuple(
          fc.constantFrom(
            "content-type",
            "x-request-id",
            "accept",
            "x-forwarded-for",
            "accept-encoding",
          ),
          oddHeaderValue,
        ),
        { maxLength: 3 },
      ),
      truncate: fc.option(fc.nat(), { freq: 8, nil: undefined }),
      cookie: fc.option(hostileCookie, { freq: 4, nil: undefined }),
      target: targetForm,
    })
    .map(
      ({
        route,
        methodPick,
        oddMethod,
        segments,
        query,
        body,
        authMode,
        oddAuth,
        extraHeaders,
        truncate,
        cookie,
        target,
      }) => {
        const method =
          oddMethod && methodPick % 5 === 0
            ? ODD_METHODS[Math.floor(methodPick / 5) % ODD_METHODS.length]!
            : route.methods[methodPick % route.methods.length]!;
        let i = 0;
        const filled = route.pattern.replace(
          /\[(?:\.\.\.)?[^\]]+\]/g,
          () => segments[i++ % segments.length]!,
        );
        const qs =
          query && query.length > 0 ? "?" + query.map(([k, v]) => `${k}=${v}`).join("&") : "";
        const headers: [string, string][] = [...extraHeaders];
        if (authMode === "valid") headers.push(["authorization", `Bearer ${auth(route.pattern)}`]);
        else if (authMode === "odd") headers.push(["authorization", oddAuth]);
        if (!headers.some(([k]) => k === "content-type"))
          headers.push(["content-type", "application/json"]);
        if (cookie !== undefined) headers.push(["cookie", cookie]);
        const path =
          target === "star"
            ? "*"
            : target === "absolute-other"
              ? `http://evil.example${filled}${qs}`
              : filled + qs;
        const sendBody = body && method !== "GET" ? body : undefined;
        return {
          route,
          method,
          request: {
            method,
            path,
            absoluteForm: target === "absolute-ours",
            headers,
            body: sendBody,
            truncateAt:
              sendBody && truncate !== undefined
                ? truncate % Math.max(sendBody.length, 1)
                : undefined,
          },
        };
      },
    );
}

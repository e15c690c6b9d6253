import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { anthropicFormat } from "./anthropic-format";
import { handleControlRequest, type SimulatorControl } from "./control";
import { geminiEmbeddings, openaiEmbeddings } from "./embeddings";
import { checkProviderInput } from "./input-checks";
import { geminiFormat } from "./gemini-format";
import { openaiFormat } from "./openai-format";
import { planReply } from "./reply";
import {
  delay,
  interceptNonStream,
  sendBody,
  sendError,
  sendFaultResponse,
  sendStream,
} from "./respond";
import { isErrorResponse, type RouteInfo, type WireFormat } from "./wire";

/**
 * The simulator's HTTP server: plain node:http, one path prefix per provider so each has
 * its own base URL in its SDK's convention. Hot-path rules: no logging, no per-request
 * timers unless a fault asks for latency, one write per response unless a stream fault
 * needs event-by-event control.
 */

interface ResolvedRoute {
  format: WireFormat;
  kind: "chat" | "models" | "embeddings";
  info: RouteInfo;
}

/** Maps a method and path to a provider endpoint; undefined for anything else. */
function resolve(req: IncomingMessage, path: string, query: string): ResolvedRoute | undefined {
  const method = req.method;
  const parts = path.split("/");
  const [, first, version, resource, action] = parts;
  if (!first) return undefined;
  const info: RouteInfo = { provider: first, headers: req.headers };

  if (first === "gemini") {
    // /gemini/v1beta/models and /gemini/v1beta/models/{model}:{generateContent|streamGenerateContent|batchEmbedContents}
    if ((version !== "v1beta" && version !== "v1") || resource !== "models") return undefined;
    if (parts.length === 4 && method === "GET")
      return { format: geminiFormat, kind: "models", info };
    if (parts.length !== 5 || method !== "POST" || !action) return undefined;
    const segment = decodeURIComponent(action);
    const colon = segment.lastIndexOf(":");
    const verb = segment.slice(colon + 1);
    if (colon > 0 && verb === "batchEmbedContents") {
      info.pathModel = segment.slice(0, colon);
      return { format: geminiFormat, kind: "embeddings", info };
    }
    if (colon <= 0 || (verb !== "generateContent" && verb !== "streamGenerateContent"))
      return undefined;
    info.pathModel = segment.slice(0, colon);
    info.pathStream = verb === "streamGenerateContent";
    info.sse = info.pathStream && new URLSearchParams(query).get("alt") === "sse";
    return { format: geminiFormat, kind: "chat", info };
  }

  if (version !== "v1") return undefined;
  const format = first === "anthropic" ? anthropicFormat : openaiFormat;
  if (resource === "models" && parts.length === 4 && method === "GET")
    return { format, kind: "models", info };
  if (method !== "POST") return undefined;
  if (first === "anthropic" && resource === "messages" && parts.length === 4)
    return { format, kind: "chat", info };
  // Anthropic has no embeddings API: its slug gets the 404 below.
  if (first !== "anthropic" && resource === "embeddings" && parts.length === 4)
    return { format, kind: "embeddings", info };
  if (
    first !== "anthropic" &&
    resource === "chat" &&
    action === "completions" &&
    parts.length === 5
  )
    return { format, kind: "chat", info };
  return undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () =>
      resolveBody(
        chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8"),
      ),
    );
    req.on("error", reject);
  });
}

const NOT_FOUND_HEADERS = { "content-type": "application/json" };

async function handleProvider(
  control: SimulatorControl,
  route: ResolvedRoute,
  query: string,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const { format, info } = route;
  const key = format.credential(req.headers, query);
  control.calls.record(key, info.provider);
  const fault = control.faults.take(key, info.provider);
  const raw = await readBody(req);

  if (fault?.latencyMs) await delay(fault.latencyMs);
  if (fault && (fault.status !== undefined || fault.body !== undefined))
    return sendFaultResponse(res, fault);
  const extraHeaders = fault?.headers;
  // Permissive by default: any key is accepted, but a request without one is refused the
  // way the provider refuses it, so a gateway that forgets to send the key is caught.
  if (key === undefined)
    return sendError(res, format.missingCredential(info.provider), extraHeaders);
  if (route.kind === "models") {
    return sendBody(
      res,
      200,
      { "content-type": "application/json", ...format.responseHeaders(), ...extraHeaders },
      format.listModels(info.provider),
    );
  }

  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return sendError(res, format.invalidJson(info.provider), extraHeaders);
  }
  const onStall = (chunks: number) =>
    control.events.emit("stall", { provider: info.provider, key, chunks });
  if (route.kind === "embeddings") {
    // Drop and stall faults act on the one JSON answer, as for a chat answer.
    if (interceptNonStream(res, fault?.stream, onStall)) return;
    const reply = format === geminiFormat ? geminiEmbeddings(body, info) : openaiEmbeddings(body);
    const headers = {
      "content-type": "application/json",
      ...format.responseHeaders(),
      ...extraHeaders,
    };
    return sendBody(res, reply.status, headers, reply.body);
  }
  const refused = checkProviderInput(info.provider, body);
  if (refused) return sendError(res, refused, extraHeaders);
  const ex = format.toExchange(body, info);
  if (isErrorResponse(ex)) return sendError(res, ex, extraHeaders);

  const outcome = planReply(ex.turn);
  if (!ex.stream) {
    if (interceptNonStream(res, fault?.stream, onStall)) return;
    const headers = {
      "content-type": "application/json",
      ...format.responseHeaders(),
      ...extraHeaders,
    };
    return sendBody(res, 200, headers, format.renderJson(ex, outcome));
  }
  const streamHeaders = {
    "content-type": info.sse === false ? "application/json" : format.streamContentType,
    "cache-control": "no-cache",
    ...format.responseHeaders(),
    ...extraHeaders,
  };
  const events = format.renderEvents(ex, outcome);
  const streamFault = fault?.stream;
  await sendStream(
    res,
    streamHeaders,
    events,
    (sent) => format.streamError(ex, streamFault?.errorEvent, sent),
    streamFault,
    onStall,
  );
}

async function handle(
  control: SimulatorControl,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? "" : url.slice(q + 1);

  if (path.startsWith("/_sim/")) {
    const raw = await readBody(req);
    return handleControlRequest(control, req.method ?? "GET", path, raw, res);
  }
  const route = resolve(req, path, query);
  if (!route) {
    req.resume();
    const message = `The simulator has no route for ${req.method} ${path}.`;
    return sendBody(
      res,
      404,
      NOT_FOUND_HEADERS,
      JSON.stringify({
        error: { message, type: "invalid_request_error", param: null, code: "unknown_url" },
      }),
    );
  }
  return handleProvider(control, route, query, req, res);
}

export function createSimulatorServer(control: SimulatorControl): Server {
  const server = createServer((req, res) => {
    handle(control, req, res).catch(() => {
      // A simulator bug must not look like a provider answer a test could accept: say so plainly.
      if (!res.headersSent)
        sendBody(
          res,
          500,
          NOT_FOUND_HEADERS,
          JSON.stringify({ error: { message: "simulator internal error" } }),
        );
      else res.destroy();
    });
  });
  // Longer than any client pool's idle timeout, so the simulator never closes a socket a
  // client is about to reuse (that race shows up as spurious ECONNRESET under load).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

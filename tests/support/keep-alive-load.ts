/**
 * Steady keep-alive load on the chat endpoint, for shutdown tests: `workers` loops,
 * each sending its next request the moment the last answer is complete, over an undici
 * Agent that reuses connections. Every request ends as exactly one of: a complete
 * answer (200 with a whole JSON body, or a stream through `data: [DONE]`), a refusal
 * (ECONNREFUSED: a new connection the server no longer accepts; the loop stops), or a
 * failure (anything else: a reset, a cut stream, an error status), kept with its reason.
 */
import { Agent, request } from "undici";

export interface Completed {
  requestId: string;
  stream: boolean;
  startedAt: number;
  finishedAt: number;
}

export interface LoadTally {
  completed: Completed[];
  refused: number;
  failures: string[];
}

export interface KeepAliveLoad {
  tally: LoadTally;
  /** Resolves when every worker has stopped (refused, or `stop()` called). */
  done: Promise<LoadTally>;
  stop(): Promise<LoadTally>;
}

export function keepAliveLoad(opts: {
  url: string;
  key: string;
  model: string;
  workers: number;
  streamEvery?: number;
}): KeepAliveLoad {
  const agent = new Agent({
    keepAliveTimeout: 60_000,
    keepAliveMaxTimeout: 60_000,
    connections: opts.workers,
    pipelining: 1,
  });
  const tally: LoadTally = { completed: [], refused: 0, failures: [] };
  let stopped = false;

  const once = async (stream: boolean): Promise<"again" | "refused"> => {
    const startedAt = Date.now();
    try {
      const res = await request(`${opts.url}/v1/chat/completions`, {
        method: "POST",
        dispatcher: agent,
        headers: { authorization: `Bearer ${opts.key}`, "content-type": "application/json" },
        body: JSON.stringify({
          model: opts.model,
          stream,
          messages: [{ role: "user", content: "Tell me something while the server shuts down." }],
        }),
      });
      const text = await res.body.text();
      const requestId = String(res.headers["x-request-id"] ?? "");
      const complete =
        res.statusCode === 200 &&
        (stream ? text.trimEnd().endsWith("data: [DONE]") : isChatCompletion(text));
      if (complete) tally.completed.push({ requestId, stream, startedAt, finishedAt: Date.now() });
      else
        tally.failures.push(
          `${stream ? "stream" : "json"} ${res.statusCode}, incomplete: ${text.slice(-200)}`,
        );
      return "again";
    } catch (err) {
      const code =
        (err as NodeJS.ErrnoException).code ??
        (err as { cause?: NodeJS.ErrnoException }).cause?.code;
      if (code === "ECONNREFUSED") {
        tally.refused++;
        return "refused";
      }
      tally.failures.push(
        `${stream ? "stream" : "json"} ${code ?? "error"}: ${(err as Error).message}`,
      );
      return "again";
    }
  };

  const worker = async (index: number) => {
    for (let n = 0; !stopped; n++) {
      const stream = opts.streamEvery !== undefined && (index + n) % opts.streamEvery === 0;
      if ((await once(stream)) === "refused") return;
    }
  };
  const done = Promise.all(Array.from({ length: opts.workers }, (_, i) => worker(i))).then(
    async () => {
      await agent.close();
      return tally;
    },
  );
  return {
    tally,
    done,
    stop() {
      stopped = true;
      return done;
    },
  };
}

function isChatCompletion(text: string): boolean {
  try {
    const body = JSON.parse(text) as { choices?: { message?: unknown }[] };
    return Boolean(body.choices?.[0]?.message);
  } catch {
    return false;
  }
}

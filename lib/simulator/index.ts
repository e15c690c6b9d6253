import type { AddressInfo } from "node:net";
import { simulatorBaseUrl } from "./base-url";
import { SimulatorControl } from "./control";
import { createSimulatorServer } from "./server";

/**
 * The provider simulator: a loopback HTTP server that answers in the real wire formats of
 * OpenAI-compatible providers, Gemini and Anthropic, with fault injection. It backs demo
 * mode (no provider key configured), every test and the benchmark.
 *
 *   const sim = await startSimulator();
 *   process.env.DEEPSEEK_BASE_URL = sim.baseUrlFor("deepseek"); // http://127.0.0.1:PORT/deepseek/v1
 *   sim.control.setFault({ match: { key: "sk-dead" }, ...PROVIDER_ERRORS.deepseek.authenticationFails });
 *   ...
 *   await sim.close();
 */

export interface Simulator {
  /** Origin, e.g. `http://127.0.0.1:4010`. */
  url: string;
  port: number;
  /**
   * The provider's base URL in its official SDK's convention: `{url}/{provider}/v1` for
   * OpenAI-compatible slugs, `{url}/anthropic` and `{url}/gemini` for the native APIs.
   */
  baseUrlFor(provider: string): string;
  control: SimulatorControl;
  /** Stops listening and cuts every open connection, stalled streams included. */
  close(): Promise<void>;
}

export interface StartSimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
}

export async function startSimulator(opts: StartSimulatorOptions = {}): Promise<Simulator> {
  const host = opts.host ?? "127.0.0.1";
  const control = new SimulatorControl();
  const server = createSimulatorServer(control);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    control,
    baseUrlFor: (provider) => simulatorBaseUrl(url, provider),
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

export { simulatorBaseUrl } from "./base-url";
export { SimulatorControl, type StallEvent } from "./control";
export { createSimulatorServer } from "./server";
export type { ActiveFault, FaultSpec, SimStats, StreamFault } from "./faults";
export { PROVIDER_ERRORS, STREAM_ERRORS, type ProviderErrorResponse } from "./provider-errors";
export { ACCOUNT_ERRORS } from "./account-errors";
export { STREAM_FAILURES } from "./stream-failures";
export {
  planReply,
  sampleFromSchema,
  simulatedReply,
  type SimOutcome,
  type SimTurn,
} from "./reply";
export {
  cachedTokensFor,
  countPromptTokens,
  countWords,
  simulatedUsage,
  toolCallCompletionText,
  type SimUsage,
} from "./usage";
export { KNOWN_MODELS } from "./wire";

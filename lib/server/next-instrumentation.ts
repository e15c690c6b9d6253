/**
 * The bootstrap under `next start` (or any host that runs the built app without our
 * own server), called from Next's instrumentation hook before the first request is
 * served: the same configuration, migrations, seed, simulator, breakers and drain
 * as `npm start`.
 */
import { Server } from "node:http";
import { autoIssueInvoices } from "@/lib/admin/invoices/auto-issue-invoices";
import { loadConfigOrExit } from "@/lib/config";
import { log } from "@/lib/log";
import { getGatewayRuntime } from "@/lib/runtime/gateway-runtime";
import { bootGateway, gatewayBooting } from "@/lib/runtime/process-gateway";
import { startBanner } from "@/lib/runtime/start-banner";
import { issueFirstRunSecrets } from "@/lib/runtime/first-run-secrets";
import { guardNextServer } from "./before-next";
import { drainable } from "./drain";
import { stopOnSignals } from "./graceful-shutdown";
import { lingerOnUnreadBody } from "./linger-close";

/**
 * Boots the gateway in this Next server process unless `npm start` already did (its
 * own server then owns the banner and the signals). Exits the process, code 1, on a bad
 * configuration (one line on stderr) or a failed bootstrap.
 * `manualSignals`: NEXT_MANUAL_SIG_HANDLE was set, so Next left SIGTERM/SIGINT to us.
 */
export async function registerGateway(opts: { manualSignals: boolean }): Promise<void> {
  if (gatewayBooting()) return;
  const config = loadConfigOrExit();
  const { boot } = bootGateway(config, "next-instrumentation", {
    issueDueInvoices: autoIssueInvoices,
  });
  try {
    const booted = await boot;
    await getGatewayRuntime();
    const server = nextHttpServer(booted.context.simulatorUrl);
    if (server) {
      guardNextServer(server, config.GATEWAY_TRUST_PROXY);
      lingerOnUnreadBody(server);
    }
    if (server && opts.manualSignals) {
      stopOnSignals(drainable(server), config.GATEWAY_DRAIN_TIMEOUT_MS);
    } else {
      log().warn(
        "NEXT_MANUAL_SIG_HANDLE is not set: on SIGTERM Next exits by itself, without draining or flushing usage (start with `npm run start:next`)",
      );
    }
    const address = server?.address();
    process.stdout.write(
      `${startBanner(typeof address === "object" && address ? address.port : config.PORT, booted, await issueFirstRunSecrets(booted))}\n`,
    );
  } catch (err) {
    log().fatal({ err: (err as Error).message }, "start failed");
    process.exit(1);
  }
}

/**
 * Next's listening HTTP server. Next keeps it to itself; by the time this hook runs it
 * is listening, so it is found among the process's active handles (the simulator's
 * server, also in this process in demo mode, is told apart by its port).
 */
function nextHttpServer(simulatorUrl: string | undefined): Server | undefined {
  const simulatorPort = simulatorUrl ? Number(new URL(simulatorUrl).port) : undefined;
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.find((h): h is Server => {
    if (!(h instanceof Server) || !h.listening) return false;
    const address = h.address();
    return typeof address === "object" && address !== null && address.port !== simulatorPort;
  });
}

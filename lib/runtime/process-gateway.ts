/**
 * One bootstrapped gateway per process, whoever starts it: `npm start`'s script, or
 * Next's instrumentation hook under `next start`. Route handlers live in a bundle of
 * their own, so the boot is kept on globalThis (under a registry Symbol every bundle
 * shares) rather than in a module variable.
 */
import { provideAuthSecret } from "@/lib/auth/auth-secret";
import type { Config } from "@/lib/config";
import { bootstrap, type Bootstrapped, type GatewayContext } from "./bootstrap";
import type { IssueDueInvoices } from "./invoice-scheduler";

/** Who booted the process; that one owns the listening server, the banner and the signals. */
export type BootOwner = "start-script" | "next-instrumentation";

/**
 * Work the runtime schedules but whose code sits above it (lib/admin): the entry point,
 * which may import every layer, hands it in at boot.
 */
export interface RuntimeJobs {
  issueDueInvoices: IssueDueInvoices;
}

const KEY = Symbol.for("llm-gateway.boot");
type Holder = typeof globalThis & {
  [KEY]?: { owner: BootOwner; boot: Promise<Bootstrapped>; jobs: RuntimeJobs };
};

/**
 * Bootstraps once per process, keeping `jobs` for the runtime built on this boot. A
 * later call (Next's instrumentation hook inside `npm start`'s own server) gets the
 * first boot back with `first: false` and must leave serving and signals to its owner.
 */
export function bootGateway(
  config: Config,
  owner: BootOwner,
  jobs: RuntimeJobs,
): { boot: Promise<Bootstrapped>; owner: BootOwner; first: boolean } {
  const holder = globalThis as Holder;
  const existing = holder[KEY];
  if (existing) return { owner: existing.owner, boot: existing.boot, first: false };
  const entry = { owner, boot: bootstrap(config), jobs };
  holder[KEY] = entry;
  provideAuthSecret(async () => (await gatewayContext()).secrets.authSecret);
  return { owner, boot: entry.boot, first: true };
}

/** Whether this process has begun booting (then `npm start` owns it, or instrumentation does). */
export function gatewayBooting(): boolean {
  return (globalThis as Holder)[KEY] !== undefined;
}

/**
 * The booted gateway's context, for the runtime and route handlers.
 * @throws Error when nothing booted this process (a route served by a server that skipped the bootstrap).
 */
export async function gatewayContext(): Promise<GatewayContext> {
  const entry = (globalThis as Holder)[KEY];
  if (!entry)
    throw new Error(
      "the gateway was not bootstrapped in this process (start it with `npm start` or `next start`)",
    );
  return (await entry.boot).context;
}

/**
 * The jobs the entry point handed in at boot.
 * @throws Error when nothing booted this process.
 */
export function gatewayJobs(): RuntimeJobs {
  const entry = (globalThis as Holder)[KEY];
  if (!entry) throw new Error("the gateway was not bootstrapped in this process");
  return entry.jobs;
}

/** The process's boot, if any; undefined when nothing booted it. */
export function currentBoot(): Promise<Bootstrapped> | undefined {
  return (globalThis as Holder)[KEY]?.boot;
}

/** Forgets the boot after a shutdown, so a later start in the same process boots afresh. */
export function forgetBoot(): void {
  delete (globalThis as Holder)[KEY];
}

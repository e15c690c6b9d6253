import { listProviderStatus } from "@/lib/data/providers/list-provider-status";
import { getGatewayRuntime } from "@/lib/runtime/gateway-runtime";
import styles from "./status.module.css";

export const dynamic = "force-dynamic";

/** The front page: is the gateway serving, from which providers, and are they real. */
export default async function StatusPage() {
  const runtime = await getGatewayRuntime();
  const providers = await listProviderStatus({ catalog: runtime.catalog(), simulated: runtime.simulated });
  return (
    <main className={styles.main}>
      <h1>LLM Gateway</h1>
      <p>
        OpenAI-compatible endpoint: <code>/v1</code>. Point any OpenAI client&apos;s base URL here with a tenant key.
      </p>
      {runtime.simulated && (
        <p role="status" className={styles.simulated}>
          Simulated providers: no provider key is configured, so answers come from the built-in simulator, not a real model.
        </p>
      )}
      <table className={styles.table} aria-label="Providers">
        <thead>
          <tr>
            <th>Provider</th>
            <th>Status</th>
            <th>Credentials</th>
            <th>Models</th>
          </tr>
        </thead>
        <tbody>
          {providers.map((p) => (
            <tr key={p.id} data-provider={p.id}>
              <td>{p.name}</td>
              <td>{!p.configured ? "not configured" : p.online ? (p.simulated ? "online (simulated)" : "online") : "offline"}</td>
              <td>{p.credentials.map((c) => `${c.label} …${c.last4} (${c.state})`).join(", ") || "—"}</td>
              <td>{p.models.join(", ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}

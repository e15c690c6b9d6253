import type { APIRequestContext } from "@playwright/test";
import { E2E_ADMIN_KEY, E2E_SIM_PORT } from "./credentials";

const auth = { authorization: `Bearer ${E2E_ADMIN_KEY}` };

/** Admin API calls with the admin key, failing loudly on a non-2xx answer. */
export async function admin<T = Record<string, unknown>>(
  request: APIRequestContext,
  method: string,
  path: string,
  data?: unknown,
): Promise<T> {
  const res = await request.fetch(path, { method, headers: auth, data });
  if (!res.ok()) throw new Error(`${method} ${path} -> ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A fresh tenant with one key, for specs that need their own traffic. */
export async function tenantWithKey(
  request: APIRequestContext,
  name: string,
): Promise<{ tenantId: string; key: string }> {
  const tenant = await admin<{ id: string }>(request, "POST", "/api/admin/tenants", { name });
  const issued = await admin<{ key: string }>(
    request,
    "POST",
    `/api/admin/tenants/${tenant.id}/keys`,
    {},
  );
  return { tenantId: tenant.id, key: issued.key };
}

const SIM = `http://127.0.0.1:${E2E_SIM_PORT}`;

/** The simulator's fault control (the server under test runs it on a fixed port). */
export const simulator = {
  async fault(request: APIRequestContext, spec: unknown): Promise<string> {
    const res = await request.post(`${SIM}/_sim/faults`, { data: spec });
    if (res.status() !== 201)
      throw new Error(`fault not installed: ${res.status()} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  },
  async clear(request: APIRequestContext): Promise<void> {
    await request.delete(`${SIM}/_sim/faults`);
  },
  async calls(request: APIRequestContext, key: string): Promise<number> {
    const stats = (await (await request.get(`${SIM}/_sim/stats`)).json()) as {
      calls: Record<string, number>;
    };
    return stats.calls[key] ?? 0;
  },
};

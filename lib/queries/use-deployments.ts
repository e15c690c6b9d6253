"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  DeploymentCreatedWire,
  DeploymentListWire,
  DeploymentUpdatedWire,
  DeploymentWire,
  RegisteredProviderWire,
} from "@/lib/admin/deployments/deployment-wire";
import type {
  DeploymentCreateSchema,
  DeploymentUpdateSchema,
} from "@/lib/admin/deployments/deployment-schemas";
import { adminFetch } from "./admin-fetch";

export type Deployment = DeploymentWire;
export type RegisteredProvider = RegisteredProviderWire;
/** A new deployment, as `POST /api/admin/deployments` takes it. */
export type DeploymentInput = z.input<typeof DeploymentCreateSchema>;
/** An edit, as `PATCH /api/admin/deployments/{id}` takes it. */
export type DeploymentChange = z.input<typeof DeploymentUpdateSchema>;

const KEY = ["deployments"] as const;

/** After a catalogue change: the catalogue, the prices and the routing preview refresh. */
function useInvalidate() {
  const client = useQueryClient();
  return () =>
    Promise.all(
      [KEY, ["prices"], ["routing-preview"]].map((queryKey) =>
        client.invalidateQueries({ queryKey }),
      ),
    );
}

/** GET /api/admin/deployments: every deployment, enabled or not, and the registered providers. */
export function useDeployments() {
  return useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => adminFetch<DeploymentListWire>("/api/admin/deployments", { signal }),
  });
}

/** POST /api/admin/deployments: add a deployment (its API error is the mutation's error). */
export function useCreateDeployment() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: DeploymentInput) =>
      adminFetch<DeploymentCreatedWire>("/api/admin/deployments", { method: "POST", body: input }),
    onSuccess: invalidate,
  });
}

/** PATCH /api/admin/deployments/{id}: edit any field, or `{enabled}` to switch it. */
export function useUpdateDeployment() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: DeploymentChange }) =>
      adminFetch<DeploymentUpdatedWire>(`/api/admin/deployments/${id}`, {
        method: "PATCH",
        body: change,
      }),
    onSuccess: invalidate,
  });
}

"use client";

import { useCallback, useState } from "react";
import type { Credential } from "@/lib/queries/use-credentials";
import { useProviders } from "@/lib/queries/use-providers";
import { QueryState } from "../_components/query-state";
import { PageHeader } from "../_components/ui";
import { AddKeyDialog } from "./add-key-dialog";
import { AttentionStrip } from "./attention-strip";
import { CloseDialog } from "./close-dialog";
import { useCredentialColumns } from "./credential-columns";
import { HistoryPanel } from "./history-panel";
import { ProviderSection } from "./provider-section";

/**
 * Providers & breakers: what needs a person on one line, then each provider (down ones
 * first) with its own breaker above its credentials' breakers.
 */
export function BreakersView() {
  const query = useProviders();
  const [historyOf, setHistoryOf] = useState<Credential | null>(null);
  const [closing, setClosing] = useState<Credential | null>(null);
  const columns = useCredentialColumns({
    onClose: useCallback((c: Credential) => setClosing(c), []),
    onHistory: useCallback((c: Credential) => setHistoryOf(c), []),
  });
  return (
    <>
      <PageHeader
        title="Providers & breakers"
        description="Each provider's own breaker above its credentials, refreshed every 3 seconds. Close a tripped breaker (a key's after verifying it), force one open, or add a key."
        actions={<AddKeyDialog providers={query.data?.registered ?? []} />}
      />
      <QueryState
        query={query}
        isEmpty={(d) => d.data.length === 0}
        empty="No provider credentials yet: add a key."
      >
        {(d) => (
          <div className="space-y-6">
            <AttentionStrip attention={d.attention} />
            {historyOf && (
              <HistoryPanel credential={historyOf} onClose={() => setHistoryOf(null)} />
            )}
            {d.data.map((p) => (
              <ProviderSection key={p.provider} provider={p} columns={columns} />
            ))}
          </div>
        )}
      </QueryState>
      {closing && (
        <CloseDialog key={closing.id} credential={closing} onDone={() => setClosing(null)} />
      )}
    </>
  );
}

import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";

/**
 * Loading, error and empty states, the same on every page: a query's data is rendered
 * only once it exists; an error says what the API said.
 */
export function QueryState<T>({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: UseQueryResult<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) {
    return (
      <p
        role="status"
        aria-live="polite"
        className="py-6 text-sm text-slate-600 dark:text-slate-400"
      >
        Loading…
      </p>
    );
  }
  if (query.isError) {
    return (
      <div
        role="alert"
        className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
      >
        Could not load: {query.error.message}{" "}
        <button type="button" className="underline" onClick={() => void query.refetch()}>
          Retry
        </button>
      </div>
    );
  }
  if (isEmpty?.(query.data)) {
    return (
      <p className="py-6 text-sm text-slate-600 dark:text-slate-400">
        {empty ?? "Nothing here yet."}
      </p>
    );
  }
  return <>{children(query.data)}</>;
}

"use client";

import {
  createColumnHelper,
  createPaginatedRowModel,
  createSortedRowModel,
  rowPaginationFeature,
  rowSortingFeature,
  sortFns,
  tableFeatures,
  useTable,
  type ColumnDef,
  type RowData,
} from "@tanstack/react-table";
import clsx from "clsx";

/** Sorting and client-side pagination, the features every dashboard table shares. */
export const tableFeatureSet = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns,
  rowPaginationFeature,
  paginatedRowModel: createPaginatedRowModel(),
});

export type Features = typeof tableFeatureSet;
export type Columns<T extends RowData> = ColumnDef<Features, T, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Column definitions for rows of T (keep the result at module scope or in useMemo). */
export function columnsFor<T extends RowData>() {
  return createColumnHelper<Features, T>();
}

/**
 * One table look for the whole dashboard: click (or Enter on) a header to sort, pages of
 * `pageSize` rows with Previous/Next, `aria-sort` for screen readers.
 */
export function DataTable<T extends RowData>({
  columns,
  data,
  label,
  pageSize = 25,
  rowId,
  rowClassName,
}: {
  columns: Columns<T>;
  data: T[];
  label: string;
  pageSize?: number;
  rowId?: (row: T) => string;
  rowClassName?: (row: T) => string | undefined;
}) {
  const table = useTable({
    features: tableFeatureSet,
    columns,
    data,
    getRowId: rowId ? (row: T) => rowId(row) : undefined,
    initialState: { pagination: { pageIndex: 0, pageSize } },
    autoResetPageIndex: false,
  });
  const pageCount = table.getPageCount();
  return (
    <div className="overflow-x-auto">
      <table aria-label={label} className="w-full border-collapse text-left text-sm">
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} className="border-b border-slate-200 dark:border-slate-700">
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const canSort = header.column.getCanSort();
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={
                      sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined
                    }
                    className="px-2 py-2 font-medium whitespace-nowrap text-slate-700 dark:text-slate-300"
                  >
                    {header.isPlaceholder ? null : canSort ? (
                      <button
                        type="button"
                        onClick={header.column.getToggleSortingHandler()}
                        className="inline-flex items-center gap-1 hover:underline"
                      >
                        <table.FlexRender header={header} />
                        <span aria-hidden="true">
                          {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : ""}
                        </span>
                      </button>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr
              key={row.id}
              data-row-id={row.id}
              className={clsx(
                "border-b border-slate-100 align-top dark:border-slate-800",
                rowClassName?.(row.original),
              )}
            >
              {row.getAllCells().map((cell) => (
                <td key={cell.id} className="px-2 py-2">
                  <table.FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {pageCount > 1 && (
        <div className="no-print mt-3 flex items-center gap-2 text-sm">
          <button
            type="button"
            className="rounded border border-slate-300 px-2 py-1 disabled:opacity-50 dark:border-slate-700"
            onClick={() => table.previousPage()}
            disabled={!table.getCanPreviousPage()}
          >
            Previous
          </button>
          <span>
            Page {table.store.state.pagination.pageIndex + 1} of {pageCount}
          </span>
          <button
            type="button"
            className="rounded border border-slate-300 px-2 py-1 disabled:opacity-50 dark:border-slate-700"
            onClick={() => table.nextPage()}
            disabled={!table.getCanNextPage()}
          >
            Next
          </button>
        </div>
      )}
    </div>
  );
}

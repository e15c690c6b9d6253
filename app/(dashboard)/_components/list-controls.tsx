"use client";

import {
  useState,
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
} from "react";
import { Button, Field, Input, Select } from "./ui";

/**
 * A row of filter fields with one "Apply filters" button. On submit, each named field's
 * trimmed value (an empty one as undefined) goes to `onApply`.
 */
export function FilterBar<K extends string>({
  label,
  fields,
  onApply,
  primary = false,
  children,
}: {
  /** Accessible name of the form, e.g. "Filter requests". */
  label: string;
  fields: readonly K[];
  onApply: (values: Partial<Record<K, string>>) => void;
  primary?: boolean;
  children: ReactNode;
}) {
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values: Partial<Record<K, string>> = {};
    for (const k of fields) values[k] = String(form.get(k) ?? "").trim() || undefined;
    onApply(values);
  }
  return (
    <form
      onSubmit={onSubmit}
      className="no-print mb-4 flex flex-wrap items-end gap-3"
      aria-label={label}
    >
      {children}
      <Button type="submit" variant={primary ? "primary" : "secondary"}>
        Apply filters
      </Button>
    </form>
  );
}

/** A labelled text (or number, month...) input in a form row; `width` a Tailwind width class. */
export function InputField({
  id,
  label,
  width = "w-56",
  ...input
}: { id: string; label: string; width?: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className={width}>
      <Field label={label} id={id}>
        <Input id={id} {...input} />
      </Field>
    </div>
  );
}

/**
 * A labelled select in a form row: `options` as value and label, `width` a Tailwind width
 * class; the other props (name, value, onChange, defaultValue) go to the select.
 */
export function SelectField({
  id,
  label,
  width = "w-56",
  options,
  ...select
}: {
  id: string;
  label: string;
  width?: string;
  options: readonly { value: string | number; label: ReactNode }[];
} & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <div className={width}>
      <Field label={label} id={id}>
        <Select id={id} {...select}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
}

/** A labelled tenant picker whose empty choice means every tenant. */
export function TenantSelect({
  id,
  name = "tenantId",
  label = "Tenant",
  anyLabel,
  tenants,
}: {
  id: string;
  name?: string;
  label?: string;
  anyLabel: string;
  tenants: readonly { id: string; name: string }[];
}) {
  return (
    <SelectField
      id={id}
      name={name}
      label={label}
      defaultValue=""
      options={[
        { value: "", label: anyLabel },
        ...tenants.map((t) => ({ value: t.id, label: t.name })),
      ]}
    />
  );
}

/**
 * Pages of a forward-only cursor list, newest first: the cursors of the pages before
 * this one are kept so that "Newer" can go back.
 */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  return {
    cursor: cursors[cursors.length - 1],
    page: cursors.length,
    newer: () => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)),
    older: (next: string) => setCursors((c) => [...c, next]),
    reset: () => setCursors([undefined]),
  };
}

/** "Newer" / "Page n" / "Older" under a cursor list; `nextCursor` null on the last page. */
export function CursorPager({
  pages,
  nextCursor,
}: {
  pages: ReturnType<typeof useCursorPages>;
  nextCursor: string | null | undefined;
}) {
  return (
    <div className="no-print mt-3 flex items-center gap-2 text-sm">
      <Button size="sm" disabled={pages.page <= 1} onClick={pages.newer}>
        Newer
      </Button>
      <span>Page {pages.page}</span>
      <Button
        size="sm"
        disabled={!nextCursor}
        onClick={() => nextCursor && pages.older(nextCursor)}
      >
        Older
      </Button>
    </div>
  );
}

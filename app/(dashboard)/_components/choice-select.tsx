"use client";

import clsx from "clsx";
import { Select } from "radix-ui";

export interface Choice {
  value: string;
  label: string;
}

/**
 * A closed list to pick one value from (Radix Select: keyboard, typeahead, announced as a
 * combobox). Labelled by a `<label htmlFor={id}>` (see `Field`); with `name`, the value
 * is posted with the form like a native select's.
 */
export function ChoiceSelect({
  id,
  name,
  choices,
  value,
  defaultValue,
  onValueChange,
  placeholder = "Choose…",
  required,
  invalid,
}: {
  id: string;
  name?: string;
  choices: readonly Choice[];
  value?: string;
  defaultValue?: string;
  onValueChange?: (value: string) => void;
  placeholder?: string;
  required?: boolean;
  invalid?: boolean;
}) {
  return (
    <Select.Root
      name={name}
      value={value}
      defaultValue={defaultValue}
      onValueChange={onValueChange}
      required={required}
    >
      <Select.Trigger
        id={id}
        aria-invalid={invalid || undefined}
        className={clsx(
          "flex w-full items-center justify-between gap-2 rounded-md border bg-white px-3 py-1.5 text-left text-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:bg-slate-950",
          invalid ? "border-red-600" : "border-slate-300 dark:border-slate-700",
        )}
      >
        <Select.Value placeholder={placeholder} />
        <Select.Icon aria-hidden="true">▾</Select.Icon>
      </Select.Trigger>
      <Select.Portal>
        {/* Above the modal dialogs (z-50) it opens from. */}
        <Select.Content
          position="popper"
          sideOffset={4}
          className="z-[60] max-h-72 min-w-[var(--radix-select-trigger-width)] overflow-hidden rounded-md border border-slate-200 bg-white shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <Select.Viewport className="p-1">
            {choices.map((c) => (
              <Select.Item
                key={c.value}
                value={c.value}
                className="cursor-pointer rounded px-2 py-1.5 text-sm outline-none select-none data-[highlighted]:bg-indigo-50 data-[state=checked]:font-medium dark:data-[highlighted]:bg-slate-800"
              >
                <Select.ItemText>{c.label}</Select.ItemText>
              </Select.Item>
            ))}
          </Select.Viewport>
        </Select.Content>
      </Select.Portal>
    </Select.Root>
  );
}

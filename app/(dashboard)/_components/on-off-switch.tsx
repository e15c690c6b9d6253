"use client";

import { Switch } from "radix-ui";

/**
 * An on/off setting that acts at once (Radix Switch: announced as a switch with its
 * state), its state also written beside it in words, never by colour alone.
 */
export function OnOffSwitch({
  label,
  checked,
  disabled,
  onCheckedChange,
  on = "on",
  off = "off",
}: {
  /** The accessible name: what is switched ("Routing for deepseek/deepseek-chat"). */
  label: string;
  checked: boolean;
  disabled?: boolean;
  onCheckedChange: (checked: boolean) => void;
  on?: string;
  off?: string;
}) {
  return (
    <span className="inline-flex items-center gap-2">
      <Switch.Root
        aria-label={label}
        checked={checked}
        disabled={disabled}
        onCheckedChange={onCheckedChange}
        className="relative h-5 w-9 shrink-0 rounded-full bg-slate-400 transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60 data-[state=checked]:bg-indigo-600 dark:bg-slate-600 dark:data-[state=checked]:bg-indigo-500"
      >
        <Switch.Thumb className="block h-4 w-4 translate-x-0.5 rounded-full bg-white shadow transition-transform data-[state=checked]:translate-x-[1.125rem]" />
      </Switch.Root>
      <span className="text-sm">{checked ? on : off}</span>
    </span>
  );
}

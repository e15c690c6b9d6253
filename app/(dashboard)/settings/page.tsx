import { SettingsView } from "./settings-view";

export const metadata = { title: "Settings · LLM Gateway" };

export default function SettingsPage() {
  return <SettingsView />;
}

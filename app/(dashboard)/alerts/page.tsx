import { AlertsView } from "./alerts-view";

export const metadata = { title: "Alerts & audit · LLM Gateway" };

export default function AlertsPage() {
  return <AlertsView />;
}

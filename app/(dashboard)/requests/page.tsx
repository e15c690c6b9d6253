import { RequestsView } from "./requests-view";

export const metadata = { title: "Requests · LLM Gateway" };

export default function RequestsPage() {
  return <RequestsView />;
}

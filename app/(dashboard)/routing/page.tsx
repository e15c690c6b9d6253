import { RoutingView } from "./routing-view";

export const metadata = { title: "Prices & routing · LLM Gateway" };

export default function RoutingPage() {
  return <RoutingView />;
}

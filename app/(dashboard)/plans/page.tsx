import { PlansView } from "./plans-view";

export const metadata = { title: "Plans · LLM Gateway" };

export default function PlansPage() {
  return <PlansView />;
}

import { SpendView } from "./spend-view";

export const metadata = { title: "Spend · LLM Gateway" };

export default function SpendPage() {
  return <SpendView />;
}

import { AuthFailuresView } from "./auth-failures-view";

export const metadata = { title: "Auth failures · LLM Gateway" };

export default function AuthFailuresPage() {
  return <AuthFailuresView />;
}

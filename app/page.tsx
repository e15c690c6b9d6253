export default function Home() {
  return (
    <main>
      <h1>LLM Gateway</h1>
      <p>OpenAI-compatible endpoint at <code>/v1</code>.</p>
    </main>
  );
}

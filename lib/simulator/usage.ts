/**
 * Deterministic token accounting, so a test can compute exactly what the simulator will
 * report and check that metering and billing carry the numbers through unchanged.
 *
 * - prompt tokens     = max(1, ceil(characters of all message text / 4)), where "message
 *                       text" is every text part the request carries, system prompt
 *                       included (OpenAI `messages[].content`, Anthropic `system` +
 *                       `messages[].content` text and tool_result text, Gemini
 *                       `systemInstruction` + `contents[].parts[].text`), concatenated
 *                       with no separator. Tool definitions and non-text parts are not counted.
 * - completion tokens = the number of whitespace-separated words of the output text: the
 *                       reply content, or for a tool call `${name} ${argumentsJson}`.
 * - cached tokens     = for prompts of at least 1024 tokens, half the prompt rounded down
 *                       to a multiple of 128 (OpenAI caches in 128-token steps from 1024 up);
 *                       0 otherwise. They are part of the prompt tokens, except in
 *                       Anthropic's `input_tokens`, which excludes cache reads as the real API does.
 */

export interface SimUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  cachedTokens: number;
}

export function countPromptTokens(promptText: string): number {
  return Math.max(1, Math.ceil(promptText.length / 4));
}

/** Whitespace-separated words; avoids a regex split so the hot path stays allocation-light. */
export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9 || c === 13;
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

export function cachedTokensFor(promptTokens: number): number {
  return promptTokens >= 1024 ? Math.floor(promptTokens / 256) * 128 : 0;
}

export function simulatedUsage(promptText: string, completionText: string): SimUsage {
  const promptTokens = countPromptTokens(promptText);
  const completionTokens = countWords(completionText);
  return {
    promptTokens,
    completionTokens,
    totalTokens: promptTokens + completionTokens,
    cachedTokens: cachedTokensFor(promptTokens),
  };
}

/** The output text a tool call is counted by (see the rule above). */
export function toolCallCompletionText(name: string, argumentsJson: string): string {
  return `${name} ${argumentsJson}`;
}

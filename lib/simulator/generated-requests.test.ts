import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ChatCompletionRequest, ChatMessage } from "@/lib/gateway/chat-request";
import { PROVIDER_ADAPTERS } from "@/lib/gateway/providers/adapters";
import { PROVIDERS } from "@/lib/gateway/providers/registry";
import { checkProviderInput } from "./input-checks";

/**
 * Valid OpenAI requests, generated, sent through every provider's adapter (translation
 * plus the input-rules step): every provider accepts what comes out. The provider side
 * is the simulator's own rule checker, written from the providers' documentation.
 */

const text = fc.oneof(
  fc.constantFrom("", " ", "\n\t", "Hello", "ends with space ", "naïve ✓"),
  fc.string({ maxLength: 24 }),
);
const content = fc.oneof(
  text,
  fc.array(fc.record({ type: fc.constant("text"), text }), { minLength: 1, maxLength: 3 }),
);
/** Ids as other providers mint them, including ones Anthropic's or Mistral's alphabet refuses. */
const toolId = fc.oneof(
  fc.constantFrom(
    "call_abc123",
    "functions.lookup:0",
    "toolu_01A09q90qw",
    "call:1/2",
    "gwid_x",
    "abcDEF123",
    "a b",
  ),
  fc.string({ minLength: 1, maxLength: 16 }),
);
const name = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,12}$/);

const leafSchema = fc.oneof(
  fc.constant({ type: "string" }),
  fc.constant({ type: "string", enum: ["a", "b"] }),
  fc.constant({ type: "integer", enum: [1, 2, 3] }),
  fc.constant({ type: "number", enum: [0.5, 1] }),
  fc.constant({ type: "boolean", enum: [true] }),
  fc.constant({ enum: [1, 2] }),
  fc.constant({ type: ["string", "null"], enum: ["x", null] }),
  fc.constant({ type: "integer", minimum: 0 }),
);
const schema = fc.letrec<{ node: Record<string, unknown> }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leafSchema,
    fc.record({ type: fc.constant("array"), items: tie("node") }),
    fc.record({
      type: fc.constant("object"),
      properties: fc.dictionary(name, tie("node"), { maxKeys: 3 }),
    }),
    fc.record({ anyOf: fc.tuple(tie("node"), fc.constant({ type: "null" })) }),
  ),
})).node;
const objectSchema = fc.record({
  type: fc.constant("object"),
  properties: fc.dictionary(name, schema, { maxKeys: 4 }),
});

type Turn = ChatMessage[];
const plainTurn: fc.Arbitrary<Turn> = fc.oneof(
  fc
    .record({ role: fc.constantFrom("system" as const, "developer" as const), content: text })
    .map((m) => [m]),
  fc.record({ role: fc.constant("user" as const), content }).map((m) => [m]),
  fc.record({ role: fc.constant("assistant" as const), content: text }).map((m) => [m]),
);
const toolRound = (round: number): fc.Arbitrary<Turn> =>
  fc
    .record({
      content: fc.option(text, { nil: null }),
      calls: fc.array(fc.record({ id: toolId, name, result: text }), {
        minLength: 1,
        maxLength: 3,
      }),
    })
    .map(({ content: said, calls }) => {
      // Unique within the conversation, as OpenAI requires, whatever alphabet the id uses.
      const withIds = calls.map((c, i) => ({ ...c, id: `${c.id}${round}.${i}` }));
      return [
        {
          role: "assistant",
          content: said,
          tool_calls: withIds.map((c) => ({
            id: c.id,
            type: "function",
            function: { name: c.name, arguments: JSON.stringify({ q: c.result }) },
          })),
        },
        ...withIds.map((c) => ({ role: "tool" as const, tool_call_id: c.id, content: c.result })),
      ];
    });

const conversation = fc
  .array(
    fc.oneof(
      { arbitrary: plainTurn, weight: 3 },
      { arbitrary: fc.nat(1000).chain(toolRound), weight: 1 },
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((turns) => turns.flat());

const request: fc.Arbitrary<ChatCompletionRequest> = fc
  .record(
    {
      messages: conversation,
      tools: fc.array(
        fc.record({
          type: fc.constant("function"),
          function: fc.record({ name, parameters: objectSchema }),
        }),
        { maxLength: 2 },
      ),
      response_format: fc.option(
        fc.record({
          type: fc.constant("json_schema"),
          json_schema: fc.record({ name, schema: objectSchema }),
        }),
        { nil: undefined },
      ),
      logit_bias: fc.option(fc.constant({ "50256": -100 }), { nil: undefined }),
      stream: fc.boolean(),
    },
    { requiredKeys: ["messages", "tools", "stream"] },
  )
  .map(
    (r) =>
      ({
        model: "any",
        ...r,
        ...(r.tools.length === 0 ? { tools: undefined } : {}),
      }) as ChatCompletionRequest,
  );

describe.each(PROVIDERS.map((p) => [p.id, p] as const))(
  "generated valid OpenAI requests to %s",
  (_id, provider) => {
    it("are accepted by the provider after translation and its input rules", () => {
      fc.assert(
        fc.property(request, (req) => {
          const call = PROVIDER_ADAPTERS[provider.kind].buildCall({
            providerId: provider.id,
            baseUrl: "http://upstream.test",
            apiKey: "k",
            upstreamModel: "m",
            request: req,
            stream: req.stream === true,
          });
          const refused = checkProviderInput(provider.id, JSON.parse(call.body));
          expect(refused?.body).toBeUndefined();
        }),
        { numRuns: 300 },
      );
    });
  },
);

import { z } from "zod";

/**
 * Gemini's GenerateContentResponse, as far as the gateway reads it. Every field is
 * optional and every object loose, so a field Google adds (or drops) never turns a
 * good answer into a parse failure. Only the fields the translators use are named.
 */

const Part = z.looseObject({
  text: z.string().nullish(),
  /** A thought summary part (includeThoughts); not part of the answer. */
  thought: z.boolean().nullish(),
  thoughtSignature: z.string().nullish(),
  functionCall: z
    .looseObject({
      id: z.string().nullish(),
      name: z.string(),
      args: z.unknown().nullish(),
    })
    .nullish(),
});

const Candidate = z.looseObject({
  content: z.looseObject({ parts: z.array(Part).nullish(), role: z.string().nullish() }).nullish(),
  finishReason: z.string().nullish(),
  index: z.number().nullish(),
});

export const GeminiUsageMetadata = z.looseObject({
  promptTokenCount: z.number().nullish(),
  candidatesTokenCount: z.number().nullish(),
  totalTokenCount: z.number().nullish(),
  cachedContentTokenCount: z.number().nullish(),
  thoughtsTokenCount: z.number().nullish(),
  toolUsePromptTokenCount: z.number().nullish(),
});

export const GeminiResponse = z.looseObject({
  candidates: z.array(Candidate).nullish(),
  promptFeedback: z.looseObject({ blockReason: z.string().nullish() }).nullish(),
  usageMetadata: GeminiUsageMetadata.nullish(),
  modelVersion: z.string().nullish(),
  responseId: z.string().nullish(),
});

export type GeminiResponse = z.infer<typeof GeminiResponse>;
export type GeminiPart = z.infer<typeof Part>;
export type GeminiUsageMetadata = z.infer<typeof GeminiUsageMetadata>;

-- Usage rows whose money does not match their own tokens and prices (written before the
-- meter normalised upstream usage: money was computed from the raw figures, the tokens
-- clamped afterwards) are recomputed from their stored tokens and stored prices, in the
-- months no issued or paid invoice covers: issued invoices stay as issued. A token count
-- at the int4 maximum can only be the old clamp of an impossible figure: it is set to 0
-- and the row marked tokensEstimated rather than billed as two billion tokens. The
-- rollups get the same differences, so reports keep agreeing with the rows. Data only,
-- and a no-op when run again.

CREATE TEMP TABLE "usage_money_fix" AS
WITH candidate AS (
  SELECT u."id", u."tenantId", u."apiKeyId", u."createdAt", u."httpStatus", u."endUser", u."tags",
    CASE WHEN u."providerId" IS NOT NULL AND u."upstreamModel" IS NOT NULL
      THEN u."providerId" || '/' || u."upstreamModel" ELSE u."modelRequested" END AS "model",
    COALESCE(u."providerId", '') AS "provider",
    u."promptTokens" AS "oldPrompt", u."completionTokens" AS "oldCompletion",
    u."cachedTokens" AS "oldCached", u."upstreamCostPicos" AS "oldCost", u."billedPicos" AS "oldBilled",
    CASE WHEN u."promptTokens" = 2147483647 THEN 0 ELSE u."promptTokens" END::bigint AS "prompt",
    CASE WHEN u."completionTokens" = 2147483647 THEN 0 ELSE u."completionTokens" END::bigint AS "completion",
    CASE WHEN u."cachedTokens" = 2147483647 THEN 0 ELSE u."cachedTokens" END::bigint AS "cachedRaw",
    CASE WHEN u."cacheWriteTokens" = 2147483647 THEN 0 ELSE u."cacheWriteTokens" END::bigint AS "writtenRaw",
    u."inputPricePer1MMicros" AS "inputPrice", u."outputPricePer1MMicros" AS "outputPrice",
    COALESCE(u."cachedInputPricePer1MMicros", u."inputPricePer1MMicros") AS "cachedPrice",
    COALESCE(u."cacheWritePricePer1MMicros", u."inputPricePer1MMicros") AS "writePrice",
    u."billedPricePer1MMicros" AS "billedPrice"
  FROM "UsageRecord" u
  WHERE u."inputPricePer1MMicros" IS NOT NULL AND u."outputPricePer1MMicros" IS NOT NULL
    AND u."billedPricePer1MMicros" IS NOT NULL
    AND NOT EXISTS (
      SELECT 1 FROM "Invoice" i
      WHERE i."tenantId" = u."tenantId" AND i."period" = to_char(u."createdAt", 'YYYY-MM')
        AND i."status" IN ('issued', 'paid'))
),
classes AS (
  SELECT c.*, LEAST(c."cachedRaw", c."prompt") AS "cached",
    LEAST(c."writtenRaw", c."prompt" - LEAST(c."cachedRaw", c."prompt")) AS "written"
  FROM candidate c
),
priced AS (
  SELECT k.*,
    (k."prompt" - k."cached" - k."written") * k."inputPrice" + k."cached" * k."cachedPrice"
      + k."written" * k."writePrice" + k."completion" * k."outputPrice" AS "cost",
    (k."prompt" + k."completion") * k."billedPrice" AS "billed"
  FROM classes k
)
SELECT p."id", p."tenantId", p."apiKeyId", p."createdAt", p."endUser", p."tags", p."model", p."provider",
  p."prompt", p."completion", p."cachedRaw", p."written", p."cost", p."billed",
  p."prompt" - p."oldPrompt" AS "dPrompt", p."completion" - p."oldCompletion" AS "dCompletion",
  p."cachedRaw" - p."oldCached" AS "dCached",
  p."cost" - p."oldCost" AS "dCost", p."billed" - p."oldBilled" AS "dBilled"
FROM priced p
WHERE p."cost" <> p."oldCost" OR p."billed" <> p."oldBilled"
  OR p."prompt" <> p."oldPrompt" OR p."completion" <> p."oldCompletion";

UPDATE "UsageRollupHourly" r SET
  "promptTokens" = r."promptTokens" + f."dPrompt", "completionTokens" = r."completionTokens" + f."dCompletion",
  "cachedTokens" = r."cachedTokens" + f."dCached",
  "upstreamCostPicos" = r."upstreamCostPicos" + f."dCost", "billedPicos" = r."billedPicos" + f."dBilled"
FROM (
  SELECT date_trunc('hour', "createdAt") AS "hour", "tenantId", "apiKeyId", "model", "provider",
    sum("dPrompt") AS "dPrompt", sum("dCompletion") AS "dCompletion", sum("dCached") AS "dCached",
    sum("dCost") AS "dCost", sum("dBilled") AS "dBilled"
  FROM "usage_money_fix" GROUP BY 1, 2, 3, 4, 5
) f
WHERE r."hour" = f."hour" AND r."tenantId" = f."tenantId" AND r."apiKeyId" = f."apiKeyId"
  AND r."model" = f."model" AND r."providerId" = f."provider";

UPDATE "UsageRollupDaily" r SET
  "promptTokens" = r."promptTokens" + f."dPrompt", "completionTokens" = r."completionTokens" + f."dCompletion",
  "cachedTokens" = r."cachedTokens" + f."dCached",
  "upstreamCostPicos" = r."upstreamCostPicos" + f."dCost", "billedPicos" = r."billedPicos" + f."dBilled"
FROM (
  SELECT "createdAt"::date AS "day", "tenantId", "apiKeyId", "model", "provider",
    sum("dPrompt") AS "dPrompt", sum("dCompletion") AS "dCompletion", sum("dCached") AS "dCached",
    sum("dCost") AS "dCost", sum("dBilled") AS "dBilled"
  FROM "usage_money_fix" GROUP BY 1, 2, 3, 4, 5
) f
WHERE r."day" = f."day" AND r."tenantId" = f."tenantId" AND r."apiKeyId" = f."apiKeyId"
  AND r."model" = f."model" AND r."providerId" = f."provider";

-- End users and tags: the row of the value itself, or `(other)` where the daily cap sent it.
UPDATE "UsageRollupLabel" r SET
  "promptTokens" = r."promptTokens" + f."dPrompt", "completionTokens" = r."completionTokens" + f."dCompletion",
  "cachedTokens" = r."cachedTokens" + f."dCached",
  "upstreamCostPicos" = r."upstreamCostPicos" + f."dCost", "billedPicos" = r."billedPicos" + f."dBilled"
FROM (
  SELECT l."day", l."tenantId", l."dimension",
    CASE WHEN EXISTS (SELECT 1 FROM "UsageRollupLabel" x WHERE x."day" = l."day"
        AND x."tenantId" = l."tenantId" AND x."dimension" = l."dimension" AND x."value" = l."value")
      THEN l."value" ELSE '(other)' END AS "value",
    sum(l."dPrompt") AS "dPrompt", sum(l."dCompletion") AS "dCompletion", sum(l."dCached") AS "dCached",
    sum(l."dCost") AS "dCost", sum(l."dBilled") AS "dBilled"
  FROM (
    SELECT "createdAt"::date AS "day", "tenantId", 'user' AS "dimension", "endUser" AS "value",
      "dPrompt", "dCompletion", "dCached", "dCost", "dBilled"
    FROM "usage_money_fix" WHERE "endUser" IS NOT NULL
    UNION ALL
    SELECT "createdAt"::date, "tenantId", 'tag', t, "dPrompt", "dCompletion", "dCached", "dCost", "dBilled"
    FROM "usage_money_fix", unnest("tags") AS t
  ) l
  GROUP BY 1, 2, 3, 4
) f
WHERE r."day" = f."day" AND r."tenantId" = f."tenantId" AND r."dimension" = f."dimension"
  AND r."value" = f."value";

UPDATE "UsageRecord" u SET
  "promptTokens" = f."prompt", "completionTokens" = f."completion", "cachedTokens" = f."cachedRaw",
  "cacheWriteTokens" = CASE WHEN u."cacheWriteTokens" = 2147483647 THEN 0 ELSE u."cacheWriteTokens" END,
  "tokensEstimated" = u."tokensEstimated" OR f."dPrompt" <> 0 OR f."dCompletion" <> 0 OR f."dCached" <> 0,
  "upstreamCostPicos" = f."cost", "billedPicos" = f."billed"
FROM "usage_money_fix" f
WHERE u."id" = f."id";

DROP TABLE "usage_money_fix";

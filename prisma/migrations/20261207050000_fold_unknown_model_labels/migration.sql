-- Requests for models the catalogue never knew were rolled up under the name each tenant
-- typed, one row per name. They now share one label, (unknown model): this folds the
-- rows already stored. A name is kept when a deployment answers to it now (its public
-- name or an alias), when it is `auto`, or when it ever served a request (a model that
-- left the catalogue keeps its label). Only rows nothing served (an empty providerId) fold.
CREATE TEMP TABLE "_known_model" AS
  SELECT "providerId" || '/' || "model" AS name FROM "Deployment"
  UNION SELECT unnest("aliases") FROM "Deployment"
  UNION SELECT 'auto'
  UNION SELECT DISTINCT "model" FROM "UsageRollupDaily" WHERE "providerId" <> ''
  UNION SELECT DISTINCT "modelRequested" FROM "UsageRecord" WHERE "providerId" IS NOT NULL;

WITH gone AS (
  DELETE FROM "UsageRollupHourly" h
  WHERE h."providerId" = '' AND h."model" <> '(unknown model)'
    AND NOT EXISTS (SELECT 1 FROM "_known_model" k WHERE k.name = h."model")
  RETURNING *
)
INSERT INTO "UsageRollupHourly" AS t ("hour","tenantId","apiKeyId","model","providerId","requests","errors","promptTokens","completionTokens","cachedTokens","upstreamCostPicos","billedPicos")
SELECT "hour", "tenantId", "apiKeyId", '(unknown model)', '', sum("requests"), sum("errors"), sum("promptTokens"),
  sum("completionTokens"), sum("cachedTokens"), sum("upstreamCostPicos"), sum("billedPicos")
FROM gone GROUP BY 1, 2, 3
ON CONFLICT ON CONSTRAINT "UsageRollupHourly_pkey" DO UPDATE SET
  "requests" = t."requests" + EXCLUDED."requests", "errors" = t."errors" + EXCLUDED."errors",
  "promptTokens" = t."promptTokens" + EXCLUDED."promptTokens", "completionTokens" = t."completionTokens" + EXCLUDED."completionTokens",
  "cachedTokens" = t."cachedTokens" + EXCLUDED."cachedTokens", "upstreamCostPicos" = t."upstreamCostPicos" + EXCLUDED."upstreamCostPicos",
  "billedPicos" = t."billedPicos" + EXCLUDED."billedPicos";

WITH gone AS (
  DELETE FROM "UsageRollupDaily" d
  WHERE d."providerId" = '' AND d."model" <> '(unknown model)'
    AND NOT EXISTS (SELECT 1 FROM "_known_model" k WHERE k.name = d."model")
  RETURNING *
)
INSERT INTO "UsageRollupDaily" AS t ("day","tenantId","apiKeyId","model","providerId","requests","errors","promptTokens","completionTokens","cachedTokens","upstreamCostPicos","billedPicos")
SELECT "day", "tenantId", "apiKeyId", '(unknown model)', '', sum("requests"), sum("errors"), sum("promptTokens"),
  sum("completionTokens"), sum("cachedTokens"), sum("upstreamCostPicos"), sum("billedPicos")
FROM gone GROUP BY 1, 2, 3
ON CONFLICT ON CONSTRAINT "UsageRollupDaily_pkey" DO UPDATE SET
  "requests" = t."requests" + EXCLUDED."requests", "errors" = t."errors" + EXCLUDED."errors",
  "promptTokens" = t."promptTokens" + EXCLUDED."promptTokens", "completionTokens" = t."completionTokens" + EXCLUDED."completionTokens",
  "cachedTokens" = t."cachedTokens" + EXCLUDED."cachedTokens", "upstreamCostPicos" = t."upstreamCostPicos" + EXCLUDED."upstreamCostPicos",
  "billedPicos" = t."billedPicos" + EXCLUDED."billedPicos";

DROP TABLE "_known_model";

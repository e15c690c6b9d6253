import { z } from "zod";

/**
 * The optional limit fields tenants, plans and keys share: null clears a limit (the
 * plan's or tenant's then applies), omitted leaves it.
 */
export const perMinuteLimit = z.number().int().positive().nullable().optional();

/** A monthly token quota or spend limit (integer micro-dollars): 0 is allowed, null clears it. */
export const monthlyLimit = z.number().int().nonnegative().nullable().optional();

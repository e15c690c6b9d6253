/**
 * vitest setupFile of the `integration` project: points lib/db at the run's database
 * (tests/support/global-setup.ts puts its URL in DATABASE_URL), as the bootstrap does
 * for the product.
 */
import { setDatabaseUrl } from "../../lib/db";

const url = process.env.DATABASE_URL;
if (url) setDatabaseUrl(url);

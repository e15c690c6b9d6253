/**
 * A comparable description of a database's `public` schema, read from the Postgres
 * catalogs: what two databases must share to be "the same schema" for Prisma.
 *
 * Deliberately ignored: column order and enum value order (later migrations append
 * with ADD COLUMN / ADD VALUE while a from-scratch script writes them in schema
 * order) and Prisma's own `_prisma_migrations` table.
 */
import pg from "pg";

export interface CatalogSnapshot {
  tables: string[];
  columns: string[];
  enums: string[];
  indexes: string[];
  constraints: string[];
  sequences: string[];
}

const IGNORED_TABLE = "_prisma_migrations";

export async function catalogSnapshot(databaseUrl: string): Promise<CatalogSnapshot> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Every query but the enums one excludes IGNORED_TABLE, passed as $1.
    const lines = async (sql: string, params: unknown[] = [IGNORED_TABLE]): Promise<string[]> => {
      const { rows } = await client.query<{ line: string }>(sql, params);
      return rows.map((r) => r.line).sort();
    };
    return {
      tables: await lines(`
        SELECT c.relname || ' (' || c.relkind::text || ')' AS line
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm') AND c.relname <> $1`),
      columns: await lines(`
        SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
          || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END
          || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')
          || CASE WHEN a.attidentity <> '' THEN ' IDENTITY ' || a.attidentity::text ELSE '' END
          || CASE WHEN a.attgenerated <> '' THEN ' GENERATED ' || a.attgenerated::text ELSE '' END
          || coalesce(' COLLATE ' || nullif(co.collname, 'default'), '') AS line
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        LEFT JOIN pg_collation co ON co.oid = a.attcollation
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> $1
          AND a.attnum > 0 AND NOT a.attisdropped`),
      enums: await lines(
        `
        SELECT t.typname || ' = ' || string_agg(e.enumlabel, ', ' ORDER BY e.enumlabel) AS line
        FROM pg_type t
        JOIN pg_namespace n ON n.oid = t.typnamespace
        JOIN pg_enum e ON e.enumtypid = t.oid
        WHERE n.nspname = 'public'
        GROUP BY t.typname`,
        [],
      ),
      indexes: await lines(`
        SELECT tablename || ': ' || indexdef AS line
        FROM pg_indexes WHERE schemaname = 'public' AND tablename <> $1`),
      constraints: await lines(`
        SELECT c.relname || ': ' || con.conname || ' ' || pg_get_constraintdef(con.oid) AS line
        FROM pg_constraint con
        JOIN pg_class c ON c.oid = con.conrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relname <> $1`),
      sequences: await lines(`
        SELECT s.sequencename || ' ' || s.data_type || ' start ' || s.start_value || ' by ' || s.increment_by AS line
        FROM pg_sequences s WHERE s.schemaname = 'public' AND s.sequencename NOT LIKE $1 || '%'`),
    };
  } finally {
    await client.end();
  }
}

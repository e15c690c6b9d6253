/** Fixed credentials for the browser tests' own server instance (never a real deployment). */
export const E2E_ADMIN_KEY = "gwadmin-e2e-admin-key-0123456789abcdef0123456789ab";
export const E2E_ADMIN_EMAIL = "admin@e2e.local";
export const E2E_ADMIN_PASSWORD = "e2e-password-123";
/** The built-in simulator's port, so specs can inject provider faults through its /_sim/ control. */
export const E2E_SIM_PORT = Number(process.env.E2E_SIM_PORT ?? 0);

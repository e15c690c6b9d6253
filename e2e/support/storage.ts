import path from "node:path";

/** The signed-in admin's cookies, written once by the setup project and shared by every dashboard spec. */
export const ADMIN_STORAGE = path.join(import.meta.dirname, "../../test-results/.auth/admin.json");

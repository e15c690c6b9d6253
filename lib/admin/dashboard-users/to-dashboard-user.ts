/** A dashboard user as the admin API shows it: never the password hash or session version. */
export function toDashboardUser(u: {
  id: string;
  email: string;
  name: string | null;
  disabledAt: Date | null;
  lastSignInAt: Date | null;
  createdBy: string | null;
  createdAt: Date;
}) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    disabled: u.disabledAt !== null,
    disabledAt: u.disabledAt,
    lastSignInAt: u.lastSignInAt,
    createdBy: u.createdBy,
    createdAt: u.createdAt,
  };
}

// What keeps the app's own database role from rewriting the audit log on a PostgreSQL server
// (docs/security.md, "Audit log"): triggers refuse UPDATE, DELETE and TRUNCATE to everyone, but
// a role that owns the table (or is a superuser) can switch them off. So in production the app
// connects as a role that owns nothing and may only read and append audit rows; grantAppRole
// gives such a role what the app needs, and auditProtection tells whether the app's role is one.
import { type PrismaClient } from '#app/generated/prisma/client.ts'
import { db, databaseTarget } from '#app/utils/db.server.ts'

export type AuditProtection = { database: 'embedded' } | { database: 'server'; role: string; protected: boolean; reasons: string[] }

/** Whether the role this process connects as could remove or change audit rows, and why. */
export async function auditProtection(client: PrismaClient = db()): Promise<AuditProtection> {
	if (databaseTarget().kind === 'embedded') return { database: 'embedded' }
	const [row] = await client.$queryRawUnsafe<{ role: string; superuser: boolean; owner: boolean; update: boolean; delete: boolean; truncate: boolean; triggers: boolean }[]>(
		`SELECT current_user AS role,
			(SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
			pg_has_role(current_user, c.relowner, 'USAGE') AS owner,
			has_table_privilege(c.oid, 'UPDATE') AS update,
			has_table_privilege(c.oid, 'DELETE') AS delete,
			has_table_privilege(c.oid, 'TRUNCATE') AS truncate,
			has_table_privilege(c.oid, 'TRIGGER') AS triggers
		FROM pg_class c WHERE c.oid = '"AuditEvent"'::regclass`,
	)
	const r = row!
	const reasons: string[] = []
	if (r.superuser) reasons.push('it is a superuser')
	if (r.owner) reasons.push('it owns the AuditEvent table (or is a member of its owner), so it can disable its triggers')
	const granted = (['update', 'delete', 'truncate'] as const).filter((p) => r[p] && !r.owner && !r.superuser).map((p) => p.toUpperCase())
	if (granted.length > 0) reasons.push(`it holds ${granted.join(', ')} on AuditEvent`)
	if (r.triggers && !r.owner && !r.superuser) reasons.push('it may create triggers on AuditEvent')
	return { database: 'server', role: r.role, protected: reasons.length === 0, reasons }
}

export class AppRoleError extends Error {
	override name = 'AppRoleError'
}

/**
 * Run as the tables' owner: lets `role` read and write every table, but only read and append to the
 * audit log, for the tables there are now and those later migrations (run as the owner) add.
 * Idempotent: run it again after migrating, whenever.
 */
export async function grantAppRole(role: string, client: PrismaClient = db()) {
	if (!/^[a-z_][a-z0-9_$]{0,62}$/.test(role)) throw new AppRoleError(`--role: "${role}" is not a plain lower-case role name (letters, digits, _; at most 63).`)
	const [info] = await client.$queryRawUnsafe<{ exists: boolean; me: boolean; superuser: boolean; owner: boolean }[]>(
		`SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists, $1 = current_user AS me,
			coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = $1), false) AS superuser,
			EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1 AND pg_has_role($1, (SELECT relowner FROM pg_class WHERE oid = '"AuditEvent"'::regclass), 'USAGE')) AS owner`,
		role,
	)
	if (!info!.exists) throw new AppRoleError(`--role: no role "${role}" on this server; create it first (CREATE ROLE ${role} LOGIN PASSWORD '…').`)
	if (info!.me || info!.owner) throw new AppRoleError(`--role: "${role}" owns the tables (this command runs as the owner); the app's role must be another one.`)
	if (info!.superuser) throw new AppRoleError(`--role: "${role}" is a superuser, which no privilege can restrict; use an ordinary role.`)
	const q = `"${role}"`
	const statements = [
		`GRANT USAGE ON SCHEMA public TO ${q}`,
		`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${q}`,
		`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${q}`,
		`REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON "AuditEvent" FROM ${q}`,
		`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${q}`,
		`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${q}`,
	]
	await client.$transaction(statements.map((s) => client.$executeRawUnsafe(s)))
}

// Reads on the driver that return one JSON document per row (json_build_object, json_agg), parsed
// and checked with a schema: for pages that would otherwise make many Prisma queries, each of which
// costs about a millisecond of CPU in Prisma's query compiler (docs/performance.md). Timestamps come
// out of json as PostgreSQL writes a `timestamp` (no zone: this app stores UTC), dates as `YYYY-MM-DD`.
import { z } from 'zod'
import { driverQuery } from './db.server.ts'

/** A `timestamp` column (UTC, no zone) as json gives it, read as the Date Prisma would return. */
export const utcTimestamp = z.string().transform((text, ctx) => {
	// A date alone is read as UTC by Date; a date and time without a zone would be local.
	const date = new Date(/^\d{4}-\d\d-\d\d$|(Z|[+-]\d\d(:?\d\d)?)$/.test(text) ? text : `${text}Z`)
	if (Number.isNaN(date.getTime())) {
		ctx.addIssue({ code: z.ZodIssueCode.custom, message: `not a timestamp: ${text}` })
		return z.NEVER
	}
	return date
})

/** A list column (`TEXT[]`, `TIMESTAMP[]`): NULL, which a row inserted without it holds, reads as the empty list, as Prisma reads it. */
export const sqlList = <Item extends z.ZodTypeAny>(item: Item) =>
	z
		.array(item)
		.nullable()
		.transform((list): z.output<Item>[] => list ?? [])

export const sqlStrings = sqlList(z.string())

/** A `date` column (`YYYY-MM-DD`), as Prisma returns it: midnight UTC. */
export const calendarDate = utcTimestamp

/** A JSON value the statement's `json` column holds, checked against `schema`; one per row. */
export async function readJson<Schema extends z.ZodTypeAny>(statement: { name: string; text: string; values: unknown[] }, schema: Schema): Promise<z.output<Schema>[]> {
	const rows = await driverQuery<{ json: unknown }>(statement)
	return rows.map((row) => schema.parse(row.json) as z.output<Schema>)
}

/** The statement's one row's JSON (or null when it found none). */
export async function readOneJson<Schema extends z.ZodTypeAny>(statement: { name: string; text: string; values: unknown[] }, schema: Schema): Promise<z.output<Schema> | null> {
	const [row] = await readJson(statement, schema)
	return row ?? null
}

/** An instant as a statement's value: compare with `$n::timestamptz AT TIME ZONE 'UTC'` against a `timestamp` column. */
export const sqlInstant = (date: Date) => date.toISOString()

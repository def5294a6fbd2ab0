// Schedules reminders as outbox jobs: one job per lead time, run at the deadline less the lead, under
// a dedupe key naming the thing and its deadline, so asking twice schedules once, and a moved
// deadline schedules its own. The job's handler checks, when it runs, that the reminder still
// matters (the patient may have chosen; the session may be cancelled) and does nothing otherwise.
import { enqueue, type JobKind, type JobPayloads } from './outbox.server.ts'
import { remindersBefore } from './reminders.ts'
import { type Prisma } from '#app/generated/prisma/client.ts'

export type ReminderPlan<K extends JobKind, H extends number> = {
	kind: K
	/** Names what is reminded of, such as `shortlist:<referralId>`; the deadline and the lead are added. */
	key: string
	deadline: Date
	leadHours: readonly H[]
	payload: (hours: H) => JobPayloads[K]
}

/** Enqueues the reminders still ahead of `now`; returns how many were asked for. */
export async function scheduleReminders<K extends JobKind, H extends number>(tx: Prisma.TransactionClient, plan: ReminderPlan<K, H>, now: Date): Promise<number> {
	const reminders = remindersBefore(plan.deadline, plan.leadHours, now)
	for (const { hours, at } of reminders) await enqueue(tx, plan.kind, plan.payload(hours), { runAt: at, dedupeKey: `reminder:${plan.key}:${plan.deadline.getTime()}:${hours}h` })
	return reminders.length
}

// What the soak (scripts/soak.ts) checks after a burst of referrals (docs/product.md §10): every
// effect it caused happened exactly once. Pure: it takes what the soak collected from the
// database and the SMTP sink, and names each lost, doubled, unfinished or failed effect.
import { referralReference } from '#app/domain/notifications/lifecycle-notices.ts'

export type Effects = {
	/** The ids the API answered 201 with. */
	posted: string[]
	/** The referrals the burst stored: the clinic's referrals that were not there before it. */
	referrals: { id: string; status: string; matchingRound: number }[]
	/** Their offers; `therapistEmail` is where the therapist's notices go (their account's address, or the imported one). */
	offers: { id: string; referralId: string; therapistId: string; round: number; therapistEmail: string }[]
	referralEvents: { referralId: string; from: string | null; to: string }[]
	offerEvents: { offerId: string; from: string | null; to: string }[]
	/** Audit rows about these referrals and offers: `referral.created`, `referral.status_changed`, `offer.status_changed`. */
	audit: { action: string; entityId: string; from: string | null; to: string | null }[]
	/** POST /api/v1/referrals calls answered, and `api.request` audit rows for them. */
	apiCalls: { answered: number; audited: number }
	/** In-app notifications about these referrals. */
	notifications: { userId: string; kind: string; href: string }[]
	/** The email log (EmailMessage) of SMTP sends: `sent` once the mail server took it. */
	emailLog: { to: string; subject: string; sent: boolean }[]
	/** What the SMTP sink received: one entry per recipient of each message. */
	received: { to: string; subject: string }[]
	/** Outbox jobs not done (due, or held under a lease), and jobs given up after their last attempt. */
	jobs: { left: { id: string; kind: string; why: string }[]; failed: { id: string; kind: string; error: string | null }[] }
}

export type Problem = { kind: 'lost' | 'doubled' | 'left' | 'failed'; effect: string; detail: string }

const count = <T>(items: readonly T[], key: (item: T) => string) => {
	const counts = new Map<string, number>()
	for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1)
	return counts
}
const transition = (from: string | null, to: string | null) => `${from ?? '∅'}→${to ?? '∅'}`
const times = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`)

/** Every problem found; none means every effect happened exactly once. */
export function findProblems(effects: Effects): Problem[] {
	const problems: Problem[] = []
	const lost = (effect: string, detail: string) => problems.push({ kind: 'lost', effect, detail })
	const doubled = (effect: string, detail: string) => problems.push({ kind: 'doubled', effect, detail })
	/** `actual` against `expected` for one key: fewer is lost, more is doubled. */
	const exactly = (effect: string, expected: number, actual: number, what: string) => {
		if (actual < expected) lost(effect, `${what}: ${actual} of ${expected}`)
		else if (actual > expected) doubled(effect, `${what}: ${actual}, expected ${expected}`)
	}

	// Referrals: one stored for each 201, none without one.
	const posted = new Set(effects.posted)
	const stored = count(effects.referrals, (r) => r.id)
	for (const id of posted) exactly('referral', 1, stored.get(id) ?? 0, `referral ${id} (answered 201)`)
	for (const [id] of stored) if (!posted.has(id)) doubled('referral', `referral ${id} is stored, but no answer named it`)

	// Rounds: each referral's first round went out (offers) or ended it unfilled; a round sent has offers.
	const offersByRound = count(effects.offers, (o) => `${o.referralId} ${o.round}`)
	for (const r of effects.referrals) {
		if (r.matchingRound === 0 && r.status !== 'unfilled') lost('offer round', `referral ${r.id} is ${r.status} and no round of offers went out`)
		for (let round = 1; round <= r.matchingRound; round++) if (!offersByRound.get(`${r.id} ${round}`)) lost('offers', `referral ${r.id}: round ${round} is recorded as sent, with no offer`)
	}

	// Offers: no therapist twice for one referral, in one round or across rounds.
	for (const [key, n] of count(effects.offers, (o) => `${o.referralId} ${o.therapistId}`)) {
		if (n > 1) doubled('offer', `therapist ${key.split(' ')[1]} has ${n} offers for referral ${key.split(' ')[0]}`)
	}

	// Timelines: each offer began pending once; each referral was written and posted (and left unfilled) once; no change twice.
	const timelines = [
		{
			effect: 'offer event',
			action: 'offer.status_changed',
			events: count(effects.offerEvents, (e) => `${e.offerId} ${transition(e.from, e.to)}`),
			once: new Set(effects.offers.map((o) => `${o.id} ${transition(null, 'pending')}`)),
		},
		{
			effect: 'referral event',
			action: 'referral.status_changed',
			events: count(effects.referralEvents, (e) => `${e.referralId} ${transition(e.from, e.to)}`),
			once: new Set(
				effects.referrals.flatMap((r) => [transition(null, 'draft'), transition('draft', 'open'), ...(r.status === 'unfilled' ? [transition('open', 'unfilled')] : [])].map((t) => `${r.id} ${t}`)),
			),
		},
	]
	for (const { effect, events, once } of timelines) {
		for (const key of once) exactly(effect, 1, events.get(key) ?? 0, key)
		for (const [key, n] of events) if (n > 1 && !once.has(key)) doubled(effect, `${key} recorded ${times(n)}`)
	}

	// Audit: one row per action. Writing a referral (its ∅→draft) is `referral.created`; every other change, `….status_changed`.
	for (const { action, events, once } of timelines) {
		const audited = count(
			effects.audit.filter((a) => a.action === action || (action === 'referral.status_changed' && a.action === 'referral.created')),
			(a) => `${a.entityId} ${a.action === 'referral.created' ? transition(null, 'draft') : transition(a.from, a.to)}`,
		)
		// Each change once, whether its timeline event is there or was lost (named above); none for a change that did not happen.
		for (const key of new Set([...once, ...events.keys(), ...audited.keys()])) {
			const name = action === 'referral.status_changed' && key.endsWith(transition(null, 'draft')) ? 'referral.created' : action
			exactly('audit row', once.has(key) || events.has(key) ? 1 : 0, audited.get(key) ?? 0, `${name} ${key}`)
		}
	}
	exactly('audit row', effects.apiCalls.answered, effects.apiCalls.audited, `api.request rows for POST /api/v1/referrals (calls answered: ${effects.apiCalls.answered})`)

	// Notifications: one per person and notice.
	for (const [key, n] of count(effects.notifications, (x) => `${x.userId} ${x.kind} ${x.href}`)) if (n > 1) doubled('notification', `${key} ${times(n)}`)

	// Emails: the sink got each message once, exactly those the email log says were sent, and every
	// offer's therapist heard of it once.
	const mail = (to: string, subject: string) => `${to.toLowerCase()} “${subject}”`
	const received = count(effects.received, (m) => mail(m.to, m.subject))
	const sent = count(
		effects.emailLog.filter((m) => m.sent),
		(m) => mail(m.to, m.subject),
	)
	for (const [key, n] of received) if (n > 1) doubled('email', `${key} received ${times(n)}`)
	for (const key of new Set([...received.keys(), ...sent.keys()])) {
		const got = received.get(key) ?? 0
		const logged = sent.get(key) ?? 0
		if (got < logged) lost('email', `${key}: the email log says sent ${times(logged)}, the mail server received it ${got === 0 ? 'never' : times(got)}`)
		else if (got > logged && logged > 0) doubled('email', `${key}: received ${times(got)}, the email log says sent ${times(logged)}`)
		else if (got > logged) doubled('email', `${key}: received, but the email log has no sent email like it`)
	}
	for (const o of effects.offers) {
		const reference = referralReference(o.referralId)
		const heard = effects.received.filter((m) => m.to.toLowerCase() === o.therapistEmail.toLowerCase() && m.subject.includes(reference)).length
		exactly('offer email', 1, heard, `emails to ${o.therapistEmail} about offer ${o.id} (${reference})`)
	}

	// The outbox: nothing left to do, nothing given up.
	for (const job of effects.jobs.left) problems.push({ kind: 'left', effect: 'outbox job', detail: `${job.kind} job ${job.id} is not done (${job.why})` })
	for (const job of effects.jobs.failed) problems.push({ kind: 'failed', effect: 'outbox job', detail: `${job.kind} job ${job.id} failed every attempt${job.error ? `: ${job.error}` : ''}` })
	return problems
}

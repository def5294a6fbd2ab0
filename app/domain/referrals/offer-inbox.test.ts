import { describe, expect, test } from 'vitest'
import { offerInbox, type InboxSource } from './offer-inbox.ts'

const now = new Date('2026-12-02T15:00:00Z')
const hours = (h: number) => new Date(now.getTime() + h * 3_600_000)

function offer(id: string, over: Partial<Omit<InboxSource, 'referral'>> & { referral?: Partial<InboxSource['referral']> } = {}): InboxSource {
	const { referral, ...rest } = over
	return {
		id,
		status: 'pending',
		sentAt: hours(-1),
		expiresAt: hours(48),
		...rest,
		referral: {
			id: `ref0000${id}`,
			status: 'open',
			phases: ['preparation', 'integration'],
			format: 'telehealth',
			patientState: 'TX',
			urgency: 'routine',
			clinic: { name: 'Lakeside Ketamine' },
			...referral,
		},
	}
}

describe('the inbox', () => {
	test('waiting offers by deadline, soonest first: an urgent one due in 6 hours above a routine one due in 2 days', () => {
		const routine = offer('routine', { expiresAt: hours(48), sentAt: hours(-1) })
		const urgent = offer('urgent', { expiresAt: hours(6), sentAt: hours(-6), referral: { urgency: 'urgent' } })
		const middle = offer('middle', { expiresAt: hours(30), sentAt: hours(-18) })
		const { waiting, answered } = offerInbox([routine, middle, urgent], now)
		expect(waiting.map((r) => r.id)).toEqual(['urgent', 'middle', 'routine'])
		expect(answered).toEqual([])
		expect(waiting[0]).toEqual({
			id: 'urgent',
			reference: 'R-URGENT',
			clinic: 'Lakeside Ketamine',
			phases: 'Preparation, Integration',
			format: 'Telehealth',
			patientState: 'Texas',
			urgency: { label: 'Urgent', tone: 'danger' },
			expiresAt: hours(6).toISOString(),
			due: { text: 'Due in 6 hours', tone: 'warning' },
			status: { label: 'Waiting for your answer', tone: 'info' },
			reconfirmation: null,
		})
		expect(waiting[2]!.urgency).toEqual({ label: 'Routine', tone: 'neutral' })
		expect(waiting[2]!.due).toEqual({ text: 'Due in 2 days', tone: 'neutral' })
	})

	test('same deadline: the urgent referral first', () => {
		const { waiting } = offerInbox([offer('a'), offer('b', { referral: { urgency: 'urgent' } })], now)
		expect(waiting.map((r) => r.id)).toEqual(['b', 'a'])
	})

	test('answered, expired and closed offers in their own section: the therapist’s patients, then acceptances, then the rest newest first', () => {
		const { waiting, answered } = offerInbox(
			[
				offer('lapsed', { status: 'pending', expiresAt: hours(-1), sentAt: hours(-49) }),
				offer('declined', { status: 'declined', sentAt: hours(-2) }),
				offer('accepted', { status: 'accepted', sentAt: hours(-100) }),
				offer('chosen', { status: 'chosen', sentAt: hours(-200), referral: { status: 'scheduled' } }),
				offer('done', { status: 'chosen', sentAt: hours(-1), referral: { status: 'completed' } }),
				offer('released', { status: 'released', sentAt: hours(-3), referral: { status: 'in_care' } }),
			],
			now,
		)
		expect(waiting).toEqual([])
		expect(answered.map((r) => [r.id, r.status.label, r.due])).toEqual([
			['chosen', 'Chosen · Scheduled', null],
			['accepted', 'Accepted: waiting for the patient', null],
			['done', 'Chosen · Completed', null],
			['declined', 'Declined', null],
			['released', 'Released', null],
			['lapsed', 'Expired', null],
		])
	})

	test('a pending offer whose deadline has just passed moves to the answered section', () => {
		const o = offer('x', { expiresAt: now })
		expect(offerInbox([o], new Date(now.getTime() - 1)).waiting).toHaveLength(1)
		expect(offerInbox([o], now)).toMatchObject({ waiting: [], answered: [{ id: 'x', status: { label: 'Expired' } }] })
	})

	test('none at all', () => {
		expect(offerInbox([], now)).toEqual({ waiting: [], answered: [] })
	})
})

test('an offer asked again after the chosen therapist stepped back says so in the inbox, and waits with the others by deadline', () => {
	const asked = offer('asked', { expiresAt: hours(24), reconfirmAskedAt: hours(-0.5) })
	const plain = offer('plain', { expiresAt: hours(30) })
	const { waiting } = offerInbox([plain, asked], now)
	expect(waiting.map((r) => [r.id, r.status.label])).toEqual([
		['asked', 'Re-confirm: the chosen therapist stepped back'],
		['plain', 'Waiting for your answer'],
	])
	expect(waiting.map((r) => r.reconfirmation)).toEqual(['Re-confirm: the chosen therapist stepped back', null])
	// Once answered or run out, it reads like any other offer.
	expect(offerInbox([offer('late', { expiresAt: hours(-1), reconfirmAskedAt: hours(-25) })], now).answered[0]!.status.label).toBe('Expired')
	expect(offerInbox([offer('again', { status: 'accepted', reconfirmAskedAt: hours(-2) })], now).answered[0]!.status.label).toBe('Accepted: waiting for the patient')
})

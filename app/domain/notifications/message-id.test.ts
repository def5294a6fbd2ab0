import { expect, test } from 'vitest'
import { jobEmailMessageId, messageIdDomain } from './message-id.ts'

const FROM = 'Tandem <no-reply@tandem.example>'
const base = { jobId: 'cmj0job0000001', template: 'offer_received', recipient: 'therapist.tx@tandem.example', from: FROM }

test('a job’s email to one recipient has one Message-ID, whatever the attempt', () => {
	const first = jobEmailMessageId(base)
	expect(first).toMatch(/^<job\.[0-9a-f]{32}@tandem\.example>$/)
	expect(jobEmailMessageId({ ...base })).toBe(first)
	// The address as written in another case, or with spaces around it, is the same recipient.
	expect(jobEmailMessageId({ ...base, recipient: ' Therapist.TX@Tandem.example ' })).toBe(first)
})

test('another job, recipient or template gets another Message-ID', () => {
	const ids = [
		jobEmailMessageId(base),
		jobEmailMessageId({ ...base, jobId: 'cmj0job0000002' }),
		jobEmailMessageId({ ...base, recipient: 'therapist.wa@tandem.example' }),
		jobEmailMessageId({ ...base, template: 'offer_reminder' }),
		// The parts are separated: moving a character from one to the next is not the same key.
		jobEmailMessageId({ ...base, jobId: 'cmj0job000000', template: '1offer_received' }),
	]
	expect(new Set(ids).size).toBe(ids.length)
})

test('the Message-ID’s domain is the sender’s', () => {
	expect(messageIdDomain('Tandem <no-reply@tandem.example>')).toBe('tandem.example')
	expect(messageIdDomain('no-reply@Mail.Tandem.example')).toBe('mail.tandem.example')
	expect(messageIdDomain('Tandem <no-reply@tandem.localhost> ')).toBe('tandem.localhost')
	// Nothing usable: a fixed domain, never a malformed header.
	expect(messageIdDomain('Tandem')).toBe('tandem.localhost')
	expect(messageIdDomain('a@b_c>')).toBe('tandem.localhost')
	expect(jobEmailMessageId({ ...base, from: 'Tandem' })).toMatch(/^<job\.[0-9a-f]{32}@tandem\.localhost>$/)
})

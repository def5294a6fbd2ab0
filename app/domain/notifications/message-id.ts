// Message-IDs for the emails outbox jobs send. SMTP cannot be exactly once: a worker that dies after
// the mail server took a message, before the email log says so, leaves a job that sends it again.
// Such a resend carries the same Message-ID as the first send (RFC 5322 §3.6.4), so mail servers and
// clients that deduplicate by it, and anyone reading the headers, can tell it for a copy. Pure.
import { sha256 } from '@oslojs/crypto/sha2'
import { encodeHexLowerCase } from '@oslojs/encoding'

/** The domain part of the sender's address (`Tandem <no-reply@tandem.example>` → `tandem.example`), or `tandem.localhost`. */
export function messageIdDomain(from: string): string {
	const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from.trim())?.[1]?.toLowerCase()
	return domain && /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/.test(domain) ? domain : 'tandem.localhost'
}

/**
 * The Message-ID of the email one job sends one recipient with one template: the same for every
 * attempt of that job, different for any other job, recipient or template. The recipient is as the
 * email log names them (a patient by their referral's reference), compared without case.
 */
export function jobEmailMessageId(input: { jobId: string; template: string; recipient: string; from: string }): string {
	const key = [input.jobId, input.template, input.recipient.trim().toLowerCase()].join('\n')
	return `<job.${encodeHexLowerCase(sha256(new TextEncoder().encode(key))).slice(0, 32)}@${messageIdDomain(input.from)}>`
}

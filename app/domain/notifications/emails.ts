// The emails Tandem sends. They never carry PHI (docs/product.md §5): they say something happened and
// link back to the app. Some links carry a bearer token, so a message's text is built just before
// it is sent and never stored; the email log keeps its template name instead.

import { type PatientLanguage } from '#app/i18n/languages.ts'
import { PATIENT_EMAILS } from '#app/i18n/patient-emails.ts'
import { translator } from '#app/i18n/translator.ts'

export type Email = { template: string; subject: string; text: string; html: string }

/** The words every email closes with; a patient's email has them in the patient's language. */
type Closing = { paste: string; signature: string }

export function email(template: string, subject: string, paragraphs: string[], action?: { label: string; url: string }, closing: Closing = PATIENT_EMAILS.en.common): Email {
	const text = [...paragraphs, ...(action ? [`${action.label}: ${action.url}`] : []), closing.signature].join('\n\n')
	const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
	const html = [
		'<div style="font-family: system-ui, sans-serif; max-width: 36rem; color: #0f172a">',
		...paragraphs.map((p) => `<p>${escape(p)}</p>`),
		action
			? `<p><a href="${escape(action.url)}" style="display: inline-block; background: #245a53; color: #fff; padding: 0.6rem 1rem; border-radius: 0.25rem; text-decoration: none">${escape(action.label)}</a></p><p style="font-size: 0.85rem; color: #475569">${escape(closing.paste)} ${escape(action.url)}</p>`
			: '',
		`<p>${escape(closing.signature)}</p>`,
		'</div>',
	].join('\n')
	return { template, subject, text, html }
}

export function verifyEmailMessage(url: string): Email {
	return email(
		'verify_email',
		'Confirm your email address for Tandem',
		['Welcome to Tandem. Please confirm that this is your email address. The link works once and expires in 24 hours.', 'If you did not sign up, you can ignore this email.'],
		{ label: 'Confirm my email address', url },
	)
}

export function existingAccountSignupMessage(loginUrl: string, resetUrl: string): Email {
	return email('existing_account_signup', 'Someone tried to sign up to Tandem with your email address', [
		'Someone (perhaps you) tried to create a Tandem account with this email address, which already has one.',
		`If it was you, log in at ${loginUrl}, or choose a new password at ${resetUrl}.`,
		'If it was not you, you need do nothing: your account is unchanged.',
	])
}

export function passwordResetMessage(url: string): Email {
	return email(
		'password_reset',
		'Choose a new Tandem password',
		['We received a request to reset the password of your Tandem account. The link works once and expires in 1 hour.', 'If you did not ask for this, ignore this email; your password stays as it is.'],
		{ label: 'Choose a new password', url },
	)
}

export function passwordChangedMessage(resetUrl: string): Email {
	return email('password_changed', 'Your Tandem password was changed', [
		'The password of your Tandem account was just changed, and your other sessions were signed out.',
		`If this was not you, reset your password now at ${resetUrl} and tell your organization's administrator.`,
	])
}

export function accountCreatedMessage(url: string, role: string): Email {
	return email(
		'account_created',
		'Your Tandem account is ready',
		[`A Tandem account was created for you as ${role}. Choose a password to start using it. The link works once and expires in 24 hours.`],
		{ label: 'Choose my password', url },
	)
}

export type TwoFactorChange = 'turned_on' | 'moved' | 'turned_off' | 'recovery_code_used' | 'locked'

const TWO_FACTOR_CHANGES: Record<TwoFactorChange, string> = {
	turned_on: 'Two-factor sign-in was just turned on for your Tandem account.',
	moved: 'Two-factor sign-in on your Tandem account was just moved to a new authenticator app.',
	turned_off: 'Two-factor sign-in was just turned off for your Tandem account.',
	recovery_code_used: 'A recovery code was just used to sign in to your Tandem account.',
	locked:
		'Someone who knows your Tandem password has just given several wrong two-factor codes in a row, so the two-factor step of your account is locked for 15 minutes. If this was not you, someone knows your password: change it now.',
}

export function twoFactorChangedMessage(change: TwoFactorChange, accountUrl: string): Email {
	return email('two_factor_changed', 'Two-factor sign-in on your Tandem account', [
		TWO_FACTOR_CHANGES[change],
		`You can review where you are signed in at ${accountUrl}. If this was not you, reset your password and tell your organization's administrator.`,
	])
}

/** The second step of a log-in from a new address while the account is under attack (login-policy.ts). */
/** The code stays out of the subject: subjects are logged in the database, which must not reveal it. */
export function signInCodeMessage(code: string, lifetimeMinutes: number, resetUrl: string): Email {
	return email('sign_in_code', 'Your Tandem sign-in code', [
		`Someone just gave your Tandem password from a device and place we have not seen you sign in from, while others have been trying to guess it. To finish signing in, enter this code: ${code}`,
		`It works once, for ${lifetimeMinutes} minutes, in the browser that asked for it.`,
		`If this was not you, someone knows your password: change it now at ${resetUrl}.`,
	])
}

export function clinicInvitationMessage(clinicName: string, roleLabel: string, url: string, lifetimeMs: number): Email {
	const days = Math.round(lifetimeMs / (24 * 60 * 60 * 1000))
	return email(
		'clinic_invitation',
		`You are invited to join ${clinicName} on Tandem`,
		[
			`You have been invited to join ${clinicName} on Tandem as ${roleLabel.toLowerCase()}. Tandem helps ketamine clinics refer their patients to integration therapists.`,
			`The link works once and expires in ${days} days. If you did not expect this, you can ignore this email.`,
		],
		{ label: 'See the invitation', url },
	)
}

export function addedToClinicMessage(clinicName: string, roleLabel: string, url: string): Email {
	return email('added_to_clinic', `You now have access to ${clinicName} on Tandem`, [`You were added to ${clinicName} on Tandem as ${roleLabel.toLowerCase()}.`], { label: 'Open Tandem', url })
}

/** A clinic inviting an integration therapist who is not on Tandem yet; `note` is the inviter's own words. */
export function clinicInvitesTherapistMessage(clinicName: string, inviterName: string, note: string, url: string, lifetimeMs: number): Email {
	const days = Math.round(lifetimeMs / (24 * 60 * 60 * 1000))
	return email(
		'clinic_invites_therapist',
		`${clinicName} invites you to Tandem`,
		[
			`${inviterName} of ${clinicName} would like to refer patients to you for therapy around their ketamine treatment, and invites you to list on Tandem. Listing is free; you receive de-identified referral offers and choose which to accept.`,
			...(note ? [`${inviterName} wrote: “${note}”`] : []),
			`When you create your account, ${clinicName} has you as one of its preferred partners. The link works once and expires in ${days} days. If you did not expect this, you can ignore this email.`,
		],
		{ label: 'Create my therapist account', url },
	)
}

export function therapistInvitationMessage(url: string): Email {
	return email(
		'therapist_invitation',
		'Your Tandem therapist profile is ready',
		[
			'Your profile was added to Tandem, where ketamine clinics find integration therapists for their patients. Listing is free.',
			'Choose a password to review your profile, licenses and availability. The link works once and expires in 7 days.',
		],
		{ label: 'Choose my password', url },
	)
}

export function credentialReviewedMessage(kind: 'license' | 'authorization', verified: boolean, url: string): Email {
	const what = kind === 'license' ? 'a license' : 'an authorization'
	return email(
		'credential_reviewed',
		verified ? `Tandem verified ${what} on your profile` : `Tandem could not verify ${what} on your profile`,
		verified
			? [`We checked ${what} on your Tandem profile with the issuing board, and it now counts when clinics look for therapists.`]
			: [`We could not verify ${what} on your Tandem profile. It does not count until it is fixed. Log in to see why and what to do.`],
		{ label: 'Open Tandem', url },
	)
}

export function credentialStatusChangedMessage(kind: 'license' | 'authorization', action: 'suspend' | 'revoke' | 'reinstate', url: string): Email {
	const what = kind === 'license' ? 'a license' : 'an authorization'
	const [subject, paragraph]: [string, string] = {
		suspend: [
			`Tandem suspended ${what} on your profile`,
			`We suspended ${what} on your Tandem profile. It does not count when clinics look for therapists until it is reinstated. Log in to see why.`,
		] as [string, string],
		revoke: [`Tandem revoked ${what} on your profile`, `We revoked ${what} on your Tandem profile. It no longer counts when clinics look for therapists. Log in to see why.`] as [string, string],
		reinstate: [`Tandem reinstated ${what} on your profile`, `We reinstated ${what} on your Tandem profile, and it counts again when clinics look for therapists.`] as [string, string],
	}[action]
	return email('credential_status_changed', subject, [paragraph], { label: 'Open Tandem', url })
}

export function credentialExpiringMessage(count: number, days: number, url: string): Email {
	return email(
		'credential_expiring',
		'A credential on your Tandem profile expires soon',
		[
			`${count === 1 ? 'A license or authorization' : `${count} licenses or authorizations`} on your Tandem profile will expire within ${days} days. Once expired, ${count === 1 ? 'it stops' : 'they stop'} counting for new referrals.`,
			'When you renew, update the expiry date on your profile so that it can be verified again.',
		],
		{ label: 'Open Tandem', url },
	)
}

/** In the patient's language (app/i18n/patient-emails.ts); `expires` is already in words, in that language and the patient's zone; `reference` names the referral (R-XUPU78) for when they call their clinic. */
export function patientLinkMessage(url: string, expires: string, reference: string, lang: PatientLanguage = 'en'): Email {
	const t = translator(lang, PATIENT_EMAILS)
	return email(
		'patient_link',
		t('patientLink.subject', { reference }),
		[t('patientLink.intro'), t('patientLink.validity', { expires, reference })],
		{ label: t('patientLink.action'), url },
		PATIENT_EMAILS[lang].common,
	)
}

/** The patient's reminder of the shortlist's deadline, in their language, with a working link to the same shortlist; `deadline` is in words already. */
export function shortlistReminderMessage(url: string, deadline: string, reference: string, lang: PatientLanguage = 'en'): Email {
	const t = translator(lang, PATIENT_EMAILS)
	return email(
		'shortlist_reminder',
		t('shortlistReminder.subject', { deadline, reference }),
		[t('shortlistReminder.intro', { deadline }), t('shortlistReminder.validity')],
		{ label: t('shortlistReminder.action'), url },
		PATIENT_EMAILS[lang].common,
	)
}

/** Where a reminded session happens, as the reminder says it (session-events.ts `SessionPlace`). */
type ReminderPlace = 'video' | 'in_person' | 'clinic'

/**
 * The patient's reminder of a booked session, in their language: their first name, the time (in
 * words already, in their zone), where, and the reference for their clinic. No link: their page
 * needs their token, and a reminder does not make a new one.
 */
export function sessionReminderMessage(firstName: string, time: string, place: ReminderPlace | null, reference: string, lang: PatientLanguage = 'en'): Email {
	const t = translator(lang, PATIENT_EMAILS)
	return email(
		'session_reminder',
		t('sessionReminder.subject', { time, reference }),
		[t('sessionReminder.intro', { firstName: firstWord(firstName), time }), ...(place ? [t(`sessionReminder.place.${place}`)] : []), t('sessionReminder.change', { reference })],
		undefined,
		PATIENT_EMAILS[lang].common,
	)
}

/** The therapist's reminder of a booked session: what (the phase and dose), when (in words, their zone), where, the reference, and a link to the referral's page. */
export function therapistSessionReminderMessage(firstName: string, what: string, time: string, place: ReminderPlace | null, reference: string, url: string): Email {
	const where = place === 'video' ? ' It is by video.' : place === 'in_person' ? ' It is in person, at your office.' : place === 'clinic' ? ' It is in person, at the clinic.' : ''
	return email(
		'session_reminder',
		`Reminder: ${what.charAt(0).toLowerCase()}${what.slice(1)} on ${time} (referral ${reference})`,
		[`Hi ${firstWord(firstName)}, a reminder of your session for referral ${reference}: ${what.charAt(0).toLowerCase()}${what.slice(1)}, ${time}.${where}`, 'To move or cancel it, open the referral.'],
		{ label: 'Open the referral', url },
	)
}

/** The first word of a name, as a greeting uses it. */
export function firstWord(name: string): string {
	return name.trim().split(/\s+/)[0] ?? ''
}

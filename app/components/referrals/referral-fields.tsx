// The referral form's fields (docs/product.md §8.3), for writing a referral and editing a draft. What
// therapists may see before a match (de-identified) and what only the chosen therapist sees
// (identity, contact, birth date, notes) are two visibly separate parts (§5).
import { type FormMetadata } from '@conform-to/react'
import { Link } from '@remix-run/react'
import { CheckboxField, CheckboxGroupField, SelectField, TextField } from '#app/components/ui/conform-fields.tsx'
import { SubmitButton } from '#app/components/ui/forms.tsx'
import { AGE_BANDS, FOCUS_AREAS, LANGUAGES, MODALITIES, PAYERS, PAYMENT_TYPES, PHASES, REFERRAL_FORMATS, STATES, URGENCIES } from '#app/domain/reference/index.ts'
import { type BillingRefusal } from '#app/domain/billing/billing-refusal.ts'
import { type ReferralFormValue } from '#app/domain/referrals/referral-form.ts'

const options = <T extends { slug: string; label: string }>(entries: readonly T[]) => entries.map((e) => ({ value: e.slug, label: e.label }))
const stateOptions = STATES.map((s) => ({ value: s.code, label: s.name }))
const languageOptions = LANGUAGES.map((l) => ({ value: l.code, label: l.label }))

export type ReferralFieldset = ReturnType<FormMetadata<ReferralFormValue, string[]>['getFieldset']>

export function ReferralFields({ fields, zoneName }: { fields: ReferralFieldset; zoneName: string }) {
	const payment = fields.payment.getFieldset()
	const dosing = fields.dosing.getFieldset()
	const preparation = fields.preparationWindowHours.getFieldset()
	const integration = fields.integrationWindowHours.getFieldset()
	const patient = fields.patient.getFieldset()
	return (
		<>
			<fieldset className="space-y-5 rounded border border-slate-300 p-5">
				<legend className="px-1 text-lg font-semibold">Shared with therapists before a match</legend>
				<p className="text-sm text-slate-700">
					These facts go to the therapists we offer the referral to. They say nothing that identifies the patient: no name, contact details, exact birth date or notes.
				</p>
				<div className="grid gap-4 sm:grid-cols-2">
					<SelectField meta={fields.patientState} label="State the patient will be in" options={stateOptions} />
					<SelectField meta={fields.ageBand} label="Age band" options={options(AGE_BANDS.entries)} />
				</div>
				<CheckboxGroupField meta={fields.phases} legend="Support needed" options={options(PHASES.entries)} />
				<div className="grid gap-4 sm:grid-cols-2">
					<SelectField meta={fields.format} label="Format" options={options(REFERRAL_FORMATS.entries)} />
					<TextField
						meta={fields.radiusMiles}
						label="Distance from the clinic for in-person support (miles)"
						type="number"
						inputMode="numeric"
						hint="Used for in-person and in-session support. Usually 25."
					/>
				</div>
				<CheckboxGroupField meta={fields.modalities} legend="Preferred approaches (optional)" options={options(MODALITIES.entries)} />
				<CheckboxGroupField meta={fields.focusAreas} legend="Focus areas (optional)" options={options(FOCUS_AREAS.entries)} />
				<CheckboxGroupField meta={fields.languages} legend="Languages the patient is comfortable in (optional)" options={languageOptions} />
				<div className="grid gap-4 sm:grid-cols-3">
					<SelectField meta={payment.type} label="Payment" options={options(PAYMENT_TYPES.entries)} />
					<SelectField meta={payment.payer} label="Insurance payer (for insurance)" options={options(PAYERS.entries)} />
					<TextField meta={payment.maxRate} label="Most the patient can pay per session, in dollars (for self-pay, optional)" type="number" inputMode="numeric" />
				</div>
				<SelectField meta={fields.urgency} label="Urgency" options={options(URGENCIES.entries)} />
				<fieldset className="space-y-4">
					<legend className="text-sm font-medium text-slate-900">Dosing schedule</legend>
					<div className="grid gap-4 sm:grid-cols-3">
						<TextField meta={dosing.firstSessionAt} label="First dosing session" type="datetime-local" hint={`In the clinic’s time zone (${zoneName}).`} />
						<TextField meta={dosing.sessions} label="Number of dosing sessions" type="number" inputMode="numeric" />
						<TextField meta={dosing.cadenceDays} label="Days between sessions" type="number" inputMode="numeric" />
					</div>
					<TextField
						meta={dosing.sessionsAt}
						label="Or list each dosing session (optional)"
						multiline
						maxLength={400}
						hint={`One a line, like 2026-12-07T10:00, in the clinic’s time zone, for a series that is not evenly spaced. Leave the three fields above empty when you list them. Every dose keeps its clock time across daylight-saving changes.`}
					/>
					<TextField meta={dosing.durationMinutes} label="How long each dosing session takes (minutes)" type="number" inputMode="numeric" hint="From arrival to discharge. Usually 120." />
					<div className="grid gap-4 sm:grid-cols-2">
						<TextField meta={preparation.from} label="Preparation window opens (hours before the first dose)" type="number" inputMode="numeric" hint="Usually 336 (14 days)." />
						<TextField meta={preparation.to} label="Preparation window closes (hours before the first dose)" type="number" inputMode="numeric" hint="Usually 24." />
						<TextField meta={integration.from} label="Integration window opens (hours after each dose)" type="number" inputMode="numeric" />
						<TextField meta={integration.to} label="Integration window closes (hours after each dose)" type="number" inputMode="numeric" hint="Usually 24 to 72 hours." />
					</div>
					<CheckboxField meta={fields.acceptSupervised} label="Also suggest therapists with a supervised (associate) licence, practising under supervision" />
					<CheckboxField
						meta={fields.timingRequired}
						label="Only suggest therapists with free time for each phase: an hour in the preparation window, an hour in the first integration window, the whole first dose for in-session support"
					/>
				</fieldset>
			</fieldset>

			<fieldset className="space-y-5 rounded border border-amber-300 bg-amber-50/40 p-5">
				<legend className="px-1 text-lg font-semibold">Shared only with the therapist the patient chooses</legend>
				<p className="text-sm text-slate-700">Identity, contact details and notes stay with your clinic until the patient chooses a therapist. Every view of them is logged.</p>
				<div className="grid gap-4 sm:grid-cols-2">
					<TextField meta={patient.firstName} label="First name" maxLength={80} autoComplete="off" />
					<TextField meta={patient.lastName} label="Last name" maxLength={80} autoComplete="off" />
					<TextField meta={patient.email} label="Email address" type="email" maxLength={254} autoComplete="off" />
					<TextField meta={patient.phone} label="Phone (optional)" type="tel" maxLength={30} autoComplete="off" />
					<TextField meta={patient.birthDate} label="Date of birth" type="date" />
				</div>
				<TextField meta={patient.notes} label="Clinical notes for the chosen therapist (optional)" multiline maxLength={4000} />
			</fieldset>
		</>
	)
}

/** Above the form: the form's own errors (a conflict), and how many fields need attention after a refused save (`posting`: it asked to post). */
export function ReferralFormProblems({ form, billing, posting }: { form: FormMetadata<ReferralFormValue, string[]>; billing?: BillingRefusal | null; posting: boolean }) {
	// The form's own errors (a conflict) and a submission that chose neither button are said here; the others beside their fields.
	const general = [...(form.errors ?? []), ...(form.allErrors.intent ?? [])]
	const count = Object.keys(form.allErrors).filter((name) => name !== '' && name !== 'intent').length
	return (
		<div id={form.errorId} role="alert" aria-live="polite">
			{general.length ? <p className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">{general.join(' ')}</p> : null}
			{billing ? <BillingRefusalNotice refusal={billing} /> : null}
			{count ? (
				<p className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
					{count === 1 ? 'One field needs' : `${count} fields need`} attention; each says what is wrong. Nothing was saved.
					{posting ? ' Posting needs every required field; to keep what you typed without the missing ones, save it as a draft.' : null}
				</p>
			) : null}
		</div>
	)
}

/** Saving comes first, so pressing Enter in a field never posts by accident. */
export function ReferralFormButtons({ save, post, pending }: { save: string; post: string; pending: boolean }) {
	return (
		<div className="flex flex-wrap gap-3">
			<button type="submit" name="intent" value="save" disabled={pending} className="rounded border border-slate-400 px-4 py-2 font-medium hover:bg-slate-50">
				{save}
			</button>
			<SubmitButton name="intent" value="post" pending={pending}>
				{post}
			</SubmitButton>
		</div>
	)
}

export function BillingRefusalNotice({ refusal, kept = 'You can still save it as a draft.' }: { refusal: BillingRefusal; kept?: string }) {
	return (
		<p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
			Not posted. {refusal.message} {kept}{' '}
			{refusal.billingHref ? (
				<Link to={refusal.billingHref} className="font-medium underline">
					Open billing
				</Link>
			) : null}
		</p>
	)
}

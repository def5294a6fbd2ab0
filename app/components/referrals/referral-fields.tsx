// The referral form's fields (docs/product.md §8.3), for writing a referral and editing a draft. What
// therapists may see before a match (de-identified) and what only the chosen therapist sees
// (identity, contact, birth date, notes) are two visibly separate parts (§5).
import { Link } from '@remix-run/react'
import { Checkbox, CheckGroup, type FieldErrors, SelectInput, TextInput } from '#app/components/ui/fields.tsx'
import { SubmitButton } from '#app/components/ui/forms.tsx'
import { AGE_BANDS, FOCUS_AREAS, LANGUAGES, MODALITIES, PAYERS, PAYMENT_TYPES, PHASES, REFERRAL_FORMATS, STATES, URGENCIES } from '#app/domain/reference/index.ts'
import { type BillingRefusal } from '#app/domain/billing/billing-refusal.ts'
import { type FormFields } from '#app/domain/referrals/referral-form.ts'

const FORM = 'referral'
const options = <T extends { slug: string; label: string }>(entries: readonly T[]) => entries.map((e) => ({ value: e.slug, label: e.label }))
const stateOptions = STATES.map((s) => ({ value: s.code, label: s.name }))
const languageOptions = LANGUAGES.map((l) => ({ value: l.code, label: l.label }))

export function ReferralFields({ values, errors, zoneName }: { values: FormFields; errors: FieldErrors; zoneName: string }) {
	const text = (name: string) => {
		const v = values[name]
		return Array.isArray(v) ? (v[0] ?? '') : (v ?? '')
	}
	const list = (name: string) => {
		const v = values[name]
		return v === undefined ? [] : Array.isArray(v) ? v : [v]
	}
	const common = { form: FORM, errors }
	return (
		<>
			<fieldset className="space-y-5 rounded border border-slate-300 p-5">
				<legend className="px-1 text-lg font-semibold">Shared with therapists before a match</legend>
				<p className="text-sm text-slate-700">
					These facts go to the therapists we offer the referral to. They say nothing that identifies the patient: no name, contact details, exact birth date or notes.
				</p>
				<div className="grid gap-4 sm:grid-cols-2">
					<SelectInput {...common} name="patientState" label="State the patient will be in" defaultValue={text('patientState')} options={stateOptions} />
					<SelectInput {...common} name="ageBand" label="Age band" defaultValue={text('ageBand')} options={options(AGE_BANDS.entries)} />
				</div>
				<CheckGroup {...common} name="phases" legend="Support needed" options={options(PHASES.entries)} selected={list('phases')} />
				<div className="grid gap-4 sm:grid-cols-2">
					<SelectInput {...common} name="format" label="Format" defaultValue={text('format')} options={options(REFERRAL_FORMATS.entries)} />
					<TextInput
						{...common}
						name="radiusMiles"
						label="Distance from the clinic for in-person support (miles)"
						type="number"
						inputMode="numeric"
						defaultValue={text('radiusMiles')}
						hint="Used for in-person and in-session support. Usually 25."
					/>
				</div>
				<CheckGroup {...common} name="modalities" legend="Preferred approaches (optional)" options={options(MODALITIES.entries)} selected={list('modalities')} />
				<CheckGroup {...common} name="focusAreas" legend="Focus areas (optional)" options={options(FOCUS_AREAS.entries)} selected={list('focusAreas')} />
				<CheckGroup {...common} name="languages" legend="Languages the patient is comfortable in (optional)" options={languageOptions} selected={list('languages')} />
				<div className="grid gap-4 sm:grid-cols-3">
					<SelectInput {...common} name="payment.type" label="Payment" defaultValue={text('payment.type')} options={options(PAYMENT_TYPES.entries)} />
					<SelectInput {...common} name="payment.payer" label="Insurance payer (for insurance)" defaultValue={text('payment.payer')} options={options(PAYERS.entries)} />
					<TextInput
						{...common}
						name="payment.maxRate"
						label="Most the patient can pay per session, in dollars (for self-pay, optional)"
						type="number"
						inputMode="numeric"
						defaultValue={text('payment.maxRate')}
					/>
				</div>
				<SelectInput {...common} name="urgency" label="Urgency" defaultValue={text('urgency')} options={options(URGENCIES.entries)} />
				<fieldset className="space-y-4">
					<legend className="text-sm font-medium text-slate-900">Dosing schedule</legend>
					<div className="grid gap-4 sm:grid-cols-3">
						<TextInput
							{...common}
							name="dosing.firstSessionAt"
							label="First dosing session"
							type="datetime-local"
							defaultValue={text('dosing.firstSessionAt')}
							hint={`In the clinic’s time zone (${zoneName}).`}
						/>
						<TextInput {...common} name="dosing.sessions" label="Number of dosing sessions" type="number" inputMode="numeric" defaultValue={text('dosing.sessions')} />
						<TextInput {...common} name="dosing.cadenceDays" label="Days between sessions" type="number" inputMode="numeric" defaultValue={text('dosing.cadenceDays')} />
					</div>
					<TextInput
						{...common}
						name="dosing.sessionsAt"
						label="Or list each dosing session (optional)"
						multiline
						maxLength={400}
						defaultValue={text('dosing.sessionsAt')}
						hint={`One a line, like 2026-12-07T10:00, in the clinic’s time zone, for a series that is not evenly spaced. Leave the three fields above empty when you list them. Every dose keeps its clock time across daylight-saving changes.`}
					/>
					<TextInput
						{...common}
						name="dosing.durationMinutes"
						label="How long each dosing session takes (minutes)"
						type="number"
						inputMode="numeric"
						defaultValue={text('dosing.durationMinutes')}
						hint="From arrival to discharge. Usually 120."
					/>
					<div className="grid gap-4 sm:grid-cols-2">
						<TextInput
							{...common}
							name="preparationWindowHours.from"
							label="Preparation window opens (hours before the first dose)"
							type="number"
							inputMode="numeric"
							defaultValue={text('preparationWindowHours.from')}
							hint="Usually 336 (14 days)."
						/>
						<TextInput
							{...common}
							name="preparationWindowHours.to"
							label="Preparation window closes (hours before the first dose)"
							type="number"
							inputMode="numeric"
							defaultValue={text('preparationWindowHours.to')}
							hint="Usually 24."
						/>
						<TextInput
							{...common}
							name="integrationWindowHours.from"
							label="Integration window opens (hours after each dose)"
							type="number"
							inputMode="numeric"
							defaultValue={text('integrationWindowHours.from')}
						/>
						<TextInput
							{...common}
							name="integrationWindowHours.to"
							label="Integration window closes (hours after each dose)"
							type="number"
							inputMode="numeric"
							defaultValue={text('integrationWindowHours.to')}
							hint="Usually 24 to 72 hours."
						/>
					</div>
					<Checkbox
						form={FORM}
						name="acceptSupervised"
						label="Also suggest therapists with a supervised (associate) licence, practising under supervision"
						defaultChecked={text('acceptSupervised') === 'on'}
					/>
					<Checkbox
						form={FORM}
						name="timingRequired"
						label="Only suggest therapists with free time for each phase: an hour in the preparation window, an hour in the first integration window, the whole first dose for in-session support"
						defaultChecked={text('timingRequired') === 'on'}
					/>
				</fieldset>
			</fieldset>

			<fieldset className="space-y-5 rounded border border-amber-300 bg-amber-50/40 p-5">
				<legend className="px-1 text-lg font-semibold">Shared only with the therapist the patient chooses</legend>
				<p className="text-sm text-slate-700">Identity, contact details and notes stay with your clinic until the patient chooses a therapist. Every view of them is logged.</p>
				<div className="grid gap-4 sm:grid-cols-2">
					<TextInput {...common} name="patient.firstName" label="First name" defaultValue={text('patient.firstName')} maxLength={80} autoComplete="off" />
					<TextInput {...common} name="patient.lastName" label="Last name" defaultValue={text('patient.lastName')} maxLength={80} autoComplete="off" />
					<TextInput {...common} name="patient.email" label="Email address" type="email" defaultValue={text('patient.email')} maxLength={254} autoComplete="off" />
					<TextInput {...common} name="patient.phone" label="Phone (optional)" type="tel" defaultValue={text('patient.phone')} maxLength={30} autoComplete="off" />
					<TextInput {...common} name="patient.birthDate" label="Date of birth" type="date" defaultValue={text('patient.birthDate')} />
				</div>
				<TextInput {...common} name="patient.notes" label="Clinical notes for the chosen therapist (optional)" multiline maxLength={4000} defaultValue={text('patient.notes')} />
			</fieldset>
		</>
	)
}

/** Above the form: a conflict message, and how many fields need attention after a refused save. */
export function ReferralFormProblems({ errors, message, billing, posting = false }: { errors: FieldErrors; message?: string | null; billing?: BillingRefusal | null; posting?: boolean }) {
	const count = Object.keys(errors).length
	return (
		<div role="alert" aria-live="polite">
			{message ? <p className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">{message}</p> : null}
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

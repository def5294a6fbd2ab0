// The patient's page (docs/product.md §4, §5), opened from the private link the clinic sent, with no
// account: the therapists who accepted, why each fits (in plain words, never a credential's name),
// how they work, fees and insurance, and the first-session times each proposed in the patient's
// time zone. The patient chooses one therapist and one time, or says none fit. Rate-limited per IP and per link; an expired or withdrawn link
// says what to do; a choice of a therapist not on this shortlist is 404.
import { type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, isRouteErrorResponse, useActionData, useLoaderData, useNavigation, useRouteError, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { ErrorPage } from '#app/components/error-page.tsx'
import { TimeInZones } from '#app/components/referrals/times.tsx'
import { FactList } from '#app/components/ui/fact-list.tsx'
import { Notice, SubmitButton } from '#app/components/ui/forms.tsx'
import { hashToken } from '#app/domain/auth/tokens.ts'
import { FORMATS, languageLabel, MODALITIES, PAYERS } from '#app/domain/reference/index.ts'
import { notePatientLinkOpened, patientChooses, patientDeclinesAll, patientShortlist } from '#app/domain/referrals/patient-choice.server.ts'
import { plainReasons } from '#app/domain/referrals/plain-reasons.ts'
import { timeZoneName } from '#app/domain/therapists/profile-text.ts'
import { clientIp, httpStatus } from '#app/utils/http.server.ts'
import { consumeRateLimits } from '#app/utils/rate-limit.server.ts'
import { firstFormIssue } from '#app/utils/form-issue.ts'

export const meta: MetaFunction = () => [{ title: 'Choose your therapist — Tandem' }, { name: 'robots', content: 'noindex' }, { name: 'referrer', content: 'no-referrer' }]

/** A private page: never kept in a shared cache or the browser's. A 429 keeps its Retry-After. */
export const headers: HeadersFunction = ({ errorHeaders }) => {
	const retryAfter = errorHeaders?.get('Retry-After')
	return { 'Cache-Control': 'no-store', ...(retryAfter ? { 'Retry-After': retryAfter } : {}) }
}

const GONE = {
	expired: 'This link has expired. Ask your clinic to send you a new one.',
	revoked: 'This link is no longer in use: your clinic sent you a newer one, or withdrew it. Use the newest link, or ask your clinic.',
	unknown: 'This link does not work. Check that you copied all of it, or ask your clinic for a new one.',
}

async function open(token: string) {
	const limited = await consumeRateLimits([
		['patientLinkPerIp', clientIp()],
		['patientLinkPerToken', hashToken(token)],
	])
	if (!limited.allowed) {
		const minutes = Math.ceil(limited.retryAfterSeconds / 60)
		throw data(
			{ title: 'Please wait a moment', message: `This page was opened many times in a short while. Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.` },
			{ status: 429, headers: { 'Retry-After': String(limited.retryAfterSeconds) } },
		)
	}
	const access = await patientShortlist(token, new Date())
	if (!access.ok) throw data({ title: 'This link cannot be used', message: GONE[access.reason] }, { status: access.reason === 'unknown' ? 404 : 410 })
	return access
}

export async function loader({ params }: LoaderFunctionArgs) {
	const access = await open(params.token!)
	const { shortlist } = access
	await notePatientLinkOpened(access.linkId, shortlist.referralId, new Date())
	return {
		status: shortlist.status,
		timeZone: shortlist.timeZone,
		zoneName: timeZoneName(shortlist.timeZone),
		linkExpiresAt: shortlist.linkExpiresAt.toISOString(),
		chosen: shortlist.chosen ? { fullName: shortlist.chosen.fullName, firstSessionAt: shortlist.chosen.firstSessionAt?.toISOString() ?? null } : null,
		entries: shortlist.entries.map((e) => ({
			offerId: e.offerId,
			name: e.therapist.fullName,
			pronouns: e.therapist.pronouns,
			credentials: e.therapist.credentials,
			bio: e.therapist.bio,
			reasons: plainReasons(e.reasons),
			how: [
				['Sees patients', e.therapist.formats.map((f) => FORMATS.label(f)).join(' or ')],
				['Approaches', e.therapist.modalities.map((m) => MODALITIES.label(m)).join(', ') || 'Not listed'],
				['Languages', e.therapist.languages.map(languageLabel).join(', ')],
				['Ketamine-assisted therapy training', `${e.therapist.kapTrainingHours} hours`],
				['Self-pay fee', e.therapist.selfPayRate !== null ? `$${e.therapist.selfPayRate} a session${e.therapist.slidingScale ? ', sliding scale available' : ''}` : e.therapist.slidingScale ? 'Sliding scale' : 'Not listed'],
				['Insurance accepted', e.therapist.insurancePayers.map((p) => PAYERS.label(p)).join(', ') || 'None'],
			] as [string, string][],
			times: e.proposedTimes.map((t) => t.toISOString()),
		})),
	}
}

const Choice = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('choose'), choice: z.string({ required_error: 'Choose a therapist and a time first.' }).regex(/^[^|]+\|[^|]*$/, 'Choose a therapist and a time first.') }),
	z.object({ intent: z.literal('none') }),
])

export async function action({ request, params }: ActionFunctionArgs) {
	const access = await open(params.token!)
	const parsed = Choice.safeParse(Object.fromEntries(await request.formData()))
	if (!parsed.success) {
		return data(firstFormIssue(parsed.error, 'Choose a therapist, or say that none of them fit.'), { status: 400 })
	}
	const { referralId } = access.shortlist
	if (parsed.data.intent === 'none') {
		const result = await patientDeclinesAll(access.linkId, referralId)
		if (!result.ok) return data({ error: result.message }, { status: httpStatus(result.reason) })
	} else {
		const [offerId, time] = parsed.data.choice.split('|') as [string, string]
		const result = await patientChooses(access.linkId, referralId, offerId, time || null)
		// A therapist of another referral is none of this link's business: as if it did not exist.
		if (!result.ok && result.reason === 'not_found') throw new Response('Not found', { status: 404 })
		if (!result.ok) return data({ error: result.message }, { status: httpStatus(result.reason) })
	}
	return redirect(`/choose/${params.token}?done=${parsed.data.intent}`)
}

export default function ChoosePage() {
	const { status, zoneName, timeZone, linkExpiresAt, chosen, entries } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [searchParams] = useSearchParams()
	const done = searchParams.get('done')
	const zones: [{ timeZone: string }] = [{ timeZone }]
	return (
		<div className="mx-auto max-w-2xl space-y-6 px-4 py-8">
			<header className="space-y-2">
				<h1 className="text-2xl font-semibold tracking-tight">{chosen ? 'Your therapist' : 'Choose your therapist'}</h1>
				{status === 'shortlisted' ? (
					<p className="text-slate-700">
						These therapists can support you and are ready to see you. Read why each one fits, then choose one therapist and a time for your first session. Times are in {zoneName}. This link works until{' '}
						<TimeInZones iso={linkExpiresAt} zones={zones} />.
					</p>
				) : null}
			</header>
			<div aria-live="polite">
				{done === 'choose' ? <Notice tone="success">Thank you. Your choice is recorded, and your therapist and clinic have been told.</Notice> : null}
				{done === 'none' ? <Notice tone="success">Thank you for telling us. Your clinic has been told and will be in touch about other options.</Notice> : null}
			</div>
			<div role="alert">{actionData?.error ? <p className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">{actionData.error}</p> : null}</div>

			{chosen ? (
				<section aria-labelledby="chosen-title" className="space-y-2 rounded border border-green-300 bg-green-50 p-5">
					<h2 id="chosen-title" className="text-lg font-semibold">
						You chose {chosen.fullName}
					</h2>
					<p>{chosen.firstSessionAt ? <>Your first session: <TimeInZones iso={chosen.firstSessionAt} zones={zones} />.</> : 'They will contact you to book your first session.'}</p>
				</section>
			) : status === 'shortlisted' && entries.length ? (
				<>
					<Form method="post" className="space-y-6">
						{entries.map((entry) => (
							<article key={entry.offerId} aria-labelledby={`t-${entry.offerId}`} className="space-y-3 rounded border border-slate-200 p-5">
								<h2 id={`t-${entry.offerId}`} className="text-lg font-semibold">
									{entry.name}
									{entry.pronouns ? <span className="ml-2 text-sm font-normal text-slate-700">({entry.pronouns})</span> : null}
								</h2>
								<p className="text-sm text-slate-700">{entry.credentials}</p>
								{entry.bio ? <p>{entry.bio}</p> : null}
								<h3 className="font-medium">Why they fit</h3>
								<ul className="list-disc pl-6">
									{entry.reasons.map((reason) => (
										<li key={reason}>{reason}</li>
									))}
								</ul>
								<FactList facts={entry.how} className="gap-x-4 gap-y-1 text-sm" />
								<fieldset className="space-y-2">
									<legend className="font-medium">First-session times with {entry.name}</legend>
									{entry.times.map((iso) => (
										<label key={iso} className="flex min-h-11 items-center gap-3 rounded border border-slate-200 px-3 py-2">
											<input type="radio" name="choice" value={`${entry.offerId}|${iso}`} required className="size-5" />
											<TimeInZones iso={iso} zones={zones} />
										</label>
									))}
									<label className="flex min-h-11 items-center gap-3 rounded border border-slate-200 px-3 py-2">
										<input type="radio" name="choice" value={`${entry.offerId}|`} required className="size-5" />
										{entry.times.length ? 'None of these times: arrange one with me' : 'Arrange a time with me'}
									</label>
								</fieldset>
							</article>
						))}
						<SubmitButton name="intent" value="choose" pending={navigation.state === 'submitting'}>
							Choose this therapist and time
						</SubmitButton>
					</Form>
					<Form method="post" className="space-y-2 border-t border-slate-200 pt-6">
						<p>If none of these therapists fit you, say so and your clinic will look at other options with you.</p>
						<button type="submit" name="intent" value="none" disabled={navigation.state === 'submitting'} className="rounded border border-slate-400 px-4 py-2 font-medium hover:bg-slate-50">
							None of them fit me
						</button>
					</Form>
				</>
			) : (
				<p>There is nothing to choose right now. Your clinic will be in touch with you.</p>
			)}
		</div>
	)
}

/** An expired, withdrawn or unknown link, or too many visits, says what to do, in the words above; anything else is the usual error page. */
export function ErrorBoundary() {
	const error = useRouteError()
	const said = isRouteErrorResponse(error) && typeof error.data === 'object' && error.data && 'message' in error.data ? (error.data as { title: string; message: string }) : null
	if (!said) return <ErrorPage error={error} />
	return (
		<section className="mx-auto max-w-2xl px-4 py-16" aria-labelledby="gone-title">
			<h1 id="gone-title" className="text-2xl font-semibold tracking-tight">
				{said.title}
			</h1>
			<p className="mt-4 text-lg text-slate-700">{said.message}</p>
		</section>
	)
}

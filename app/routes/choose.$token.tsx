// The patient's page (docs/product.md §4, §5), opened from the private link the clinic sent, with no
// account, in English or Spanish: the therapists who accepted, each on a card with their photo,
// what sets them apart for this request, how they see patients for this referral, fees and
// insurance, and their proposed first-session times in the patient's zone, with a choose button on
// the card. "None of them fit" asks first. After the choice: what happens next, and the sessions
// booked with the therapist (the series plan, docs/product.md §4a), with a calendar file of them.
// Rate-limited per IP and per link; an expired or withdrawn link says what to do; a therapist not on
// this shortlist is 404.
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, isRouteErrorResponse, useActionData, useLoaderData, useNavigation, useParams, useRouteError, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { type ShellHandle } from '#app/components/app-shell.tsx'
import { ErrorPage } from '#app/components/error-page.tsx'
import { Avatar } from '#app/components/ui/avatar.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Card } from '#app/components/ui/card.tsx'
import { ConfirmAction } from '#app/components/ui/confirm-dialog.tsx'
import { FactList } from '#app/components/ui/fact-list.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { hashToken } from '#app/domain/auth/tokens.ts'
import { formatPatientDate, patientCards, patientConfirmation, zoneLabel } from '#app/domain/referrals/patient-cards.ts'
import { notePatientLinkOpened, patientChooses, patientDeclinesAll } from '#app/domain/referrals/patient-choice.server.ts'
import { patientPage, setPatientLanguage } from '#app/domain/referrals/patient-page.server.ts'
import { setPatientTexts } from '#app/domain/referrals/patient-texts.server.ts'
import { referralPlan } from '#app/domain/series/plan.server.ts'
import { patientSessionLines } from '#app/domain/series/plan-view.ts'
import { type PatientLanguage, PATIENT_LANGUAGES } from '#app/i18n/languages.ts'
import { PATIENT_PAGE } from '#app/i18n/patient.ts'
import { translator } from '#app/i18n/translator.ts'
import { clientIp, httpStatus } from '#app/utils/http.server.ts'
import { consumeRateLimits } from '#app/utils/rate-limit.server.ts'
import { routeParam } from '#app/utils/invariant.ts'

export const handle = { shell: 'private' } satisfies ShellHandle

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.text.metaTitle ?? PATIENT_TITLE }, { name: 'robots', content: 'noindex' }, { name: 'referrer', content: 'no-referrer' }]

/** A private page: never kept in a shared cache or the browser's. A 429 keeps its Retry-After. */
export const headers: HeadersFunction = ({ errorHeaders }) => {
	const retryAfter = errorHeaders?.get('Retry-After')
	return { 'Cache-Control': 'no-store', ...(retryAfter ? { 'Retry-After': retryAfter } : {}) }
}

const PATIENT_TITLE = 'Choose your therapist — Tandem'

/** Why the page cannot be shown, in both languages (the patient's is not known then): built on the server, so the browser needs no translations. */
type Refusal = { refused: { lang: PatientLanguage; title: string; message: string }[] }

function refusal(say: (t: ReturnType<typeof translator<typeof PATIENT_PAGE.en>>) => [string, string]): Refusal {
	return {
		refused: (['en', 'es'] as const).map((lang) => {
			const [title, message] = say(translator(lang, PATIENT_PAGE))
			return { lang, title, message }
		}),
	}
}

async function open(token: string) {
	const limited = await consumeRateLimits([
		['patientLinkPerIp', clientIp()],
		['patientLinkPerToken', hashToken(token)],
	])
	if (!limited.allowed) {
		const minutes = Math.ceil(limited.retryAfterSeconds / 60)
		throw data(
			refusal((t) => [t('wait.title'), t('wait.message', { count: minutes })]),
			{ status: 429, headers: { 'Retry-After': String(limited.retryAfterSeconds) } },
		)
	}
	const access = await patientPage(token, new Date())
	if (!access.ok) {
		const reason = access.reason
		throw data(
			refusal((t) => [t('gone.title'), t(`gone.${reason}`)]),
			{ status: reason === 'unknown' ? 404 : 410 },
		)
	}
	return access
}

export async function loader({ params }: LoaderFunctionArgs) {
	const page = await open(routeParam(params, 'token'))
	const { shortlist, lang } = page
	await notePatientLinkOpened(page.linkId, shortlist.referralId, new Date())
	const t = translator(lang, PATIENT_PAGE)
	const entries = shortlist.entries.map((e) => ({ ...e, therapist: { ...e.therapist, ...page.extras.get(e.offerId)! } }))
	const { shared, cards } = patientCards(page.request, entries, shortlist.timeZone, lang, t)
	const other: PatientLanguage = lang === 'es' ? 'en' : 'es'
	const booked = page.chosen ? patientSessionLines(await referralPlan(shortlist.referralId), new Date(), shortlist.timeZone, lang, t) : []
	// Every word the page shows is translated here: the browser gets text, not the translations.
	const text = {
		metaTitle: t('meta.title'),
		switchTo: translator(other, PATIENT_PAGE)('language.switchTo'),
		title: page.chosen ? t('title.chosen') : shortlist.status === 'shortlisted' ? t('title.choose') : t('title.nothing'),
		intro: t('intro'),
		when: `${t('timesIn', { zone: zoneLabel(shortlist.timeZone, lang) })} ${t('linkUntil', { date: formatPatientDate(shortlist.linkExpiresAt, shortlist.timeZone, lang) })}`,
		why: t('card.why'),
		arrange: t('card.arrange'),
		arrangeOnly: t('card.arrangeOnly'),
		choosing: t('card.choosing'),
		noneFit: {
			intro: t('noneFit.intro'),
			button: t('noneFit.button'),
			title: t('noneFit.title'),
			description: t('noneFit.description'),
			confirm: t('noneFit.confirm'),
			cancel: t('noneFit.cancel'),
			done: t('noneFit.done'),
		},
		nothing: t('nothing'),
		saved: t('done.saved'),
		next: t('done.next'),
		email: t('done.email'),
		questions: t('done.questions'),
	}
	// Only the last four digits of the number the clinic gave (docs/product.md §4a).
	const texts = page.texts
	return {
		lang,
		other,
		text,
		texts: texts
			? {
					on: texts.on,
					title: t('texts.title'),
					says: t(texts.on ? 'texts.on' : 'texts.off', { number: texts.lastDigits }),
					button: t(texts.on ? 'texts.stop' : 'texts.start'),
					done: t('texts.done'),
				}
			: null,
		status: shortlist.status,
		shared,
		cards: shortlist.status === 'shortlisted' ? cards.map((card) => ({ ...card, legend: t('card.times', { name: card.name }), choose: t('card.choose', { name: card.name }) })) : [],
		confirmation: page.chosen
			? {
					offerId: page.chosen.offerId,
					name: page.chosen.therapist.fullName,
					hasPhoto: page.chosen.therapist.hasPhoto,
					...patientConfirmation(
						{ therapist: page.chosen.therapist, format: page.request.format, firstSessionAt: page.chosen.firstSessionAt, clinic: page.clinic, reference: page.reference, timeZone: shortlist.timeZone },
						lang,
						t,
					),
					sessions: booked.length
						? {
								title: t('sessions.title'),
								intro: t('sessions.intro', { zone: zoneLabel(shortlist.timeZone, lang), name: page.chosen.therapist.fullName }),
								lines: booked,
								calendar: t('sessions.calendar'),
								calendarHint: t('sessions.calendarHint'),
							}
						: null,
				}
			: null,
	}
}

type Intent = 'choose' | 'none' | 'language' | 'texts'
type Page = Awaited<ReturnType<typeof open>>
type Handler = (page: Page, form: FormData, token: string) => Promise<Response | ReturnType<typeof data<{ error: string; offerId?: string }>>>

function schemaFor(lang: PatientLanguage) {
	const t = translator(lang, PATIENT_PAGE)
	return z.discriminatedUnion('intent', [
		z.object({ intent: z.literal('choose'), choice: z.string({ required_error: t('error.chooseTime') }).regex(/^[^|]+\|[^|]*$/, t('error.chooseTime')) }),
		z.object({ intent: z.literal('none') }),
		z.object({ intent: z.literal('language'), language: z.enum(PATIENT_LANGUAGES, { errorMap: () => ({ message: t('error.language') }) }) }),
		z.object({ intent: z.literal('texts'), texts: z.enum(['on', 'off'], { errorMap: () => ({ message: t('error.texts') }) }) }),
	])
}

const refusalMessage = (lang: PatientLanguage, reason: string) => translator(lang, PATIENT_PAGE)(reason === 'invalid' ? 'error.invalid' : 'error.conflict')

const INTENTS = {
	choose: async (page, form, token) => {
		const [offerId, time] = String(form.get('choice')).split('|') as [string, string]
		const result = await patientChooses(page.linkId, page.shortlist.referralId, offerId, time || null)
		// A therapist of another referral is none of this link's business: as if it did not exist.
		if (!result.ok && result.reason === 'not_found') throw new Response('Not found', { status: 404 })
		if (!result.ok) return data({ error: refusalMessage(page.lang, result.reason), offerId }, { status: httpStatus(result.reason) })
		return redirect(`/choose/${token}?done=choose`)
	},
	none: async (page, _form, token) => {
		const result = await patientDeclinesAll(page.linkId, page.shortlist.referralId)
		if (!result.ok) return data({ error: refusalMessage(page.lang, result.reason) }, { status: httpStatus(result.reason) })
		return redirect(`/choose/${token}?done=none`)
	},
	language: async (page, form, token) => {
		await setPatientLanguage(page.linkId, page.shortlist.referralId, form.get('language') as PatientLanguage)
		return redirect(`/choose/${token}`)
	},
	texts: async (page, form, token) => {
		const result = await setPatientTexts(page.linkId, page.shortlist.referralId, form.get('texts') === 'on')
		if (!result.ok) return data({ error: translator(page.lang, PATIENT_PAGE)('error.texts') }, { status: httpStatus(result.reason) })
		return redirect(`/choose/${token}?done=texts`)
	},
} satisfies Record<Intent, Handler>

export async function action({ request, params }: ActionFunctionArgs) {
	const page = await open(routeParam(params, 'token'))
	const formData = await request.formData()
	const submission = parseWithZod(formData, { schema: schemaFor(page.lang) })
	if (submission.status !== 'success') {
		const errors = Object.values(submission.error ?? {}).flat()
		const t = translator(page.lang, PATIENT_PAGE)
		const unknownIntent = !['choose', 'none', 'language', 'texts'].includes(String(formData.get('intent')))
		return data({ error: unknownIntent ? t('error.chooseOrNone') : (errors[0] ?? t('error.chooseOrNone')) }, { status: 400 })
	}
	return INTENTS[submission.value.intent](page, formData, routeParam(params, 'token'))
}

export default function ChoosePage() {
	const { other, text, texts, status, shared, cards, confirmation } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() as { error?: string; offerId?: string } | undefined
	const navigation = useNavigation()
	const { token } = useParams()
	const [searchParams] = useSearchParams()
	const busy = navigation.state !== 'idle'
	const photoUrl = (offerId: string, hasPhoto: boolean) => (hasPhoto ? `/choose/${token}/photo/${offerId}` : null)
	const languageSwitch = (
		<Form method="post" replace>
			<input type="hidden" name="intent" value="language" />
			<input type="hidden" name="language" value={other} />
			<Button type="submit" variant="secondary" size="sm" lang={other} disabled={busy}>
				{text.switchTo}
			</Button>
		</Form>
	)
	return (
		<div className="mx-auto max-w-3xl px-4 py-8">
			<PageHeader
				title={text.title}
				description={
					status === 'shortlisted' && cards.length ? (
						<div className="space-y-1">
							<p>{text.intro}</p>
							<p>{text.when}</p>
						</div>
					) : null
				}
				actions={languageSwitch}
			/>
			<div aria-live="polite" className="empty:hidden mb-4">
				{searchParams.get('done') === 'choose' && confirmation ? <SuccessNotice>{text.saved}</SuccessNotice> : null}
				{searchParams.get('done') === 'none' ? <SuccessNotice>{text.noneFit.done}</SuccessNotice> : null}
				{searchParams.get('done') === 'texts' && texts ? <SuccessNotice>{texts.done}</SuccessNotice> : null}
			</div>
			<div role="alert" className="empty:hidden mb-4">
				{actionData?.error && !actionData.offerId ? <p className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">{actionData.error}</p> : null}
			</div>

			{confirmation ? (
				<Card>
					<div className="flex flex-wrap items-center gap-4">
						<Avatar name={confirmation.name} photoUrl={photoUrl(confirmation.offerId, confirmation.hasPhoto)} size="lg" />
						<div className="min-w-0 space-y-1">
							<h2 className="break-words text-xl font-semibold">{confirmation.title}</h2>
							<p className="text-slate-700">{confirmation.told}</p>
						</div>
					</div>
					<h3 className="mt-6 font-semibold">{text.next}</h3>
					<ul className="mt-2 list-disc space-y-1 pl-6">
						<li>{confirmation.session}</li>
						{confirmation.how ? <li>{confirmation.how}</li> : null}
					</ul>
					{confirmation.sessions ? (
						<>
							<h3 className="mt-6 font-semibold">{confirmation.sessions.title}</h3>
							<p className="mt-2 text-slate-700">{confirmation.sessions.intro}</p>
							<ul className="mt-2 list-disc space-y-1 pl-6">
								{confirmation.sessions.lines.map((line) => (
									<li key={line.id}>{line.text}</li>
								))}
							</ul>
							<p className="mt-3">
								<a className="font-medium text-brand-800 underline underline-offset-4" href={`/choose/${token}/sessions.ics`} download rel="noreferrer">
									{confirmation.sessions.calendar}
								</a>
							</p>
							<p className="mt-1 text-sm text-slate-700">{confirmation.sessions.calendarHint}</p>
						</>
					) : null}
					<h3 className="mt-6 font-semibold">{confirmation.reachTitle}</h3>
					<p className="mt-2">{confirmation.reachText}</p>
					<p className="mt-1 break-words">
						{text.email}:{' '}
						<a className="font-medium text-brand-800 underline underline-offset-4" href={`mailto:${confirmation.email}`}>
							{confirmation.email}
						</a>
					</p>
					<h3 className="mt-6 font-semibold">{text.questions}</h3>
					<p className="mt-2">{confirmation.questions}</p>
				</Card>
			) : status === 'shortlisted' && cards.length ? (
				<div className="space-y-6">
					{shared ? <p className="rounded-lg border border-brand-100 bg-brand-50 p-4 text-brand-900">{shared}</p> : null}
					{cards.map((card) => (
						<article key={card.offerId} aria-labelledby={`t-${card.offerId}`} className="min-w-0 space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
							<div className="flex items-center gap-4">
								<Avatar name={card.name} photoUrl={photoUrl(card.offerId, card.hasPhoto)} size="lg" />
								<div className="min-w-0">
									<h2 id={`t-${card.offerId}`} className="break-words text-xl font-semibold">
										{card.name}
										{card.pronouns ? <span className="ml-2 text-sm font-normal text-slate-700">({card.pronouns})</span> : null}
									</h2>
									<p className="text-sm text-slate-700">{card.credentials}</p>
								</div>
							</div>
							{card.bio ? <p className="break-words">{card.bio}</p> : null}
							{card.reasons.length ? (
								<div>
									<h3 className="font-semibold">{text.why}</h3>
									<ul className="mt-1 list-disc space-y-1 pl-6">
										{card.reasons.map((reason) => (
											<li key={reason}>{reason}</li>
										))}
									</ul>
								</div>
							) : null}
							<FactList facts={card.facts} className="gap-x-4 gap-y-1 text-sm [&_dd]:mb-1 [&_dd]:break-words" />
							<Form method="post" className="space-y-3 border-t border-slate-200 pt-4">
								<input type="hidden" name="intent" value="choose" />
								<fieldset className="space-y-2">
									<legend className="mb-2 font-semibold">{card.legend}</legend>
									{card.times.map((time) => (
										<label key={time.iso} className="flex min-h-11 items-center gap-3 rounded border border-slate-300 px-3 py-2 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50">
											<input type="radio" name="choice" value={`${card.offerId}|${time.iso}`} required className="size-5 shrink-0" />
											<time dateTime={time.iso}>{time.label}</time>
										</label>
									))}
									<label className="flex min-h-11 items-center gap-3 rounded border border-slate-300 px-3 py-2 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50">
										<input type="radio" name="choice" value={`${card.offerId}|`} required className="size-5 shrink-0" />
										{card.times.length ? text.arrange : text.arrangeOnly}
									</label>
								</fieldset>
								{actionData?.error && actionData.offerId === card.offerId ? (
									<p role="alert" className="text-sm font-medium text-red-800">
										{actionData.error}
									</p>
								) : null}
								<Button type="submit" disabled={busy} className="w-full sm:w-auto">
									{busy && navigation.formData?.get('choice')?.toString().startsWith(`${card.offerId}|`) ? text.choosing : card.choose}
								</Button>
							</Form>
						</article>
					))}
					<section aria-labelledby="none-fit" className="space-y-3 border-t border-slate-200 pt-6">
						<h2 id="none-fit" className="sr-only">
							{text.noneFit.button}
						</h2>
						<p>{text.noneFit.intro}</p>
						<ConfirmAction
							trigger={text.noneFit.button}
							title={text.noneFit.title}
							description={<p>{text.noneFit.description}</p>}
							confirmLabel={text.noneFit.confirm}
							confirmVariant="primary"
							cancelLabel={text.noneFit.cancel}
							fields={{ intent: 'none' }}
						/>
					</section>
				</div>
			) : (
				<p>{text.nothing}</p>
			)}
			{texts ? (
				<section aria-labelledby="texts-title" className="mt-8 space-y-3 border-t border-slate-200 pt-6">
					<h2 id="texts-title" className="font-semibold">
						{texts.title}
					</h2>
					<p className="text-sm text-slate-700">{texts.says}</p>
					<Form method="post" replace>
						<input type="hidden" name="intent" value="texts" />
						<input type="hidden" name="texts" value={texts.on ? 'off' : 'on'} />
						<Button type="submit" variant="secondary" size="sm" disabled={busy}>
							{texts.button}
						</Button>
					</Form>
				</section>
			) : null}
		</div>
	)
}

function SuccessNotice({ children }: { children: string }) {
	return (
		<p role="status" className="rounded border border-green-300 bg-green-50 p-3 text-sm text-green-900">
			{children}
		</p>
	)
}

/** An expired, withdrawn or unknown link, or too many visits: what to do, in English and in Spanish. */
export function ErrorBoundary() {
	const error = useRouteError()
	const refused = isRouteErrorResponse(error) && typeof error.data === 'object' && error.data && 'refused' in error.data ? (error.data as Refusal).refused : null
	if (!refused) return <ErrorPage error={error} />
	return (
		<div className="mx-auto max-w-2xl space-y-10 px-4 py-16">
			{refused.map(({ lang, title, message }, i) => {
				const Heading = i === 0 ? 'h1' : 'h2'
				return (
					<section key={lang} lang={lang} aria-labelledby={`gone-${lang}`}>
						<Heading id={`gone-${lang}`} className="text-2xl font-semibold tracking-tight">
							{title}
						</Heading>
						<p className="mt-4 text-lg text-slate-700">{message}</p>
					</section>
				)
			})}
		</div>
	)
}

// Credential checks for platform admins: verified credentials whose board check is due (most
// overdue first), suspended ones, and any therapist's credentials found by name or email. Each can
// be marked checked, suspended, revoked or reinstated, with a reason the therapist sees.
import { getFormProps, type Submission as ConformSubmission, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { ErrorList, FormError, Notice } from '#app/components/ui/forms.tsx'
import { dateOnly } from '#app/domain/calendar-dates.ts'
import { CREDENTIAL_ACTIONS, type CredentialAction, REASON_MAX_LENGTH } from '#app/domain/therapists/credential-lifecycle.ts'
import {
	changeCredentialStatus,
	findCredentials,
	listDueChecks,
	listSuspendedCredentials,
	recordCredentialCheck,
} from '#app/domain/therapists/credential-lifecycle.server.ts'
import { ACTION_LABELS, type AdminCredentialCard, adminCredentialCard, formatDate } from '#app/domain/therapists/credential-presenter.ts'
import { requireAdmin } from '#app/utils/permissions.server.ts'

export const meta: MetaFunction = () => [{ title: 'Credential checks — Tandem' }]

const SEARCH_MAX_LENGTH = 200
const SearchSchema = z.string().trim().max(SEARCH_MAX_LENGTH, `Keep the search under ${SEARCH_MAX_LENGTH} characters.`)

const Target = { kind: z.enum(['license', 'authorization']), id: z.string().min(1).max(64) }
const reasonRequired = 'Say why; the therapist sees this reason.'
const ActionSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('checked'), ...Target }),
	z.object({
		intent: z.enum(CREDENTIAL_ACTIONS),
		...Target,
		reason: z.string({ required_error: reasonRequired }).trim().min(1, reasonRequired).max(REASON_MAX_LENGTH, `Keep the reason under ${REASON_MAX_LENGTH} characters.`),
	}),
])

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAdmin(request)
	const today = dateOnly(new Date())
	const raw = new URL(request.url).searchParams.get('q') ?? ''
	const query = SearchSchema.safeParse(raw)
	const q = query.success ? query.data : raw.slice(0, SEARCH_MAX_LENGTH)
	const [due, suspended, found] = await Promise.all([listDueChecks(today), listSuspendedCredentials(), query.success && q ? findCredentials(q) : null])
	return {
		today,
		due: due.map((c) => adminCredentialCard(c, today)),
		suspended: suspended.map((c) => adminCredentialCard(c, today)),
		search: { q, error: query.success ? null : query.error.issues[0]!.message, results: found?.map((c) => adminCredentialCard(c, today)) ?? null },
	}
}

type ActionData = { result: SubmissionResult<string[]>; notice: string | null }
type Value = z.infer<typeof ActionSchema>
type Submission = ConformSubmission<Value>

const DONE: Record<CredentialAction, string> = {
	suspend: 'Suspended. It stopped counting for matching and the directory; the therapist has been told.',
	revoke: 'Revoked. It no longer counts; the therapist has been told.',
	reinstate: 'Reinstated. It counts again from now; the therapist has been told.',
}
const PAST: Record<CredentialAction, string> = { suspend: 'suspended', revoke: 'revoked', reinstate: 'reinstated' }

const refused = (submission: Submission, status: number, formErrors: string[]) => data<ActionData>({ result: submission.reply({ formErrors }), notice: null }, { status })
const notFound = (submission: Submission) => refused(submission, 404, ['That credential is no longer on the therapist’s profile.'])

async function checked(value: Extract<Value, { intent: 'checked' }>, submission: Submission, actorId: string) {
	const result = await recordCredentialCheck({ kind: value.kind, id: value.id, actorId })
	if (!result.ok) return result.reason === 'not_found' ? notFound(submission) : refused(submission, 409, [`It is ${result.status} now: only a verified, unexpired credential is checked.`])
	return data<ActionData>({ result: submission.reply({ resetForm: true }), notice: `Checked. The next check is on ${formatDate(result.nextCheckDue)}.` })
}

async function changeStatus(value: Extract<Value, { intent: CredentialAction }>, submission: Submission, actorId: string) {
	const action = value.intent
	const result = await changeCredentialStatus({ kind: value.kind, id: value.id, action, reason: value.reason, actorId })
	if (result.ok) return data<ActionData>({ result: submission.reply({ resetForm: true }), notice: DONE[action] })
	if (result.reason === 'not_found') return notFound(submission)
	if (result.reason === 'invalid') return data<ActionData>({ result: submission.reply({ fieldErrors: { [result.field]: [result.message] } }), notice: null }, { status: 400 })
	return refused(submission, 409, [`It is ${result.status} now, so it cannot be ${PAST[action]}.`])
}

export async function action({ request }: ActionFunctionArgs) {
	const auth = await requireAdmin(request)
	const submission = parseWithZod(await request.formData(), { schema: ActionSchema })
	if (submission.status !== 'success') return data<ActionData>({ result: submission.reply(), notice: null }, { status: 400 })
	const { value } = submission
	return value.intent === 'checked' ? checked(value, submission, auth.user.id) : changeStatus(value, submission, auth.user.id)
}

export default function CredentialChecks() {
	const { due, suspended, search } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() as ActionData | undefined
	const submittedId = actionData?.result.initialValue?.id
	// A refused submission that names no credential (a tampered form) has no card to show it on.
	const orphanErrors = actionData && !submittedId && actionData.result.error ? Object.values(actionData.result.error).flat().filter((e): e is string => Boolean(e)) : null
	const submittedList = actionData?.result.initialValue?.list
	const resultFor = (list: string, card: AdminCredentialCard) => (submittedId === card.id && submittedList === list ? actionData?.result : undefined)
	return (
		<div className="mx-auto max-w-4xl space-y-10 px-4 py-12">
			<header className="space-y-2">
				<h1 className="text-2xl font-semibold tracking-tight">Credential checks</h1>
				<p className="text-slate-700">
					Verified licenses and authorizations are checked with the issuing board a year after verification, or by their
					expiry if sooner. A suspended or revoked credential stops counting for matching and the directory at once; the
					therapist sees the reason you give. A suspension can be lifted; a revocation is final.{' '}
					<Link to="/admin/verification" className="text-brand-700 underline">Pending credentials are in the verification queue.</Link>
				</p>
			</header>
			{actionData?.notice ? <Notice tone="success">{actionData.notice}</Notice> : null}
			<FormError id="checks-error" errors={orphanErrors} />

			<section aria-labelledby="due-title" className="space-y-3">
				<h2 id="due-title" className="text-xl font-semibold">Due for a check ({due.length})</h2>
				{due.length === 0 ? <p className="text-slate-700">No check is due today.</p> : null}
				<CredentialList list="due" cards={due} resultFor={resultFor} />
			</section>

			<section aria-labelledby="suspended-title" className="space-y-3">
				<h2 id="suspended-title" className="text-xl font-semibold">Suspended ({suspended.length})</h2>
				{suspended.length === 0 ? <p className="text-slate-700">None.</p> : null}
				<CredentialList list="suspended" cards={suspended} resultFor={resultFor} />
			</section>

			<section aria-labelledby="find-title" className="space-y-3">
				<h2 id="find-title" className="text-xl font-semibold">Find a therapist’s credentials</h2>
				<Form method="get" className="flex flex-wrap items-end gap-3">
					<div className="space-y-1">
						<label htmlFor="q" className="block text-sm font-medium text-slate-900">Name or email</label>
						<input
							id="q"
							name="q"
							defaultValue={search.q}
							aria-invalid={search.error ? true : undefined}
							aria-describedby={search.error ? 'q-error' : undefined}
							className="block w-72 rounded border border-slate-400 px-3 py-2 aria-[invalid]:border-red-700"
						/>
						<ErrorList id="q-error" errors={search.error ? [search.error] : null} />
					</div>
					<button type="submit" className="rounded border border-slate-300 px-3 py-2 hover:bg-slate-100">Find</button>
				</Form>
				{search.results && search.results.length === 0 ? <p className="text-slate-700">No therapist’s name or email matches “{search.q}”.</p> : null}
				<CredentialList list="found" cards={search.results ?? []} resultFor={resultFor} />
			</section>
		</div>
	)
}

function CredentialList({ list, cards, resultFor }: { list: string; cards: AdminCredentialCard[]; resultFor: (list: string, card: AdminCredentialCard) => SubmissionResult<string[]> | undefined }) {
	return (
		<ul className="space-y-4">
			{cards.map((card) => (
				<li key={card.id}>
					<CredentialCard list={list} card={card} lastResult={resultFor(list, card)} />
				</li>
			))}
		</ul>
	)
}

/** One credential and its actions; `list` tells apart the same credential shown in two lists. */
function CredentialCard({ list, card, lastResult }: { list: string; card: AdminCredentialCard; lastResult: SubmissionResult<string[]> | undefined }) {
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: `${list}-${card.id}`,
		lastResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ActionSchema }),
		shouldValidate: 'onSubmit',
	})
	const busy = navigation.state === 'submitting'
	const reasonErrors = fields.reason.errors
	return (
		<article aria-labelledby={`${form.id}-title`} className="space-y-3 rounded border border-slate-200 p-4">
			<div className="flex flex-wrap items-baseline justify-between gap-2">
				<h3 id={`${form.id}-title`} className="font-semibold">{card.heading}</h3>
				<p className="text-sm">
					<span className="font-medium">{card.status}</span>
					{card.due ? <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-amber-900">{card.due}</span> : null}
				</p>
			</div>
			<dl className="grid grid-cols-[10rem_1fr] gap-y-1 text-sm">
				{card.facts.map((fact) => (
					<div key={fact.label} className="contents">
						<dt className="font-medium">{fact.label}</dt>
						<dd className={fact.mono ? 'font-mono' : undefined}>{fact.value}</dd>
					</div>
				))}
			</dl>
			{card.checkLabel || card.actions.length ? (
				<Form method="post" {...getFormProps(form)} className="space-y-2">
					<FormError id={form.errorId} errors={form.errors} />
					<input type="hidden" name="kind" value={card.kind} />
					<input type="hidden" name="id" value={card.id} />
					<input type="hidden" name="list" value={list} />
					{card.checkLabel ? (
						<button type="submit" name="intent" value="checked" disabled={busy} className="rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800">
							{card.checkLabel}<span className="sr-only"> ({card.name})</span>
						</button>
					) : null}
					{card.actions.length ? (
						<>
							<label htmlFor={fields.reason.id} className="block text-sm font-medium">
								Reason (required to {card.actions.map((a) => ACTION_LABELS[a].toLowerCase()).join(' or ')}; the therapist sees it)
							</label>
							<textarea
								id={fields.reason.id}
								name={fields.reason.name}
								defaultValue={typeof fields.reason.initialValue === 'string' ? fields.reason.initialValue : ''}
								key={fields.reason.key}
								rows={2}
								maxLength={REASON_MAX_LENGTH}
								aria-invalid={reasonErrors?.length ? true : undefined}
								aria-describedby={reasonErrors?.length ? fields.reason.errorId : undefined}
								className="block w-full rounded border border-slate-400 px-3 py-2 text-sm aria-[invalid]:border-red-700"
							/>
							<ErrorList id={fields.reason.errorId} errors={reasonErrors} />
							<div className="flex gap-3">
								{card.actions.map((action) => (
									<button
										key={action}
										type="submit"
										name="intent"
										value={action}
										disabled={busy}
										className={action === 'reinstate' ? 'rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100' : 'rounded border border-red-300 px-3 py-1.5 text-sm text-red-900 hover:bg-red-50'}
									>
										{ACTION_LABELS[action]}<span className="sr-only"> {card.name}</span>
									</button>
								))}
							</div>
						</>
					) : null}
				</Form>
			) : null}
		</article>
	)
}

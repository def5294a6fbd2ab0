// Credential checks for platform admins: verified credentials whose board check is due (most
// overdue first), suspended ones, and any therapist's credentials found by name or email. Each can
// be marked checked, suspended, revoked or reinstated, with a reason the therapist sees.
import { getFormProps, type Submission as ConformSubmission, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { Button } from '#app/components/ui/button.tsx'
import { ConfirmAction } from '#app/components/ui/confirm-dialog.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { ErrorList, FormError, Notice } from '#app/components/ui/forms.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pill, type PillTone } from '#app/components/ui/pill.tsx'
import { dateOnly } from '#app/domain/calendar-dates.ts'
import { CREDENTIAL_ACTIONS, type CredentialAction, REASON_MAX_LENGTH } from '#app/domain/therapists/credential-lifecycle.ts'
import { changeCredentialStatus, findCredentials, listDueChecks, listSuspendedCredentials, recordCredentialCheck } from '#app/domain/therapists/credential-lifecycle.server.ts'
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
const CONFIRM_TEXT: Record<CredentialAction, string> = {
	suspend: 'It stops counting for matching and the directory at once, until you reinstate it.',
	revoke: 'It stops counting for matching and the directory at once. A revocation is final: it cannot be reinstated.',
	reinstate: 'It counts for matching and the directory again from now.',
}
const STATUS_TONES: Partial<Record<string, PillTone>> = { Verified: 'success', Suspended: 'warning', Revoked: 'danger', 'Waiting for verification': 'info', Rejected: 'danger' }
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
	const orphanErrors =
		actionData && !submittedId && actionData.result.error
			? Object.values(actionData.result.error)
					.flat()
					.filter((e): e is string => Boolean(e))
			: null
	const submittedList = actionData?.result.initialValue?.list
	const resultFor = (list: string, card: AdminCredentialCard) => (submittedId === card.id && submittedList === list ? actionData?.result : undefined)
	return (
		<div className="mx-auto max-w-4xl space-y-10 px-4 py-12">
			<PageHeader
				title="Credential checks"
				description={
					<p>
						Verified licenses and authorizations are checked with the issuing board a year after verification, or by their expiry if sooner. A suspended or revoked credential stops counting for
						matching and the directory at once; the therapist sees the reason you give. A suspension can be lifted; a revocation is final.{' '}
						<Link to="/admin/verification" className="text-brand-700 underline">
							Pending credentials are in the verification queue.
						</Link>
					</p>
				}
			/>
			{actionData?.notice ? <Notice tone="success">{actionData.notice}</Notice> : null}
			<FormError id="checks-error" errors={orphanErrors} />

			<section aria-labelledby="due-title" className="space-y-3">
				<h2 id="due-title" className="text-xl font-semibold">
					Due for a check ({due.length})
				</h2>
				{due.length === 0 ? <EmptyState title="No check is due today" /> : null}
				<CredentialList list="due" cards={due} resultFor={resultFor} />
			</section>

			<section aria-labelledby="suspended-title" className="space-y-3">
				<h2 id="suspended-title" className="text-xl font-semibold">
					Suspended ({suspended.length})
				</h2>
				{suspended.length === 0 ? <EmptyState title="No credential is suspended" /> : null}
				<CredentialList list="suspended" cards={suspended} resultFor={resultFor} />
			</section>

			<section aria-labelledby="find-title" className="space-y-3">
				<h2 id="find-title" className="text-xl font-semibold">
					Find a therapist’s credentials
				</h2>
				<Form method="get" className="flex flex-wrap items-end gap-3">
					<div className="min-w-0 max-w-full space-y-1">
						<label htmlFor="q" className="block text-sm font-medium text-slate-900">
							Name or email
						</label>
						<input
							id="q"
							name="q"
							defaultValue={search.q}
							aria-invalid={search.error ? true : undefined}
							aria-describedby={search.error ? 'q-error' : undefined}
							className="block w-72 max-w-full rounded border border-slate-400 px-3 py-2 aria-[invalid]:border-red-700"
						/>
						<ErrorList id="q-error" errors={search.error ? [search.error] : null} />
					</div>
					<Button type="submit" variant="secondary">
						Find
					</Button>
				</Form>
				{search.results && search.results.length === 0 ? <EmptyState title="Nobody found">No therapist’s name or email matches “{search.q}”.</EmptyState> : null}
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
		<article aria-labelledby={`${form.id}-title`} className="min-w-0 space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
			<div className="flex flex-wrap items-start justify-between gap-2">
				<h3 id={`${form.id}-title`} className="min-w-0 break-words font-semibold">
					{card.heading}
				</h3>
				<p className="flex flex-wrap gap-2">
					<Pill tone={STATUS_TONES[card.status] ?? 'neutral'}>{card.status}</Pill>
					{card.due ? <Pill tone="warning">{card.due}</Pill> : null}
				</p>
			</div>
			<dl className="grid grid-cols-1 gap-y-1 text-sm [overflow-wrap:anywhere] sm:grid-cols-[10rem_minmax(0,1fr)]">
				{card.facts.map((fact) => (
					<div key={fact.label} className="contents">
						<dt className="font-medium">{fact.label}</dt>
						<dd className={fact.mono ? 'font-mono' : undefined}>{fact.value}</dd>
					</div>
				))}
			</dl>
			<FormError id={form.errorId} errors={form.errors} />
			<ErrorList id={fields.reason.errorId} errors={reasonErrors} />
			{card.checkLabel || card.actions.length ? (
				<div className="flex flex-wrap gap-3">
					{card.checkLabel ? (
						<Form method="post" {...getFormProps(form)}>
							<input type="hidden" name="kind" value={card.kind} />
							<input type="hidden" name="id" value={card.id} />
							<input type="hidden" name="list" value={list} />
							<Button type="submit" name="intent" value="checked" size="sm" disabled={busy}>
								{card.checkLabel}
								<span className="sr-only"> ({card.name})</span>
							</Button>
						</Form>
					) : null}
					{card.actions.map((action) => (
						<ConfirmAction
							key={action}
							trigger={
								<>
									{ACTION_LABELS[action]}
									<span className="sr-only"> {card.name}</span>
								</>
							}
							triggerVariant={action === 'reinstate' ? 'secondary' : 'danger-outline'}
							triggerSize="sm"
							title={`${ACTION_LABELS[action]} ${card.heading}?`}
							description={CONFIRM_TEXT[action]}
							confirmLabel={ACTION_LABELS[action]}
							confirmVariant={action === 'reinstate' ? 'primary' : 'danger'}
							fields={{ kind: card.kind, id: card.id, list, intent: action }}
						>
							<div className="space-y-1">
								<label htmlFor={`${form.id}-${action}-reason`} className="block text-sm font-medium">
									Reason (the therapist sees it)
								</label>
								<textarea id={`${form.id}-${action}-reason`} name="reason" rows={3} maxLength={REASON_MAX_LENGTH} className="block w-full rounded border border-slate-400 px-3 py-2 text-sm" />
							</div>
						</ConfirmAction>
					))}
				</div>
			) : null}
		</article>
	)
}

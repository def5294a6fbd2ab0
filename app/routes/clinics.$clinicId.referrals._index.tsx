// A clinic's referrals, found by patient or reference and filtered by status, 25 a page; each row
// names its patient and reference, shows its status, and leads to its page and its suggested
// therapists. A draft says what it still needs to be posted. A new referral starts here.
import { getFormProps, getInputProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useLocation } from '@remix-run/react'
import { type z } from 'zod'
import { ButtonLink } from '#app/components/ui/button.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { ErrorList } from '#app/components/ui/forms.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pill } from '#app/components/ui/pill.tsx'
import { type Column, ResponsiveTable } from '#app/components/ui/responsive-table.tsx'
import { getClinic } from '#app/domain/clinics/clinics.server.ts'
import { PHASES, REFERRAL_FORMATS, stateName } from '#app/domain/reference/index.ts'
import { readReferralSearch, REFERRAL_SEARCH_MAX_LENGTH, ReferralSearchSchema, showingText, statusTone } from '#app/domain/referrals/referral-list.ts'
import { listClinicReferrals } from '#app/domain/referrals/referrals.server.ts'
import { REFERRAL_STATUS_LABELS as STATUS_LABELS, REFERRAL_STATUSES, type ReferralStatus } from '#app/domain/referrals/statuses.ts'
import { requireClinicMember } from '#app/utils/permissions.server.ts'
import { routeParam } from '#app/utils/invariant.ts'
import { dateTimeFormat } from '#app/utils/intl.ts'

const NOT_GIVEN = 'Not given yet'

export const meta: MetaFunction = () => [{ title: 'Referrals — Tandem' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const auth = await requireClinicMember(request, routeParam(params, 'clinicId'))
	const clinic = await getClinic(routeParam(params, 'clinicId'))
	if (!clinic) throw new Response('Not found', { status: 404 })
	const url = new URL(request.url)
	// A search the schema refuses is named beside its field, and the list is shown without it.
	const submission = parseWithZod(url.searchParams, { schema: ReferralSearchSchema })
	const asked = submission.status === 'success' ? submission.value : {}
	const status: ReferralStatus | null = asked.status ?? null
	const search = readReferralSearch(asked.q)
	const { referrals, counts, window } = await listClinicReferrals(clinic.id, { status, search, page: url.searchParams.get('page'), viewer: { kind: 'user', userId: auth.user.id } })
	const when = dateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: clinic.timeZone })
	return data(
		{
			clinic: { id: clinic.id, name: clinic.name },
			result: submission.reply() as SubmissionResult<string[]>,
			status,
			q: search?.text ?? '',
			counts,
			window: { ...window, showing: showingText(window) },
			referrals: referrals.map((r) => ({
				id: r.id,
				reference: r.reference,
				patientName: r.patientName,
				status: r.status,
				tone: statusTone(r.status),
				urgent: r.urgency === 'urgent',
				firstDosing: r.firstDosingAt ? when.format(r.firstDosingAt) : NOT_GIVEN,
				patientIn: r.patientState ? stateName(r.patientState) : NOT_GIVEN,
				support: [r.phases.map((p) => PHASES.label(p)).join(', '), r.format ? REFERRAL_FORMATS.label(r.format) : null].filter(Boolean).join(' · ') || NOT_GIVEN,
				needs: r.needs,
			})),
		},
		{ headers: { 'Cache-Control': 'no-store' } },
	)
}

type Row = Awaited<ReturnType<typeof loader>>['data']['referrals'][number]

const COLUMNS: Column<Row>[] = [
	{
		header: 'Referral',
		primary: true,
		cell: (r) => (
			<Link className="font-medium text-brand-800 underline underline-offset-4" to={r.id}>
				{r.patientName} <span className="whitespace-nowrap">· {r.reference}</span>
			</Link>
		),
	},
	{
		header: 'Status',
		cell: (r) => (
			<span className="inline-flex flex-wrap items-center gap-1">
				<Pill tone={r.tone}>{STATUS_LABELS[r.status]}</Pill>
				{r.urgent ? <Pill tone="warning">Urgent</Pill> : null}
				{r.needs.length ? <span className="block w-full text-xs text-amber-900">Still needed to post: {r.needs.join(', ')}</span> : null}
			</span>
		),
	},
	{ header: 'First dosing session', cell: (r) => r.firstDosing },
	{ header: 'Patient in', cell: (r) => r.patientIn },
	{ header: 'Support needed', cell: (r) => r.support },
	{
		header: 'Actions',
		hideHeader: true,
		cell: (r) =>
			r.needs.length ? null : (
				<Link className="font-medium text-brand-800 underline underline-offset-4" to={`${r.id}/matches`}>
					Suggested therapists
					<span className="sr-only">
						{' '}
						for {r.patientName}, {r.reference}
					</span>
				</Link>
			),
	},
]

/** The search box: a GET form, so a search is an address; the loader's parse comes back as its last result. */
function SearchForm({ result, status, q }: { result: SubmissionResult<string[]>; status: ReferralStatus | null; q: string }) {
	const [form, fields] = useForm<z.input<typeof ReferralSearchSchema>>({ id: 'referral-search', lastResult: result, shouldValidate: 'onSubmit' })
	const invalid = Boolean(fields.q.errors?.length)
	return (
		<Form method="get" role="search" {...getFormProps(form)} className="flex flex-wrap items-end gap-3">
			<div className="min-w-0 flex-1 space-y-1 sm:max-w-md">
				<label htmlFor={fields.q.id} className="block text-sm font-medium text-slate-900">
					Find a referral
				</label>
				<input
					{...getInputProps(fields.q, { type: 'search', ariaAttributes: false })}
					maxLength={REFERRAL_SEARCH_MAX_LENGTH}
					aria-invalid={invalid ? true : undefined}
					aria-describedby={[`${fields.q.id}-hint`, invalid ? fields.q.errorId : null].filter(Boolean).join(' ')}
					className="block w-full rounded border border-slate-400 px-3 py-2 text-slate-900 aria-[invalid]:border-red-700"
				/>
				<p id={`${fields.q.id}-hint`} className="text-sm text-slate-700">
					The patient’s name, or the reference (R-XUPU78).
				</p>
				<ErrorList id={fields.q.errorId} errors={fields.q.errors} />
			</div>
			{status ? <input type="hidden" name="status" value={status} /> : null}
			<div className="flex gap-2 pb-6">
				<button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
					Search
				</button>
				{q ? (
					<Link to={status ? `?status=${status}` : '.'} className="self-center text-sm text-brand-800 underline underline-offset-4">
						Clear
					</Link>
				) : null}
			</div>
		</Form>
	)
}

export default function ClinicReferrals() {
	const { clinic, result, status, q, counts, window, referrals } = useLoaderData<typeof loader>()
	const location = useLocation()
	const statusErrors = result.error?.status ?? null
	const href = (changes: { status?: string | null; page?: number | null }) => {
		const params = new URLSearchParams()
		if (q) params.set('q', q)
		const s = changes.status === undefined ? status : changes.status
		if (s) params.set('status', s)
		if (changes.page && changes.page > 1) params.set('page', String(changes.page))
		const query = params.toString()
		return query ? `?${query}` : '.'
	}
	const filterClass =
		'inline-block rounded-full border border-slate-300 px-3 py-1 hover:bg-slate-100 aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-700 aria-[current=page]:text-white'
	return (
		<div className="mx-auto max-w-5xl space-y-6 px-4 py-8 sm:py-12">
			<PageHeader eyebrow={clinic.name} title="Referrals" actions={<ButtonLink to="new">New referral</ButtonLink>} />

			<SearchForm key={location.search} result={result} status={status} q={q} />

			{statusErrors ? (
				<p id="status-error" role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
					{statusErrors.join(' ')}
				</p>
			) : null}
			<nav aria-label="Filter by status" aria-describedby={statusErrors ? 'status-error' : undefined}>
				<ul className="flex flex-wrap gap-2 text-sm">
					<li>
						<Link to={href({ status: null, page: null })} aria-current={status === null ? 'page' : undefined} className={filterClass}>
							All
						</Link>
					</li>
					{REFERRAL_STATUSES.map((s) => (
						<li key={s}>
							<Link to={href({ status: s, page: null })} aria-current={status === s ? 'page' : undefined} className={filterClass}>
								{STATUS_LABELS[s]} ({counts[s] ?? 0})
							</Link>
						</li>
					))}
				</ul>
			</nav>

			{window.adjusted && window.total > 0 ? (
				<p role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
					There is no such page; this is page {window.page}, the last.
				</p>
			) : null}

			{referrals.length === 0 ? (
				<EmptyState
					title={q ? `No referral matches “${q}”` : status ? `No referrals with the status ${STATUS_LABELS[status].toLowerCase()}` : 'No referrals yet'}
					action={
						q || status ? (
							<ButtonLink variant="secondary" to=".">
								Show every referral
							</ButtonLink>
						) : (
							<ButtonLink to="new">New referral</ButtonLink>
						)
					}
				>
					{q ? 'Search by the patient’s first or last name, or by the reference (R- and six letters or digits).' : null}
				</EmptyState>
			) : (
				<>
					<p className="text-sm text-slate-700" aria-live="polite">
						{window.showing}
					</p>
					<ResponsiveTable caption="Referrals, soonest first dosing session first" columns={COLUMNS} rows={referrals} rowKey={(r) => r.id} />
					{window.pages > 1 ? (
						<nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 text-sm">
							{window.previous ? (
								<Link to={href({ page: window.previous })} rel="prev" className="font-medium text-brand-800 underline underline-offset-4">
									<span aria-hidden="true">← </span>Previous page
								</Link>
							) : (
								<span />
							)}
							<span className="text-slate-700">
								Page {window.page} of {window.pages}
							</span>
							{window.next ? (
								<Link to={href({ page: window.next })} rel="next" className="font-medium text-brand-800 underline underline-offset-4">
									Next page<span aria-hidden="true"> →</span>
								</Link>
							) : (
								<span />
							)}
						</nav>
					) : null}
				</>
			)}
		</div>
	)
}

// The partner directory: a clinic member finds integration therapists before any
// particular patient — who can see patients in a state, by format, phase, approach, focus,
// language, payment, training — and builds the clinic's standing network from their profiles.
// The search lives in the URL (a GET form, parsed by the loader with the directory's schema), so it
// can be bookmarked and shared; pages link on. A refused parameter is named beside its field.
// Blocked therapists never appear in results; the clinic's partners and blocks are listed beside
// them, so a block can always be undone.
import { type FieldMetadata, getCollectionProps, getFormProps, getInputProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData, useLocation, useNavigation } from '@remix-run/react'
import { Avatar } from '#app/components/ui/avatar.tsx'
import { Button, ButtonLink } from '#app/components/ui/button.tsx'
import { SelectField, TextField } from '#app/components/ui/conform-fields.tsx'
import { ErrorList } from '#app/components/ui/forms.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pill } from '#app/components/ui/pill.tsx'
import { getClinic } from '#app/domain/clinics/clinics.server.ts'
import { listStandings } from '#app/domain/clinics/partners.server.ts'
import {
	DEFAULT_DIRECTORY_QUERY,
	describeStates,
	DIRECTORY_DEFAULT_RADIUS,
	DIRECTORY_MAX_RADIUS,
	directorySearchParams,
	DirectorySearchSchema,
	explainEmpty,
	parametersOf,
	readDirectorySearch,
	resultsTitle,
} from '#app/domain/directory/directory-query.ts'
import { searchDirectory } from '#app/domain/directory/directory.server.ts'
import { FOCUS_AREAS, FORMATS, LANGUAGES, languageLabel, MODALITIES, PAYERS, PHASES, STATES, stateName } from '#app/domain/reference/index.ts'
import { requireClinicMember } from '#app/utils/permissions.server.ts'
import { routeParam } from '#app/utils/invariant.ts'

export const meta: MetaFunction = () => [{ title: 'Find therapists — Tandem' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireClinicMember(request, routeParam(params, 'clinicId'))
	const clinic = await getClinic(routeParam(params, 'clinicId'))
	if (!clinic) throw new Response('Not found', { status: 404 })
	const url = new URL(request.url)
	const searchParams = new URLSearchParams(url.searchParams)
	// The form always sends a radius; it means something only for an in-person search.
	if (searchParams.get('format') !== 'in_person') searchParams.delete('radius')
	const submission = parseWithZod(searchParams, { schema: DirectorySearchSchema, disableAutoCoercion: true })
	// The form sends every field, empty ones too: a search's address is its canonical one, to bookmark and share.
	if (submission.status === 'success') {
		const canonical = directorySearchParams(submission.value).toString()
		if (canonical !== url.searchParams.toString()) throw redirect(`${url.pathname}${canonical ? `?${canonical}` : ''}`)
	}
	const query = submission.status === 'success' ? submission.value : DEFAULT_DIRECTORY_QUERY
	const [result, standings] = await Promise.all([submission.status === 'success' ? searchDirectory(clinic, query) : null, listStandings(clinic.id)])
	const pages = result ? Math.max(1, Math.ceil(result.total / result.pageSize)) : 0
	const refused = submission.status === 'error' ? (submission.error ?? {}) : {}
	const problems = Object.entries(refused).flatMap(([parameter, messages]) => (messages ?? []).map((message) => ({ parameter, message })))
	return {
		clinic: { id: clinic.id, name: clinic.name, city: clinic.city, state: clinic.state },
		query,
		search: searchReply(submission.reply(), searchParams),
		problems,
		result: result && {
			total: result.total,
			page: result.page,
			pages,
			therapists: result.therapists,
			emptyReason: result.funnel ? explainEmpty(result.network, result.funnel) : null,
		},
		links: {
			previous: result && result.page > 1 ? `?${directorySearchParams(query, { page: Math.min(result.page - 1, pages) })}` : null,
			next: result && result.page < pages ? `?${directorySearchParams(query, { page: result.page + 1 })}` : null,
		},
		standings,
	}
}

/**
 * The form's last result: the search as it was read (canonical values, the known ones of a list
 * that also named unknown ones), and what was typed where a parameter was refused.
 */
function searchReply(reply: SubmissionResult<string[]>, searchParams: URLSearchParams): SubmissionResult<string[]> {
	const raw = parametersOf(searchParams)
	const { query, problems } = readDirectorySearch(raw)
	const shown: Record<string, string | string[]> = parametersOf(directorySearchParams(query, { page: 1 }))
	for (const { parameter } of problems) if (Object.hasOwn(raw, parameter) && !['phase', 'modality', 'focus', 'language'].includes(parameter)) shown[parameter] = raw[parameter]!
	return { ...reply, initialValue: shown }
}

const FORM = 'directory'

type SearchFields = {
	[K in 'state' | 'format' | 'radius' | 'phase' | 'modality' | 'focus' | 'language' | 'payer' | 'maxRate' | 'minKapHours' | 'name' | 'accepting' | 'partners' | 'supervised' | 'sort']: K extends
		'phase' | 'modality' | 'focus' | 'language'
		? string[]
		: string
}

function Checks({ meta, legend, options }: { meta: FieldMetadata<string[]>; legend: string; options: readonly { value: string; label: string }[] }) {
	const selected = [meta.initialValue ?? []].flat()
	const invalid = Boolean(meta.errors?.length)
	const labels = new Map(options.map((o) => [o.value, o.label]))
	return (
		<details open={selected.length > 0 || invalid} className="rounded border border-slate-200 p-3">
			<summary className="cursor-pointer text-sm font-medium text-slate-900">
				{legend}
				{selected.length ? ` (${selected.length} chosen)` : ''}
			</summary>
			<fieldset className="mt-2 space-y-1" aria-describedby={invalid ? meta.errorId : undefined}>
				<legend className="sr-only">{legend}</legend>
				{getCollectionProps(meta, { type: 'checkbox', options: options.map((o) => o.value), ariaAttributes: false }).map(({ key, ...props }) => (
					<label key={key} className="flex items-center gap-2 text-sm">
						<input {...props} />
						{labels.get(props.value)}
					</label>
				))}
			</fieldset>
			<ErrorList id={meta.errorId} errors={meta.errors} />
		</details>
	)
}

const vocabularyOptions = (v: { entries: readonly { slug: string; label: string }[] }) => v.entries.map((e) => ({ value: e.slug, label: e.label }))

function SearchForm({ lastResult, busy }: { lastResult: SubmissionResult<string[]>; busy: boolean }) {
	// A GET form: the loader parses the address, and its result comes back here; nothing is checked before sending.
	const [form, fields] = useForm<SearchFields>({ id: FORM, lastResult, shouldValidate: 'onSubmit' })
	const format = fields.format
	const formatInvalid = Boolean(format.errors?.length)
	return (
		<Form method="get" role="search" aria-label="Search the directory" {...getFormProps(form)} className="space-y-4">
			<SelectField meta={fields.state} label="Patient located in" placeholder="Any state" options={STATES.map((s) => ({ value: s.code, label: s.name }))} />
			<fieldset className="space-y-2" aria-describedby={formatInvalid ? format.errorId : undefined}>
				<legend className="text-sm font-medium text-slate-900">Format</legend>
				{[{ value: '', label: 'Telehealth or in person' }, ...vocabularyOptions(FORMATS)].map((o) => (
					<label key={o.value} className="flex items-center gap-2 text-sm">
						<input type="radio" name={format.name} form={form.id} value={o.value} defaultChecked={(format.initialValue ?? '') === o.value} />
						{o.value === 'in_person' ? 'In person, near the clinic' : o.label}
					</label>
				))}
				<ErrorList id={format.errorId} errors={format.errors} />
			</fieldset>
			<TextField
				meta={fields.radius}
				type="number"
				inputMode="numeric"
				label="In person within (miles)"
				hint={`For in-person searches; ${DIRECTORY_DEFAULT_RADIUS} miles unless you say.`}
				min={1}
				max={DIRECTORY_MAX_RADIUS}
			/>
			<Checks meta={fields.phase} legend="Phases (all of them)" options={vocabularyOptions(PHASES)} />
			<Checks meta={fields.modality} legend="Approaches (any of them)" options={vocabularyOptions(MODALITIES)} />
			<Checks meta={fields.focus} legend="Focus areas (any of them)" options={vocabularyOptions(FOCUS_AREAS)} />
			<Checks meta={fields.language} legend="Languages (any of them)" options={LANGUAGES.map((l) => ({ value: l.code, label: l.label }))} />
			<SelectField meta={fields.payer} label="Takes insurance" placeholder="Any, or none" options={vocabularyOptions(PAYERS)} />
			<TextField meta={fields.maxRate} type="number" inputMode="numeric" min={0} label="Or self-pay up to ($ per session)" hint="A sliding scale counts." />
			<TextField meta={fields.minKapHours} type="number" inputMode="numeric" min={0} label="KAP training, at least (hours)" />
			<TextField meta={fields.name} label="Name" maxLength={100} />
			<label className="flex items-center gap-2 text-sm">
				<input {...getInputProps(fields.accepting, { type: 'checkbox', value: 'true' })} />
				Only those accepting new referrals
			</label>
			<label className="flex items-center gap-2 text-sm">
				<input {...getInputProps(fields.partners, { type: 'checkbox', value: 'only' })} />
				Only our preferred partners
			</label>
			<label className="flex items-center gap-2 text-sm">
				<input {...getInputProps(fields.supervised, { type: 'checkbox', value: 'include' })} />
				Count supervised (associate) licences too
			</label>
			<SelectField
				meta={fields.sort}
				label="Sort by"
				placeholder="Relevance"
				options={[
					{ value: 'training', label: 'KAP training' },
					{ value: 'distance', label: 'Distance (in person)' },
				]}
			/>
			<div className="flex flex-wrap gap-3">
				<Button type="submit" disabled={busy}>
					Search
				</Button>
				<ButtonLink to="." variant="secondary">
					Clear filters
				</ButtonLink>
			</div>
		</Form>
	)
}

type Row = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['result']>['therapists'][number]

function TherapistCard({ t }: { t: Row }) {
	const fees = [
		t.selfPayRate !== null ? `$${t.selfPayRate} self-pay` : null,
		t.slidingScale ? 'sliding scale' : null,
		t.insurancePayers.length ? `insurance: ${t.insurancePayers.map(PAYERS.label).join(', ')}` : null,
	].filter(Boolean)
	return (
		<li className="min-w-0 space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
			<div className="flex flex-wrap items-start justify-between gap-2">
				<div className="flex min-w-0 items-center gap-3">
					<Avatar name={t.fullName} size="sm" />
					<h3 className="min-w-0 text-lg font-semibold [overflow-wrap:anywhere]">
						<Link to={`/therapists/${t.id}`} className="text-brand-800 underline">
							{t.fullName}
						</Link>
						<span className="ml-2 text-sm font-normal text-slate-700">{t.credentials}</span>
					</h3>
				</div>
				<p className="flex flex-wrap gap-2">
					{t.partner ? <Pill tone="info">Our partner</Pill> : null}
					<Pill tone={t.accepting ? 'success' : 'neutral'}>{t.accepting ? 'Accepting referrals' : 'Not accepting'}</Pill>
				</p>
			</div>
			<dl className="grid gap-x-6 gap-y-1 text-sm [overflow-wrap:anywhere] sm:grid-cols-2">
				<div>
					<dt className="inline font-medium">Can see patients in: </dt>
					<dd className="inline">{describeStates(t.canSeeStates.map(stateName))}</dd>
				</div>
				{t.inSessionStates.length ? (
					<div>
						<dt className="inline font-medium">In-session support at clinics in: </dt>
						<dd className="inline">{describeStates(t.inSessionStates.map(stateName))}</dd>
					</div>
				) : null}
				<div>
					<dt className="inline font-medium">Formats: </dt>
					<dd className="inline">
						{t.formats.map(FORMATS.label).join(', ') || 'Not given'}
						{t.office ? ` (office in ${t.office.city}, ${t.office.state}${t.miles !== null ? `, ${t.miles} miles away` : ''})` : ''}
					</dd>
				</div>
				<div>
					<dt className="inline font-medium">Phases: </dt>
					<dd className="inline">{t.phases.map(PHASES.label).join(', ') || 'Not given'}</dd>
				</div>
				<div>
					<dt className="inline font-medium">Approaches: </dt>
					<dd className="inline">{t.modalities.map(MODALITIES.label).join(', ') || 'Not given'}</dd>
				</div>
				<div>
					<dt className="inline font-medium">Languages: </dt>
					<dd className="inline">{t.languages.map(languageLabel).join(', ')}</dd>
				</div>
				<div>
					<dt className="inline font-medium">KAP training: </dt>
					<dd className="inline">{t.kapTrainingHours ? `${t.kapTrainingHours} hours` : 'none listed'}</dd>
				</div>
				<div className="sm:col-span-2">
					<dt className="inline font-medium">Fees: </dt>
					<dd className="inline">{fees.join('; ') || 'Not given'}</dd>
				</div>
			</dl>
		</li>
	)
}

function StandingList({ title, people, none }: { title: string; people: { id: string; fullName: string }[]; none: string }) {
	return (
		<div className="min-w-0">
			<h3 className="font-medium">
				{title} ({people.length})
			</h3>
			{people.length ? (
				<ul className="mt-1 space-y-1">
					{people.map((t) => (
						<li key={t.id} className="[overflow-wrap:anywhere]">
							<Link to={`/therapists/${t.id}`} className="text-brand-800 underline">
								{t.fullName}
							</Link>
						</li>
					))}
				</ul>
			) : (
				<p className="text-slate-700">{none}</p>
			)}
		</div>
	)
}

export default function Directory() {
	const { clinic, query, search, problems, result, links, standings } = useLoaderData<typeof loader>()
	const title = result ? resultsTitle(query, result.total) : null
	const navigation = useNavigation()
	const location = useLocation()
	// Problems with parameters the form has no field for (a hand-made address): named, so they can be found.
	const withoutField = problems.filter((p) => !['state', 'format', 'radius', 'phase', 'modality', 'focus', 'language', 'payer', 'maxRate', 'minKapHours', 'name', 'sort'].includes(p.parameter))
	return (
		<div className="mx-auto max-w-6xl space-y-6 px-4 py-12">
			<PageHeader
				eyebrow={clinic.name}
				title="Find integration therapists"
				description={<p className="max-w-prose">Search the network before any particular patient, and keep the therapists you trust as your clinic’s partners.</p>}
				actions={
					<nav aria-label="More about the network" className="flex flex-wrap gap-2">
						<ButtonLink to={`/clinics/${clinic.id}/coverage`} variant="secondary" size="sm">
							Coverage map
						</ButtonLink>
						<ButtonLink to="invite" variant="secondary" size="sm">
							Invite a therapist
						</ButtonLink>
					</nav>
				}
			/>
			<div className="grid gap-8 lg:grid-cols-[18rem_minmax(0,1fr)]">
				<aside className="min-w-0 space-y-6">
					<SearchForm key={location.search} lastResult={search} busy={navigation.state === 'loading'} />
					<section aria-labelledby="network-title" className="space-y-3 text-sm">
						<h2 id="network-title" className="text-base font-semibold">
							Your network
						</h2>
						<StandingList title="Partners" people={standings.partners} none="None yet: add one from a therapist’s profile." />
						<StandingList title="Blocked" people={standings.blocked} none="Nobody. Blocked therapists are left out of your searches and your referrals’ matching." />
					</section>
				</aside>
				<section aria-labelledby="results-title" aria-busy={navigation.state === 'loading'} className="min-w-0 space-y-4">
					<h2 id="results-title" className="text-lg font-semibold">
						{title ? title.title : 'Results'}
					</h2>
					{title?.note ? <p className="text-sm text-slate-700">{title.note}</p> : null}
					{problems.length ? (
						<div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
							<p>Fix the search to see results:</p>
							<ul className="list-disc pl-5">
								{problems.map((p) => (
									<li key={p.parameter + p.message}>{withoutField.includes(p) ? `${p.parameter}: ${p.message}` : p.message}</li>
								))}
							</ul>
						</div>
					) : null}
					{result?.emptyReason ? (
						<p role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-amber-950">
							{result.emptyReason}
						</p>
					) : null}
					{result && result.therapists.length === 0 && !result.emptyReason ? (
						<p role="status">
							There are only {result.pages} {result.pages === 1 ? 'page' : 'pages'} of results.{' '}
							<Link to={`?${directorySearchParams(query, { page: 1 })}`} className="text-brand-800 underline">
								Go to the first page
							</Link>
							.
						</p>
					) : null}
					{result?.therapists.length ? (
						<ol className="space-y-3" aria-label="Therapists">
							{result.therapists.map((t) => (
								<TherapistCard key={t.id} t={t} />
							))}
						</ol>
					) : null}
					{result && result.pages > 1 ? (
						<nav aria-label="Pages" className="flex items-center justify-between gap-4 text-sm">
							{links.previous ? (
								<ButtonLink to={links.previous} rel="prev" variant="secondary" size="sm">
									Previous page
								</ButtonLink>
							) : (
								<span />
							)}
							<span>
								Page {result.page} of {result.pages.toLocaleString('en-US')}
							</span>
							{links.next ? (
								<ButtonLink to={links.next} rel="next" variant="secondary" size="sm">
									Next page
								</ButtonLink>
							) : (
								<span />
							)}
						</nav>
					) : null}
				</section>
			</div>
		</div>
	)
}

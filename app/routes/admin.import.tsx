// Platform admins import a therapist network from CSV: the same checks and report as
// `npm run admin -- import-therapists` (docs/product.md §8.1), all or nothing, with a dry run.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, useActionData, useNavigation } from '@remix-run/react'
import { Card } from '#app/components/ui/card.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { FormError, Notice, SubmitButton } from '#app/components/ui/forms.tsx'
import { formatIssue, NETWORK_CSV_MAX_BYTES as MAX_BYTES } from '#app/domain/therapists/network-csv.ts'
import { importNetwork, type ImportReport } from '#app/domain/therapists/network-import.server.ts'
import { requireAdmin } from '#app/utils/permissions.server.ts'
import { importReportText } from '#app/domain/therapists/import-report.ts'

export const meta: MetaFunction = () => [{ title: 'Import therapists — Tandem' }]

const SHOWN_ISSUES = 200

type ActionData = { report: ImportReport | null; issues: string[]; moreIssues: number; error: string | null; field?: string }

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAdmin(request)
	return null
}

export async function action({ request }: ActionFunctionArgs) {
	const auth = await requireAdmin(request)
	const refuse = (error: string, status: number) => data<ActionData>({ report: null, issues: [], moreIssues: 0, error, field: 'file' }, { status })
	if (Number(request.headers.get('Content-Length') ?? 0) > MAX_BYTES + 64 * 1024) return refuse('The file is larger than 5 MB; split it and import the parts one after another.', 413)
	let form: FormData
	try {
		form = await request.formData()
	} catch {
		return refuse('Choose a CSV file to import.', 400)
	}
	const file = form.get('file')
	if (!(file instanceof File) || file.size === 0) return refuse('Choose a CSV file to import.', 400)
	if (file.size > MAX_BYTES) return refuse('The file is larger than 5 MB; split it and import the parts one after another.', 413)
	const text = new TextDecoder('utf-8', { fatal: false }).decode(await file.arrayBuffer())
	if (text.includes('\uFFFD')) return refuse('The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.', 400)

	const result = await importNetwork(text, { dryRun: form.get('dryRun') === 'on', actorId: auth.user.id })
	if (!result.ok) {
		return data<ActionData>(
			{ report: null, issues: result.issues.slice(0, SHOWN_ISSUES).map(formatIssue), moreIssues: Math.max(0, result.issues.length - SHOWN_ISSUES), error: null },
			{ status: 422 },
		)
	}
	return data<ActionData>({ report: result.report, issues: [], moreIssues: 0, error: null })
}

export default function ImportTherapists() {
	const actionData = useActionData<typeof action>() as ActionData | undefined
	const navigation = useNavigation()
	const report = actionData?.report
	return (
		<div className="mx-auto max-w-3xl space-y-8 px-4 py-12">
			<PageHeader
				title="Import therapists"
				description={
					<p>
						A CSV file with one therapist per row, in the format of the network import (docs/product.md §8.1; a sample is in <code className="break-all">docs/sample-therapists.csv</code>).
						Therapists are matched by email: new ones are added and emailed a link to choose a password, existing ones are updated. The whole file is imported, or nothing.
					</p>
				}
			/>

			{report ? (
				<Notice tone="success">{importReportText(report)}</Notice>
			) : null}
			<FormError id="import-error" errors={actionData?.error ? [actionData.error] : null} />
			{actionData?.issues.length ? (
				<section aria-labelledby="issues-title" className="space-y-2 rounded border border-red-300 bg-red-50 p-4 text-red-900">
					<h2 id="issues-title" className="font-semibold">
						Nothing was imported. Fix these problems and try again:
					</h2>
					<ul className="list-disc space-y-1 pl-5 text-sm">
						{actionData.issues.map((issue) => (
							<li key={issue} className="[overflow-wrap:anywhere]">
								{issue}
							</li>
						))}
					</ul>
					{actionData.moreIssues ? <p className="text-sm">… and {actionData.moreIssues} more.</p> : null}
				</section>
			) : null}

			<Card title="Upload a file">
			<Form method="post" encType="multipart/form-data" className="space-y-5">
				<div className="space-y-1">
					<label htmlFor="file" className="block text-sm font-medium text-slate-900">
						CSV file (UTF-8, at most 5 MB)
					</label>
					<input id="file" name="file" type="file" accept=".csv,text/csv" required className="block w-full text-sm" />
				</div>
				<label className="flex items-center gap-2 text-sm">
					<input type="checkbox" name="dryRun" defaultChecked />
					Dry run: check the file and report, without changing anything
				</label>
				<SubmitButton pending={navigation.state === 'submitting'}>Check and import</SubmitButton>
			</Form>
			</Card>
		</div>
	)
}

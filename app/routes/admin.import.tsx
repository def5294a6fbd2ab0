// Platform admins import a therapist network from CSV: the same checks and report as
// `npm run admin -- import-therapists` (docs/product.md §8.1), all or nothing, with a dry run.
import { getFormProps, getInputProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, useActionData, useNavigation } from '@remix-run/react'
import { Card } from '#app/components/ui/card.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { ErrorList, FormError, Notice, SubmitButton } from '#app/components/ui/forms.tsx'
import { FILE_TOO_LARGE, NETWORK_CSV_MAX_BYTES as MAX_BYTES, NetworkImportSchema, NO_FILE } from '#app/domain/therapists/import-schemas.ts'
import { formatIssue } from '#app/domain/therapists/network-csv.ts'
import { importNetwork, type ImportReport } from '#app/domain/therapists/network-import.server.ts'
import { requireAdmin } from '#app/utils/permissions.server.ts'
import { importReportText } from '#app/domain/therapists/import-report.ts'

export const meta: MetaFunction = () => [{ title: 'Import therapists — Tandem' }]

const SHOWN_ISSUES = 200

type ActionData = { result: SubmissionResult<string[]>; report: ImportReport | null; issues: string[]; moreIssues: number }

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAdmin(request)
	return null
}

/** A refusal of the file before the form could be read (too large to read, or not a form at all). */
const refuseFile = (error: string, status: number) => data<ActionData>({ result: { status: 'error', error: { file: [error] } }, report: null, issues: [], moreIssues: 0 }, { status })

export async function action({ request }: ActionFunctionArgs) {
	const auth = await requireAdmin(request)
	if (Number(request.headers.get('Content-Length') ?? 0) > MAX_BYTES + 64 * 1024) return refuseFile(FILE_TOO_LARGE, 413)
	let form: FormData
	try {
		form = await request.formData()
	} catch {
		return refuseFile(NO_FILE, 400)
	}
	const submission = parseWithZod(form, { schema: NetworkImportSchema })
	if (submission.status !== 'success') {
		const file = form.get('file')
		return data<ActionData>({ result: submission.reply(), report: null, issues: [], moreIssues: 0 }, { status: file instanceof File && file.size > MAX_BYTES ? 413 : 400 })
	}
	const { file, dryRun } = submission.value
	const text = new TextDecoder('utf-8', { fatal: false }).decode(await file.arrayBuffer())
	if (text.includes('\uFFFD')) {
		return data<ActionData>(
			{ result: submission.reply({ fieldErrors: { file: ['The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.'] } }), report: null, issues: [], moreIssues: 0 },
			{ status: 400 },
		)
	}

	const result = await importNetwork(text, { dryRun, actorId: auth.user.id })
	if (!result.ok) {
		return data<ActionData>(
			{ result: submission.reply(), report: null, issues: result.issues.slice(0, SHOWN_ISSUES).map(formatIssue), moreIssues: Math.max(0, result.issues.length - SHOWN_ISSUES) },
			{ status: 422 },
		)
	}
	return data<ActionData>({ result: submission.reply(), report: result.report, issues: [], moreIssues: 0 })
}

export default function ImportTherapists() {
	const actionData = useActionData<typeof action>() as ActionData | undefined
	const navigation = useNavigation()
	const report = actionData?.report
	const [form, fields] = useForm({
		id: 'network-import',
		lastResult: navigation.state === 'idle' ? actionData?.result : undefined,
		defaultValue: { dryRun: 'on' },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: NetworkImportSchema }),
	})
	return (
		<div className="mx-auto max-w-3xl space-y-8 px-4 py-12">
			<PageHeader
				title="Import therapists"
				description={
					<p>
						A CSV file with one therapist per row, in the format of the network import (docs/product.md §8.1; a sample is in <code className="break-all">docs/sample-therapists.csv</code>). Therapists
						are matched by email: new ones are added and emailed a link to choose a password, existing ones are updated. The whole file is imported, or nothing.
					</p>
				}
			/>

			{report ? <Notice tone="success">{importReportText(report)}</Notice> : null}
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
				<Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="space-y-5">
					<div className="space-y-1">
						<label htmlFor={fields.file.id} className="block text-sm font-medium text-slate-900">
							CSV file (UTF-8, at most 5 MB)
						</label>
						<input {...getInputProps(fields.file, { type: 'file' })} required accept=".csv,text/csv" className="block w-full text-sm" />
						<ErrorList id={fields.file.errorId} errors={fields.file.errors} />
					</div>
					<label className="flex items-center gap-2 text-sm">
						<input {...getInputProps(fields.dryRun, { type: 'checkbox' })} />
						Dry run: check the file and report, without changing anything
					</label>
					<FormError id={form.errorId} errors={form.errors} />
					<SubmitButton pending={navigation.state === 'submitting'}>Check and import</SubmitButton>
				</Form>
			</Card>
		</div>
	)
}

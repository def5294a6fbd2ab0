// A table on wide screens and a list of cards on a phone, from one description of the columns, so
// that no page scrolls sideways. Only one of the two is displayed (the other is display: none, so
// assistive technology meets one of them).
import { type ReactNode } from 'react'

export type Column<Row> = {
	header: string
	cell: (row: Row) => ReactNode
	/** Shown as the card's heading on a phone instead of as a labelled line. */
	primary?: boolean
	/** Visually hidden header (for a column of actions). */
	hideHeader?: boolean
	className?: string
}

export function ResponsiveTable<Row>({
	caption,
	columns,
	rows,
	rowKey,
	captionHidden = true,
}: {
	caption: string
	columns: readonly Column<Row>[]
	rows: readonly Row[]
	rowKey: (row: Row) => string
	captionHidden?: boolean
}) {
	const primary = columns.find((column) => column.primary)
	const rest = columns.filter((column) => column !== primary)
	return (
		<>
			<table className="hidden w-full text-left text-sm md:table">
				<caption className={captionHidden ? 'sr-only' : 'mb-2 text-left font-medium'}>{caption}</caption>
				<thead className="border-b border-slate-300 text-slate-700">
					<tr>
						{columns.map((column) => (
							<th key={column.header} scope="col" className={`py-2 pr-4 font-medium ${column.className ?? ''}`}>
								{column.hideHeader ? <span className="sr-only">{column.header}</span> : column.header}
							</th>
						))}
					</tr>
				</thead>
				<tbody>
					{rows.map((row) => (
						<tr key={rowKey(row)} className="border-b border-slate-200 align-top">
							{columns.map((column) => (
								<td key={column.header} className={`break-words py-2 pr-4 ${column.className ?? ''}`}>
									{column.cell(row)}
								</td>
							))}
						</tr>
					))}
				</tbody>
			</table>
			<ul aria-label={caption} className="space-y-3 md:hidden">
				{rows.map((row) => (
					<li key={rowKey(row)} className="min-w-0 rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-sm">
						{primary ? <div className="mb-2 break-words font-medium">{primary.cell(row)}</div> : null}
						<dl className="space-y-1">
							{rest.map((column) => (
								<div key={column.header} className="flex flex-wrap gap-x-2">
									{column.hideHeader ? null : <dt className="text-slate-700">{column.header}:</dt>}
									<dd className="min-w-0 break-words">{column.cell(row)}</dd>
								</div>
							))}
						</dl>
					</li>
				))}
			</ul>
		</>
	)
}

// A short status or label on a coloured background. Colour is never the only signal: the text
// says the status, the tone only groups it.
import { cva, type VariantProps } from 'class-variance-authority'
import { type ReactNode } from 'react'

export const pillVariants = cva('inline-flex items-center whitespace-nowrap rounded-full border px-2.5 py-0.5 text-xs font-medium', {
	variants: {
		tone: {
			neutral: 'border-slate-300 bg-slate-100 text-slate-800',
			info: 'border-brand-200 bg-brand-50 text-brand-900',
			success: 'border-green-300 bg-green-50 text-green-900',
			warning: 'border-amber-300 bg-amber-50 text-amber-900',
			danger: 'border-red-300 bg-red-50 text-red-900',
		},
	},
	defaultVariants: { tone: 'neutral' },
})

export type PillTone = NonNullable<VariantProps<typeof pillVariants>['tone']>

export function Pill({ tone, children, className }: { tone?: PillTone; children: ReactNode; className?: string }) {
	return <span className={pillVariants({ tone, className })}>{children}</span>
}

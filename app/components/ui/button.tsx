// Buttons and links that look like buttons: one set of variants for the whole app, so that a
// primary action, a secondary one and a destructive one read the same on every page.
import { Link, type LinkProps } from '@remix-run/react'
import { cva, type VariantProps } from 'class-variance-authority'
import { type ButtonHTMLAttributes, forwardRef } from 'react'

export const buttonVariants = cva(
	'inline-flex items-center justify-center gap-2 rounded font-medium focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 disabled:cursor-not-allowed disabled:opacity-60',
	{
		variants: {
			variant: {
				primary: 'bg-brand-700 text-white hover:bg-brand-800',
				secondary: 'border border-slate-400 bg-white text-slate-900 hover:bg-slate-100',
				danger: 'bg-red-700 text-white hover:bg-red-800',
				'danger-outline': 'border border-red-700 bg-white text-red-800 hover:bg-red-50',
				ghost: 'text-brand-800 underline underline-offset-4 hover:text-brand-900',
			},
			size: {
				sm: 'min-h-9 px-3 py-1.5 text-sm',
				md: 'min-h-11 px-4 py-2',
			},
		},
		defaultVariants: { variant: 'primary', size: 'md' },
	},
)

export type ButtonVariants = VariantProps<typeof buttonVariants>

export const Button = forwardRef<HTMLButtonElement, ButtonHTMLAttributes<HTMLButtonElement> & ButtonVariants>(function Button({ variant, size, className, type = 'button', ...props }, ref) {
	return <button ref={ref} type={type} className={buttonVariants({ variant, size, className })} {...props} />
})

export function ButtonLink({ variant, size, className, ...props }: LinkProps & ButtonVariants) {
	return <Link className={buttonVariants({ variant, size, className })} {...props} />
}

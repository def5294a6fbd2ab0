// Every destructive or final action asks first: the trigger opens an alert dialog that says what
// will happen, and the form inside it does the action. Focus moves into the dialog, Escape or
// "Keep" closes it without doing anything, and focus returns to the trigger.
import * as AlertDialog from '@radix-ui/react-alert-dialog'
import { Form } from '@remix-run/react'
import { type ReactNode, useState } from 'react'
import { Button, type ButtonVariants } from './button.tsx'

export function ConfirmAction({
	trigger,
	triggerVariant = 'secondary',
	triggerSize = 'md',
	title,
	description,
	confirmLabel,
	confirmVariant = 'danger',
	cancelLabel = 'Keep it',
	action,
	fields,
	children,
}: {
	trigger: ReactNode
	triggerVariant?: ButtonVariants['variant']
	triggerSize?: ButtonVariants['size']
	title: string
	description: ReactNode
	confirmLabel: string
	confirmVariant?: ButtonVariants['variant']
	cancelLabel?: string
	/** The route that does the action; the current route when absent. */
	action?: string
	/** Hidden fields sent with the confirmation, such as the action's intent. */
	fields: Record<string, string>
	/** Further fields the action needs (a reason, a note), inside the dialog's form. */
	children?: ReactNode
}) {
	const [open, setOpen] = useState(false)
	return (
		<AlertDialog.Root open={open} onOpenChange={setOpen}>
			<AlertDialog.Trigger asChild>
				<Button variant={triggerVariant} size={triggerSize}>
					{trigger}
				</Button>
			</AlertDialog.Trigger>
			<AlertDialog.Portal>
				<AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/50" />
				<AlertDialog.Content className="fixed left-1/2 top-1/2 z-50 max-h-[90vh] w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-5 shadow-xl">
					<AlertDialog.Title className="text-lg font-semibold text-slate-900">{title}</AlertDialog.Title>
					<AlertDialog.Description asChild>
						<div className="mt-2 text-slate-700">{description}</div>
					</AlertDialog.Description>
					<Form method="post" action={action} className="mt-4 space-y-4" onSubmit={() => setOpen(false)}>
						{Object.entries(fields).map(([name, value]) => (
							<input key={name} type="hidden" name={name} value={value} />
						))}
						{children}
						<div className="flex flex-wrap justify-end gap-2">
							<AlertDialog.Cancel asChild>
								<Button variant="secondary">{cancelLabel}</Button>
							</AlertDialog.Cancel>
							<Button type="submit" variant={confirmVariant}>
								{confirmLabel}
							</Button>
						</div>
					</Form>
				</AlertDialog.Content>
			</AlertDialog.Portal>
		</AlertDialog.Root>
	)
}

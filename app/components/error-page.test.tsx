// @vitest-environment happy-dom
import { useRouteError } from '@remix-run/react'
import { createRemixStub } from '@remix-run/testing'
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, expect, test } from 'vitest'
import { ErrorPage } from './error-page.tsx'

afterEach(cleanup)

function renderError(thrown: unknown, showDetails: boolean) {
	const Stub = createRemixStub([
		{
			path: '/',
			Component: () => null,
			loader: () => {
				throw thrown
			},
			ErrorBoundary: () => <ErrorPage error={useRouteError()} showDetails={showDetails} />,
		},
	])
	render(<Stub />)
}

test('a server error outside development shows a plain message and no stack trace', async () => {
	renderError(new Error('database exploded at db.server.ts:12'), false)
	expect(await screen.findByRole('heading', { level: 1, name: 'Something went wrong on our side' })).toBeTruthy()
	expect(screen.getByText('Error 500')).toBeTruthy()
	expect(document.body.textContent).not.toContain('database exploded')
	expect(document.querySelector('pre')).toBeNull()
	expect(screen.getByRole('link', { name: 'Go to the home page' }).getAttribute('href')).toBe('/')
})

test('in development the stack is shown to help the developer', async () => {
	renderError(new Error('database exploded'), true)
	await screen.findByRole('heading', { level: 1 })
	expect(document.querySelector('pre')?.textContent).toContain('database exploded')
})

test('a 404 response says the page was not found', async () => {
	renderError(new Response('Not found', { status: 404 }), false)
	expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy()
	expect(screen.getByText('Error 404')).toBeTruthy()
})

test('a request the server refused says what was wrong', async () => {
	const refusal = 'What you sent is larger than 1 MB, the most accepted here. Send less and try again.'
	renderError(new Response(JSON.stringify({ refusal }), { status: 413, headers: { 'Content-Type': 'application/json' } }), false)
	expect(await screen.findByRole('heading', { level: 1, name: 'That was too much to send at once' })).toBeTruthy()
	expect(screen.getByText('Error 413')).toBeTruthy()
	expect(screen.getByText(refusal)).toBeTruthy()
})

// The foundation seen by a browser: the landing page, health, the 404 page and accessibility.
import { type Page } from '@playwright/test'
import { expect, test } from './app-server.ts'
import { expectNoSeriousAxeViolations } from './helpers.ts'

function collectConsoleErrors(page: Page) {
	const errors: string[] = []
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text())
	})
	page.on('pageerror', (error) => errors.push(error.message))
	return errors
}

test('the landing page explains Tandem to clinics, therapists and patients, with no console errors', async ({ page }) => {
	const errors = collectConsoleErrors(page)
	const response = await page.goto('/')
	expect(response?.status()).toBe(200)
	await expect(page.getByRole('heading', { level: 1 })).toContainText('ketamine treatment')
	for (const name of ['For ketamine clinics', 'For integration therapists', 'For patients']) {
		await expect(page.getByRole('heading', { level: 2, name })).toBeVisible()
	}
	const nav = page.getByRole('navigation', { name: 'Main' })
	await nav.getByRole('link', { name: 'For therapists' }).click()
	await expect(page).toHaveURL(/#therapists$/)
	await expect(page.getByRole('contentinfo')).toContainText('988')
	// Hydration finished without errors: client-side navigation works.
	await page.waitForLoadState('networkidle')
	expect(errors).toEqual([])
})

test('/healthz reports a healthy embedded database', async ({ request }) => {
	const response = await request.get('/healthz')
	expect(response.status()).toBe(200)
	expect(response.headers()['content-type']).toContain('application/json')
	expect(await response.json()).toMatchObject({ status: 'ok', database: { kind: 'embedded', ok: true } })
})

test('an unknown address gets an accessible 404 page with a way home, and no stack trace', async ({ page }) => {
	const response = await page.goto('/no/such/page')
	expect(response?.status()).toBe(404)
	await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
	await expect(page.locator('pre')).toHaveCount(0)
	await page.getByRole('link', { name: 'Go to the home page' }).click()
	await expect(page).toHaveURL(/\/$/)
	await expect(page.getByRole('heading', { level: 1 })).toContainText('ketamine treatment')
})

test('every response carries the basic security headers', async ({ request }) => {
	const response = await request.get('/')
	const headers = response.headers()
	expect(headers['x-content-type-options']).toBe('nosniff')
	expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
	expect(headers['x-frame-options']).toBe('DENY')
	expect(headers['x-powered-by']).toBeUndefined()
})

for (const path of ['/', '/no/such/page']) {
	test(`axe finds no serious or critical accessibility violations on ${path}`, async ({ page }) => {
		await page.goto(path)
		await expectNoSeriousAxeViolations(page)
	})
}

test('a malformed address gets a plain 400 page, not a server error', async ({ request }) => {
	const response = await request.get('/%E0%A4%A')
	expect(response.status()).toBe(400)
	const body = await response.text()
	expect(body).toContain('That address could not be understood')
	expect(body).not.toMatch(/\bat .*\.(js|ts):\d+/)
})

test('/healthz refuses other methods with 405 and says which it accepts', async ({ request, baseURL }) => {
	const response = await request.post('/healthz', { headers: { Origin: new URL(baseURL!).origin } })
	expect(response.status()).toBe(405)
	expect(response.headers()['allow']).toBe('GET, HEAD')
	expect((await response.json()).error).toContain('GET only')
})

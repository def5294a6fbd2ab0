// Accounts in a browser: sign up, confirm through the development outbox, log out and in, and a
// demo log-in — with no console errors and no Content-Security-Policy violations on the way.
import { expect, test } from './app-server.ts'
import { watchConsole } from './helpers.ts'

test('sign up, confirm the email from the outbox, log out, log in', async ({ page }) => {
	const problems = watchConsole(page)
	const email = `e2e.${Date.now()}@example.org`
	const password = 'a long and memorable passphrase'

	await page.goto('/signup')
	await page.getByLabel('Your name').fill('Robin Example')
	await page.getByLabel('Email address').fill(email)
	await page.getByLabel('Password').fill(password)
	await expect(page.getByText('Strength:')).toBeVisible()
	await page.getByRole('button', { name: 'Create account' }).click()
	await expect(page).toHaveURL(/\/verify-email\?sent=1$/)
	await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible()

	// Not yet confirmed: logging in is refused with a clear message.
	await page.goto('/login')
	await page.getByLabel('Email address').fill(email)
	await page.getByLabel('Password').fill(password)
	await page.getByRole('button', { name: 'Log in' }).click()
	await expect(page.getByRole('alert')).toContainText('confirm your email address first')

	await page.goto('/dev/outbox')
	const message = page.getByRole('listitem').filter({ hasText: email }).filter({ hasText: 'Confirm your email address' }).first()
	await message.getByRole('link', { name: /verify-email\?token=/ }).click()
	await page.getByRole('button', { name: 'Confirm my email address' }).click()
	await expect(page).toHaveURL(/\/account\?verified=1$/)
	await expect(page.getByText('Your email address is confirmed')).toBeVisible()
	await expect(page.getByRole('heading', { name: 'Where you are signed in' })).toBeVisible()
	await expect(page.getByText('This browser', { exact: true })).toBeVisible()

	await page.getByRole('button', { name: 'Log out', exact: true }).click()
	await expect(page).toHaveURL(/\/$/)
	await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible()
	await page.goto('/account')
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/)

	await page.getByLabel('Email address').fill(email)
	await page.getByLabel('Password').fill(password)
	await page.getByRole('button', { name: 'Log in' }).click()
	await expect(page).toHaveURL(/\/account$/)
	expect(problems).toEqual([])
})

test('a wrong password is answered on the page, without saying whether the account exists', async ({ page }) => {
	await page.goto('/login')
	await page.getByLabel('Email address').fill('tx.admin@tandem.example')
	await page.getByLabel('Password').fill('definitely not it')
	await page.getByRole('button', { name: 'Log in' }).click()
	await expect(page.getByRole('alert')).toHaveText('That email address and password do not match an account.')
	await expect(page).toHaveURL(/\/login$/)
})

test("a demo clinic admin logs in and lands on their clinic's home", async ({ page }) => {
	const problems = watchConsole(page)
	await page.goto('/login')
	await page.getByLabel('Email address').fill('tx.admin@tandem.example')
	await page.getByLabel('Password').fill('tandem-demo-2026')
	await page.getByRole('button', { name: 'Log in' }).click()
	await expect(page).toHaveURL(/\/home$/)
	await expect(page.getByRole('heading', { level: 1, name: 'What needs you now' })).toBeVisible()
	await expect(page.getByRole('link', { name: 'New referral' })).toBeVisible()
	await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' })).toBeVisible()
	await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'For clinics' })).toHaveCount(0)
	expect(problems).toEqual([])
})

test('a form posted from another site is refused and changes nothing', async ({ request }) => {
	const response = await request.post('/signup', {
		headers: { Origin: 'https://evil.example' },
		form: { name: 'Eve', email: 'eve@example.org', password: 'a long and memorable passphrase' },
	})
	expect(response.status()).toBe(403)
	expect(await response.text()).toContain('sent from another site')
})

test('the development outbox lists emails with clickable links', async ({ page }) => {
	await page.goto('/dev/outbox')
	await expect(page.getByRole('heading', { level: 1, name: 'Development outbox' })).toBeVisible()
})

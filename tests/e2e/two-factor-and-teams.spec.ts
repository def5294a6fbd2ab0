// Two-factor sign-in and clinic teams in a browser: set up TOTP and log in with it; the demo
// platform admin's required code; a clinic admin invites a coordinator, who joins from the
// emailed link. No console errors or CSP violations, and axe finds nothing serious on the way.
import { expect, test } from './app-server.ts'
import { DEMO_PASSWORD, demoAdminCode, expectNoSeriousAxeViolations, logIn, openLatestEmailLink, pinTotpStep, startSession, totpAt, watchConsole } from './helpers.ts'

test('sign up, confirm, set up two-factor, log out, and log in with a code', async ({ page }) => {
	const problems = watchConsole(page)
	const email = `totp.${Date.now()}@example.org`
	const password = 'a long and memorable passphrase'

	await page.goto('/signup')
	await page.getByLabel('Your name').fill('Tess Totp')
	await page.getByLabel('Email address').fill(email)
	await page.getByLabel('Password').fill(password)
	await page.getByRole('button', { name: 'Create account' }).click()
	await expect(page).toHaveURL(/\/verify-email\?sent=1$/)
	await openLatestEmailLink(page, email, 'Confirm your email address', /verify-email\?token=/)
	await page.getByRole('button', { name: 'Confirm my email address' }).click()
	await expect(page).toHaveURL(/\/account\?verified=1$/)

	await page.getByRole('link', { name: 'Set up two-factor sign-in' }).click()
	await expect(page.getByRole('heading', { name: 'Set up two-factor sign-in' })).toBeVisible()
	await expect(page.getByRole('img', { name: /QR code for your authenticator app/ })).toBeVisible()
	await expectNoSeriousAxeViolations(page)
	const key = (await page.getByTestId('totp-key').textContent())!

	// The server checks codes against a clock pinned to a step of the test's choosing (no waiting for the next).
	const setUpStep = await pinTotpStep(page)
	// A wrong code keeps the same key on the page.
	await page.getByLabel('Enter the 6-digit code the app shows').fill(String((Number(totpAt(key, setUpStep)) + 1) % 1_000_000).padStart(6, '0'))
	await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click()
	await expect(page.getByText('That code does not match.')).toBeVisible()
	await expect(page.getByTestId('totp-key')).toHaveText(key)

	await page.getByLabel('Enter the 6-digit code the app shows').fill(totpAt(key, setUpStep))
	await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click()
	await expect(page.getByRole('heading', { name: 'Save your recovery codes' })).toBeVisible()
	await expect(page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')).toHaveCount(10)
	await page.getByRole('link', { name: 'I have saved them — continue' }).click()
	await expect(page.getByText('On. After your password, Tandem asks for a code')).toBeVisible()

	await page.getByRole('button', { name: 'Log out', exact: true }).click()
	await logIn(page, email, password)
	await expect(page).toHaveURL(/\/login\/two-factor\?redirectTo=%2Fhome$/)
	await expectNoSeriousAxeViolations(page)
	// Only logging out is offered until the code is given.
	await expect(page.getByRole('link', { name: 'Account' })).toHaveCount(0)
	await page.goto('/account')
	await expect(page).toHaveURL(/\/login\/two-factor\?redirectTo=%2Faccount$/)

	await page.getByLabel('Code', { exact: true }).fill('000000')
	await page.getByRole('button', { name: 'Continue' }).click()
	await expect(page.getByText('That code is not right.')).toBeVisible()
	// The code that turned it on is spent; the next step's code is good.
	await page.getByLabel('Code', { exact: true }).fill(totpAt(key, setUpStep))
	await page.getByRole('button', { name: 'Continue' }).click()
	await expect(page.getByText('That code has just been used.')).toBeVisible()
	await page.getByLabel('Code', { exact: true }).fill(totpAt(key, await pinTotpStep(page)))
	await page.getByRole('button', { name: 'Continue' }).click()
	await expect(page).toHaveURL(/\/account$/)
	await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible()
	expect(problems).toEqual([])
})

test('the demo platform admin gives a code after the password, then works the verification queue', async ({ page }) => {
	const problems = watchConsole(page)
	await logIn(page, 'admin@tandem.example', DEMO_PASSWORD)
	await expect(page).toHaveURL(/\/login\/two-factor/)
	await page.getByRole('link', { name: 'I cannot use my authenticator app' }).click()
	await expect(page.getByLabel('Recovery code')).toBeVisible()
	await page.getByRole('link', { name: 'Use a code from my authenticator app' }).click()
	await expect(page.getByLabel('Recovery code')).toHaveCount(0)
	await page.getByLabel('Code', { exact: true }).fill(await demoAdminCode(page))
	await page.getByRole('button', { name: 'Continue' }).click()
	await expect(page).toHaveURL(/\/home$/)
	await expect(page.getByRole('heading', { level: 1, name: 'Platform overview' })).toBeVisible()
	await expect(page.getByRole('region', { name: /^Credentials waiting for review/ })).toBeVisible()
	await page.goto('/account')
	await expect(page.getByText('Platform admins must keep two-factor sign-in on.')).toHaveCount(0)
	await expect(page.getByRole('button', { name: 'Turn off two-factor sign-in' })).toHaveCount(0)

	// The verification queue: the demo network has pending credentials to check.
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Verification' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Verification queue' })).toBeVisible()
	await expectNoSeriousAxeViolations(page)
	const first = page.getByRole('article').first()
	const title = await first.getByRole('heading').textContent()
	await first.getByRole('button', { name: /^Reject/ }).click()
	// Rejecting asks for the reason in a dialog; without one it is refused.
	await page.getByRole('alertdialog').getByRole('button', { name: 'Reject the credential' }).click()
	await expect(page.getByRole('alert').filter({ hasText: 'Say why it is rejected' })).toBeVisible()
	await page
		.getByRole('article')
		.filter({ hasText: title! })
		.getByRole('button', { name: /^Verify/ })
		.click()
	await expect(page.getByText('Verified. It counts from now on.')).toBeVisible()
	await expect(page.getByRole('heading', { name: title! })).toHaveCount(0)
	expect(problems).toEqual([])
})

test('a clinic admin invites a coordinator, who joins from the emailed link and cannot manage the team', async ({ page }) => {
	const problems = watchConsole(page)
	const invitee = `coordinator.${Date.now()}@example.org`
	await startSession(page, 'tx.admin@tandem.example')
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team' }).click()
	await expect(page.getByRole('heading', { name: 'Team' })).toBeVisible()
	await expectNoSeriousAxeViolations(page)

	await page.getByLabel('Email address').fill('not an email')
	await page.getByRole('button', { name: 'Send invitation' }).click()
	await expect(page.getByText('Enter an email address like name@example.com.')).toBeVisible()
	await page.getByLabel('Email address').fill(invitee)
	await page.getByLabel(/^Coordinator/).check()
	await page.getByRole('button', { name: 'Send invitation' }).click()
	await expect(page.getByText(`Invitation sent to ${invitee}.`)).toBeVisible()
	await expect(page.getByRole('region', { name: 'Pending invitations' })).toContainText(invitee)
	await page.getByRole('button', { name: 'Log out', exact: true }).click()

	await openLatestEmailLink(page, invitee, 'You are invited to join', /invitation\?token=/)
	await expect(page.getByRole('heading', { name: 'Join a clinic' })).toBeVisible()
	await expectNoSeriousAxeViolations(page)
	await page.getByLabel('Your name').fill('Casey Coordinator')
	await page.getByLabel('Password').fill('another long passphrase here')
	await page.getByRole('button', { name: 'Create account and join' }).click()
	await expect(page).toHaveURL(/\/clinics\/[^/]+\/members\?joined=1$/)
	await expect(page.getByRole('cell', { name: 'Casey Coordinator (you)' })).toBeVisible()
	await expect(page.getByRole('button', { name: /^Remove/ })).toHaveCount(0)
	await expect(page.getByRole('button', { name: 'Send invitation' })).toHaveCount(0)
	expect(problems).toEqual([])
})

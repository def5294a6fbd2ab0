// The browser entry: Remix's default, plus the page's CSP nonce handed to `get-nonce`, which the
// dialogs' scroll lock (react-remove-scroll) reads when it adds its <style> element. Without it the
// strict style-src policy refuses that element and the page behind an open dialog scrolls.
import { RemixBrowser } from '@remix-run/react'
import { setNonce } from 'get-nonce'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'

const nonce = document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce
if (nonce) setNonce(nonce)

startTransition(() => {
	hydrateRoot(
		document,
		<StrictMode>
			<RemixBrowser />
		</StrictMode>,
	)
})

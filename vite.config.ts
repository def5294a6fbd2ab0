import { vitePlugin as remix } from '@remix-run/dev'
import tailwindcss from '@tailwindcss/vite'
import { defineConfig } from 'vite'

declare module '@remix-run/node' {
	interface Future {
		v3_singleFetch: true
	}
}

export default defineConfig({
	// The manifest (build/client/.vite/manifest.json, a dot-directory express.static does not serve)
	// says which chunks each route loads: scripts/check-js-budget.ts reads it.
	build: { target: 'es2022', sourcemap: false, manifest: true },
	server: { hmr: { port: Number(process.env.HMR_PORT ?? 24678) } },
	// Vite's dependency scan follows imports into *.server.ts modules, which never reach the
	// browser; argon2's browser build needs a WASM package we do not install, so skip it.
	optimizeDeps: { exclude: ['@node-rs/argon2'] },
	plugins: [
		tailwindcss(),
		remix({
			future: {
				v3_fetcherPersist: true,
				v3_relativeSplatPath: true,
				v3_throwAbortReason: true,
				v3_singleFetch: true,
				v3_lazyRouteDiscovery: true,
				v3_routeConfig: true,
			},
		}),
	],
})

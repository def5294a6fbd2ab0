// One value per process, even when Vite's dev server or the server bundle load a module twice.
const store = ((globalThis as unknown as { __tandemSingletons?: Map<string, unknown> }).__tandemSingletons ??= new Map<string, unknown>())

export function remember<T>(name: string, create: () => T): T {
	if (!store.has(name)) store.set(name, create())
	return store.get(name) as T
}

export function peek<T>(name: string): T | undefined {
	return store.get(name) as T | undefined
}

export function forget(name: string) {
	store.delete(name)
}

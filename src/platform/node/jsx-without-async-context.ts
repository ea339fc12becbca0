import { jsx } from 'hono/jsx';

/**
 * hono/jsx carries JSX context values (createContext/useContext) across `await` with an AsyncLocalStorage, which it
 * looks for once, at its first render, through process.getBuiltinModule. On Node 20 the first
 * AsyncLocalStorage.run turns promise hooks on for the whole process, for good, so that every promise of every
 * request pays for them from then on (about 6% of a chat turn). Mingbai's pages use no JSX context
 * (test/unit/jsx-without-async-context.test.ts checks), so hono/jsx is left to render as it does on a runtime
 * without AsyncLocalStorage: its first render here runs while node:async_hooks offers none. Call before serving.
 */
export function renderJsxWithoutAsyncContext(): void {
  const getBuiltinModule = process.getBuiltinModule;
  process.getBuiltinModule = ((id: string) =>
    id === 'node:async_hooks'
      ? { ...getBuiltinModule(id), AsyncLocalStorage: undefined }
      : getBuiltinModule(id)) as typeof getBuiltinModule;
  try {
    String(jsx('i', {}));
  } finally {
    process.getBuiltinModule = getBuiltinModule;
  }
}

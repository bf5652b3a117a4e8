export default async function globalTeardown(): Promise<void> {
  const handles =
    (globalThis as { __TEST_HANDLES__?: Array<{ stop(): Promise<unknown> }> }).__TEST_HANDLES__ ?? [];
  await Promise.all(handles.map((h) => h.stop().catch(() => undefined)));
}

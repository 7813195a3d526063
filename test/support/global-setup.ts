// Placeholder: the Temporal dev server for integration tests is started here (work in progress).
export default async function setup(): Promise<void> {}

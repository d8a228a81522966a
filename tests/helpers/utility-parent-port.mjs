// Loaded with --import into the fake utility process (fake-utility-process.ts): gives it what
// Electron gives a utility process, `process.parentPort`, over Node's IPC channel.
process.parentPort = {
  once: (event, listener) => process.once(event, (data) => listener({ data })),
  on: (event, listener) => process.on(event, (data) => listener({ data }))
}

// The first module of the demo hub's Electron utility process (issue 12). A utility process has no
// stdin, so the console posts the hub's token line instead; this puts it on a stand-in
// `process.stdin` and then starts the hub program (argv[2]) with its own arguments, unchanged: the
// hub reads its token with `--token-stdin` exactly as under plain node. Built to out/hub/entry.mjs.
import { Readable } from 'node:stream'
import { pathToFileURL } from 'node:url'

type ParentPort = { once(event: 'message', listener: (e: { data: unknown }) => void): void }

const port = (process as unknown as { parentPort?: ParentPort }).parentPort
const [program, ...rest] = process.argv.slice(2)
if (port === undefined || program === undefined) {
  process.stderr.write('demo-hub-entry runs in a utility process, with the hub program as its first argument\n')
  process.exit(2)
} else {
  port.once('message', (e) => {
    const line = typeof e.data === 'string' ? e.data : ''
    Object.defineProperty(process, 'stdin', { value: Readable.from([line]), configurable: true })
    // The hub parses process.argv.slice(2): make it its own command line.
    process.argv = [process.argv[0] ?? 'node', program, ...rest]
    import(pathToFileURL(program).href).catch((err: unknown) => {
      process.stderr.write(`could not start the demo hub: ${String(err)}\n`)
      process.exit(1)
    })
  })
}

// `npm start` / `npm run start:web`: runs the console in Electron when its runtime is installed,
// otherwise (or with --web) in browser mode on the local web host. Builds the UI first when
// out/ is missing or older than the sources. Other flags (--hub URL --port P --data DIR --token-file F)
// and env (GCC_HUB_URL, GCC_HUB_TOKEN, GCC_PORT, GCC_DATA_DIR) pass through; tokens never go in argv.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const webOnly = args.includes('--web')
const forwarded = args.filter((a) => a !== '--web')

/** The Electron binary, or null when the package's download never happened (as on these PCs). */
function electronBinary() {
  const dir = path.join(root, 'node_modules', 'electron')
  const pathFile = path.join(dir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const bin = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(bin) ? bin : null
}

/** Newest modification time of any file under these folders. */
function newest(folders) {
  let latest = 0
  const walk = (p) => {
    let info
    try {
      info = statSync(p)
    } catch {
      return
    }
    if (info.isDirectory()) for (const name of readdirSync(p)) walk(path.join(p, name))
    else latest = Math.max(latest, info.mtimeMs)
  }
  for (const f of folders) walk(path.join(root, f))
  return latest
}

function builtAt(file) {
  const p = path.join(root, file)
  return existsSync(p) ? statSync(p).mtimeMs : 0
}

function ensureBuilt(electron) {
  const sources = newest(['src-renderer', 'src-shared', ...(electron ? ['src-main'] : [])])
  const outputs = electron
    ? Math.min(builtAt('out/renderer/index.html'), builtAt('out/main/index.js'), builtAt('out/preload/index.cjs'))
    : builtAt('out/renderer/index.html')
  if (outputs > sources) return
  console.log('Building the console UI (npx electron-vite build)…')
  const run = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' })
  if (run.status !== 0) {
    console.error('The build failed; see the messages above.')
    process.exit(run.status ?? 1)
  }
}

/** Runs a child with our stdio, passes Ctrl+C / SIGTERM on, and exits with its code. */
function runChild(command, childArgs) {
  const child = spawn(command, childArgs, { cwd: root, stdio: 'inherit', env: process.env })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

const electron = webOnly ? null : electronBinary()
if (!webOnly && !electron) {
  console.log('Electron runtime not found on this PC; serving the console in browser mode instead.')
}
ensureBuilt(Boolean(electron))
if (electron) runChild(electron, ['.', ...forwarded])
else runChild(process.execPath, ['--import', 'tsx', 'src-main/web/cli.ts', ...forwarded])

// Electron's start options from argv and env: the hub (--hub or GCC_HUB_URL, GCC_HUB_TOKEN; never --token)
// and the data folder. Lenient about other arguments: Electron and Chromium add their own.
import type { SettingOverride } from '../../src-shared/api'

export type ElectronConfig = {
  hub: { url: string; token: string } | null
  dataDir: string
  demoRate: number
  /** --demo / GCC_DEMO=1: the demo hub without the first-run screen. */
  demo: boolean
  /** What flags and env set instead of the settings file, for the settings panel to say so. */
  overrides: SettingOverride[]
}

export function electronConfig(argv: readonly string[], env: NodeJS.ProcessEnv, userDataDir: string): ElectronConfig {
  const flag = (name: string): string | undefined => {
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i] ?? ''
      if (a === `--${name}`) return argv[i + 1]
      if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3)
    }
    return undefined
  }
  // A token in argv is readable by every local user in `ps` (issue 15): refused, with where to put it.
  if (argv.some((a) => a === '--token' || a.startsWith('--token='))) {
    throw new Error(
      '--token would put the hub token on the command line, where every local user sees it (ps); it is not accepted. Set GCC_HUB_TOKEN, or enter the token in the settings panel (kept sealed by the OS)'
    )
  }
  const url = flag('hub') ?? env.GCC_HUB_URL
  const token = env.GCC_HUB_TOKEN
  if (url && !/^https?:\/\/\S+$/.test(url)) throw new Error(`--hub must be an http(s) URL, got '${url}'`)
  if (url && !token) throw new Error('--hub needs GCC_HUB_TOKEN for that hub')
  const rate = Number(flag('demo-rate') ?? '0.5')
  const demo = argv.includes('--demo') || env.GCC_DEMO === '1'
  const overrides: SettingOverride[] = []
  if (url) {
    overrides.push({ field: 'hub', source: flag('hub') ? '--hub' : 'GCC_HUB_URL' })
    overrides.push({ field: 'token', source: 'GCC_HUB_TOKEN' })
  } else if (demo) overrides.push({ field: 'demo', source: argv.includes('--demo') ? '--demo' : 'GCC_DEMO' })
  const dataFlag = flag('data')
  if (dataFlag ?? env.GCC_DATA_DIR) overrides.push({ field: 'dataDir', source: dataFlag ? '--data' : 'GCC_DATA_DIR' })
  return {
    hub: url && token ? { url, token } : null,
    dataDir: dataFlag ?? env.GCC_DATA_DIR ?? userDataDir,
    demoRate: Number.isFinite(rate) && rate >= 0 ? rate : 0.5,
    demo: demo && !url,
    overrides
  }
}
